from django.apps import AppConfig


class TrialConfig(AppConfig):
    name = "casedesk.web.trial"
    label = "trial"
    verbose_name = "Exhibits, witnesses and privilege logs"
    default_auto_field = "django.db.models.BigAutoField"
