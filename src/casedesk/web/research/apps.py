from django.apps import AppConfig


class ResearchConfig(AppConfig):
    name = "casedesk.web.research"
    label = "research"
    verbose_name = "Research"
    default_auto_field = "django.db.models.BigAutoField"
