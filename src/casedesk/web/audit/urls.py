"""URLs of the audit app."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.audit import views

app_name = "audit"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.audit_log, name="log"),
    path("verify/", views.verification_start, name="verify"),
    path("verify/<int:pk>/", views.verification_status, name="verification"),
]
