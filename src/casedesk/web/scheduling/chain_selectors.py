"""Reads for deadline chains: the chains and deadlines a user may see, and display helpers.

Every read goes through :mod:`casedesk.web.access` (ethical walls): a chain or deadline of a
matter hidden from the user is a 404, never a 403.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from casedesk.core.deadlines import COURT_INFO, COURTS, SERVICE_METHODS
from casedesk.core.deadlines.chains import ChainTemplate, chain_templates, guess_court
from casedesk.web.access import visible_events, visible_matters
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.models import DeadlineChain, Event, EventKind, EventStatus

COURT_LABELS: dict[str, str] = {
    "federal": "Federal court (no state holidays)",
    "federal-ca": "Federal court in California",
    "federal-ny": "Federal court in New York",
    "federal-tx": "Federal court in Texas",
    "ca": "California superior court",
    "ny": "New York supreme court",
    "tx": "Texas district or county court",
}
SERVICE_LABELS: dict[str, str] = {
    "none": "Not served / does not apply",
    "personal": "Personal delivery",
    "electronic": "Electronic service (e-mail, e-filing system)",
    "mail": "Mail (within the state)",
    "mail-out-of-state": "Mail to an address in another state",
    "mail-international": "Mail to an address outside the United States",
    "clerk": "Left with the court clerk",
    "other-consented": "Other means the party consented to in writing",
}
assert set(COURT_LABELS) == set(COURTS) and set(SERVICE_LABELS) == set(SERVICE_METHODS)

# The note a manual override adds to a deadline (the computed derivation is kept above it).
OVERRIDE_PREFIX = "Date overridden by "
_OVERRIDE_RE = re.compile(r"computed due date (\d{4}-\d{2}-\d{2})")


def court_label(court: str) -> str:
    """ "California superior court" for "ca"; the id itself if unknown."""
    return COURT_LABELS.get(court, COURT_INFO[court].name if court in COURT_INFO else court)


def service_label(method: str) -> str:
    """ "Mail (within the state)" for "mail"."""
    return SERVICE_LABELS.get(method, method)


def court_for_matter(matter: Matter) -> str | None:
    """The court id the matter's free-text court most likely is (None if unsure)."""
    return guess_court(matter.court)


def template_groups() -> list[tuple[str, list[ChainTemplate]]]:
    """Templates grouped for a <select>: (group label, templates)."""
    groups: list[tuple[str, list[ChainTemplate]]] = []
    for court, label in (
        ("federal", "Federal courts"),
        ("ca", "California superior court"),
        ("ny", "New York supreme court"),
        ("tx", "Texas courts"),
    ):
        groups.append((label, chain_templates(court)))
    return groups


def chain_queryset(user: Any) -> QuerySet[DeadlineChain]:
    """Chains of matters ``user`` may see."""
    return DeadlineChain.objects.filter(matter__in=visible_matters(user))


def get_visible_chain(user: Any, pk: Any) -> DeadlineChain:
    """The chain, or 404 when it does not exist or its matter is hidden from ``user``."""
    try:
        return chain_queryset(user).select_related("matter", "created_by").get(pk=pk)
    except (DeadlineChain.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such deadline chain.") from exc


def get_visible_deadline(user: Any, pk: Any) -> Event:
    """The deadline event, or 404 when it does not exist or is hidden from ``user``."""
    try:
        return (
            visible_events(user)
            .filter(kind=EventKind.DEADLINE)
            .select_related("matter", "chain", "completed_by")
            .get(pk=pk)
        )
    except (Event.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such deadline.") from exc


def chain_deadlines(chain: DeadlineChain) -> list[Event]:
    """The chain's deadlines, earliest first."""
    return list(
        chain.deadlines.filter(kind=EventKind.DEADLINE)
        .select_related("completed_by")
        .order_by("starts_at", "id")
    )


def matter_chains(user: Any, matter: Matter) -> list[DeadlineChain]:
    """The matter's chains with their deadlines prefetched (``chain.sorted_deadlines``)."""
    if not visible_matters(user).filter(pk=matter.pk).exists():
        return []
    deadlines = Event.objects.filter(kind=EventKind.DEADLINE).select_related("completed_by")
    return list(
        chain_queryset(user)
        .filter(matter=matter)
        .prefetch_related(
            Prefetch(
                "deadlines",
                queryset=deadlines.order_by("starts_at", "id"),
                to_attr="sorted_deadlines",
            )
        )
        .order_by("trigger_date", "id")
    )


def matter_loose_deadlines(user: Any, matter: Matter) -> list[Event]:
    """Deadlines of the matter that belong to no chain (entered by hand or imported)."""
    return list(
        visible_events(user)
        .filter(matter=matter, kind=EventKind.DEADLINE, chain__isnull=True)
        .select_related("completed_by")
        .order_by("starts_at", "id")
    )


@dataclass(frozen=True)
class DeadlineView:
    """What the pages show about one deadline."""

    event: Event
    due_date: dt.date
    due_time: dt.time | None
    overridden: bool
    computed_date: dt.date | None
    overdue: bool
    done: bool


def deadline_view(event: Event, *, today: dt.date | None = None) -> DeadlineView:
    """Due date and time in the firm's zone, override state, overdue flag."""
    local = timezone.localtime(event.starts_at)
    computed: dt.date | None = None
    overridden = False
    for note in event.derivation_notes or []:
        if isinstance(note, str) and note.startswith(OVERRIDE_PREFIX):
            overridden = True
            found = _OVERRIDE_RE.search(note)
            computed = dt.date.fromisoformat(found.group(1)) if found else None
    done = event.status == EventStatus.DONE
    today = today or timezone.localdate()
    return DeadlineView(
        event=event,
        due_date=local.date(),
        due_time=None if event.all_day else local.time(),
        overridden=overridden,
        computed_date=computed,
        overdue=not done and event.status != EventStatus.CANCELLED and local.date() < today,
        done=done,
    )


@dataclass(frozen=True)
class ChainSection:
    """A chain as the pages show it: the chain, its trigger in words, its deadlines."""

    chain: DeadlineChain
    court: str
    service: str
    rows: list[DeadlineView]


def chain_section(chain: DeadlineChain, deadlines: list[Event] | None = None) -> ChainSection:
    """One chain ready for a template."""
    events = deadlines if deadlines is not None else chain_deadlines(chain)
    return ChainSection(
        chain=chain,
        court=court_label(chain.court),
        service=service_label(chain.service),
        rows=[deadline_view(e) for e in events],
    )


def matter_deadline_sections(
    user: Any, matter: Matter
) -> tuple[list[ChainSection], list[DeadlineView]]:
    """The matter page's Deadlines section: its chains, and deadlines outside any chain."""
    sections = [
        chain_section(c, getattr(c, "sorted_deadlines", None)) for c in matter_chains(user, matter)
    ]
    loose = [deadline_view(e) for e in matter_loose_deadlines(user, matter)]
    return sections, loose


__all__ = [
    "COURT_LABELS",
    "ChainSection",
    "chain_section",
    "matter_deadline_sections",
    "OVERRIDE_PREFIX",
    "SERVICE_LABELS",
    "DeadlineView",
    "chain_deadlines",
    "chain_queryset",
    "court_for_matter",
    "court_label",
    "deadline_view",
    "get_visible_chain",
    "get_visible_deadline",
    "matter_chains",
    "matter_loose_deadlines",
    "service_label",
    "template_groups",
]
