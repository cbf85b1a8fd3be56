"""URLs of the documents app (mounted at /documents/)."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.documents import views_document, views_files, views_search

app_name = "documents"
urlpatterns: list[URLPattern | URLResolver] = []

# A matter's case file: index, upload, bulk actions, exports, hold (views_files).
urlpatterns += [
    path("matter/<int:pk>/", views_files.case_file, name="case_file"),
    path("matter/<int:pk>/upload/", views_files.upload, name="upload"),
    path("matter/<int:pk>/bulk/", views_files.bulk, name="bulk"),
    path("matter/<int:pk>/index.csv", views_files.export_csv, name="export_csv"),
    path("matter/<int:pk>/index.pdf", views_files.export_pdf, name="export_pdf"),
    path("matter/<int:pk>/hold/", views_files.matter_hold, name="matter_hold"),
    path("matter/<int:pk>/summary/", views_files.matter_summary, name="matter_summary"),
    path("holds/<int:pk>/release/", views_files.hold_release_view, name="hold_release"),
]

# One document: page, downloads, versions, check-out, hold, trash, proposals (views_document).
urlpatterns += [
    path("<int:pk>/", views_document.document_detail, name="detail"),
    path("<int:pk>/edit/", views_document.document_edit, name="edit"),
    path("<int:pk>/status/", views_document.document_status, name="status"),
    path("<int:pk>/download/", views_document.download, name="download"),
    path("<int:pk>/searchable/", views_document.download_searchable, name="download_searchable"),
    path("<int:pk>/view/", views_document.view_inline, name="view"),
    path("<int:pk>/versions/new/", views_document.version_new, name="version_new"),
    path("<int:pk>/check-out/", views_document.check_out, name="check_out"),
    path("<int:pk>/release/", views_document.release, name="release"),
    path("<int:pk>/hold/", views_document.document_hold, name="document_hold"),
    path("<int:pk>/trash/", views_document.trash_document, name="trash_document"),
    path("<int:pk>/untrash/", views_document.untrash, name="untrash"),
    path("<int:pk>/purge/", views_document.purge, name="purge"),
    path("versions/<int:pk>/download/", views_document.version_download, name="version_download"),
    path("versions/<int:pk>/restore/", views_document.version_restore_view, name="version_restore"),
    path(
        "proposals/<int:pk>/confirm/", views_document.proposal_confirm_view, name="proposal_confirm"
    ),
    path(
        "proposals/<int:pk>/dismiss/", views_document.proposal_dismiss_view, name="proposal_dismiss"
    ),
]

# Search, trash, categories (views_search).
urlpatterns += [
    path("search/", views_search.search, name="search"),
    path("trash/", views_search.trash, name="trash"),
    path("categories/", views_search.categories, name="categories"),
]
