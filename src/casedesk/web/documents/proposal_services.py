"""Data entry from documents: what the text of an incoming document proposes, and the user's
confirm or dismiss. Nothing is entered silently: a proposal only changes the matter, the
calendar or the contacts when a user confirms it, through the same services the pages use.

* case number, court  -> the matter's fields (``matter_update``)
* a party in the caption -> a contact added to the matter (``matter_party_add``, which
  conflict-checks the new party)
* a hearing, trial or conference -> a calendar event (``event_create``)
* deadline language ("within 21 days after service of this order") -> a deadline on the
  calendar, its date computed by the deadline engine from the document's date and the court,
  with the derivation in the event's notes; the user can change the date before confirming.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.core.deadlines import DeadlineError, DeadlineRequest, Direction, Period, Unit, compute
from casedesk.core.deadlines.chains import guess_court
from casedesk.core.extract.fields import FieldKind, FoundField, find_fields
from casedesk.web.access import require_writer, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.models import DocumentVersion, Proposal, ProposalKind, ProposalStatus
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter, PartyRole

MAX_PER_DOCUMENT = 40
ORGANIZATION_WORDS = re.compile(
    r"\b(inc|llc|llp|l\.l\.c|corp|corporation|company|co|ltd|lp|plc|bank|association|"
    r"authority|department|county|city|state|district|university|hospital|trust|partners|"
    r"group|n\.a|s\.a)\b\.?",
    re.IGNORECASE,
)
# Which deadline-engine court a courts-db id (or a court's printed name) belongs to.
_FEDERAL_DISTRICT = re.compile(r"^(?P<state>[a-z]{2})[nsewcm]?d$")
_STATE_PREFIXES = (("cal", "ca"), ("ny", "ny"), ("tex", "tx"))


def deadline_court(court_id: str, court_name: str) -> str | None:
    """The deadline engine's court id for a found court (courts-db id or printed name)."""
    cid = court_id.lower()
    m = _FEDERAL_DISTRICT.match(cid)
    if m:
        state = m.group("state")
        return f"federal-{state}" if state in ("ca", "ny", "tx") else "federal"
    if re.match(r"^ca\d+$|^cadc$|^cafc$", cid):
        return "federal"
    for prefix, court in _STATE_PREFIXES:
        if cid.startswith(prefix):
            return court
    return guess_court(court_name)


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text.casefold()).split())


def _payload_for(
    field: FoundField, matter: Matter, court: tuple[str, str], trigger: dt.date, hearings: list[str]
) -> tuple[str, str, dict[str, Any]] | None:
    """(proposal kind, label, payload) for one found field, or None when nothing to propose."""
    kind = field.kind
    if kind == FieldKind.CASE_NUMBER:
        if _norm(field.value) == _norm(matter.case_number):
            return None
        label = f"Case number: {field.value}"
        if matter.case_number:
            label += f" (the matter has {matter.case_number})"
        return ProposalKind.MATTER_FIELD, label, {"field": "case_number", "value": field.value}
    if kind == FieldKind.COURT:
        printed = str(field.detail.get("name") or field.value)
        if _norm(printed) == _norm(matter.court):
            return None
        return (
            ProposalKind.MATTER_FIELD,
            f"Court: {printed}",
            {"field": "court", "value": printed, "courts_db": field.value},
        )
    if kind == FieldKind.PARTY:
        existing = {_norm(p.contact.name) for p in matter.parties.select_related("contact")}
        if _norm(field.value) in existing:
            return None
        is_org = bool(ORGANIZATION_WORDS.search(field.value))
        caption_role = str(field.detail.get("role", "other"))
        return (
            ProposalKind.CONTACT,
            f"Party: {field.value} ({caption_role})",
            {
                "name": field.value,
                "kind": "organization" if is_org else "person",
                "role": PartyRole.ADVERSE.value,
                "caption_role": caption_role,
            },
        )
    if kind == FieldKind.HEARING:
        event = str(field.detail.get("event", "hearing"))
        location = str(field.detail.get("location", ""))
        label = f"{event.capitalize()} on {_readable(field.value)}"
        if location:
            label += f", {location}"
        return (
            ProposalKind.EVENT,
            label,
            {"starts_at": field.value, "event": event, "location": location},
        )
    if kind == FieldKind.DEADLINE:
        return _deadline_payload(field, court, trigger, hearings)
    return None


