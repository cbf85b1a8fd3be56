"""URLs of the transfer app: the Import/Export page."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.transfer import views

app_name = "transfer"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.transfer_page, name="page"),
    path("check/", views.transfer_check, name="check"),
    path("import/", views.transfer_import, name="import"),
    path("export/<str:fmt>/", views.transfer_export, name="export"),
]
