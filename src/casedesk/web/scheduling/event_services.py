"""Writes to the calendar: create, change, cancel and delete events, and their attendees.

Each service checks permission and input, writes, and audits in one transaction. Creating or
moving an event returns *warnings* naming every double-booking (a staff member or contact
already attending an overlapping event, or the same location/courtroom booked at an
overlapping time): a warning, never a refusal; the page shows it and the user confirms.

Rule-based deadlines (``rule_id`` set) are created and moved by the deadline-chain services;
here their date cannot be changed: :func:`event_update` refuses and points to the chain.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
import uuid
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.web.access import require_writer, visible_contacts, visible_events, visible_matters
from casedesk.web.accounts.models import User
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import Contact
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.event_selectors import booking_clashes
from casedesk.web.scheduling.models import Event, EventAttendee, EventKind, EventStatus
from casedesk.web.scheduling.reminder_services import reminders_retime, reminders_schedule_defaults

TITLE_LIMIT = 300
LOCATION_LIMIT = 200
NOTES_LIMIT = 20_000
FIRST_YEAR = 2000
LAST_YEAR = 2035


class DoubleBooking(ServiceError):
    """Raised (before anything is written) when ``confirm`` is false and there are warnings."""

    def __init__(self, warnings: list[str]) -> None:
        super().__init__("Double-booked: " + "; ".join(warnings))
        self.warnings = warnings


# --- input checks (shared with the task services) -------------------------------------------


def clean_text(value: object, *, field: str, label: str, limit: int, required: bool) -> str:
    """One line of text: NFC, whitespace collapsed, no control characters, at most ``limit``."""
    text = " ".join(unicodedata.normalize("NFC", str(value or "")).split())
    if required and not text:
        raise ServiceError(f"{label} is required.", field=field)
    if len(text) > limit:
        raise ServiceError(
            f"{label} is {len(text):,} characters long; the limit is {limit}.", field=field
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ServiceError(f"{label} contains control characters.", field=field)
    return text


def clean_notes(value: object, *, field: str = "notes") -> str:
    """Free text (line breaks kept), at most NOTES_LIMIT characters."""
    text = unicodedata.normalize("NFC", str(value or "")).strip()
    if len(text) > NOTES_LIMIT:
        raise ServiceError(
            f"Notes are {len(text):,} characters long; the limit is {NOTES_LIMIT:,}.", field=field
        )
    return text


def check_year(day: dt.date | dt.datetime, *, field: str, label: str) -> None:
    """Refuse dates outside the years the court calendars cover (2000-2035)."""
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ServiceError(
            f"{label} {day:%Y-%m-%d} is outside the years casedesk's calendars cover "
            f"({FIRST_YEAR}-{LAST_YEAR}).",
            field=field,
        )


def _aware(value: dt.datetime) -> dt.datetime:
    return value if timezone.is_aware(value) else timezone.make_aware(value)


def clean_times(
    starts_at: Any, ends_at: Any, all_day: bool
) -> tuple[dt.datetime, dt.datetime | None]:
    """Validate the start and end; all-day events run from local midnight to midnight."""
    if not isinstance(starts_at, dt.datetime):
        raise ServiceError("Give the start date and time.", field="starts_at")
    if ends_at is not None and not isinstance(ends_at, dt.datetime):
        raise ServiceError("The end is not a date and time.", field="ends_at")
    starts_at = _aware(starts_at)
    ends_at = _aware(ends_at) if ends_at is not None else None
    check_year(timezone.localtime(starts_at), field="starts_at", label="The start")
    if ends_at is not None:
        check_year(timezone.localtime(ends_at), field="ends_at", label="The end")
    if all_day:
        first = timezone.localtime(starts_at).date()
        last = timezone.localtime(ends_at).date() if ends_at is not None else first
        if last < first:
            raise ServiceError("The end is before the start.", field="ends_at")
        starts_at = timezone.make_aware(dt.datetime.combine(first, dt.time()))
        ends_at = timezone.make_aware(dt.datetime.combine(last + dt.timedelta(days=1), dt.time()))
    elif ends_at is not None and ends_at < starts_at:
        raise ServiceError("The end is before the start.", field="ends_at")
    return starts_at, ends_at


def _clean_kind(kind: str) -> str:
    if kind not in EventKind.values:
        raise ServiceError(f"Unknown kind of event {kind!r}.", field="kind")
    return kind


def _clean_matter(by: Any, matter: Matter | None) -> Matter | None:
    """The matter, if ``by`` may see it; the same refusal whether hidden or missing."""
    if matter is None:
        return None
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.", field="matter")
    return matter


def _clean_users(matter: Matter | None, users: Iterable[User]) -> list[User]:
    """Active staff who may see the event's matter (a screened colleague cannot attend it)."""
    result: list[User] = []
    for user in users:
        if not user.is_active:
            raise ServiceError(f"{user.display_name} is deactivated.", field="attendee_users")
        if matter is not None and not visible_matters(user).filter(pk=matter.pk).exists():
            raise ServiceError(
                f"{user.display_name} cannot see matter {matter.number} (screened, or not on "
                "the team of a restricted matter) and cannot attend this event.",
                field="attendee_users",
            )
        if user not in result:
            result.append(user)
    return result


