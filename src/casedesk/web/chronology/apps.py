from django.apps import AppConfig


class ChronologyConfig(AppConfig):
    name = "casedesk.web.chronology"
    label = "chronology"
    verbose_name = "Fact chronologies"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from casedesk.web.chronology.services import suggest_on_text_ready
        from casedesk.web.documents.signals import text_ready

        text_ready.connect(suggest_on_text_ready, dispatch_uid="chronology-suggest")
