"""Small data builders for the shell tests (ORM rows for setup; the code under test uses services)."""

from __future__ import annotations

from typing import Any

from casedesk.web.contacts.models import Contact
from casedesk.web.matters.models import (
    CheckStatus,
    ConflictCheck,
    Matter,
    MatterParty,
    MatterStatus,
    MatterTeamMember,
    TeamRole,
)


def make_matter(
    number: str,
    *,
    title: str = "A matter",
    status: str = MatterStatus.OPEN,
    client: Contact | None = None,
    parties: list[tuple[Contact, str]] | None = None,
    responsible: Any = None,
    team: list[Any] | None = None,
    pending_check: bool = False,
) -> Matter:
    """A matter with its client, other parties, team and (optionally) a pending conflict check."""
    matter = Matter.objects.create(
        number=number,
        title=title,
        practice_area="litigation",
        status=status,
        responsible_attorney=responsible,
    )
    if client is not None:
        MatterParty.objects.create(matter=matter, contact=client, role="client")
    for contact, role in parties or []:
        MatterParty.objects.create(matter=matter, contact=contact, role=role)
    if responsible is not None:
        MatterTeamMember.objects.create(matter=matter, user=responsible, role=TeamRole.LEAD)
    for member in team or []:
        MatterTeamMember.objects.create(matter=matter, user=member, role=TeamRole.CLERK)
    if pending_check:
        ConflictCheck.objects.create(matter=matter, status=CheckStatus.PENDING, terms=[])
    return matter


def make_contact(name: str, kind: str = "person", by: Any = None) -> Contact:
    return Contact.objects.create(name=name, kind=kind, created_by=by)
