"""URLs of the contacts app."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.contacts import views

app_name = "contacts"
urlpatterns: list[URLPattern | URLResolver] = [
    path("", views.contact_list, name="list"),
    path("clients/", views.client_list, name="clients"),
    path("new/", views.contact_new, name="new"),
    path("<int:pk>/", views.contact_detail, name="detail"),
    path("<int:pk>/edit/", views.contact_edit, name="edit"),
    path("<int:pk>/aliases/", views.alias_add, name="alias_add"),
    path("<int:pk>/relationships/", views.relationship_add, name="relationship_add"),
    path("<int:pk>/relationships/candidates/", views.relationship_candidates, name="candidates"),
]
