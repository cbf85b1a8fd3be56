from django.apps import AppConfig


class MattersConfig(AppConfig):
    name = "casedesk.web.matters"
    label = "matters"
    default_auto_field = "django.db.models.BigAutoField"
