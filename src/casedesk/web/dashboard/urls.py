"""URLs of the dashboard app."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.dashboard import views

app_name = "dashboard"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.dashboard, name="home"),
]
