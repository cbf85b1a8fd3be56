"""iCalendar (RFC 5545) for the calendar: building feeds and exports, parsing imports.

Built with the ``icalendar`` library. Times: a timed event is written with ``TZID`` set to the
firm's ``TIME_ZONE`` and the matching ``VTIMEZONE`` is added (``add_missing_timezones``), so
Outlook, Google and Apple Calendar show the same wall-clock time the firm sees. An all-day event
(``Event.all_day``: stored from local midnight to the midnight after its last day) is written
as ``VALUE=DATE`` with an exclusive ``DTEND``, as RFC 5545 section 3.6.1 requires.

Parsing (:func:`parse_ics`) is all-or-nothing: it returns every event, or raises
:class:`IcsError` listing what is wrong, so an import never creates half a file.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

import icalendar
from django.conf import settings
from django.utils import timezone

from casedesk.web.errors import ServiceError

PRODID = "-//casedesk//casedesk calendar//EN"
FIRST_YEAR = 2000
LAST_YEAR = 2035
MAX_EVENTS = 10_000
MAX_TITLE = 300
MAX_LOCATION = 200
MAX_NOTES = 20_000
# Kinds as calendar programs show them (CATEGORIES), and back.
KIND_LABELS = {
    "appointment": "Appointment",
    "meeting": "Meeting",
    "hearing": "Hearing",
    "trial": "Trial",
    "deposition": "Deposition",
    "deadline": "Deadline",
    "reminder": "Reminder",
}
_STATUS = {"scheduled": "CONFIRMED", "done": "CONFIRMED", "cancelled": "CANCELLED"}


class IcsError(ServiceError):
    """The file is not a usable iCalendar file; ``problems`` lists each reason."""

    def __init__(self, message: str, problems: Sequence[str] = ()) -> None:
        super().__init__(message)
        self.problems = list(problems)


def firm_zone() -> zoneinfo.ZoneInfo:
    """The firm's time zone (settings.TIME_ZONE)."""
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


# --- building -----------------------------------------------------------------------------------


def event_summary(event: Any) -> str:
    """``Hearing: Motion to compel (2027-0012)``: the kind, the title and the matter number."""
    label = KIND_LABELS.get(event.kind, event.kind.title())
    title = event.title
    if not title.lower().startswith(label.lower()):
        title = f"{label}: {title}"
    if event.status == "done":
        title = f"[Done] {title}"
    if event.matter_id:
        title = f"{title} ({event.matter.number})"
    return title


def event_description(event: Any) -> str:
    """Plain-text description: the matter, the notes and, for a deadline, how it was computed."""
    lines: list[str] = []
    if event.matter_id:
        lines.append(f"Matter: {event.matter.number} {event.matter.title}")
    lines.append(f"Kind: {KIND_LABELS.get(event.kind, event.kind)}")
    if event.kind == "deadline" and (event.rule_citation or event.rule_id):
        rule = event.rule_citation or event.rule_id
        if event.rule_id and event.rule_citation:
            rule = f"{event.rule_citation} ({event.rule_id})"
        lines.append(f"Rule: {rule}")
    if event.derivation:
        lines.append("How the date was computed:")
        lines.extend(f"  - {step}" for step in event.derivation)
    if event.derivation_notes:
        lines.append("Notes on the computation:")
        lines.extend(f"  - {note}" for note in event.derivation_notes)
    if event.rule_pack_version:
        lines.append(f"Rule pack version: {event.rule_pack_version}")
    if event.completed_at:
        lines.append(f"Completed: {timezone.localtime(event.completed_at):%Y-%m-%d %H:%M}")
    if event.notes:
        lines.append("")
        lines.append(event.notes)
    return "\n".join(lines)


def _local_date(value: dt.datetime) -> dt.date:
    return timezone.localtime(value, firm_zone()).date()


