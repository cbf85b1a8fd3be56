"""Reads for the dashboard. Everything starts from access.visible_matters / visible_contacts,
so a screened user sees no trace of a walled matter, not even in a count."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from casedesk.web.access import hidden_matter_ids, visible_contacts, visible_matters
from casedesk.web.accounts.models import User
from casedesk.web.audit.models import AuditEntry
from casedesk.web.matters.models import CheckStatus, Matter, MatterStatus

# "My tasks" and "Coming up" (next 7 days of my events and deadlines) come from the calendar's
# selectors, which start from access.visible_tasks / visible_events.
from casedesk.web.scheduling.event_selectors import coming_up, my_open_tasks  # noqa: F401

ACTIVE_STATUSES = (MatterStatus.INTAKE, MatterStatus.OPEN)


def my_matters(user: Any, limit: int = 15) -> QuerySet[Matter]:
    """Active matters where ``user`` is on the team or the responsible attorney."""
    return (
        visible_matters(user)
        .filter(Q(team__user=user) | Q(responsible_attorney=user), status__in=ACTIVE_STATUSES)
        .select_related("responsible_attorney")
        .distinct()
        .order_by("status", "-number")[:limit]
    )


def intakes_awaiting_review(user: Any, limit: int = 15) -> QuerySet[Matter]:
    """Matters in intake with a conflict check still awaiting dispositions."""
    return (
        visible_matters(user)
        .filter(status=MatterStatus.INTAKE, conflict_checks__status=CheckStatus.PENDING)
        .select_related("responsible_attorney")
        .distinct()
        .order_by("intake_on", "number")[:limit]
    )


def matter_counts(user: Any) -> dict[str, int]:
    """How many visible matters are in each status, plus pending reviews and contacts."""
    by_status = dict(
        Matter.objects.filter(id__in=visible_matters(user).values("id"))
        .values_list("status")
        .annotate(n=Count("id"))
        .values_list("status", "n")
    )
    pending = (
        visible_matters(user)
        .filter(status=MatterStatus.INTAKE, conflict_checks__status=CheckStatus.PENDING)
        .distinct()
        .count()
    )
    mine = (
        visible_matters(user)
        .filter(Q(team__user=user) | Q(responsible_attorney=user), status__in=ACTIVE_STATUSES)
        .distinct()
        .count()
    )
    return {
        "open": by_status.get(MatterStatus.OPEN, 0),
        "intake": by_status.get(MatterStatus.INTAKE, 0),
        "closed": by_status.get(MatterStatus.CLOSED, 0),
        "declined": by_status.get(MatterStatus.DECLINED, 0),
        "pending_review": pending,
        "mine": mine,
        "contacts": visible_contacts(user).count(),
    }


def recent_activity(user: Any, limit: int = 12) -> list[AuditEntry]:
    """The newest audit entries, without any entry about a matter hidden from ``user``."""
    hidden = hidden_matter_ids(user)
    qs = AuditEntry.objects.order_by("-seq")
    if hidden:
        qs = qs.exclude(matter_id__in=hidden)
    return list(qs[:limit])


def locked_accounts() -> QuerySet[User]:
    """Users locked out right now."""
    return User.objects.filter(locked_until__gt=timezone.now()).order_by("username")


def user_counts() -> dict[str, int]:
    """Active and deactivated users."""
    return {
        "active": User.objects.filter(is_active=True).count(),
        "inactive": User.objects.filter(is_active=False).count(),
    }
