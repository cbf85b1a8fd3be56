"""URLs of the accounts app: sign-in/out, user administration, ethical walls."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.accounts import views

app_name = "accounts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("login/", views.login_view, name="login"),
    path("logout/", views.logout_view, name="logout"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_new, name="user_new"),
    path("users/<int:pk>/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/active/", views.user_set_active, name="user_set_active"),
    path("users/<int:pk>/unlock/", views.user_unlock_view, name="user_unlock"),
    path("users/walls/", views.wall_list, name="wall_list"),
    path("users/walls/matters/", views.wall_matter_options, name="wall_matter_options"),
    path("users/walls/<int:pk>/lift/", views.wall_lift, name="wall_lift"),
]
