from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "casedesk.web.correspondence"
    label = "correspondence"
    verbose_name = "Correspondence"
    default_auto_field = "django.db.models.BigAutoField"
