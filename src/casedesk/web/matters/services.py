"""Writes to matters: intake, conflict checks and dispositions, opening, declining, parties, walls.

Each service checks permission, validates, writes and audits in one transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from casedesk.core.conflicts import PartyKind
from casedesk.web.access import require_admin, require_writer
from casedesk.web.accounts.models import Role, User
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import Contact, ContactKind
from casedesk.web.contacts.services import contact_create
from casedesk.web.errors import ServiceError, clean_name
from casedesk.web.matters.adapters import build_index
from casedesk.web.matters.models import (
    CheckStatus,
    ConflictCheck,
    ConflictHitRecord,
    Disposition,
    EthicalWall,
    Matter,
    MatterParty,
    MatterStatus,
    MatterTeamMember,
    PartyRole,
    PracticeArea,
    TeamRole,
)
from casedesk.web.matters.numbering import next_matter_number


@dataclass(frozen=True, slots=True)
class PartyInput:
    """A party named at intake or added later: an existing contact, or a new name."""

    name: str
    kind: str
    role: str
    contact_id: int | None = None
    aliases: tuple[str, ...] = field(default=())


def _clean_role(role: str) -> str:
    if role not in PartyRole.values:
        raise ServiceError(f"Unknown party role {role!r}.", field="role")
    return role


def _contact_for(by: Any, party: PartyInput) -> Contact:
    if party.contact_id:
        try:
            return Contact.objects.get(pk=party.contact_id)
        except Contact.DoesNotExist as exc:
            raise ServiceError("That contact no longer exists.") from exc
    if party.kind not in ContactKind.values:
        raise ServiceError(f"Kind must be person or organization, not {party.kind!r}.")
    return contact_create(
        by=by, kind=party.kind, name=party.name, aliases=[(a, "other") for a in party.aliases]
    )


def intake_create(
    *,
    by: Any,
    title: str,
    practice_area: str,
    client: PartyInput,
    other_parties: list[PartyInput] | None = None,
    court: str = "",
    case_number: str = "",
    judge: str = "",
    description: str = "",
    responsible_attorney: User | None = None,
    number: str | None = None,
) -> Matter:
    """Take in a prospective client: a matter in intake status with its parties, then a conflict check."""
    require_writer(by)
    title = clean_name(title, field="Title")
    if practice_area not in PracticeArea.values:
        raise ServiceError(f"Unknown practice area {practice_area!r}.", field="practice_area")
    if responsible_attorney is not None and responsible_attorney.role not in (
        Role.ATTORNEY,
        Role.ADMIN,
    ):
        raise ServiceError(
            "The responsible attorney must be an attorney.", field="responsible_attorney"
        )
    parties = [
        PartyInput(client.name, client.kind, PartyRole.CLIENT, client.contact_id, client.aliases)
    ]
    parties += [p for p in (other_parties or []) if p.name.strip() or p.contact_id]
    for p in parties:
        _clean_role(p.role)
        if not p.contact_id:
            clean_name(p.name)
    with transaction.atomic():
        if number:
            number = clean_name(number, field="Matter number")
            if Matter.objects.filter(number=number).exists():
                raise ServiceError(f"Matter number {number} is already taken.", field="number")
        else:
            number = next_matter_number(area=practice_area)
        try:
            with transaction.atomic():
                matter = Matter.objects.create(
                    number=number,
                    title=title,
                    practice_area=practice_area,
                    court=court.strip()[:200],
                    case_number=case_number.strip()[:80],
                    judge=judge.strip()[:200],
                    description=description,
                    status=MatterStatus.INTAKE,
                    intake_on=timezone.localdate(),
                    responsible_attorney=responsible_attorney,
                )
        except IntegrityError as exc:
            raise ServiceError(f"Matter number {number} is already taken.", field="number") from exc
        if responsible_attorney is not None:
            MatterTeamMember.objects.create(
                matter=matter, user=responsible_attorney, role=TeamRole.LEAD
            )
        audit_record(
            actor=by,
            action="create",
            object_type="matter",
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Intake {matter.number} {matter.title}",
        )
        for p in parties:
            contact = _contact_for(by, p)
            MatterParty.objects.get_or_create(matter=matter, contact=contact, role=p.role)
        conflict_check_run(by=by, matter=matter, trigger="intake")
    return matter


def conflict_check_run(
    *, by: Any, matter: Matter, trigger: str = "intake", only: list[MatterParty] | None = None
) -> ConflictCheck:
    """Check the matter's parties (or ``only`` some) against everyone the firm knows; save every hit.

    Hits on the matter itself are left out. A check with no hits is complete at once.
    """
    require_writer(by)
    targets = only if only is not None else list(matter.parties.select_related("contact"))
    if not targets:
        raise ServiceError("The matter has no parties to check.")
    index, links = build_index()
    with transaction.atomic():
        check = ConflictCheck.objects.create(
            matter=matter,
            trigger=trigger,
            run_by=by,
            terms=[
                {
                    "name": t.contact.name,
                    "kind": t.contact.kind,
                    "role": t.role,
                    "aliases": list(t.contact.aliases.values_list("name", flat=True)),
                }
                for t in targets
            ],
        )
        records: list[ConflictHitRecord] = []
        for target in targets:
            names = [target.contact.name, *target.contact.aliases.values_list("name", flat=True)]
            best: dict[str, ConflictHitRecord] = {}
            for name in names:
                for hit in index.search(name, kind=PartyKind(target.contact.kind)):
                    link = links[hit.party.id]
                    if link.matter_id == matter.pk:  # the matter being checked itself
                        continue
                    reason = (
                        hit.reason
                        if name == target.contact.name
                        else f'searched as alias "{name}": {hit.reason}'
                    )
                    if link.via:
                        reason = f"{reason}; {link.via}"
                    previous = best.get(hit.party.id)
                    if previous is not None and previous.score >= hit.score:
                        continue
                    best[hit.party.id] = ConflictHitRecord(
                        conflict_check=check,
                        term=target.contact.name,
                        party_key=hit.party.id,
                        contact_id=link.contact_id,
                        hit_matter_id=link.matter_id,
                        name=hit.party.name,
                        matched_name=hit.matched_name,
                        role=hit.party.role,
                        matter_number=hit.party.matter,
                        matter_status=hit.party.status,
                        score=hit.score,
                        rule=hit.rule,
                        reason=reason,
                    )
            records.extend(best.values())
        ConflictHitRecord.objects.bulk_create(records)
        if not records:
            check.status = CheckStatus.CLEARED
            check.completed_at = timezone.now()
            check.completed_by = by
            check.save(update_fields=["status", "completed_at", "completed_by"])
        audit_record(
            actor=by,
            action="conflict-search",
            object_type="conflict-check",
            object_id=check.pk,
            matter_id=matter.pk,
            summary=f"Conflict check ({trigger}) on {matter.number}: {len(records)} hit(s)",
            data={"terms": [t["name"] for t in check.terms], "hits": len(records)},
        )
    return check


def conflict_hit_dispose(
    *, by: Any, hit: ConflictHitRecord, disposition: str, note: str = ""
) -> ConflictHitRecord:
    """Record the reviewer's decision on one hit; complete the check when every hit is decided."""
    require_writer(by)
    if disposition not in (Disposition.CLEARED, Disposition.WAIVER, Disposition.DECLINE):
        raise ServiceError(
            "Choose cleared, waiver obtained, or conflict: decline.", field="disposition"
        )
    note = note.strip()
    if disposition in (Disposition.WAIVER, Disposition.DECLINE) and not note:
        raise ServiceError(
            "Add a note saying why (who gave the waiver, or what the conflict is).", field="note"
        )
    with transaction.atomic():
        hit = (
            ConflictHitRecord.objects.select_for_update()
            .select_related("conflict_check__matter")
            .get(pk=hit.pk)
        )
        old = hit.disposition
        hit.disposition = disposition
        hit.note = note[:5000]
        hit.disposed_by = by
        hit.disposed_at = timezone.now()
        hit.save()
        check = hit.conflict_check
        pending = check.hits.filter(disposition=Disposition.PENDING).exists()
        if pending:
            check.status = CheckStatus.PENDING
            check.completed_at = None
            check.completed_by = None
        else:
            declined = check.hits.filter(disposition=Disposition.DECLINE).exists()
            check.status = CheckStatus.DECLINE if declined else CheckStatus.CLEARED
            check.completed_at = timezone.now()
            check.completed_by = by
        check.save(update_fields=["status", "completed_at", "completed_by"])
        audit_record(
            actor=by,
            action="conflict-disposition",
            object_type="conflict-hit",
            object_id=hit.pk,
            matter_id=check.matter_id,
            summary=f"{hit.name} ({hit.role}, {hit.matter_number or 'no matter'}): {old} -> {disposition}",
            data={"check": check.pk, "note": note[:200]},
        )
    return hit


