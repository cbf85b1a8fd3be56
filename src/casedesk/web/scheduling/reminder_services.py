"""Reminders: e-mails sent by the worker some time before an event.

Who gets reminded by default (deadlines, hearings and trials: 7 days and 1 day before):

* a **deadline** belongs to the matter: the responsible attorney and every member of the
  matter's team, plus any staff attendee;
* a **hearing** or **trial**: the staff attendees; when nobody is named, the matter's team
  (and responsible attorney), so a hearing is never silently unreminded.

Every recipient must be active, have an e-mail address, and be able to see the event at the
moment of sending (an ethical wall created after the reminder was scheduled stops it: the
reminder is removed and the removal audited). All-day events count back from
``CASEDESK_REMINDER_ALL_DAY_HOUR`` (08:00) on their day, so "1 day before" arrives at 8 a.m.
the day before, not at midnight.

:func:`reminders_send_due` is the sweep the worker runs every
``CASEDESK_REMINDER_SWEEP_SECONDS``: it sends every due, unsent reminder through Django's
e-mail backend, sets ``sent_at``, sets ``late`` when it goes out more than
``CASEDESK_REMINDER_LATE_MINUTES`` after ``due_at``, and on failure records the error and
leaves the reminder unsent, so the next sweep retries it. Delivery is at-least-once: two
workers sweeping at the same instant could both send one reminder.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casedesk.web.access import visible_events
from casedesk.web.accounts.models import User
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError
from casedesk.web.scheduling.ics import KIND_LABELS, event_summary, firm_zone
from casedesk.web.scheduling.models import Event, EventKind, EventStatus, Reminder, WorkerHeartbeat

log = logging.getLogger("casedesk.reminders")

DEFAULT_MINUTES: tuple[int, ...] = (7 * 24 * 60, 24 * 60)
DEFAULT_KINDS = frozenset({EventKind.DEADLINE, EventKind.HEARING, EventKind.TRIAL})
MAX_MINUTES_BEFORE = 366 * 24 * 60
MAX_PER_EVENT = 20
HEARTBEAT = "reminders"


# --- timing ----------------------------------------------------------------------------------


def reminder_base(event: Event) -> dt.datetime:
    """The instant reminders count back from: the start, or 08:00 on an all-day event's day."""
    if not event.all_day:
        return event.starts_at
    day = timezone.localtime(event.starts_at, firm_zone()).date()
    hour = settings.CASEDESK_REMINDER_ALL_DAY_HOUR
    return dt.datetime.combine(day, dt.time(hour, 0), tzinfo=firm_zone())


def _due_at(event: Event, minutes_before: int) -> dt.datetime:
    """When to send: ``minutes_before`` the event, or now if that moment has already passed
    (a reminder scheduled late is due at once, and is not "late": the worker was not down)."""
    return max(reminder_base(event) - dt.timedelta(minutes=minutes_before), timezone.now())


def describe_offset(minutes: int) -> str:
    """``10080`` -> ``7 days``; ``90`` -> ``1 hour 30 minutes``."""
    days, rest = divmod(minutes, 24 * 60)
    hours, mins = divmod(rest, 60)
    parts = [
        f"{n} {unit}{'' if n == 1 else 's'}"
        for n, unit in ((days, "day"), (hours, "hour"), (mins, "minute"))
        if n
    ]
    return " ".join(parts) or "at the time"


# --- who may be reminded ---------------------------------------------------------------------


def _can_see(user: User, event: Event) -> bool:
    return visible_events(user).filter(pk=event.pk).exists()


def default_recipients(event: Event) -> list[User]:
    """The people a deadline, hearing or trial reminds by default (see the module docstring)."""
    attendees = list(
        User.objects.filter(attending__event=event, is_active=True).order_by("pk").distinct()
    )
    team: list[User] = []
    if event.matter_id:
        team = list(
            User.objects.filter(
                Q(team_memberships__matter_id=event.matter_id)
                | Q(responsible_for__id=event.matter_id),
                is_active=True,
            )
            .order_by("pk")
            .distinct()
        )
    if event.kind == EventKind.DEADLINE:
        chosen = attendees + [u for u in team if u not in attendees]
    else:
        chosen = attendees or team
    return [u for u in chosen if u.email and _can_see(u, event)]


