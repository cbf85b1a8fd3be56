"""URL map: one include per app."""

from django.http import HttpRequest, JsonResponse
from django.urls import include, path


def health(request: HttpRequest) -> JsonResponse:
    """Liveness probe for `make run` and monitoring."""
    return JsonResponse({"status": "ok"})


urlpatterns = [
    path("health", health, name="health"),
    path("", include("casedesk.web.accounts.urls")),
    path("", include("casedesk.web.dashboard.urls")),
    path("contacts/", include("casedesk.web.contacts.urls")),
    path("matters/", include("casedesk.web.matters.urls")),
    path("audit/", include("casedesk.web.audit.urls")),
    path("transfer/", include("casedesk.web.transfer.urls")),
    path("", include("casedesk.web.api.urls")),
    path("calendar/", include("casedesk.web.scheduling.urls")),
    path("documents/", include("casedesk.web.documents.urls")),
    path("drafting/", include("casedesk.web.drafting.urls")),
    path("correspondence/", include("casedesk.web.correspondence.urls")),
    path("research/", include("casedesk.web.research.urls")),
    path("productions/", include("casedesk.web.productions.urls")),
    path("trial/", include("casedesk.web.trial.urls")),
    path("toa/", include("casedesk.web.toa.urls")),
    path("chronology/", include("casedesk.web.chronology.urls")),
    path("reports/", include("casedesk.web.reports.urls")),
]
