"""Reads for the calendar and the task list, all starting from ``access.visible_events`` /
``access.visible_tasks`` so a screened user sees no trace of a walled matter.

Calendar pages query only the range on screen (an index range scan on ``starts_at``), with the
matter joined in the same query: a month of a 10,000-event firm is two queries, not hundreds.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, ExpressionWrapper, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casedesk.web.access import visible_events, visible_tasks
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.models import (
    Event,
    EventAttendee,
    EventKind,
    EventStatus,
    Task,
    TaskStatus,
)

VIEWS = ("month", "week", "agenda")
AGENDA_DAYS = 30
AGENDA_PAGE = 50
MONTH_CELL_LIMIT = 4
# Events that started this long before the range and still run into it are shown; longer
# spans (rare: a months-long trial) show from their start. Keeps the range an index scan.
MAX_SPAN = dt.timedelta(days=92)
# Kinds that occupy people and rooms; a deadline or reminder double-books nobody.
BUSY_KINDS = (
    EventKind.APPOINTMENT,
    EventKind.MEETING,
    EventKind.HEARING,
    EventKind.TRIAL,
    EventKind.DEPOSITION,
)
# What the month, week and agenda show: loading only these keeps a 1,000-event month cheap.
LIST_FIELDS = (
    "id",
    "matter_id",
    "kind",
    "title",
    "starts_at",
    "ends_at",
    "all_day",
    "location",
    "status",
    "rule_citation",
    "matter__number",
    "matter__title",
)
DAY_START_HOUR = 7
DAY_END_HOUR = 20
HOUR_PX = 44


# --- ranges ----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CalendarRange:
    """The days on screen: ``first`` to ``last`` inclusive, and where prev/next lead."""

    view: str
    anchor: dt.date
    first: dt.date
    last: dt.date
    prev: dt.date
    next: dt.date
    label: str

    @property
    def start(self) -> dt.datetime:
        """Local midnight at the start of ``first``."""
        return local_midnight(self.first)

    @property
    def end(self) -> dt.datetime:
        """Local midnight after ``last`` (exclusive)."""
        return local_midnight(self.last + dt.timedelta(days=1))


def local_midnight(day: dt.date) -> dt.datetime:
    """The aware datetime of midnight at the start of ``day`` in the firm's time zone."""
    return timezone.make_aware(dt.datetime.combine(day, dt.time()))


def _sunday_on_or_before(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=(day.weekday() + 1) % 7)


def calendar_range(view: str, anchor: dt.date) -> CalendarRange:
    """The month grid (Sunday to Saturday weeks), the week, or 30 days of agenda around ``anchor``."""
    if view == "week":
        first = _sunday_on_or_before(anchor)
        last = first + dt.timedelta(days=6)
        label = (
            f"{first:%b} {first.day} – {last.day}, {last.year}"
            if first.month == last.month
            else f"{first:%b} {first.day} – {last:%b} {last.day}, {last.year}"
        )
        return CalendarRange(
            view,
            anchor,
            first,
            last,
            anchor - dt.timedelta(days=7),
            anchor + dt.timedelta(days=7),
            label,
        )
    if view == "agenda":
        last = anchor + dt.timedelta(days=AGENDA_DAYS - 1)
        label = f"{anchor:%b} {anchor.day}, {anchor.year} – {last:%b} {last.day}, {last.year}"
        return CalendarRange(
            view,
            anchor,
            anchor,
            last,
            anchor - dt.timedelta(days=AGENDA_DAYS),
            anchor + dt.timedelta(days=AGENDA_DAYS),
            label,
        )
    month_first = anchor.replace(day=1)
    month_last = anchor.replace(day=calendar.monthrange(anchor.year, anchor.month)[1])
    first = _sunday_on_or_before(month_first)
    last = _sunday_on_or_before(month_last) + dt.timedelta(days=6)
    prev = (month_first - dt.timedelta(days=1)).replace(day=1)
    nxt = month_last + dt.timedelta(days=1)
    return CalendarRange("month", anchor, first, last, prev, nxt, f"{anchor:%B %Y}")


# --- calendar queries ------------------------------------------------------------------------


def my_matter_ids(user: Any) -> QuerySet[Matter]:
    """Ids of matters ``user`` is on (team member or responsible attorney), as a subquery."""
    return Matter.objects.filter(Q(team__user=user) | Q(responsible_attorney=user)).values("id")


