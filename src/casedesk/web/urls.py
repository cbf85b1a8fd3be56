"""URL map: one include per app."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def health(request: HttpRequest) -> JsonResponse:
    """Liveness probe for `make run` and monitoring."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("health", health, name="health"),
]
