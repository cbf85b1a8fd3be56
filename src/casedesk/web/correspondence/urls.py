"""URLs of the correspondence app (mounted at /correspondence/)."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.correspondence import views_email, views_import, views_log

app_name = "correspondence"

urlpatterns: list[URLPattern | URLResolver] = [
    # A matter's log (<pk> is the matter), and one entry (<pk> is the communication).
    path("matter/<int:pk>/", views_log.matter_log, name="log"),
    path("matter/<int:pk>/log/", views_log.log_new, name="log_new"),
    path("<int:pk>/edit/", views_log.entry_edit, name="edit"),
    path("<int:pk>/delete/", views_log.entry_delete, name="delete"),
    # Writing an e-mail from a matter.
    path("matter/<int:pk>/email/", views_email.compose, name="email"),
    # Importing an .eml/.msg: upload (any matter, or this matter), then review and file.
    path("import/", views_import.import_upload, name="import"),
    path("matter/<int:pk>/import/", views_import.matter_import_upload, name="matter_import"),
    path("import/<str:token>/", views_import.import_review, name="import_review"),
]
