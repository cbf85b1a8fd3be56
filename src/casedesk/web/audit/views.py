"""The audit-log viewer for administrators: filter, page, and verify the hash chain."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from casedesk.web.access import AccessDenied, require_admin
from casedesk.web.audit.models import AuditEntry
from casedesk.web.audit.selectors import audit_entries, audit_verify

PER_PAGE = 50


def _admin_or_404(request: HttpRequest) -> None:
    try:
        require_admin(request.user)
    except AccessDenied as exc:
        raise Http404("No such page.") from exc


@require_http_methods(["GET", "POST"])
def audit_log(request: HttpRequest) -> HttpResponse:
    """Entries newest first, 50 a page; POST runs "Verify chain" and shows the outcome."""
    _admin_or_404(request)
    action = request.GET.get("action", "").strip()[:40]
    actor = request.GET.get("actor", "").strip()[:150]
    text = request.GET.get("q", "").strip()[:200]
    page = Paginator(
        audit_entries(action=action, actor=actor, text=text).select_related("actor"), PER_PAGE
    ).get_page(request.GET.get("page"))
    verification = None
    if request.method == "POST":
        count, problems = audit_verify()
        verification = {"count": count, "problems": problems, "ok": not problems}
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
