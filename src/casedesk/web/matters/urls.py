"""URLs of the matters app (mounted at /matters/)."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.matters import views

app_name = "matters"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.matter_list, name="list"),
    path("intake/", views.intake, name="intake"),
    path("<int:pk>/", views.matter_detail, name="detail"),
    path("<int:pk>/edit/", views.matter_edit, name="edit"),
    path("<int:pk>/parties/add/", views.party_add, name="party_add"),
    path("<int:pk>/team/add/", views.team_add, name="team_add"),
    path("<int:pk>/close/", views.matter_close, name="close"),
    path("conflicts/", views.conflict_search, name="conflict_search"),
    path("conflicts/<int:pk>/", views.check_detail, name="check"),
    path("conflicts/<int:pk>/pdf", views.check_pdf, name="check_pdf"),
    path("conflicts/<int:pk>/open/", views.check_open, name="check_open"),
    path("conflicts/<int:pk>/decline/", views.check_decline, name="check_decline"),
    path("conflicts/hits/<int:pk>/dispose/", views.hit_dispose, name="hit_dispose"),
]
