"""iCalendar feeds (secret, revocable subscription URLs), .ics export and .ics import.

A feed's URL carries a random token; casedesk stores only its SHA-256, so the full URL is
shown once, when the feed is made. Revoking sets ``revoked_at`` and the URL answers 404.
Walls and matter restrictions are applied *at every fetch*, for the feed's owner, through
:mod:`casedesk.web.access`: a wall created after the feed was made hides the walled matter's
events on the next fetch (and a matter feed of a matter the owner may no longer see is 404).

What a personal feed holds: events the owner attends or created, and every deadline of the
matters they are on (team member or responsible attorney), from a year ago onwards.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import uuid
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from casedesk.web.access import require_writer, visible_events, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling import ics
from casedesk.web.scheduling.models import CalendarFeed, Event, EventKind, Reminder

TOKEN_PREFIX = "cf_"
MAX_FEEDS = 20
FEED_HISTORY_DAYS = 365


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


# --- feeds -----------------------------------------------------------------------------------


def feed_create(*, by: Any, matter: Matter | None = None) -> tuple[CalendarFeed, str]:
    """A new feed of ``by``'s calendar, or of ``matter``; returns it and its secret token."""
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        raise ServiceError("Sign in to create a calendar feed.")
    if matter is not None and not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.", field="matter")
    if by.calendar_feeds.filter(revoked_at__isnull=True).count() >= MAX_FEEDS:
        raise ServiceError(
            f"You have {MAX_FEEDS} active calendar feeds; revoke one you no longer use first."
        )
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        feed = CalendarFeed.objects.create(owner=by, matter=matter, token_hash=_digest(token))
        audit_record(
            actor=by,
            action="create",
            object_type="calendar-feed",
            object_id=feed.pk,
            matter_id=matter.pk if matter else None,
            summary=(
                f"Created a calendar feed of matter {matter.number}"
                if matter
                else "Created a calendar feed of their own calendar"
            ),
        )
    return feed, token


def feed_revoke(*, by: Any, feed: CalendarFeed) -> CalendarFeed:
    """Revoke a feed (its owner or an administrator): the URL stops working at once."""
    if feed.owner_id != getattr(by, "pk", None) and not getattr(by, "is_firm_admin", False):
        raise ServiceError("You can revoke only your own calendar feeds.")
    if feed.revoked_at is not None:
        raise ServiceError("That feed is already revoked.")
    with transaction.atomic():
        feed.revoked_at = timezone.now()
        feed.save(update_fields=["revoked_at"])
        audit_record(
            actor=by,
            action="revoke",
            object_type="calendar-feed",
            object_id=feed.pk,
            matter_id=feed.matter_id,
            summary=f"Revoked calendar feed #{feed.pk} of {feed.owner}",
        )
    return feed


def feed_by_token(token: str) -> CalendarFeed | None:
    """The live feed a token opens, or None (unknown, revoked, owner gone or deactivated)."""
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("owner", "matter")
        .filter(token_hash=_digest(token), revoked_at__isnull=True)
        .first()
    )
    if feed is None or not feed.owner.is_active:
        return None
    if feed.matter_id and not visible_matters(feed.owner).filter(pk=feed.matter_id).exists():
        return None  # walled or restricted since: no trace
    return feed


def personal_events(user: Any) -> QuerySet[Event]:
    """The user's own calendar: attending, created, and deadlines of matters they are on."""
    mine = (
        Q(attendees__user=user)
        | Q(created_by=user)
        | Q(
            kind=EventKind.DEADLINE,
            matter__in=Matter.objects.filter(Q(team__user=user) | Q(responsible_attorney=user)),
        )
    )
    ids = visible_events(user).filter(mine).values("id")
    return Event.objects.filter(id__in=ids).select_related("matter")


def matter_events(user: Any, matter: Matter) -> QuerySet[Event]:
    """Every event of ``matter`` that ``user`` may see (none when the matter is hidden)."""
    return visible_events(user).filter(matter=matter).select_related("matter")


def feed_events(feed: CalendarFeed) -> QuerySet[Event]:
    """The events a feed serves now (walls applied for its owner)."""
    since = timezone.now() - dt.timedelta(days=FEED_HISTORY_DAYS)
    qs = matter_events(feed.owner, feed.matter) if feed.matter_id else personal_events(feed.owner)
    return qs.filter(starts_at__gte=since).order_by("starts_at", "id")


def _alarms(user: Any, events: list[Event]) -> dict[int, list[int]]:
    alarms: dict[int, list[int]] = {}
    rows = Reminder.objects.filter(recipient=user, event_id__in=[e.pk for e in events]).values_list(
        "event_id", "minutes_before"
    )
    for event_id, minutes in rows:
        alarms.setdefault(event_id, []).append(minutes)
    return alarms


def calendar_name(user: Any, matter: Matter | None) -> str:
    """``Firm: Ada Attorney`` or ``Firm: 2027-0001 Smith v. Jones``."""
    firm = settings.CASEDESK_FIRM_NAME
    if matter is not None:
        return f"{firm}: {matter.number} {matter.title}"[:200]
    return f"{firm}: {user.display_name}"[:200]


def feed_render(feed: CalendarFeed) -> bytes:
    """The feed's iCalendar text; records when it was fetched (not audited: read-only)."""
    events = list(feed_events(feed))
    data = ics.build_calendar(
        events,
        name=calendar_name(feed.owner, feed.matter),
        alarms=_alarms(feed.owner, events),
    )
    CalendarFeed.objects.filter(pk=feed.pk).update(last_fetched_at=timezone.now())
    return data


