"""The audit-log viewer for administrators: filter, page, and verify the hash chain."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from casedesk.web.access import require_admin_page
from casedesk.web.audit.models import AuditEntry, AuditVerification
from casedesk.web.audit.selectors import audit_entries
from casedesk.web.audit.services import audit_verification_start

PER_PAGE = 50


@require_http_methods(["GET"])
def audit_log(request: HttpRequest) -> HttpResponse:
    """Entries newest first, 50 a page, with the latest chain verification and its progress."""
    require_admin_page(request.user)
    action = request.GET.get("action", "").strip()[:40]
    actor = request.GET.get("actor", "").strip()[:150]
    text = request.GET.get("q", "").strip()[:200]
    page = Paginator(
        audit_entries(action=action, actor=actor, text=text).select_related("actor"), PER_PAGE
    ).get_page(request.GET.get("page"))
    verification = AuditVerification.objects.first()
    actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
    context = {
        "page_obj": page,
        "action": action,
        "actor": actor,
        "q": text,
        "actions": list(actions),
        "verification": verification,
    }
    return render(request, "audit/audit_log.html", context)


@require_POST
def verification_start(request: HttpRequest) -> HttpResponse:
    """ "Verify chain": queue the check for the background worker and show its progress."""
    require_admin_page(request.user)
    audit_verification_start(by=request.user)
    return redirect("audit:log")


def verification_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress panel of one verification (polled by htmx until it finishes)."""
    require_admin_page(request.user)
    verification = get_object_or_404(AuditVerification, pk=pk)
    return render(request, "audit/_verification.html", {"verification": verification})
