"""URLs of the chronology app (mounted at /chronology/).

Matter-bound pages take the matter's pk; a fact's, suggestion's, search's or issue's pages
take its own. The table, its CSV export and the timeline read the same filters from the query
string (q, issue, person, material, disputed, date_from, date_to, sort).
"""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.chronology import views, views_work

app_name = "chronology"
urlpatterns: list[URLPattern | URLResolver] = [
    path("matter/<int:pk>/", views.chronology, name="matter"),
    path("matter/<int:pk>/add/", views.fact_add, name="fact_add"),
    path("matter/<int:pk>/bulk/", views.bulk, name="bulk"),
    path("matter/<int:pk>/facts.csv", views.export_csv, name="export_csv"),
    path("matter/<int:pk>/timeline/", views.timeline, name="timeline"),
    path("matter/<int:pk>/timeline.svg", views.timeline_svg_file, name="timeline_svg"),
    path("matter/<int:pk>/timeline.png", views.timeline_png_file, name="timeline_png"),
    path("matter/<int:pk>/by-issue/", views.by_issue, name="by_issue"),
    path("matter/<int:pk>/by-person/", views.by_person, name="by_person"),
    path("matter/<int:pk>/import/", views.import_csv, name="import"),
    path("matter/<int:pk>/import/confirm/", views.import_confirm, name="import_confirm"),
    path("matter/<int:pk>/suggestions/", views_work.suggestions, name="suggestions"),
    path("matter/<int:pk>/suggestions/find/", views_work.suggestions_start, name="suggest"),
    path("facts/<int:pk>/", views.fact_edit, name="fact"),
    path("facts/<int:pk>/delete/", views.fact_remove, name="fact_delete"),
    path("suggestions/<int:pk>/", views_work.suggestion_review, name="suggestion"),
    path(
        "suggestions/<int:pk>/accept/",
        views_work.suggestion_accept_as_is,
        name="suggestion_accept",
    ),
    path("suggestions/<int:pk>/dismiss/", views_work.suggestion_drop, name="suggestion_dismiss"),
    path("runs/<int:pk>/status/", views_work.run_status, name="run_status"),
    path("date/", views.date_preview, name="date_preview"),
    path("issues/", views_work.issues, name="issues"),
    path("issues/<int:pk>/", views_work.issue_edit, name="issue"),
    path("issues/<int:pk>/merge/", views_work.issue_merge_view, name="issue_merge"),
    path("issues/<int:pk>/delete/", views_work.issue_remove, name="issue_delete"),
]