# --- export ----------------------------------------------------------------------------------


def calendar_export(*, by: Any, matter: Matter | None = None) -> tuple[bytes, str]:
    """An .ics download of ``by``'s calendar or of a matter's; audited as an export."""
    if matter is not None and not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")
    events = list(
        (matter_events(by, matter) if matter else personal_events(by)).order_by("starts_at", "id")
    )
    data = ics.build_calendar(events, name=calendar_name(by, matter), alarms=_alarms(by, events))
    filename = f"calendar-{matter.number if matter else by.username}.ics"
    filename = "".join(c if c.isalnum() or c in "-_." else "-" for c in filename)
    audit_record(
        actor=by,
        action="export",
        object_type="calendar",
        object_id=matter.pk if matter else "",
        matter_id=matter.pk if matter else None,
        summary=(
            f"Exported {len(events)} event(s) of matter {matter.number} as iCalendar"
            if matter
            else f"Exported {len(events)} event(s) of their calendar as iCalendar"
        ),
        data={"events": len(events), "sha256": hashlib.sha256(data).hexdigest()},
    )
    return data, filename


# --- import ----------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import did."""

    created: int = 0
    duplicates: int = 0
    cancelled_skipped: int = 0
    repeating: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def summary(self) -> str:
        parts = [f"Imported {self.created} event(s)."]
        if self.duplicates:
            parts.append(
                f"{self.duplicates} were already in the calendar (same UID) and were skipped."
            )
        if self.cancelled_skipped:
            parts.append(f"{self.cancelled_skipped} cancelled event(s) were left out.")
        if self.repeating:
            parts.append(
                f"{self.repeating} repeating event(s) were imported as their first occurrence "
                "only: add the later dates by hand."
            )
        return " ".join(parts)


def _create_event(by: Any, matter: Matter | None, item: ics.ParsedEvent) -> tuple[Event, list[str]]:
    """Create through the calendar's event service when it is there (checks, clashes, audit)."""
    try:
        from casedesk.web.scheduling.event_services import event_create
    except ImportError:  # the event service is not installed: a minimal, audited creation
        event_create = None
    if event_create is not None:
        return event_create(
            by=by,
            matter=matter,
            kind=item.kind,
            title=item.title,
            starts_at=item.starts_at,
            ends_at=item.ends_at,
            all_day=item.all_day,
            location=item.location,
            notes=item.notes,
            attendee_users=[by] if matter is None else [],
        )
    ends_at = item.ends_at
    if item.all_day:
        ends_at = (ends_at or item.starts_at) + dt.timedelta(days=1)
    event = Event.objects.create(
        matter=matter,
        kind=item.kind,
        title=item.title,
        starts_at=item.starts_at,
        ends_at=ends_at,
        all_day=item.all_day,
        location=item.location,
        notes=item.notes,
        uid=f"{uuid.uuid4()}@casedesk",
        created_by=by,
    )
    audit_record(
        actor=by,
        action="create",
        object_type="event",
        object_id=event.pk,
        matter_id=matter.pk if matter else None,
        summary=f"Scheduled {item.kind} {item.title} (imported)"[:500],
    )
    return event, []


def calendar_import(
    *, by: Any, data: bytes, filename: str = "", matter: Matter | None = None
) -> ImportResult:
    """Import an .ics file into ``matter``'s calendar or ``by``'s own: all or nothing.

    Bad files (empty, not iCalendar, too large, an event without a start, dates outside
    2000-2035, over-long fields) raise :class:`ics.IcsError` and create nothing. An event
    whose UID is already on a calendar ``by`` can see is skipped (re-importing an export is
    harmless); cancelled events are left out; a repeating event brings its first occurrence.
    """
    require_writer(by)
    if matter is not None and not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.", field="matter")
    limit = settings.CASEDESK_MAX_IMPORT_BYTES
    if len(data) > limit:
        raise ics.IcsError(
            f"The file is larger than {limit // 1_048_576} MB, the import limit: nothing was imported."
        )
    items = ics.parse_ics(data)
    result = ImportResult()
    visible_uids = set(
        visible_events(by)
        .filter(uid__in=[i.uid for i in items if i.uid])
        .values_list("uid", flat=True)
    )
    seen: set[str] = set()
    with transaction.atomic():
        for number, item in enumerate(items, 1):
            if item.cancelled:
                result.cancelled_skipped += 1
                continue
            if item.uid and (item.uid in visible_uids or item.uid in seen):
                result.duplicates += 1
                continue
            try:
                event, warnings = _create_event(by, matter, item)
            except ServiceError as exc:  # rolls the whole import back
                raise ics.IcsError(
                    f"Nothing was imported: event {number} ({item.title[:60]!r}): {exc.message}"
                ) from exc
            result.warnings.extend(warnings)
            if item.uid and not Event.objects.filter(uid=item.uid).exists():
                Event.objects.filter(pk=event.pk).update(uid=item.uid)
                seen.add(item.uid)
            result.created += 1
            result.repeating += int(item.repeats)
        audit_record(
            actor=by,
            action="import",
            object_type="calendar",
            object_id=matter.pk if matter else "",
            matter_id=matter.pk if matter else None,
            summary=(
                f"Imported {result.created} event(s) from {filename or 'an .ics file'}"
                + (f" into matter {matter.number}" if matter else " into their calendar")
            )[:500],
            data={
                "filename": filename[:200],
                "sha256": hashlib.sha256(data).hexdigest(),
                "created": result.created,
                "duplicates": result.duplicates,
                "cancelled_skipped": result.cancelled_skipped,
                "repeating": result.repeating,
            },
        )
    return result