def matter_open(*, by: Any, matter: Matter) -> Matter:
    """Open a matter in intake. Refused until every conflict check on it is completed and cleared."""
    require_writer(by)
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status != MatterStatus.INTAKE:
            raise ServiceError(
                f"Only a matter in intake can be opened; this one is {matter.get_status_display().lower()}."
            )
        checks = list(matter.conflict_checks.all())
        if not checks:
            raise ServiceError("Run a conflict check before opening the matter.")
        if any(c.status == CheckStatus.PENDING for c in checks):
            raise ServiceError(
                "Every conflict hit needs a disposition before the matter can be opened."
            )
        if any(c.status == CheckStatus.DECLINE for c in checks):
            raise ServiceError("The conflict check ended in 'decline': decline the matter instead.")
        if matter.responsible_attorney is None:
            raise ServiceError("Choose the responsible attorney before opening the matter.")
        matter.status = MatterStatus.OPEN
        matter.opened_on = timezone.localdate()
        matter.save(update_fields=["status", "opened_on", "updated_at"])
        audit_record(
            actor=by,
            action="update",
            object_type="matter",
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Opened {matter.number}",
            data={"status": ["intake", "open"]},
        )
    return matter


def matter_decline(*, by: Any, matter: Matter, reason: str) -> Matter:
    """Decline an intake. The prospective client stays on record for conflicts (Model Rule 1.18)."""
    require_writer(by)
    reason = reason.strip()
    if not reason:
        raise ServiceError("Say why the matter is declined.", field="reason")
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status != MatterStatus.INTAKE:
            raise ServiceError("Only a matter in intake can be declined.")
        matter.status = MatterStatus.DECLINED
        matter.decline_reason = reason[:2000]
        matter.closed_on = timezone.localdate()
        matter.save(update_fields=["status", "decline_reason", "closed_on", "updated_at"])
        audit_record(
            actor=by,
            action="update",
            object_type="matter",
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Declined {matter.number}",
            data={"status": ["intake", "declined"]},
        )
    return matter