# --- scheduling ------------------------------------------------------------------------------


def _clean_minutes(minutes_before: Iterable[Any]) -> list[int]:
    values: list[int] = []
    for raw in minutes_before:
        try:
            value = int(raw)
        except (TypeError, ValueError) as exc:
            raise ServiceError(f"{raw!r} is not a number of minutes.", field="minutes") from exc
        if value < 0 or value > MAX_MINUTES_BEFORE:
            raise ServiceError(
                "A reminder can be sent from 0 minutes to 366 days before the event.",
                field="minutes",
            )
        if value not in values:
            values.append(value)
    if not values:
        raise ServiceError("Say when to remind (for example 7 days and 1 day before).")
    if len(values) > MAX_PER_EVENT:
        raise ServiceError(f"At most {MAX_PER_EVENT} reminder times per event.", field="minutes")
    return values


def reminder_schedule(
    *,
    event: Event,
    recipients: Iterable[User],
    minutes_before: Sequence[int],
    by: Any | None = None,
    skip_unreachable: bool = False,
) -> list[Reminder]:
    """Remind each recipient ``minutes_before`` the event; existing reminders are kept.

    A recipient who cannot see the event (an ethical wall, a restricted matter), is
    deactivated or has no e-mail address is refused with a clear message, or skipped when
    ``skip_unreachable`` (the defaults). Audited when ``by`` or the defaults create anything.
    """
    minutes = _clean_minutes(minutes_before)
    people: list[User] = []
    for user in recipients:
        problem = ""
        if not user.is_active:
            problem = f"{user.display_name} is deactivated"
        elif not user.email:
            problem = f"{user.display_name} has no e-mail address"
        elif not _can_see(user, event):
            problem = f"{user.display_name} cannot see this event's matter"
        if problem:
            if skip_unreachable:
                continue
            raise ServiceError(f"{problem}: no reminder can be sent to them.", field="recipients")
        if user not in people:
            people.append(user)
    created: list[Reminder] = []
    with transaction.atomic():
        for user in people:
            for value in minutes:
                reminder, made = Reminder.objects.get_or_create(
                    event=event,
                    recipient=user,
                    minutes_before=value,
                    defaults={"due_at": _due_at(event, value)},
                )
                if made:
                    created.append(reminder)
        if created:
            audit_record(
                actor=by,
                actor_name=None if by is not None else "system",
                action="create",
                object_type="reminder",
                object_id=event.pk,
                matter_id=event.matter_id,
                summary=(
                    f"Scheduled {len(created)} reminder(s) for {event.title} "
                    f"({', '.join(describe_offset(m) for m in minutes)} before)"
                )[:500],
                data={
                    "event": event.pk,
                    "recipients": sorted({u.username for u in people}),
                    "minutes_before": minutes,
                },
            )
    return created


def reminders_schedule_defaults(event: Event, *, by: Any | None = None) -> list[Reminder]:
    """Default reminders (7 days and 1 day before) for a deadline, hearing or trial.

    Call it after creating such an event; other kinds get none. Screened, deactivated or
    address-less people are skipped silently.
    """
    if event.kind not in DEFAULT_KINDS or event.status != EventStatus.SCHEDULED:
        return []
    recipients = default_recipients(event)
    if not recipients:
        return []
    return reminder_schedule(
        event=event,
        recipients=recipients,
        minutes_before=DEFAULT_MINUTES,
        by=by,
        skip_unreachable=True,
    )


