"""URLs of the trial app (mounted at /trial/).

Matter-bound pages take the matter's pk; an exhibit's, witness's or log entry's pages take
its own; ``privilege/document/<pk>/`` takes the document's. Which proceeding a list shows is
the ``proceeding`` query parameter ("Trial" by default); downloads also take ``party``.
"""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.trial import views_exhibits, views_people, views_privilege

app_name = "trial"
urlpatterns: list[URLPattern | URLResolver] = []

# Exhibits (views_exhibits).
urlpatterns += [
    path("matter/<int:pk>/exhibits/", views_exhibits.exhibits, name="exhibits"),
    path("matter/<int:pk>/exhibits/mark/", views_exhibits.mark, name="mark"),
    path("matter/<int:pk>/exhibits/add/", views_exhibits.add_physical, name="exhibit_add"),
    path("matter/<int:pk>/exhibits/heading/", views_exhibits.heading, name="heading"),
    path(
        "matter/<int:pk>/exhibits/list.docx",
        views_exhibits.exhibit_list_docx,
        name="exhibit_list_docx",
    ),
    path(
        "matter/<int:pk>/exhibits/list.pdf",
        views_exhibits.exhibit_list_pdf,
        name="exhibit_list_pdf",
    ),
    path(
        "matter/<int:pk>/exhibits/list.xlsx",
        views_exhibits.exhibit_list_xlsx,
        name="exhibit_list_xlsx",
    ),
    path(
        "matter/<int:pk>/exhibits/list.csv",
        views_exhibits.exhibit_list_csv,
        name="exhibit_list_csv",
    ),
    path("exhibits/<int:pk>/", views_exhibits.exhibit_detail, name="exhibit"),
    path("exhibits/<int:pk>/row/", views_exhibits.exhibit_row, name="exhibit_row"),
    path("exhibits/<int:pk>/status/", views_exhibits.exhibit_status, name="exhibit_status"),
    path("exhibits/<int:pk>/sticker/", views_exhibits.exhibit_sticker, name="exhibit_sticker"),
    path("exhibits/<int:pk>/sticker.pdf", views_exhibits.sticker_pdf, name="sticker_pdf"),
    path("exhibits/<int:pk>/delete/", views_exhibits.exhibit_remove, name="exhibit_delete"),
]

# Witnesses (views_people).
urlpatterns += [
    path("matter/<int:pk>/witnesses/", views_people.witnesses, name="witnesses"),
    path(
        "matter/<int:pk>/witnesses/list.docx",
        views_people.witness_list_docx,
        name="witness_list_docx",
    ),
    path(
        "matter/<int:pk>/witnesses/list.pdf", views_people.witness_list_pdf, name="witness_list_pdf"
    ),
    path("witnesses/<int:pk>/", views_people.witness_detail, name="witness"),
    path("witnesses/<int:pk>/move/", views_people.witness_reorder, name="witness_move"),
    path("witnesses/<int:pk>/delete/", views_people.witness_remove, name="witness_delete"),
]

# The privilege log (views_privilege).
urlpatterns += [
    path("matter/<int:pk>/privilege/", views_privilege.privilege, name="privilege"),
    path(
        "matter/<int:pk>/privilege/log.csv",
        views_privilege.privilege_log_csv,
        name="privilege_log_csv",
    ),
    path(
        "matter/<int:pk>/privilege/log.xlsx",
        views_privilege.privilege_log_xlsx,
        name="privilege_log_xlsx",
    ),
    path(
        "matter/<int:pk>/privilege/log.pdf",
        views_privilege.privilege_log_pdf,
        name="privilege_log_pdf",
    ),
    path("privilege/document/<int:pk>/", views_privilege.privilege_new, name="privilege_new"),
    path("privilege/<int:pk>/", views_privilege.privilege_entry, name="privilege_entry"),
    path("privilege/<int:pk>/delete/", views_privilege.privilege_remove, name="privilege_delete"),
]