def _mine(user: Any) -> Q:
    """Events ``user`` attends or created, and deadlines of the matters they are on."""
    return (
        Q(id__in=EventAttendee.objects.filter(user=user).values("event_id"))
        | Q(created_by=user)
        | Q(kind=EventKind.DEADLINE, matter_id__in=my_matter_ids(user))
    )


def calendar_events(
    user: Any,
    *,
    start: dt.datetime,
    end: dt.datetime,
    scope: str = "mine",
    matter: Matter | None = None,
    kinds: Sequence[str] = (),
) -> QuerySet[Event]:
    """Visible events overlapping [start, end): ``scope`` is "mine", "matter" or "firm"."""
    qs = (
        visible_events(user)
        .filter(starts_at__gte=start - MAX_SPAN, starts_at__lt=end)
        .filter(Q(starts_at__gte=start) | Q(ends_at__gt=start))
    )
    if scope == "mine":
        qs = qs.filter(_mine(user))
    elif scope == "matter":
        qs = qs.filter(matter=matter)
    if kinds:
        qs = qs.filter(kind__in=list(kinds))
    return qs.select_related("matter").only(*LIST_FIELDS).order_by("starts_at", "id")


def get_visible_event(user: Any, pk: Any) -> Event:
    """The event, or 404 when missing or on a matter hidden from ``user``."""
    try:
        return visible_events(user).select_related("matter", "chain", "created_by").get(pk=pk)
    except (Event.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such event.") from exc


def event_attendees(event: Event) -> list[EventAttendee]:
    """Staff first, then contacts, by name."""
    rows = list(event.attendees.select_related("user", "contact"))
    return sorted(
        rows,
        key=lambda a: (a.user_id is None, (a.user.display_name if a.user else a.contact.name)),
    )


def end_day(event: Event, tz: dt.tzinfo | None = None) -> dt.date:
    """The last local day the event occupies (an all-day end is exclusive midnight)."""
    tz = tz or timezone.get_current_timezone()
    if event.ends_at is None or event.ends_at <= event.starts_at:
        return event.starts_at.astimezone(tz).date()
    return (event.ends_at - dt.timedelta(microseconds=1)).astimezone(tz).date()


def time_span(event: Event) -> str:
    """ "10:00–12:00", "All day", or "10:00" (no end) in local time."""
    if event.all_day:
        return "All day"
    start = timezone.localtime(event.starts_at)
    if event.ends_at is None:
        return f"{start:%H:%M}"
    end = timezone.localtime(event.ends_at)
    if end.date() != start.date():
        return f"{start:%H:%M} – {end:%a %b} {end.day} {end:%H:%M}"
    return f"{start:%H:%M}–{end:%H:%M}"


# --- the three layouts -------------------------------------------------------------------------


@dataclass(slots=True)
class DayCell:
    """One day of the month grid or the agenda."""

    day: dt.date
    in_month: bool = True
    is_today: bool = False
    events: list[Event] = field(default_factory=list)
    more: int = 0


def month_grid(rng: CalendarRange, events: Iterable[Event]) -> list[list[DayCell]]:
    """Weeks of seven DayCells; each shows at most MONTH_CELL_LIMIT events and a "+N more"."""
    today = timezone.localdate()
    tz = timezone.get_current_timezone()  # once: localtime() per event is slow
    one = dt.timedelta(days=1)
    by_day: dict[dt.date, list[Event]] = defaultdict(list)
    for event in events:
        first = event.starts_at.astimezone(tz).date()
        day = max(first, rng.first)
        if event.ends_at is None or event.ends_at <= event.starts_at:
            if day <= rng.last:
                by_day[day].append(event)
            continue
        last = min(end_day(event, tz), rng.last)
        while day <= last:
            by_day[day].append(event)
            day += one
    weeks: list[list[DayCell]] = []
    day = rng.first
    while day <= rng.last:
        week = []
        for _ in range(7):
            items = by_day.get(day, [])
            week.append(
                DayCell(
                    day=day,
                    in_month=day.month == rng.anchor.month,
                    is_today=day == today,
                    events=items[:MONTH_CELL_LIMIT],
                    more=max(0, len(items) - MONTH_CELL_LIMIT),
                )
            )
            day += dt.timedelta(days=1)
        weeks.append(week)
    return weeks


@dataclass(slots=True)
class PlacedEvent:
    """A timed event in the week view, with its box in px and its lane in percent."""

    event: Event
    top: int
    height: int
    left: float
    width: float
    span: str


@dataclass(slots=True)
class WeekColumn:
    day: dt.date
    is_today: bool
    all_day: list[Event] = field(default_factory=list)
    timed: list[PlacedEvent] = field(default_factory=list)


def week_columns(
    rng: CalendarRange, events: Iterable[Event]
) -> tuple[list[WeekColumn], list[int], int]:
    """Seven columns of all-day and timed events; the hours shown; the column height in px."""
    today = timezone.localdate()
    cols = {
        rng.first + dt.timedelta(days=i): WeekColumn(
            rng.first + dt.timedelta(days=i), rng.first + dt.timedelta(days=i) == today
        )
        for i in range(7)
    }
    timed: dict[dt.date, list[tuple[int, int, Event]]] = defaultdict(list)
    first_hour, last_hour = DAY_START_HOUR, DAY_END_HOUR
    tz = timezone.get_current_timezone()
    for event in events:
        start = event.starts_at.astimezone(tz)
        last_day = end_day(event, tz)
        if event.all_day or event.kind == EventKind.DEADLINE or last_day != start.date():
            day = max(start.date(), rng.first)
            while day <= min(last_day, rng.last):
                cols[day].all_day.append(event)
                day += dt.timedelta(days=1)
            continue
        if start.date() not in cols:
            continue
        begin = start.hour * 60 + start.minute
        finish = (
            begin + 30
            if event.ends_at is None
            else max(
                begin + 30,
                event.ends_at.astimezone(tz).hour * 60 + event.ends_at.astimezone(tz).minute,
            )
        )
        finish = min(finish, 24 * 60)
        first_hour = min(first_hour, begin // 60)
        last_hour = max(last_hour, -(-finish // 60))
        timed[start.date()].append((begin, finish, event))
    for day, items in timed.items():
        items.sort(key=lambda t: (t[0], -t[1]))
        # Greedy lanes within each cluster of overlapping events.
        clusters: list[list[tuple[int, int, Event, int]]] = []
        cluster_end = -1
        for begin, finish, event in items:
            if begin >= cluster_end:
                clusters.append([])
            lanes_end: dict[int, int] = {}
            for _b, f, _e, lane in clusters[-1]:
                lanes_end[lane] = max(lanes_end.get(lane, 0), f)
            lane = next((n for n in sorted(lanes_end) if lanes_end[n] <= begin), len(lanes_end))
            clusters[-1].append((begin, finish, event, lane))
            cluster_end = max(cluster_end, finish)
        for cluster in clusters:
            lanes = 1 + max(lane for *_rest, lane in cluster)
            for begin, finish, event, lane in cluster:
                top = (begin - first_hour * 60) * HOUR_PX // 60
                height = max(20, (finish - begin) * HOUR_PX // 60 - 2)
                cols[day].timed.append(
                    PlacedEvent(
                        event, top, height, 100 * lane / lanes, 100 / lanes, time_span(event)
                    )
                )
    hours = list(range(first_hour, last_hour))
    return list(cols.values()), hours, len(hours) * HOUR_PX


def agenda_days(events: Iterable[Event]) -> list[DayCell]:
    """The events of one agenda page, grouped by local start day."""
    today = timezone.localdate()
    tz = timezone.get_current_timezone()
    days: dict[dt.date, DayCell] = {}
    for event in events:
        day = event.starts_at.astimezone(tz).date()
        cell = days.get(day)
        if cell is None:
            cell = days[day] = DayCell(day=day, is_today=day == today)
        cell.events.append(event)
    return list(days.values())


def coming_up(user: Any, days: int = 7, limit: int = 15) -> list[Event]:
    """My events and deadlines from now through the next ``days`` days (for the dashboard)."""
    now = timezone.now()
    end = local_midnight(timezone.localdate() + dt.timedelta(days=days + 1))
    return list(
        calendar_events(user, start=now, end=end, scope="mine").exclude(
            status=EventStatus.CANCELLED
        )[:limit]
    )


# --- double-booking -----------------------------------------------------------------------------


def location_key(location: str) -> str:
    """ "  dept. 12 " and "Dept.  12" are the same courtroom."""
    return " ".join(location.split()).casefold()


def _when(event: Event) -> str:
    start = timezone.localtime(event.starts_at)
    return f"{time_span(event)} on {start:%a %b} {start.day}"


def booking_clashes(
    by: Any,
    *,
    starts_at: dt.datetime,
    ends_at: dt.datetime | None,
    kind: str,
    users: Sequence[Any] = (),
    contacts: Sequence[Any] = (),
    location: str = "",
    exclude_event_id: int | None = None,
) -> list[str]:
    """One sentence per double-booking of a person, contact or room in [starts_at, ends_at).

    A clashing event on a matter hidden from ``by`` is described without its title or matter.
    """
    if kind not in BUSY_KINDS or not (users or contacts or location.strip()):
        return []
    end = (
        ends_at
        if ends_at is not None and ends_at > starts_at
        else starts_at + dt.timedelta(minutes=1)
    )
    overlapping = (
        Event.objects.filter(starts_at__gte=starts_at - MAX_SPAN, starts_at__lt=end)
        .filter(Q(ends_at__gt=starts_at) | Q(starts_at__gt=starts_at - dt.timedelta(minutes=1)))
        .filter(kind__in=BUSY_KINDS)
        .exclude(status=EventStatus.CANCELLED)
    )
    if exclude_event_id is not None:
        overlapping = overlapping.exclude(pk=exclude_event_id)
    clashes: list[tuple[str, Event]] = []
    if users or contacts:
        rows = (
            EventAttendee.objects.filter(event__in=overlapping)
            .filter(Q(user__in=[u.pk for u in users]) | Q(contact__in=[c.pk for c in contacts]))
            .select_related("event", "user", "contact")
            .order_by("event__starts_at", "id")
        )
        for row in rows:
            who = row.user.display_name if row.user else row.contact.name
            clashes.append((who, row.event))
    key = location_key(location)
    if key:
        for event in overlapping.exclude(location="").order_by("starts_at", "id"):
            if location_key(event.location) == key:
                clashes.append(("@" + event.location.strip(), event))
    if not clashes:
        return []
    seen = set(
        visible_events(by).filter(pk__in={e.pk for _, e in clashes}).values_list("pk", flat=True)
    )
    messages: list[str] = []
    for who, event in clashes:
        if who.startswith("@"):
            text = (
                f"{who[1:]} is booked for '{event.title}' {_when(event)}"
                if event.pk in seen
                else f"{who[1:]} is booked {_when(event)} (details hidden)"
            )
        else:
            text = (
                f"{who} is already in '{event.title}' {_when(event)}"
                if event.pk in seen
                else f"{who} is already booked {_when(event)} (details hidden)"
            )
        if text not in messages:
            messages.append(text)
    return messages


# --- tasks --------------------------------------------------------------------------------------


def _with_overdue(qs: QuerySet[Task]) -> QuerySet[Task]:
    """Annotate ``overdue``: open and due before today (local)."""
    today = timezone.localdate()
    return qs.annotate(
        overdue=ExpressionWrapper(
            Q(status=TaskStatus.OPEN, due_date__lt=today), output_field=BooleanField()
        )
    )


def tasks_for_list(user: Any, *, who: str = "mine", status: str = "open") -> QuerySet[Task]:
    """Visible tasks: mine (assigned to me) or all; open or done; by due date."""
    qs = _with_overdue(visible_tasks(user).select_related("matter", "assignee", "deadline"))
    if who == "mine":
        qs = qs.filter(assignee=user)
    if status in TaskStatus.values:
        qs = qs.filter(status=status)
    if status == TaskStatus.DONE:
        return qs.order_by("-completed_at", "-id")
    return qs.order_by("due_date", "id")


def my_open_tasks(user: Any, limit: int = 12) -> list[Task]:
    """Open tasks assigned to ``user``, soonest due first (undated last)."""
    qs = (
        _with_overdue(visible_tasks(user))
        .filter(assignee=user, status=TaskStatus.OPEN)
        .select_related("matter", "deadline")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )
    return list(qs[:limit])


def get_visible_task(user: Any, pk: Any) -> Task:
    """The task, or 404 when missing or on a matter hidden from ``user``."""
    try:
        return _with_overdue(
            visible_tasks(user).select_related("matter", "assignee", "deadline")
        ).get(pk=pk)
    except (Task.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such task.") from exc