def reminders_retime(event: Event, *, by: Any | None = None) -> int:
    """Move an event's reminders with it; return how many changed.

    Call it whenever an event's start (or all-day flag) changes, inside the same transaction.
    A reminder already sent for the old date is sent again when its new time is still ahead.
    Reminders of a cancelled or completed event are removed.
    """
    now = timezone.now()
    changed = 0
    with transaction.atomic():
        if event.status == EventStatus.CANCELLED or event.completed_at:
            removed, _ = Reminder.objects.filter(event=event, sent_at__isnull=True).delete()
            return removed
        offsets = set(Reminder.objects.filter(event=event).values_list("minutes_before", flat=True))
        for minutes in offsets:  # one UPDATE per offset (usually two), not one per reminder
            due = _due_at(event, minutes)
            rows = Reminder.objects.filter(event=event, minutes_before=minutes).exclude(due_at=due)
            if due > now:
                changed += rows.update(due_at=due, sent_at=None, late=False, error="")
            else:  # its time has passed: unsent ones go at once, sent ones stay sent
                changed += rows.filter(sent_at__isnull=True, due_at__gt=now).update(
                    due_at=due, error=""
                )
        if changed and by is not None:
            audit_record(
                actor=by,
                action="update",
                object_type="reminder",
                object_id=event.pk,
                matter_id=event.matter_id,
                summary=f"Re-timed {changed} reminder(s) of {event.title}"[:500],
                data={
                    "event": event.pk,
                    "starts_at": timezone.localtime(event.starts_at).isoformat(),
                },
            )
    return changed


# --- sending ---------------------------------------------------------------------------------


@dataclass
class SweepResult:
    """What one sweep did."""

    sent: int = 0
    late: int = 0
    failed: int = 0
    withdrawn: int = 0
    superseded: int = 0
    errors: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "sent": self.sent,
            "late": self.late,
            "failed": self.failed,
            "withdrawn": self.withdrawn,
            "superseded": self.superseded,
            "errors": self.errors[:10],
        }


def _when_text(event: Event) -> str:
    zone = firm_zone()
    start = timezone.localtime(event.starts_at, zone)
    if event.all_day:
        return f"{start:%A, %B} {start.day}, {start.year} (all day)"
    clock = start.strftime("%I:%M %p").lstrip("0")
    return f"{start:%A, %B} {start.day}, {start.year}, {clock} ({settings.TIME_ZONE})"


