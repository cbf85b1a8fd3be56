"""Builders shared by the calendar, event and task tests (no tests here)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from casedesk.web.matters.models import EthicalWall, Matter
from casedesk.web.scheduling.models import Event
from tests.web.contacts.factories import make_contact, make_matter

CANARY = "ZEBRA-CANARY"


def at(day: dt.date | str, hour: int = 9, minute: int = 0) -> dt.datetime:
    """An aware local datetime."""
    if isinstance(day, str):
        day = dt.date.fromisoformat(day)
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, minute)))


def firm(attorney: Any, attorney2: Any, admin: Any | None = None) -> dict[str, Matter]:
    """An open matter Ada leads, and a walled matter (Bert screened from it) Ada also leads."""
    open_matter = make_matter(
        "2027-0001",
        title="Delgado v. Acme",
        client=make_contact("Rosa Delgado"),
        responsible=attorney,
    )
    walled = make_matter(
        "2027-0002",
        title=f"{CANARY} Holdings dispute",
        client=make_contact(f"{CANARY} Holdings Inc."),
        responsible=attorney,
    )
    EthicalWall.objects.create(matter=walled, user=attorney2, reason="lateral hire")
    return {"open": open_matter, "walled": walled}


def raw_event(matter: Matter | None, title: str, start: dt.datetime, **kw: Any) -> Event:
    """An event row written directly (set-up only; the code under test uses the services)."""
    import uuid

    kw.setdefault("kind", "meeting")
    kw.setdefault("ends_at", start + dt.timedelta(hours=1))
    return Event.objects.create(
        matter=matter, title=title, starts_at=start, uid=f"{uuid.uuid4()}@test", **kw
    )