def _vevent(event: Any, *, stamp: dt.datetime, alarms: Iterable[int] = ()) -> icalendar.Event:
    zone = firm_zone()
    vevent = icalendar.Event()
    vevent.add("uid", event.uid)
    vevent.add("dtstamp", stamp)
    vevent.add("sequence", int(event.sequence or 0))
    if event.all_day:
        # Stored as local midnight to the midnight after the last day (exclusive), as DTEND is.
        first = _local_date(event.starts_at)
        end = _local_date(event.ends_at) if event.ends_at else first
        vevent.add("dtstart", first)
        vevent.add("dtend", end if end > first else first + dt.timedelta(days=1))
    else:
        vevent.add("dtstart", timezone.localtime(event.starts_at, zone))
        if event.ends_at and event.ends_at > event.starts_at:
            vevent.add("dtend", timezone.localtime(event.ends_at, zone))
    vevent.add("summary", event_summary(event))
    if event.location:
        vevent.add("location", event.location)
    vevent.add("description", event_description(event))
    vevent.add("categories", [KIND_LABELS.get(event.kind, event.kind)])
    vevent.add("status", _STATUS.get(event.status, "CONFIRMED"))
    vevent.add("transp", "TRANSPARENT" if event.kind in ("deadline", "reminder") else "OPAQUE")
    if event.created_at:
        vevent.add("created", event.created_at.astimezone(dt.UTC))
    if event.updated_at:
        vevent.add("last-modified", event.updated_at.astimezone(dt.UTC))
    if event.status != "cancelled" and not event.completed_at:
        for minutes in sorted(set(alarms)):
            alarm = icalendar.Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", event_summary(event))
            alarm.add("trigger", -dt.timedelta(minutes=minutes))
            vevent.add_component(alarm)
    return vevent


def build_calendar(
    events: Iterable[Any],
    *,
    name: str,
    alarms: dict[int, list[int]] | None = None,
    refresh_minutes: int = 60,
) -> bytes:
    """An RFC 5545 VCALENDAR of ``events`` (Event rows with ``matter`` loaded).

    ``alarms`` maps an event id to the minutes before it at which a VALARM should ring (the
    feed owner's own reminders).
    """
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    cal.add(
        "refresh-interval", dt.timedelta(minutes=refresh_minutes), parameters={"VALUE": "DURATION"}
    )
    cal.add("x-published-ttl", icalendar.vDuration(dt.timedelta(minutes=refresh_minutes)))
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    alarms = alarms or {}
    for event in events:
        cal.add_component(_vevent(event, stamp=stamp, alarms=alarms.get(event.pk, ())))
    cal.add_missing_timezones()
    return cal.to_ical()


# --- parsing ------------------------------------------------------------------------------------


@dataclass
class ParsedEvent:
    """One VEVENT of an uploaded file, checked and converted to the calendar's terms."""

    uid: str
    title: str
    kind: str
    starts_at: dt.datetime
    ends_at: dt.datetime | None
    all_day: bool
    location: str = ""
    notes: str = ""
    cancelled: bool = False
    repeats: bool = False
    warnings: list[str] = field(default_factory=list)


def _text(component: Any, name: str) -> str:
    value = component.get(name)
    if value is None:
        return ""
    if isinstance(value, list):
        value = value[0] if value else ""
    return " ".join(str(value).split()) if name != "DESCRIPTION" else str(value).strip()


def _as_datetime(value: Any, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, bool]:
    """A date or datetime from the file as an aware datetime, and whether it was a date."""
    if isinstance(value, dt.datetime):
        if timezone.is_naive(value):  # floating time: the firm's wall clock
            value = value.replace(tzinfo=zone)
        return value, False
    if isinstance(value, dt.date):
        return dt.datetime.combine(value, dt.time(0, 0), tzinfo=zone), True
    raise TypeError(f"unexpected date value {value!r}")


def _kind_from(component: Any) -> str:
    categories = component.get("CATEGORIES")
    names: list[str] = []
    for item in categories if isinstance(categories, list) else [categories]:
        if item is None:
            continue
        names.extend(str(c) for c in getattr(item, "cats", [item]))
    wanted = {n.strip().lower() for n in names}
    for kind in KIND_LABELS:
        if kind in wanted:
            return kind
    return "appointment"


def _in_range(value: dt.datetime) -> bool:
    return FIRST_YEAR <= value.year <= LAST_YEAR


