from django.apps import AppConfig


class ProductionsConfig(AppConfig):
    name = "casedesk.web.productions"
    label = "productions"
    verbose_name = "Productions and binders"
    default_auto_field = "django.db.models.BigAutoField"