def _readable(value: str) -> str:
    """ "2027-01-05T09:00" as "Tue Jan 5, 2027 at 9:00 a.m." (a date alone without the time)."""
    try:
        if "T" in value:
            when = dt.datetime.fromisoformat(value)
            hour = when.hour % 12 or 12
            half = "a.m." if when.hour < 12 else "p.m."
            return f"{when:%a %b} {when.day}, {when.year} at {hour}:{when:%M} {half}"
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day:%a %b} {day.day}, {day.year}"


def _deadline_payload(
    field: FoundField, court: tuple[str, str], trigger: dt.date, hearings: list[str]
) -> tuple[str, str, dict[str, Any]]:
    count = int(field.detail.get("count", 0) or 0)
    unit = str(field.detail.get("unit", "days"))
    direction = str(field.detail.get("direction", "after"))
    trigger_word = str(field.detail.get("trigger", ""))
    engine_court = deadline_court(*court)
    start = trigger
    start_label = f"the document's date ({trigger:%b %d, %Y})"
    if direction == "before" and hearings:
        start = dt.date.fromisoformat(hearings[0][:10])
        start_label = f"the hearing ({start:%b %d, %Y})"
    payload: dict[str, Any] = {
        "count": count,
        "unit": unit,
        "direction": direction,
        "trigger": trigger_word,
        "trigger_date": start.isoformat(),
        "court": engine_court,
        "due_date": None,
        "steps": [],
    }
    label = f"Deadline: {field.value}"
    units = {"days": Unit.CALENDAR_DAYS, "court_days": Unit.COURT_DAYS, "hours": Unit.HOURS}
    if engine_court and count > 0 and unit in units:
        try:
            deadline = compute(
                DeadlineRequest(
                    court=engine_court,
                    trigger=start,
                    period=Period(
                        units[unit],
                        count,
                        Direction.BACKWARD if direction == "before" else Direction.FORWARD,
                    ),
                )
            )
            payload["due_date"] = deadline.due_date.isoformat()
            payload["steps"] = list(deadline.steps) + list(deadline.notes)
            label += f" → {deadline.due_date:%a %b %d, %Y} (counted from {start_label})"
        except DeadlineError as exc:
            payload["steps"] = [str(exc)]
    if payload["due_date"] is None:
        label += " (enter the date: the court or trigger could not be worked out)"
    return ProposalKind.DEADLINE, label, payload


def proposals_make(version: DocumentVersion) -> list[Proposal]:
    """Read a version's text and store what it proposes for the user to review."""
    document = version.document
    matter = document.matter
    fields = find_fields(version.text)
    court_field = next((f for f in fields if f.kind == FieldKind.COURT), None)
    court = (
        (court_field.value, str(court_field.detail.get("name", "")))
        if court_field
        else ("", matter.court)
    )
    trigger = document.document_date or timezone.localdate(version.uploaded_at)
    hearings = [f.value for f in fields if f.kind == FieldKind.HEARING]
    pending = set(
        Proposal.objects.filter(matter=matter, status=ProposalStatus.PENDING).values_list(
            "kind", "value"
        )
    )
    made: list[Proposal] = []
    with transaction.atomic():
        for found in fields:
            proposed = _payload_for(found, matter, court, trigger, hearings)
            if proposed is None:
                continue
            kind, label, payload = proposed
            if (kind, found.value[:300]) in pending:
                continue
            pending.add((kind, found.value[:300]))
            made.append(
                Proposal.objects.create(
                    version=version,
                    matter=matter,
                    kind=kind,
                    field_kind=str(found.kind),
                    label=label[:300],
                    value=found.value[:300],
                    passage=found.text,
                    payload=payload,
                )
            )
            if len(made) >= MAX_PER_DOCUMENT:
                break
        if made:
            audit_record(
                actor=None,
                action="propose",
                object_type="document",
                object_id=document.pk,
                matter_id=matter.pk,
                summary=f"Data entry found {len(made)} proposals in {document.title!r}",
            )
    return made


def _check(by: Any, proposal: Proposal) -> None:
    require_writer(by)
    if not visible_matters(by).filter(pk=proposal.matter_id).exists():
        raise ServiceError("No such proposal.")
    if proposal.status != ProposalStatus.PENDING:
        raise ServiceError(f"This proposal was already {proposal.get_status_display().lower()}.")