def parse_ics(data: bytes) -> list[ParsedEvent]:
    """Every VEVENT of ``data``, or :class:`IcsError` naming each problem (nothing half-done)."""
    if not data or not data.strip():
        raise IcsError("The file is empty: choose an .ics file exported from a calendar program.")
    head = data.lstrip()[:200].lstrip(b"\xef\xbb\xbf").upper()
    if not head.startswith(b"BEGIN:VCALENDAR"):
        raise IcsError(
            "This is not an iCalendar file (it does not start with BEGIN:VCALENDAR). "
            "Export the calendar as .ics from Outlook, Google or Apple Calendar and try again."
        )
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    try:
        calendars = icalendar.Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # the library raises ValueError and friends on malformed input
        raise IcsError(f"The iCalendar file could not be read: {str(exc)[:200]}.") from exc
    zone = firm_zone()
    events: list[ParsedEvent] = []
    problems: list[str] = []
    count = 0
    for calendar in calendars:
        for component in calendar.walk("VEVENT"):
            count += 1
            if count > MAX_EVENTS:
                raise IcsError(f"The file holds more than {MAX_EVENTS:,} events; split it up.")
            parsed = _parse_one(component, count, zone, problems)
            if parsed is not None:
                events.append(parsed)
    if problems:
        shown = problems[:20]
        more = f" (and {len(problems) - 20} more)" if len(problems) > 20 else ""
        raise IcsError(
            f"Nothing was imported: {len(problems)} problem(s) in the file{more}.", shown
        )
    if not events:
        raise IcsError("The file holds no events (no VEVENT): nothing to import.")
    return events


def _parse_one(
    component: Any, number: int, zone: zoneinfo.ZoneInfo, problems: list[str]
) -> ParsedEvent | None:
    title = _text(component, "SUMMARY")
    where = f"Event {number}" + (f" ({title[:60]!r})" if title else "")
    start_prop = component.get("DTSTART")
    if start_prop is None:
        problems.append(f"{where}: it has no start date (DTSTART).")
        return None
    try:
        starts_at, all_day = _as_datetime(start_prop.dt, zone)
    except (TypeError, ValueError, AttributeError):
        problems.append(f"{where}: its start (DTSTART) is not a date.")
        return None
    ends_at: dt.datetime | None = None
    try:
        if component.get("DTEND") is not None:
            ends_at, _ = _as_datetime(component.get("DTEND").dt, zone)
        elif component.get("DURATION") is not None:
            ends_at = starts_at + component.get("DURATION").dt
    except (TypeError, ValueError, AttributeError):
        problems.append(f"{where}: its end (DTEND) is not a date.")
        return None
    if not _in_range(starts_at) or (ends_at is not None and not _in_range(ends_at)):
        problems.append(
            f"{where}: its date {starts_at:%Y-%m-%d} is outside {FIRST_YEAR}-{LAST_YEAR}, "
            "the years casedesk's court calendars cover."
        )
        return None
    if ends_at is not None and ends_at < starts_at:
        problems.append(f"{where}: it ends before it starts.")
        return None
    if all_day and ends_at is not None:
        # DTEND of an all-day event is exclusive: store the last day itself.
        ends_at = ends_at - dt.timedelta(days=1)
        if ends_at <= starts_at:
            ends_at = None
    if not title:
        title = "Untitled event"
    if len(title) > MAX_TITLE:
        problems.append(
            f"{where}: its title is {len(title):,} characters; the limit is {MAX_TITLE}."
        )
        return None
    location = _text(component, "LOCATION")
    if len(location) > MAX_LOCATION:
        problems.append(
            f"{where}: its location is {len(location):,} characters; the limit is {MAX_LOCATION}."
        )
        return None
    notes = _text(component, "DESCRIPTION")
    if len(notes) > MAX_NOTES:
        problems.append(f"{where}: its description is longer than {MAX_NOTES:,} characters.")
        return None
    uid = _text(component, "UID")[:120]
    status = _text(component, "STATUS").upper()
    return ParsedEvent(
        uid=uid,
        title=title,
        kind=_kind_from(component),
        starts_at=starts_at,
        ends_at=ends_at,
        all_day=all_day,
        location=location,
        notes=notes,
        cancelled=status == "CANCELLED",
        repeats=component.get("RRULE") is not None or component.get("RDATE") is not None,
    )
