from typing import Any

from django.apps import AppConfig


def _suggest_on_text_ready(sender: Any, version: Any, **kwargs: Any) -> None:
    # Imported when a document is read, not when Django starts: the services pull in the
    # chronology core (CSV, timeline) that most processes never use.
    from casedesk.web.chronology.services import suggest_on_text_ready

    suggest_on_text_ready(sender, version, **kwargs)


class ChronologyConfig(AppConfig):
    name = "casedesk.web.chronology"
    label = "chronology"
    verbose_name = "Fact chronologies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casedesk.web.documents.signals import text_ready

        text_ready.connect(_suggest_on_text_ready, dispatch_uid="chronology-suggest")
