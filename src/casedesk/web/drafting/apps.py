from django.apps import AppConfig


class DraftingConfig(AppConfig):
    name = "casedesk.web.drafting"
    label = "drafting"
    verbose_name = "Drafting"
    default_auto_field = "django.db.models.BigAutoField"
