"""URLs of the drafting app (mounted at /drafting/)."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.drafting import views_generate, views_templates

app_name = "drafting"
urlpatterns: list[URLPattern | URLResolver] = []

# The firm's templates and details (views_templates): any signed-in user, admin where noted.
urlpatterns += [
    path("templates/", views_templates.template_list, name="templates"),
    path("templates/install-starter/", views_templates.install_starter, name="install_starter"),
    path("templates/<int:pk>/", views_templates.template_detail, name="template_detail"),
    path("templates/<int:pk>/versions/new/", views_templates.version_new, name="version_new"),
    path("templates/<int:pk>/archive/", views_templates.archive, name="archive"),
    path(
        "templates/<int:pk>/download/<int:number>/",
        views_templates.template_download,
        name="template_download",
    ),
    path("firm/", views_templates.firm, name="firm"),
]

# Drafting for a matter and its results (views_generate): bound to a visible matter.
urlpatterns += [
    path("matter/<int:pk>/", views_generate.matter_templates, name="matter"),
    path("matter/<int:pk>/template/<int:template_pk>/", views_generate.draft, name="draft"),
    path("generated/<int:pk>/", views_generate.generated, name="generated"),
    path("generated/<int:pk>/status/", views_generate.generated_status, name="generated_status"),
    path("generated/<int:pk>/pdf/", views_generate.generated_pdf_again, name="generated_pdf"),
    path(
        "generated/<int:pk>/download/docx/",
        views_generate.generated_download,
        {"what": "docx"},
        name="download_docx",
    ),
    path(
        "generated/<int:pk>/download/pdf/",
        views_generate.generated_download,
        {"what": "pdf"},
        name="download_pdf",
    ),
]
