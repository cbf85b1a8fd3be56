from django.apps import AppConfig


class ContactsConfig(AppConfig):
    name = "casedesk.web.contacts"
    label = "contacts"
    default_auto_field = "django.db.models.BigAutoField"
