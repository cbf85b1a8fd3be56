"""The correspondence part of the REST API (``/api/v1``): a matter's log of calls, meetings,
e-mails, letters and notes; logging, changing and deleting entries; sending an e-mail.

Everything goes through the correspondence app's selectors and services, so walls, roles and
the audit log apply as on the pages: a matter (and its entries) hidden from the token's user
is 404; a read-only user may read but not write (403 with the reason). Refusals are JSON
``{"detail": ..., "field"?: ..., "errors"?: {name: sentence}}``: 403 for a role that may not
write, 422 for input naming a field, 400 for any other refusal (a mail server's refusal).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import LimitOffsetPagination, paginate

from casedesk.web.access import get_visible_matter, require_writer
from casedesk.web.accounts.models import User
from casedesk.web.correspondence.mail_services import email_send
from casedesk.web.correspondence.models import Communication, CommunicationKind
from casedesk.web.correspondence.selectors import communications_for, get_visible_communication
from casedesk.web.correspondence.services import (
    FollowUp,
    communication_delete,
    communication_log,
    communication_update,
)
from casedesk.web.drafting.api import REFUSALS, Refusal, body_doc, read_json, refusals
from casedesk.web.errors import ServiceError

router = Router(tags=["correspondence"])

# The services name the fields of the web forms; the API's names for the same input.
API_FIELDS = {
    "follow_up_title": "follow_up.title",
    "follow_up_due_date": "follow_up.due_date",
    "follow_up_assignee": "follow_up.assignee_id",
    "attachments": "attachment_ids",
}


# --- shapes -------------------------------------------------------------------------------------


class FollowUpIn(Schema):
    title: str = ""
    due_date: str | None = None  # YYYY-MM-DD
    assignee_id: int | None = None  # a user; the token's user when left out


class CommunicationIn(Schema):
    kind: str  # call, meeting, email, letter, note
    direction: str  # in, out, internal
    occurred_at: str  # ISO 8601; without a zone, the firm's time zone
    participants: str = ""
    subject: str = ""
    summary: str = ""
    follow_up: FollowUpIn | None = None


class CommunicationPatch(Schema):
    kind: str | None = None
    direction: str | None = None
    occurred_at: str | None = None
    participants: str | None = None
    subject: str | None = None
    summary: str | None = None
    follow_up: FollowUpIn | None = None


class FollowUpOut(Schema):
    id: int
    title: str
    due_date: dt.date | None
    assignee: str | None
    status: str


class CommunicationOut(Schema):
    id: int
    matter: str
    matter_id: int
    kind: str
    direction: str
    occurred_at: dt.datetime
    participants: str
    subject: str
    summary: str
    document_id: int | None
    follow_up: FollowUpOut | None
    created_by: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


class EmailIn(Schema):
    to: list[str]
    cc: list[str] = []
    subject: str
    body: str
    attachment_ids: list[int] = []
    reply_to: str | None = None  # the token's user's address when left out


class EmailOut(Schema):
    communication_id: int
    document_id: int | None


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# --- input --------------------------------------------------------------------------------------


def parse_moment(text: str) -> Any:
    """An ISO 8601 date and time (``2027-03-04T14:30``, with or without a zone) as a datetime;
    anything else is handed on as it is, for the service to refuse in its own words."""
    try:
        return dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return text


def follow_up_input(user: Any, data: FollowUpIn | None) -> FollowUp | None:
    """The follow-up task asked for, or None; its assignee defaults to ``user``."""
    if data is None:
        return None
    title = data.title.strip()
    due: dt.date | None = None
    if data.due_date:
        try:
            due = dt.date.fromisoformat(data.due_date.strip())
        except ValueError:
            raise ServiceError(
                f"“{data.due_date.strip()}” is not a date: give it as YYYY-MM-DD.",
                field="follow_up_due_date",
            ) from None
    assignee = user
    if data.assignee_id is not None:
        assignee = User.objects.filter(pk=data.assignee_id).first()
        if assignee is None:
            raise ServiceError(f"There is no user {data.assignee_id}.", field="follow_up_assignee")
    if not title:
        if data.due_date or data.assignee_id is not None:
            raise ServiceError(
                "Give the follow-up task a title (what is to be done).", field="follow_up_title"
            )
        return None
    return FollowUp(title=title, due_date=due, assignee=assignee)


def communication_out(entry: Communication) -> dict[str, Any]:
    """The API's view of an entry of the log."""
    task = entry.follow_up_task
    return {
        "id": entry.pk,
        "matter": entry.matter.number,
        "matter_id": entry.matter_id,
        "kind": entry.kind,
        "direction": entry.direction,
        "occurred_at": entry.occurred_at,
        "participants": entry.participants,
        "subject": entry.subject,
        "summary": entry.summary,
        "document_id": entry.document_id,
        "follow_up": None
        if task is None
        else {
            "id": task.pk,
            "title": task.title,
            "due_date": task.due_date,
            "assignee": task.assignee.username if task.assignee else None,
            "status": task.status,
        },
        "created_by": entry.created_by.username if entry.created_by else None,
        "created_at": entry.created_at,
        "updated_at": entry.updated_at,
    }


