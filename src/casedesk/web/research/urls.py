"""URLs of the research app (mounted at /research/)."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.research import views_search, views_work

app_name = "research"
urlpatterns: list[URLPattern | URLResolver] = []

# The library (views_search): firm-wide, any signed-in user; saving needs a visible matter.
urlpatterns += [
    path("", views_search.search, name="search"),
    path("opinions/<int:pk>/", views_search.opinion, name="opinion"),
    path("opinions/<int:pk>/save/", views_search.opinion_save, name="opinion_save"),
    path("lookup/", views_search.lookup, name="lookup"),
    path("cited-by/", views_search.cited_by, name="cited_by"),
]

# Imports (firm-wide; writers), cite-checks and authorities (matter-bound) (views_work).
urlpatterns += [
    path("import/", views_work.import_page, name="import"),
    path("import/<int:pk>/", views_work.job_detail, name="job"),
    path("import/<int:pk>/status/", views_work.job_status, name="job_status"),
    path("import/<int:pk>/resume/", views_work.job_resume, name="job_resume"),
    path("import/<int:pk>/cancel/", views_work.job_cancel, name="job_cancel"),
    path("cite-check/", views_work.cite_check_page, name="cite_check"),
    path("cite-check/<int:pk>/", views_work.cite_check_report, name="cite_check_report"),
    path("cite-check/<int:pk>/status/", views_work.cite_check_status, name="cite_check_status"),
    path("cite-check/<int:pk>/report.json", views_work.report_json, name="report_json"),
    path("cite-check/<int:pk>/report.html", views_work.report_html, name="report_html"),
    path("cite-check/<int:pk>/report.pdf", views_work.report_pdf, name="report_pdf"),
    path("matter/<int:pk>/authorities/", views_work.authorities, name="authorities"),
    path("authorities/<int:pk>/edit/", views_work.authority_edit, name="authority_edit"),
    path("authorities/<int:pk>/delete/", views_work.authority_remove, name="authority_delete"),
]
