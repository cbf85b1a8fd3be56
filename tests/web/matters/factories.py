"""Seed data for the matters tests: a small firm with a former client and an adverse party."""

from __future__ import annotations

import datetime as dt
from typing import Any

from casedesk.web.contacts.models import Contact, ContactAlias
from casedesk.web.matters.models import EthicalWall, Matter, MatterParty, MatterTeamMember

CANARY = "ZEBRA-CANARY Holdings dispute"
CANARY_NUMBER = "2019-ZC77"


def make_matter(
    number: str,
    title: str,
    *,
    status: str = "open",
    area: str = "litigation",
    attorney: Any = None,
    parties: list[tuple[str, str, str, list[str]]] = (),  # type: ignore[assignment]
) -> Matter:
    """A matter with parties ``(name, kind, role, aliases)``, created directly (test set-up only)."""
    matter = Matter.objects.create(
        number=number,
        title=title,
        practice_area=area,
        status=status,
        responsible_attorney=attorney,
        intake_on=dt.date(2020, 1, 2),
        opened_on=dt.date(2020, 1, 5) if status in ("open", "closed") else None,
        closed_on=dt.date(2022, 6, 30) if status == "closed" else None,
    )
    if attorney is not None:
        MatterTeamMember.objects.create(matter=matter, user=attorney, role="lead")
    for name, kind, role, aliases in parties:
        contact = Contact.objects.create(name=name, kind=kind)
        for alias in aliases:
            ContactAlias.objects.create(contact=contact, name=alias, kind="nickname")
        MatterParty.objects.create(matter=matter, contact=contact, role=role)
    return matter


def seed_firm(attorney: Any) -> dict[str, Matter]:
    """A former client "Margaret O'Brien-Walsh" (alias "Peggy Walsh") on a closed matter, and an
    adverse party "Acme Holdings, Inc." on an open matter."""
    closed = make_matter(
        "2021-0007",
        "O'Brien-Walsh estate plan",
        status="closed",
        area="estate",
        attorney=attorney,
        parties=[("Margaret O'Brien-Walsh", "person", "client", ["Peggy Walsh"])],
    )
    open_matter = make_matter(
        "2024-0031",
        "Delgado v. Acme Holdings",
        status="open",
        attorney=attorney,
        parties=[
            ("Rosa Delgado", "person", "client", []),
            ("Acme Holdings, Inc.", "organization", "adverse-party", []),
        ],
    )
    return {"closed": closed, "open": open_matter}


def seed_walled(*, screened: Any, attorney: Any, admin: Any) -> Matter:
    """The canary matter, walled off from ``screened``; its client appears on no other matter."""
    matter = make_matter(
        CANARY_NUMBER,
        CANARY,
        attorney=attorney,
        parties=[
            ("Zebracorp Canary Holdings LLC", "organization", "client", []),
            ("Quagga Striped Ventures", "organization", "adverse-party", []),
        ],
    )
    EthicalWall.objects.create(
        matter=matter, user=screened, reason="lateral hire", created_by=admin
    )
    return matter
