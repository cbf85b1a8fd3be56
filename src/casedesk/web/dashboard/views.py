"""The dashboard at "/": what each role needs first thing in the morning."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from casedesk.web.accounts.models import Role
from casedesk.web.dashboard import selectors


def dashboard(request: HttpRequest) -> HttpResponse:
    """My matters, intakes awaiting conflict review, counts; firm-wide figures for admins."""
    user = request.user
    is_admin = user.role == Role.ADMIN or user.is_superuser  # type: ignore[union-attr]
    # Which panel comes first: secretaries process intakes; everyone else starts with their matters.
    intakes_first = user.role == Role.SECRETARY  # type: ignore[union-attr]
    context = {
        "counts": selectors.matter_counts(user),
        "my_matters": selectors.my_matters(user),
        "intakes": selectors.intakes_awaiting_review(user),
        "intakes_first": intakes_first,
        "show_admin": is_admin,
        "my_tasks": selectors.my_open_tasks(user),
        "coming_up": selectors.coming_up(user),
        "today": timezone.localdate(),
    }
    if is_admin:
        context["activity"] = selectors.recent_activity(user)
        context["locked"] = selectors.locked_accounts()
        context["users"] = selectors.user_counts()
    return render(request, "dashboard/dashboard.html", context)