def _clean_contacts(by: Any, contacts: Iterable[Contact]) -> list[Contact]:
    result: list[Contact] = []
    allowed = set(
        visible_contacts(by).filter(pk__in=[c.pk for c in contacts]).values_list("pk", flat=True)
    )
    for contact in contacts:
        if contact.pk not in allowed:
            raise ServiceError("No such contact.", field="attendee_contacts")
        if contact not in result:
            result.append(contact)
    return result


def _require_visible(by: Any, event: Event) -> None:
    if not visible_events(by).filter(pk=event.pk).exists():
        raise ServiceError("No such event.")


def _iso(value: dt.datetime | None) -> str | None:
    return timezone.localtime(value).isoformat() if value is not None else None


# --- events ------------------------------------------------------------------------------------


def event_create(
    *,
    by: Any,
    matter: Matter | None,
    kind: str,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None = None,
    all_day: bool = False,
    location: str = "",
    notes: str = "",
    attendee_users: Iterable[User] = (),
    attendee_contacts: Iterable[Contact] = (),
    confirm: bool = True,
) -> tuple[Event, list[str]]:
    """Put an event on the calendar; return it and the double-booking warnings (if any).

    With ``confirm=False`` a double-booking raises :class:`DoubleBooking` and nothing is saved,
    so a page can show the warnings and ask the user to confirm.
    """
    require_writer(by)
    kind = _clean_kind(kind)
    title = clean_text(title, field="title", label="Title", limit=TITLE_LIMIT, required=True)
    location = clean_text(
        location, field="location", label="Location", limit=LOCATION_LIMIT, required=False
    )
    notes = clean_notes(notes)
    starts_at, ends_at = clean_times(starts_at, ends_at, all_day)
    with transaction.atomic():
        matter = _clean_matter(by, matter)
        users = _clean_users(matter, attendee_users)
        contacts = _clean_contacts(by, attendee_contacts)
        warnings = booking_clashes(
            by,
            starts_at=starts_at,
            ends_at=ends_at,
            kind=kind,
            users=users,
            contacts=contacts,
            location=location,
        )
        if warnings and not confirm:
            raise DoubleBooking(warnings)
        event = Event.objects.create(
            matter=matter,
            kind=kind,
            title=title,
            starts_at=starts_at,
            ends_at=ends_at,
            all_day=all_day,
            location=location,
            notes=notes,
            uid=f"{uuid.uuid4()}@casedesk",
            created_by=by,
        )
        EventAttendee.objects.bulk_create(
            [EventAttendee(event=event, user=u) for u in users]
            + [EventAttendee(event=event, contact=c) for c in contacts]
        )
        reminders_schedule_defaults(event, by=by)  # hearings and trials: 7 days and 1 day before
        audit_record(
            actor=by,
            action="create",
            object_type="event",
            object_id=event.pk,
            matter_id=matter.pk if matter else None,
            summary=f"Scheduled {event.get_kind_display().lower()} {title}"[:500],
            data={
                "kind": kind,
                "starts_at": _iso(starts_at),
                "ends_at": _iso(ends_at),
                "location": location,
                "attendees": len(users) + len(contacts),
                "double_bookings": warnings,
            },
        )
    return event, warnings


