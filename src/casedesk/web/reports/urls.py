"""URLs of the reports app (mounted at /reports/): a matter's case report page, a report's
build status and its files."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.reports import views

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    path("matter/<int:pk>/", views.matter_reports_page, name="matter"),
    path("<int:pk>/status/", views.report_status, name="status"),
    path("<int:pk>/report.pdf", views.report_download_pdf, name="pdf"),
    path("<int:pk>/report.docx", views.report_download_docx, name="docx"),
]