def matter_close(*, by: Any, matter: Matter, closed_on: dt.date | None = None) -> Matter:
    """Close an open matter; its clients become former clients for conflict purposes."""
    require_writer(by)
    with transaction.atomic():
        matter = Matter.objects.select_for_update().get(pk=matter.pk)
        if matter.status != MatterStatus.OPEN:
            raise ServiceError("Only an open matter can be closed.")
        matter.status = MatterStatus.CLOSED
        matter.closed_on = closed_on or timezone.localdate()
        matter.save(update_fields=["status", "closed_on", "updated_at"])
        audit_record(
            actor=by,
            action="update",
            object_type="matter",
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Closed {matter.number}",
            data={"status": ["open", "closed"]},
        )
    return matter


_EDITABLE = ("title", "court", "case_number", "judge", "description", "restricted")


def matter_update(*, by: Any, matter: Matter, **changes: Any) -> Matter:
    """Change a matter's descriptive fields (title, court, case number, judge, description, restricted)."""
    require_writer(by)
    unknown = set(changes) - set(_EDITABLE) - {"responsible_attorney"}
    if unknown:
        raise ServiceError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    diff: dict[str, list[str]] = {}
    with transaction.atomic():
        for name, value in changes.items():
            if name == "title":
                value = clean_name(value, field="Title")
            if name == "responsible_attorney":
                if value is not None and value.role not in (Role.ATTORNEY, Role.ADMIN):
                    raise ServiceError("The responsible attorney must be an attorney.")
                old_user = matter.responsible_attorney
                if old_user != value:
                    diff[name] = [str(old_user or ""), str(value or "")]
                    matter.responsible_attorney = value
                    if value is not None:
                        MatterTeamMember.objects.update_or_create(
                            matter=matter, user=value, defaults={"role": TeamRole.LEAD}
                        )
                continue
            old = getattr(matter, name)
            if old != value:
                diff[name] = [str(old), str(value)]
                setattr(matter, name, value)
        if diff:
            matter.full_clean(exclude=["responsible_attorney"])
            matter.save()
            audit_record(
                actor=by,
                action="update",
                object_type="matter",
                object_id=matter.pk,
                matter_id=matter.pk,
                summary=f"Updated {matter.number}: {', '.join(sorted(diff))}",
                data={"changes": diff},
            )
    return matter