# --- the log ------------------------------------------------------------------------------------


@router.get(
    "/matters/{matter_id}/communications",
    response={200: list[CommunicationOut], **REFUSALS},
)
@refusals(fields=API_FIELDS)
@paginate(LimitOffsetPagination)
def communication_list(request: HttpRequest, matter_id: int, kind: str = "") -> Any:
    """The matter's correspondence log, newest first; ``kind`` keeps one kind (call, meeting,
    email, letter, note)."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    if kind and kind not in CommunicationKind.values:
        raise ServiceError("Choose call, meeting, email, letter or note.", field="kind")
    entries = communications_for(user, matter, kind=kind).select_related(
        "matter", "follow_up_task__assignee"
    )
    return [communication_out(e) for e in entries]


@router.post(
    "/matters/{matter_id}/communications",
    response={201: CommunicationOut, **REFUSALS},
    openapi_extra=body_doc(CommunicationIn),
)
@refusals(fields=API_FIELDS)
def communication_create(request: HttpRequest, matter_id: int) -> Any:
    """Log a call, meeting, e-mail, letter or note, with an optional follow-up task (assigned
    to the token's user unless ``assignee_id`` says otherwise)."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    require_writer(user)  # a read-only role hears so before any complaint about the input
    payload = read_json(request, CommunicationIn)
    entry = communication_log(
        by=user,
        matter=matter,
        kind=payload.kind,
        direction=payload.direction,
        occurred_at=parse_moment(payload.occurred_at),
        participants=payload.participants,
        subject=payload.subject,
        summary=payload.summary,
        follow_up=follow_up_input(user, payload.follow_up),
    )
    return Status(201, communication_out(entry))


@router.get("/communications/{communication_id}", response={200: CommunicationOut, 404: Refusal})
def communication_detail(request: HttpRequest, communication_id: int) -> Any:
    """One entry of a log (404 if it does not exist or its matter is hidden from you)."""
    return communication_out(get_visible_communication(_user(request), communication_id))


@router.patch(
    "/communications/{communication_id}",
    response={200: CommunicationOut, **REFUSALS},
    openapi_extra=body_doc(CommunicationPatch),
)
@refusals(fields=API_FIELDS)
def communication_change(request: HttpRequest, communication_id: int) -> Any:
    """Change the fields given (the others stay); ``follow_up`` adds a follow-up task to an
    entry that has none."""
    user = _user(request)
    entry = get_visible_communication(user, communication_id)
    require_writer(user)
    payload = read_json(request, CommunicationPatch)
    changes = payload.model_dump(exclude_unset=True, exclude={"follow_up"})
    if "occurred_at" in changes:
        changes["occurred_at"] = parse_moment(changes["occurred_at"] or "")
    for name in ("kind", "direction", "participants", "subject", "summary"):
        if name in changes and changes[name] is None:
            changes[name] = ""
    entry = communication_update(
        by=user,
        communication=entry,
        follow_up=follow_up_input(user, payload.follow_up),
        **changes,
    )
    return communication_out(get_visible_communication(user, entry.pk))


@router.delete("/communications/{communication_id}", response={204: None, **REFUSALS})
@refusals(fields=API_FIELDS)
def communication_remove(request: HttpRequest, communication_id: int) -> Any:
    """Delete an entry; its filed document and follow-up task stay. The audit log keeps it."""
    user = _user(request)
    entry = get_visible_communication(user, communication_id)
    communication_delete(by=user, communication=entry)
    return Status(204, None)


# --- e-mail -------------------------------------------------------------------------------------


@router.post(
    "/matters/{matter_id}/emails",
    response={201: EmailOut, **REFUSALS},
    openapi_extra=body_doc(EmailIn),
)
@refusals(fields=API_FIELDS)
def email_send_api(request: HttpRequest, matter_id: int) -> Any:
    """Send an e-mail about the matter (attachments: ids of the matter's documents); the
    message sent is filed to the case file as an .eml and logged. A mail server's refusal is
    a 400 and nothing is filed."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    require_writer(user)
    payload = read_json(request, EmailIn)
    entry = email_send(
        by=user,
        matter=matter,
        to=payload.to,
        cc=payload.cc,
        subject=payload.subject,
        body=payload.body,
        attachment_ids=list(payload.attachment_ids),
        reply_to=payload.reply_to,
    )
    return Status(201, {"communication_id": entry.pk, "document_id": entry.document_id})