def _remaining_text(event: Event) -> str:
    """How far off the event is now: ``today``, ``tomorrow``, ``in 3 days``, ``in 5 hours``."""
    now = timezone.now()
    if event.all_day:
        days = (
            timezone.localtime(event.starts_at, firm_zone()).date()
            - timezone.localtime(now, firm_zone()).date()
        ).days
        return {0: "today", 1: "tomorrow"}.get(days, f"in {days} days" if days > 0 else "passed")
    minutes = int((event.starts_at - now).total_seconds() // 60)
    if minutes < 0:
        return "has started"
    if minutes < 90:
        return f"in {minutes} minute{'' if minutes == 1 else 's'}"
    if minutes < 48 * 60:
        return f"in {round(minutes / 60)} hours"
    return f"in {round(minutes / (24 * 60))} days"


def reminder_subject(event: Event) -> str:
    """``Reminder: Deadline: Answer due (2027-0001) on Thu Apr 1, 2027``."""
    start = timezone.localtime(event.starts_at, firm_zone())
    return f"Reminder: {event_summary(event)} on {start:%a %b} {start.day}, {start.year}"[:250]


def reminder_body(reminder: Reminder, *, late: bool) -> str:
    """The plain-text e-mail: what, when, where, the matter and, for deadlines, the rule."""
    event = reminder.event
    lines = [
        f"Hello {reminder.recipient.display_name},",
        "",
        f"{KIND_LABELS.get(event.kind, event.kind)} {_remaining_text(event)}:",
        "",
        f"  What:    {event.title}",
        f"  When:    {_when_text(event)}",
    ]
    if event.matter_id:
        lines.append(f"  Matter:  {event.matter.number} {event.matter.title}")
    if event.location:
        lines.append(f"  Where:   {event.location}")
    if event.kind == EventKind.DEADLINE and (event.rule_citation or event.rule_id):
        rule = event.rule_citation or event.rule_id
        if event.rule_citation and event.rule_id:
            rule = f"{event.rule_citation} ({event.rule_id})"
        lines.append(f"  Rule:    {rule}")
    if event.derivation:
        lines += ["", "How the date was computed:"] + [f"  - {s}" for s in event.derivation]
    if event.derivation_notes:
        lines += ["", "Notes:"] + [f"  - {n}" for n in event.derivation_notes]
    if event.rule_pack_version:
        lines.append(f"Rule pack version: {event.rule_pack_version}")
    if event.notes:
        lines += ["", event.notes]
    if late:
        due = timezone.localtime(reminder.due_at, firm_zone())
        lines += [
            "",
            f"This reminder was due on {due:%Y-%m-%d at %H:%M} and is sent late: the reminder "
            "worker was not running then.",
        ]
    lines += ["", f"-- {settings.CASEDESK_FIRM_NAME} (casedesk)"]
    return "\n".join(lines)


def _due_reminders(now: dt.datetime) -> list[Reminder]:
    return list(
        Reminder.objects.filter(
            sent_at__isnull=True,
            due_at__lte=now,
            event__status=EventStatus.SCHEDULED,
            event__completed_at__isnull=True,
        )
        .select_related("event", "event__matter", "recipient")
        .order_by("due_at", "pk")[:5000]
    )


def _nearest_only(due: list[Reminder]) -> tuple[list[Reminder], list[Reminder]]:
    """Of several due reminders for one person and event, only the nearest to the event goes.

    (After a long outage, or for an event created 20 hours ahead, "in 7 days" and "in 1 day"
    would both be due: only "in 1 day" is sent; the other is marked handled, as superseded.)
    """
    nearest: dict[tuple[int, int], Reminder] = {}
    for reminder in due:
        key = (reminder.event_id, reminder.recipient_id)
        if key not in nearest or reminder.minutes_before < nearest[key].minutes_before:
            nearest[key] = reminder
    keep = {r.pk for r in nearest.values()}
    return [r for r in due if r.pk in keep], [r for r in due if r.pk not in keep]


def reminders_send_due(now: dt.datetime | None = None) -> SweepResult:
    """Send every due, unsent reminder; record errors for a retry; note when the sweep ran."""
    now = now or timezone.now()
    result = SweepResult()
    grace = dt.timedelta(minutes=settings.CASEDESK_REMINDER_LATE_MINUTES)
    due, superseded = _nearest_only(_due_reminders(now))
    withdrawn: list[Reminder] = []
    connection = get_connection(fail_silently=False) if due else None
    sent_ids: list[int] = []
    try:
        for reminder in due:
            user, event = reminder.recipient, reminder.event
            if not user.is_active or not user.email or not _can_see(user, event):
                withdrawn.append(reminder)
                continue
            sent_at = timezone.now()
            late = sent_at - reminder.due_at > grace
            message = EmailMessage(
                subject=reminder_subject(event),
                body=reminder_body(reminder, late=late),
                from_email=settings.DEFAULT_FROM_EMAIL,
                to=[user.email],
                connection=connection,
                headers={"X-Casedesk-Reminder": str(reminder.pk)},
            )
            try:
                message.send(fail_silently=False)
            except Exception as exc:  # SMTP refusals, network errors: keep it for the next sweep
                text = f"{timezone.localtime(sent_at):%Y-%m-%d %H:%M}: {type(exc).__name__}: {exc}"
                Reminder.objects.filter(pk=reminder.pk).update(error=text[:2000])
                result.failed += 1
                result.errors.append(text[:300])
                log.warning("Reminder %s to %s not sent: %s", reminder.pk, user.email, exc)
                continue
            Reminder.objects.filter(pk=reminder.pk).update(sent_at=sent_at, late=late, error="")
            sent_ids.append(reminder.pk)
            result.sent += 1
            result.late += int(late)
    finally:
        if connection is not None:
            try:
                connection.close()
            except Exception:  # closing a broken connection must not hide the sweep's result
                log.debug("closing the mail connection failed", exc_info=True)
    with transaction.atomic():
        nearest = {(r.event_id, r.recipient_id): r.minutes_before for r in due}
        for reminder in superseded:
            if (reminder.event_id, reminder.recipient_id) in {
                (r.event_id, r.recipient_id) for r in withdrawn
            }:
                withdrawn.append(reminder)
                continue
            offset = nearest.get((reminder.event_id, reminder.recipient_id), 0)
            Reminder.objects.filter(pk=reminder.pk).update(
                sent_at=timezone.now(),
                late=timezone.now() - reminder.due_at > grace,
                error=(
                    f"Not sent: superseded by the reminder {describe_offset(offset)} before, "
                    "which was due at the same time."
                ),
            )
            result.superseded += 1
        if withdrawn:
            Reminder.objects.filter(pk__in=[r.pk for r in withdrawn]).delete()
            result.withdrawn = len(withdrawn)
            audit_record(
                actor=None,
                actor_name="system",
                action="delete",
                object_type="reminder",
                summary=(
                    f"Withdrew {len(withdrawn)} reminder(s) whose recipient may no longer see "
                    "the event (ethical wall, restriction, deactivated or no e-mail address)"
                ),
                data={"reminders": [r.pk for r in withdrawn][:500]},
            )
        if sent_ids:
            audit_record(
                actor=None,
                actor_name="system",
                action="send",
                object_type="reminder",
                summary=f"Sent {result.sent} reminder(s) by e-mail"
                + (f", {result.late} late" if result.late else ""),
                data={"reminders": sent_ids[:500], "late": result.late, "failed": result.failed},
            )
        WorkerHeartbeat.objects.update_or_create(name=HEARTBEAT, defaults={"last_run_at": now})
    return result


def last_sweep_at() -> dt.datetime | None:
    """When the reminder sweep last ran (None: never)."""
    beat = WorkerHeartbeat.objects.filter(name=HEARTBEAT).first()
    return beat.last_run_at if beat else None


@dataclass
class CatchUp:
    """The catch-up sweep a starting worker runs."""

    down_since: dt.datetime | None
    result: SweepResult
    message: str


def reminders_catch_up(now: dt.datetime | None = None) -> CatchUp:
    """Run a sweep at worker start and say how many missed reminders went out late.

    The message ("The worker was down since ...; sent N missed reminders late") is logged and,
    when anything was late or failed, written to the audit log as ``reminders-catch-up`` for
    administrators.
    """
    now = now or timezone.now()
    since = last_sweep_at()
    result = reminders_send_due(now)
    when = (
        f"since {timezone.localtime(since, firm_zone()):%Y-%m-%d %H:%M} ({settings.TIME_ZONE})"
        if since
        else "(no earlier run recorded)"
    )
    if result.late:
        message = f"The worker was down {when}; sent {result.late} missed reminder(s) late."
        if result.superseded:
            message += (
                f" {result.superseded} earlier reminder(s) for the same events were not sent: "
                "a nearer one went instead."
            )
    else:
        message = f"Reminder worker started: nothing missed (last sweep {when})."
    if result.sent - result.late:
        message += f" Sent {result.sent - result.late} reminder(s) due just now."
    if result.failed:
        message += f" {result.failed} reminder(s) could not be sent and will be retried: {result.errors[0]}"
    if result.late or result.failed:
        log.warning(message)
        audit_record(
            actor=None,
            actor_name="system",
            action="reminders-catch-up",
            object_type="reminder",
            summary=message[:500],
            data={"down_since": since.isoformat() if since else None, **result.as_dict()},
        )
    else:
        log.info(message)
    return CatchUp(down_since=since, result=result, message=message)
