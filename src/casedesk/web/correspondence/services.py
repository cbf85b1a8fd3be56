"""Writes to the correspondence log: log, change and delete calls, meetings, letters and notes.

Each service checks permission (through :mod:`casedesk.web.access`) and input, writes, and
audits in one transaction. A follow-up is a scheduling task created through
``task_services.task_create`` in the same transaction, so a refused follow-up leaves nothing
behind. Sending and importing e-mail are in :mod:`casedesk.web.correspondence.mail_services`.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.web.access import require_writer, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.correspondence.models import (
    Communication,
    CommunicationDirection,
    CommunicationKind,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.event_services import clean_text
from casedesk.web.scheduling.task_services import task_create

SUBJECT_LIMIT = 300
PARTICIPANTS_LIMIT = 1000
SUMMARY_LIMIT = 20_000
FIRST_YEAR = 1900
# Calls, e-mails and letters have happened already; a little clock skew is allowed.
FUTURE_SLACK = dt.timedelta(hours=12)
_PAST_ONLY = {CommunicationKind.CALL, CommunicationKind.EMAIL, CommunicationKind.LETTER}
EDITABLE = {"kind", "direction", "occurred_at", "participants", "subject", "summary"}


@dataclass(frozen=True)
class FollowUp:
    """A to-do to create with the entry: what, by when, for whom."""

    title: str
    due_date: dt.date | None = None
    assignee: Any | None = None


# --- input checks ----------------------------------------------------------------------------


def check_matter(by: Any, matter: Matter) -> None:
    """Refuse read-only users, and matters ``by`` may not see (as if they did not exist)."""
    require_writer(by)
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")


def check_communication(by: Any, communication: Communication) -> None:
    """Refuse read-only users, and entries of matters ``by`` may not see."""
    require_writer(by)
    if not visible_matters(by).filter(pk=communication.matter_id).exists():
        raise ServiceError("No such entry in the correspondence log.")


def clean_long_text(value: object, *, field: str, label: str, limit: int) -> str:
    """Free text with its line breaks: NFC, trimmed, no control characters but tab/newline."""
    text = unicodedata.normalize("NFC", str(value or "")).replace("\r\n", "\n").strip()
    if len(text) > limit:
        raise ServiceError(
            f"{label} is {len(text):,} characters long; the limit is {limit:,}.", field=field
        )
    if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in text):
        raise ServiceError(f"{label} contains control characters.", field=field)
    return text


def _check_when(kind: str, occurred_at: Any) -> dt.datetime:
    if not isinstance(occurred_at, dt.datetime):
        raise ServiceError(
            "Give the date and time as YYYY-MM-DD HH:MM (for example 2027-03-04 14:30).",
            field="occurred_at",
        )
    if timezone.is_naive(occurred_at):
        occurred_at = timezone.make_aware(occurred_at)
    if occurred_at.year < FIRST_YEAR:
        raise ServiceError(
            f"{day_text(occurred_at)} is not a plausible date; check the year.", field="occurred_at"
        )
    if kind in _PAST_ONLY and occurred_at > timezone.now() + FUTURE_SLACK:
        label = CommunicationKind(kind).label.lower()
        local = timezone.localtime(occurred_at)
        when = f"{day_text(local)} at {local:%H:%M}"
        raise ServiceError(
            f"The {label} is dated {when}, which is in the future; check the date.",
            field="occurred_at",
        )
    return occurred_at


def check_fields(
    *,
    kind: Any,
    direction: Any,
    occurred_at: Any,
    participants: Any,
    subject: Any,
    summary: Any,
) -> dict[str, Any]:
    """The entry's fields, validated and normalised; one sentence for the first problem."""
    if kind not in CommunicationKind.values:
        raise ServiceError("Choose call, meeting, e-mail, letter or note.", field="kind")
    if direction not in CommunicationDirection.values:
        raise ServiceError("Choose incoming, outgoing or internal.", field="direction")
    occurred_at = _check_when(kind, occurred_at)
    participants = clean_long_text(
        participants, field="participants", label="Participants", limit=PARTICIPANTS_LIMIT
    )
    participants = " ".join(participants.split())
    subject = clean_text(
        subject, field="subject", label="Subject", limit=SUBJECT_LIMIT, required=False
    )
    summary = clean_long_text(summary, field="summary", label="The summary", limit=SUMMARY_LIMIT)
    if not subject and not summary:
        raise ServiceError("Say what it was about: give a subject or a summary.", field="summary")
    return {
        "kind": kind,
        "direction": direction,
        "occurred_at": occurred_at,
        "participants": participants,
        "subject": subject,
        "summary": summary,
    }