def proposal_confirm(*, by: Any, proposal: Proposal, edits: dict[str, Any] | None = None) -> str:
    """Enter what a proposal offers (with the user's edits); returns what was entered."""
    _check(by, proposal)
    payload = {**proposal.payload, **(edits or {})}
    with transaction.atomic():
        result = _apply(by, proposal, payload)
        proposal.status = ProposalStatus.CONFIRMED
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        proposal.result = result[:300]
        proposal.payload = payload
        proposal.save()
        audit_record(
            actor=by,
            action="update",
            object_type="proposal",
            object_id=proposal.pk,
            matter_id=proposal.matter_id,
            summary=f"Confirmed from a document: {proposal.label} → {result}",
        )
    return result


def _apply(by: Any, proposal: Proposal, payload: dict[str, Any]) -> str:
    matter = proposal.matter
    source = proposal.version.document.title
    if proposal.kind == ProposalKind.MATTER_FIELD:
        from casedesk.web.matters.services import matter_update

        name = payload["field"]
        if name not in ("case_number", "court"):
            raise ServiceError("This proposal cannot change that field.")
        matter_update(by=by, matter=matter, **{name: str(payload["value"]).strip()})
        return f"{name.replace('_', ' ')} set to {payload['value']}"
    if proposal.kind == ProposalKind.CONTACT:
        from casedesk.web.matters.services import PartyInput, matter_party_add

        row, _check_run = matter_party_add(
            by=by,
            matter=matter,
            party=PartyInput(
                name=str(payload["name"]), kind=str(payload["kind"]), role=str(payload["role"])
            ),
        )
        return f"{row.contact.name} added as {row.get_role_display().lower()}"
    if proposal.kind == ProposalKind.EVENT:
        from casedesk.web.scheduling.event_services import event_create

        starts, all_day = _when(str(payload["starts_at"]))
        kind = "trial" if payload.get("event") == "trial" else "hearing"
        event, _warnings = event_create(
            by=by,
            matter=matter,
            kind=kind,
            title=f"{str(payload.get('event', 'hearing')).capitalize()} — {matter.title}"[:300],
            starts_at=starts,
            all_day=all_day,
            location=str(payload.get("location", "")),
            notes=f"From {source!r}: {proposal.passage}",
        )
        return f"event on {event.starts_at:%b %d, %Y}"
    if proposal.kind == ProposalKind.DEADLINE:
        from casedesk.web.scheduling.event_services import event_create

        if not payload.get("due_date"):
            raise ServiceError("Enter the due date before confirming this deadline.")
        try:
            due = dt.date.fromisoformat(str(payload["due_date"]))
        except ValueError as exc:
            raise ServiceError("The due date must be a date like 2027-03-15.") from exc
        starts, _ = _when(due.isoformat())
        notes = "\n".join([f"From {source!r}: {proposal.passage}", *payload.get("steps", [])])
        event, _warnings = event_create(
            by=by,
            matter=matter,
            kind="deadline",
            title=f"Deadline: {proposal.value}"[:300],
            starts_at=starts,
            all_day=True,
            notes=notes,
        )
        return f"deadline on {due:%b %d, %Y}"
    raise ServiceError("Unknown kind of proposal.")


def _when(value: str) -> tuple[dt.datetime, bool]:
    """An ISO date or date-time as an aware start, and whether it is all-day."""
    try:
        if "T" in value:
            naive = dt.datetime.fromisoformat(value)
            return timezone.make_aware(naive), False
        day = dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ServiceError(f"{value!r} is not a date and time casedesk can read.") from exc
    return timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0))), True


def proposal_dismiss(*, by: Any, proposal: Proposal) -> None:
    """Dismiss a proposal: nothing is entered; the record stays."""
    _check(by, proposal)
    with transaction.atomic():
        proposal.status = ProposalStatus.DISMISSED
        proposal.decided_by = by
        proposal.decided_at = timezone.now()
        proposal.save()
        audit_record(
            actor=by,
            action="update",
            object_type="proposal",
            object_id=proposal.pk,
            matter_id=proposal.matter_id,
            summary=f"Dismissed a proposal from a document: {proposal.label}",
        )