_EDITABLE = ("matter", "kind", "title", "starts_at", "ends_at", "all_day", "location", "notes")


def event_update(
    *,
    by: Any,
    event: Event,
    attendee_users: Iterable[User] | None = None,
    attendee_contacts: Iterable[Contact] | None = None,
    confirm: bool = True,
    **changes: Any,
) -> tuple[Event, list[str]]:
    """Change an event (and, when given, set its attendees); bump its iCalendar SEQUENCE.

    A computed deadline's date, time, kind and matter belong to its chain: changing them here
    is refused with a pointer to the chain page. ``confirm`` works as in :func:`event_create`.
    """
    require_writer(by)
    unknown = set(changes) - set(_EDITABLE)
    if unknown:
        raise ServiceError(f"Cannot change {', '.join(sorted(unknown))} here.")
    _require_visible(by, event)
    new = {name: changes.get(name, getattr(event, name)) for name in _EDITABLE}
    new["kind"] = _clean_kind(new["kind"])
    new["title"] = clean_text(
        new["title"], field="title", label="Title", limit=TITLE_LIMIT, required=True
    )
    new["location"] = clean_text(
        new["location"], field="location", label="Location", limit=LOCATION_LIMIT, required=False
    )
    new["notes"] = clean_notes(new["notes"])
    if "starts_at" in changes or "ends_at" in changes or "all_day" in changes:
        new["starts_at"], new["ends_at"] = clean_times(
            new["starts_at"], new["ends_at"], bool(new["all_day"])
        )
    if event.rule_id:
        locked = [
            n
            for n in ("starts_at", "ends_at", "all_day", "kind", "matter")
            if new[n] != getattr(event, n)
        ]
        if locked:
            where = f" /calendar/chains/{event.chain_id}/" if event.chain_id else ""
            raise ServiceError(
                f"This deadline was computed under {event.rule_citation or event.rule_id}; its "
                f"date cannot be changed here. Move the trigger on its deadline chain{where} "
                "and casedesk recomputes it.",
                field="starts_at",
            )
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event.pk)
        if new["matter"] != event.matter:
            new["matter"] = _clean_matter(by, new["matter"])
        old_users = list(User.objects.filter(attending__event=event))
        old_contacts = list(Contact.objects.filter(attending__event=event))
        users = _clean_users(new["matter"], old_users if attendee_users is None else attendee_users)
        if attendee_contacts is None:
            contacts = old_contacts
        else:
            contacts = list(dict.fromkeys(attendee_contacts))
            _clean_contacts(by, [c for c in contacts if c not in old_contacts])
        diff = {
            name: (getattr(event, name), new[name])
            for name in _EDITABLE
            if getattr(event, name) != new[name]
        }
        added_u = [u for u in users if u not in old_users]
        removed_u = [u for u in old_users if u not in users]
        added_c = [c for c in contacts if c not in old_contacts]
        removed_c = [c for c in old_contacts if c not in contacts]
        if not diff and not (added_u or removed_u or added_c or removed_c):
            return event, []
        moved = bool({"starts_at", "ends_at", "all_day", "location"} & set(diff))
        warnings = (
            booking_clashes(
                by,
                starts_at=new["starts_at"],
                ends_at=new["ends_at"],
                kind=new["kind"],
                users=users if moved else added_u,
                contacts=contacts if moved else added_c,
                location=new["location"] if moved else "",
                exclude_event_id=event.pk,
            )
            if event.status != EventStatus.CANCELLED
            else []
        )
        if warnings and not confirm:
            raise DoubleBooking(warnings)
        for name, (_old, value) in diff.items():
            setattr(event, name, value)
        event.sequence += 1
        event.save()
        EventAttendee.objects.filter(event=event, user__in=removed_u).delete()
        EventAttendee.objects.filter(event=event, contact__in=removed_c).delete()
        EventAttendee.objects.bulk_create(
            [EventAttendee(event=event, user=u) for u in added_u]
            + [EventAttendee(event=event, contact=c) for c in added_c]
        )
        if {"starts_at", "all_day"} & set(diff):
            reminders_retime(event, by=by)
        reminders_schedule_defaults(event, by=by)  # new attendees, or now a hearing or trial
        data: dict[str, Any] = {
            "old_starts_at": _iso(diff["starts_at"][0]) if "starts_at" in diff else None,
            "new_starts_at": _iso(diff["starts_at"][1]) if "starts_at" in diff else None,
            "changed": sorted(diff),
            "sequence": event.sequence,
            "attendees_added": [u.username for u in added_u] + [c.name for c in added_c],
            "attendees_removed": [u.username for u in removed_u] + [c.name for c in removed_c],
            "double_bookings": warnings,
        }
        if "ends_at" in diff:
            data["old_ends_at"], data["new_ends_at"] = (_iso(v) for v in diff["ends_at"])
        audit_record(
            actor=by,
            action="update",
            object_type="event",
            object_id=event.pk,
            matter_id=event.matter_id,
            summary=f"Changed event {event.title}"
            + (
                f": {_iso(diff['starts_at'][0])} -> {_iso(diff['starts_at'][1])}"
                if "starts_at" in diff
                else ""
            ),
            data=data,
        )
    return event, warnings


