"""URLs of the table-of-authorities app (mounted at /toa/)."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.toa import views

app_name = "toa"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.start, name="start"),
    path("<int:pk>/", views.review, name="review"),
    path("<int:pk>/status/", views.status, name="status"),
    path("<int:pk>/merge/", views.merge, name="merge"),
    path("<int:pk>/rename/", views.rename, name="rename"),
    path("<int:pk>/move/", views.move, name="move"),
    path("<int:pk>/undo/", views.undo, name="undo"),
    path("<int:pk>/passim/", views.passim, name="passim"),
    path("<int:pk>/toa.json", views.export_json_view, name="export_json"),
    path("<int:pk>/toa.docx", views.export_docx_view, name="export_docx"),
    path("<int:pk>/toa.pdf", views.export_pdf_view, name="export_pdf"),
    path("<int:pk>/pdf/", views.pdf_make, name="pdf_make"),
    path("<int:pk>/pdf/status/", views.pdf_status, name="pdf_status"),
    path("<int:pk>/file/", views.file_to_matter, name="file"),
]