def _follow_up_task(by: Any, matter: Matter, follow_up: FollowUp, about: str) -> Any:
    """Create the follow-up task; its refusals name the follow-up fields of the form."""
    try:
        return task_create(
            by=by,
            title=follow_up.title,
            due_date=follow_up.due_date,
            assignee=follow_up.assignee,
            matter=matter,
            notes=f"Follow-up to {about}"[:500],
        )
    except ServiceError as exc:
        field = f"follow_up_{exc.field}" if exc.field else "follow_up_title"
        message = exc.message
        if exc.field == "title":
            message = "Give the follow-up task a title (what is to be done)."
        raise ServiceError(message, field=field) from exc


def day_text(day: dt.date) -> str:
    """A date as messages show it: "Nov 27, 2026"."""
    return f"{day:%b} {day.day}, {day.year}"


def describe(communication: Communication) -> str:
    """How an entry is named in messages and the audit log: "call of Mar 4, 2027 “Settlement”"."""
    when = day_text(timezone.localtime(communication.occurred_at))
    label = communication.get_kind_display().lower()
    subject = f" “{communication.subject}”" if communication.subject else ""
    return f"{label} of {when}{subject}"


def _audit(by: Any, communication: Communication, action: str, summary: str, data: Any) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type="communication",
        object_id=communication.pk,
        matter_id=communication.matter_id,
        summary=summary,
        data=data,
    )


def communication_record(
    *,
    by: Any,
    matter: Matter,
    fields: dict[str, Any],
    document: Any = None,
    message_id: str = "",
    action: str = "create",
) -> Communication:
    """Write an already-checked entry and its audit record (inside the caller's transaction)."""
    communication = Communication.objects.create(
        matter=matter,
        document=document,
        message_id=message_id,
        created_by=by,
        **fields,
    )
    _audit(
        by,
        communication,
        action,
        f"Logged the {describe(communication)} on {matter.number}",
        {
            "kind": communication.kind,
            "direction": communication.direction,
            "document_id": document.pk if document is not None else None,
        },
    )
    return communication


# --- services --------------------------------------------------------------------------------


def communication_log(
    *,
    by: Any,
    matter: Matter,
    kind: str,
    direction: str,
    occurred_at: dt.datetime,
    participants: str = "",
    subject: str = "",
    summary: str = "",
    follow_up: FollowUp | None = None,
) -> Communication:
    """Log a call, meeting, e-mail, letter or note on the matter, with an optional follow-up task."""
    check_matter(by, matter)
    fields = check_fields(
        kind=kind,
        direction=direction,
        occurred_at=occurred_at,
        participants=participants,
        subject=subject,
        summary=summary,
    )
    with transaction.atomic():
        communication = communication_record(by=by, matter=matter, fields=fields)
        if follow_up is not None:
            task = _follow_up_task(by, matter, follow_up, describe(communication))
            communication.follow_up_task = task
            communication.save(update_fields=["follow_up_task", "updated_at"])
    return communication


def communication_update(
    *, by: Any, communication: Communication, follow_up: FollowUp | None = None, **changes: Any
) -> Communication:
    """Change an entry (kind, direction, date, participants, subject, summary); add a follow-up."""
    check_communication(by, communication)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ServiceError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if follow_up is not None and communication.follow_up_task_id:
        raise ServiceError("This entry already has a follow-up task.", field="follow_up_title")
    current = {name: getattr(communication, name) for name in EDITABLE}
    fields = check_fields(**{**current, **changes})
    diff = {k: v for k, v in fields.items() if current[k] != v}
    if not diff and follow_up is None:
        return communication
    with transaction.atomic():
        for name, value in diff.items():
            setattr(communication, name, value)
        if follow_up is not None:
            communication.follow_up_task = _follow_up_task(
                by, communication.matter, follow_up, describe(communication)
            )
        communication.save()
        changed = sorted(diff) + (["follow_up_task"] if follow_up is not None else [])
        _audit(
            by,
            communication,
            "update",
            f"Changed the {describe(communication)}: {', '.join(changed)}",
            {"changed": changed},
        )
    return communication


def communication_delete(*, by: Any, communication: Communication) -> None:
    """Delete an entry; its filed document and follow-up task stay. The audit log keeps it."""
    check_communication(by, communication)
    with transaction.atomic():
        _audit(
            by,
            communication,
            "delete",
            f"Deleted the {describe(communication)} from the log of {communication.matter.number}",
            {
                "kind": communication.kind,
                "direction": communication.direction,
                "occurred_at": communication.occurred_at.isoformat(),
                "subject": communication.subject,
                "participants": communication.participants[:300],
                "document_id": communication.document_id,
                "follow_up_task_id": communication.follow_up_task_id,
            },
        )
        communication.delete()