def event_cancel(*, by: Any, event: Event) -> Event:
    """Mark the event cancelled (it stays on the calendar, struck through); audited."""
    require_writer(by)
    _require_visible(by, event)
    if event.status == EventStatus.CANCELLED:
        raise ServiceError("This event is already cancelled.")
    with transaction.atomic():
        event.status = EventStatus.CANCELLED
        event.sequence += 1
        event.save(update_fields=["status", "sequence", "updated_at"])
        reminders_retime(event, by=by)  # unsent reminders of a cancelled event are dropped
        audit_record(
            actor=by,
            action="cancel",
            object_type="event",
            object_id=event.pk,
            matter_id=event.matter_id,
            summary=f"Cancelled {event.get_kind_display().lower()} {event.title}"[:500],
            data={"starts_at": _iso(event.starts_at), "rule_id": event.rule_id},
        )
    return event


def event_delete(*, by: Any, event: Event) -> None:
    """Delete the event and its attendees and reminders; the audit log keeps what it was."""
    require_writer(by)
    _require_visible(by, event)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="delete",
            object_type="event",
            object_id=event.pk,
            matter_id=event.matter_id,
            summary=f"Deleted {event.get_kind_display().lower()} {event.title}"[:500],
            data={
                "kind": event.kind,
                "title": event.title,
                "starts_at": _iso(event.starts_at),
                "ends_at": _iso(event.ends_at),
                "location": event.location,
                "rule_id": event.rule_id,
                "chain_id": event.chain_id,
                "uid": event.uid,
            },
        )
        event.delete()


def event_attendee_add(
    *, by: Any, event: Event, user: User | None = None, contact: Contact | None = None
) -> list[str]:
    """Add one staff member or contact; return the double-booking warnings for them."""
    if (user is None) == (contact is None):
        raise ServiceError("Name one staff member or one contact.")
    users = [*User.objects.filter(attending__event=event)] + ([user] if user else [])
    contacts = [*Contact.objects.filter(attending__event=event)] + ([contact] if contact else [])
    _, warnings = event_update(by=by, event=event, attendee_users=users, attendee_contacts=contacts)
    return warnings


def event_attendee_remove(
    *, by: Any, event: Event, user: User | None = None, contact: Contact | None = None
) -> None:
    """Take one staff member or contact off the event."""
    if (user is None) == (contact is None):
        raise ServiceError("Name one staff member or one contact.")
    users = [u for u in User.objects.filter(attending__event=event) if u != user]
    contacts = [c for c in Contact.objects.filter(attending__event=event) if c != contact]
    event_update(by=by, event=event, attendee_users=users, attendee_contacts=contacts)
