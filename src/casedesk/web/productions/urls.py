"""URLs of the productions app (mounted at /productions/).

Matter-bound pages take the matter's pk; a production, produced document or binder page
takes its own pk. Everything is read through ``casedesk.web.access``.
"""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.productions import views, views_binders

app_name = "productions"
urlpatterns: list[URLPattern | URLResolver] = [
    # Productions (views)
    path("matter/<int:pk>/", views.matter_productions, name="matter"),
    path("matter/<int:pk>/new/", views.production_new, name="new"),
    path("<int:pk>/", views.production_detail, name="detail"),
    path("<int:pk>/status/", views.production_status, name="status"),
    path("<int:pk>/volume.zip", views.production_zip, name="zip"),
    path("<int:pk>/log.csv", views.log_csv, name="log_csv"),
    path("<int:pk>/log.xlsx", views.log_xlsx, name="log_xlsx"),
    path("<int:pk>/log.pdf", views.log_pdf, name="log_pdf"),
    path("<int:pk>/retry/", views.production_retry_view, name="retry"),
    path("<int:pk>/delete/", views.production_delete_view, name="delete"),
    path("items/<int:pk>/pdf/", views.item_pdf, name="item_pdf"),
    # Trial binders (views_binders)
    path("matter/<int:pk>/binders/", views_binders.matter_binders, name="binders"),
    path("matter/<int:pk>/binders/new/", views_binders.binder_new, name="binder_new"),
    path("binders/<int:pk>/", views_binders.binder_detail, name="binder"),
    path("binders/<int:pk>/status/", views_binders.binder_status, name="binder_status"),
    path("binders/<int:pk>/build/", views_binders.binder_build_view, name="binder_build"),
    path("binders/<int:pk>/download/", views_binders.binder_download, name="binder_download"),
    path("binders/<int:pk>/delete/", views_binders.binder_delete_view, name="binder_delete"),
]
