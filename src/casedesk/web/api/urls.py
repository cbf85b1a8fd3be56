"""URLs of the API app: the REST API itself and the tokens page."""

from django.urls import URLPattern, URLResolver, path

from casedesk.web.api import views
from casedesk.web.api.api import api

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    path("api-tokens/", views.token_list, name="api-tokens"),
    path("api-tokens/new", views.token_create, name="api-token-create"),
    path("api-tokens/<int:pk>/revoke", views.token_revoke, name="api-token-revoke"),
]
