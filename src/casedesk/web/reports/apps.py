from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "casedesk.web.reports"
    label = "reports"
    verbose_name = "Case reports and the matter dashboard"
    default_auto_field = "django.db.models.BigAutoField"
