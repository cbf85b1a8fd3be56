from django.apps import AppConfig


class ToaConfig(AppConfig):
    name = "casedesk.web.toa"
    label = "toa"
    verbose_name = "Tables of authorities"
    default_auto_field = "django.db.models.BigAutoField"