def matter_party_add(
    *, by: Any, matter: Matter, party: PartyInput
) -> tuple[MatterParty, ConflictCheck | None]:
    """Add a party; on an open (or intake) matter the new party is conflict-checked at once."""
    require_writer(by)
    _clean_role(party.role)
    if matter.status in (MatterStatus.CLOSED, MatterStatus.DECLINED):
        raise ServiceError("Parties cannot be added to a closed or declined matter.")
    with transaction.atomic():
        contact = _contact_for(by, party)
        row, created = MatterParty.objects.get_or_create(
            matter=matter, contact=contact, role=party.role
        )
        if not created:
            raise ServiceError(
                f"{contact.name} is already on this matter as {row.get_role_display().lower()}."
            )
        audit_record(
            actor=by,
            action="create",
            object_type="party",
            object_id=row.pk,
            matter_id=matter.pk,
            summary=f"Added {contact.name} as {row.get_role_display().lower()} on {matter.number}",
        )
        check = conflict_check_run(by=by, matter=matter, trigger="party-added", only=[row])
    return row, check


def matter_viewed(*, by: Any, matter: Matter) -> None:
    """Audit that ``by`` opened the matter page."""
    audit_record(
        actor=by,
        action="view",
        object_type="matter",
        object_id=matter.pk,
        matter_id=matter.pk,
        summary=f"Viewed {matter.number}",
    )


def team_member_add(*, by: Any, matter: Matter, user: User, role: str) -> MatterTeamMember:
    """Put a user on the matter's team."""
    require_writer(by)
    if role not in TeamRole.values:
        raise ServiceError(f"Unknown team role {role!r}.")
    if EthicalWall.objects.filter(matter=matter, user=user).exists():
        raise ServiceError(f"{user} is screened from this matter and cannot join its team.")
    with transaction.atomic():
        member, _ = MatterTeamMember.objects.update_or_create(
            matter=matter, user=user, defaults={"role": role}
        )
        audit_record(
            actor=by,
            action="create",
            object_type="team",
            object_id=member.pk,
            matter_id=matter.pk,
            summary=f"{user} joined {matter.number} as {member.get_role_display().lower()}",
        )
    return member


def wall_create(*, by: Any, matter: Matter, user: User, reason: str) -> EthicalWall:
    """Screen ``user`` from ``matter``: effective on their next request. Administrators only."""
    require_admin(by)
    reason = reason.strip()
    if not reason:
        raise ServiceError(
            "Say why the user is screened (e.g. 'lateral hire: formerly represented the adverse party')."
        )
    if user.pk == getattr(by, "pk", None):
        raise ServiceError("You cannot screen yourself.")
    with transaction.atomic():
        if EthicalWall.objects.filter(matter=matter, user=user).exists():
            raise ServiceError(f"{user} is already screened from {matter.number}.")
        MatterTeamMember.objects.filter(matter=matter, user=user).delete()
        if matter.responsible_attorney_id == user.pk:
            raise ServiceError(
                f"{user} is the responsible attorney on {matter.number}; reassign the matter first."
            )
        wall = EthicalWall.objects.create(
            matter=matter, user=user, reason=reason[:300], created_by=by
        )
        audit_record(
            actor=by,
            action="wall-create",
            object_type="wall",
            object_id=wall.pk,
            matter_id=matter.pk,
            summary=f"Screened {user} from {matter.number}",
            data={"reason": reason[:300]},
        )
    return wall


def wall_remove(*, by: Any, wall: EthicalWall) -> None:
    """Lift a screen. Administrators only."""
    require_admin(by)
    with transaction.atomic():
        pk, matter_id, text = (
            wall.pk,
            wall.matter_id,
            f"Lifted screen of {wall.user} from {wall.matter.number}",
        )
        wall.delete()
        audit_record(
            actor=by,
            action="wall-remove",
            object_type="wall",
            object_id=pk,
            matter_id=matter_id,
            summary=text,
        )
