"""Reminders by e-mail through a real local SMTP server (aiosmtpd), sent by the real worker."""

from __future__ import annotations

import datetime as dt
import email
import socket
import zoneinfo
from collections.abc import Iterator
from email.message import Message
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

from casedesk.web.audit.models import AuditEntry
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import EthicalWall, Matter, MatterTeamMember
from casedesk.web.scheduling.models import Event, EventAttendee, Reminder, WorkerHeartbeat
from casedesk.web.scheduling.reminder_services import (
    default_recipients,
    reminder_schedule,
    reminders_catch_up,
    reminders_retime,
    reminders_schedule_defaults,
    reminders_send_due,
)
from casedesk.web.scheduling.tasks import reminders_sweep, reminders_worker_start

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
DAY = 24 * 60


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[list[str], Message]] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp() -> Iterator[_Inbox]:
    """A real SMTP server on 127.0.0.1, with Django's SMTP backend pointed at it."""
    inbox = _Inbox()
    port = _free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
            EMAIL_HOST="127.0.0.1",
            EMAIL_PORT=port,
            EMAIL_USE_TLS=False,
            EMAIL_USE_SSL=False,
            EMAIL_HOST_USER="",
            EMAIL_HOST_PASSWORD="",
            DEFAULT_FROM_EMAIL="calendar@firm.test",
            TIME_ZONE="America/Los_Angeles",
        ):
            yield inbox
    finally:
        controller.stop()


def _body(message: Message) -> str:
    payload = message.get_payload(decode=True)
    assert isinstance(payload, bytes)
    return payload.decode(message.get_content_charset() or "utf-8")


@pytest.fixture
def team(attorney: Any, secretary: Any, attorney2: Any) -> dict[str, Any]:
    for user, address in (
        (attorney, "ada@firm.test"),
        (secretary, "sam@firm.test"),
        (attorney2, "bert@firm.test"),
    ):
        user.email = address
        user.save()
    matter = Matter.objects.create(
        number="2027-0042",
        title="Nguyễn v. Acme",
        practice_area="litigation",
        status="open",
        responsible_attorney=attorney,
    )
    MatterTeamMember.objects.create(matter=matter, user=secretary, role="secretary")
    return {"matter": matter, "ada": attorney, "sam": secretary, "bert": attorney2}


def _deadline(matter: Matter, starts_at: dt.datetime, **extra: Any) -> Event:
    return Event.objects.create(
        matter=matter,
        kind="deadline",
        title="Answer due",
        starts_at=starts_at,
        rule_id="frcp-answer",
        rule_citation="FRCP 12(a)(1)(A)(i)",
        rule_pack_version="2025.1",
        derivation=["Served Wed Mar 10, 2027", "day 21 = Wed Mar 31, 2027"],
        uid=f"d-{starts_at.isoformat()}@test",
        **extra,
    )


def test_defaults_remind_the_matter_team_7_days_and_1_day_before(team) -> None:
    start = dt.datetime(2027, 4, 1, 23, 59, tzinfo=LA)
    deadline = _deadline(team["matter"], start)
    created = reminders_schedule_defaults(deadline)
    assert {(r.recipient.username, r.minutes_before) for r in created} == {
        ("ada", 7 * DAY),
        ("ada", DAY),
        ("sam", 7 * DAY),
        ("sam", DAY),
    }
    assert {r.due_at for r in created} == {
        start - dt.timedelta(days=7),
        start - dt.timedelta(days=1),
    }
    hearing = Event.objects.create(
        matter=team["matter"], kind="hearing", title="CMC", starts_at=start, uid="h@test"
    )
    EventAttendee.objects.create(event=hearing, user=team["bert"])
    assert [u.username for u in default_recipients(hearing)] == ["bert"]  # named attendees only
    meeting = Event.objects.create(
        matter=team["matter"], kind="meeting", title="x", starts_at=start, uid="m@test"
    )
    assert reminders_schedule_defaults(meeting) == []


def test_all_day_deadlines_count_back_from_8_am(team) -> None:
    with override_settings(TIME_ZONE="America/Los_Angeles"):
        day = dt.datetime(2027, 4, 1, 0, 0, tzinfo=LA)
        deadline = _deadline(team["matter"], day, all_day=True, ends_at=day + dt.timedelta(days=1))
        [r] = reminder_schedule(event=deadline, recipients=[team["ada"]], minutes_before=[DAY])
        assert r.due_at == dt.datetime(2027, 3, 31, 8, 0, tzinfo=LA)


def test_reminders_move_with_the_event(team) -> None:
    start = timezone.now() + dt.timedelta(days=30)
    deadline = _deadline(team["matter"], start)
    reminder_schedule(
        event=deadline, recipients=[team["ada"]], minutes_before=[DAY, 7 * DAY], by=team["ada"]
    )
    Reminder.objects.filter(minutes_before=7 * DAY).update(sent_at=timezone.now())
    deadline.starts_at = start + dt.timedelta(days=10)
    deadline.save()
    assert reminders_retime(deadline, by=team["ada"]) == 2
    for r in Reminder.objects.all():
        assert r.due_at == deadline.starts_at - dt.timedelta(minutes=r.minutes_before)
        assert r.sent_at is None  # the one sent for the old date goes out again for the new one
    deadline.status = "cancelled"
    deadline.save()
    reminders_retime(deadline)
    assert not Reminder.objects.exists()


def test_bad_reminder_requests_are_refused(team, admin_user) -> None:
    deadline = _deadline(team["matter"], timezone.now() + dt.timedelta(days=3))
    for minutes, message in (
        ([], "Say when"),
        ([-5], "from 0 minutes"),
        (["soon"], "not a number"),
        ([10**9], "366 days"),
    ):
        with pytest.raises(ServiceError, match=message):
            reminder_schedule(event=deadline, recipients=[team["ada"]], minutes_before=minutes)
    EthicalWall.objects.create(
        matter=team["matter"], user=team["bert"], reason="x", created_by=admin_user
    )
    with pytest.raises(ServiceError, match="cannot see this event's matter"):
        reminder_schedule(event=deadline, recipients=[team["bert"]], minutes_before=[60])
    team["sam"].email = ""
    team["sam"].save()
    with pytest.raises(ServiceError, match="no e-mail address"):
        reminder_schedule(event=deadline, recipients=[team["sam"]], minutes_before=[60])
    assert not Reminder.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_the_worker_sends_due_reminders_over_smtp(smtp, team) -> None:
    start = timezone.now() + dt.timedelta(hours=20)  # the 1-day reminder is due now
    deadline = _deadline(team["matter"], start)
    reminders_schedule_defaults(deadline)
    reminders_sweep.enqueue()
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    assert len(smtp.messages) == 2
    assert {tuple(to) for to, _ in smtp.messages} == {("ada@firm.test",), ("sam@firm.test",)}
    _, message = smtp.messages[0]
    local = start.astimezone(LA)
    assert message["Subject"].startswith("Reminder: Deadline: Answer due (2027-0042) on ")
    assert f"{local:%b} {local.day}, {local.year}" in message["Subject"]
    body = _body(message)
    assert "FRCP 12(a)(1)(A)(i) (frcp-answer)" in body and "day 21 = Wed Mar 31, 2027" in body
    assert "2027-0042 Nguyễn v. Acme" in body and "sent late" not in body
    assert "Deadline in 20 hours:" in body  # the real distance, not the nominal "1 day"
    sent = Reminder.objects.filter(sent_at__isnull=False, minutes_before=DAY)
    assert sent.count() == 2 and not sent.filter(late=True).exists()
    # "7 days before" was due too (the deadline was created 20 h ahead): superseded, not sent.
    superseded = Reminder.objects.filter(minutes_before=7 * DAY)
    assert all(r.sent_at and r.error.startswith("Not sent: superseded") for r in superseded)
    assert AuditEntry.objects.filter(action="send", object_type="reminder").exists()
    assert WorkerHeartbeat.objects.get(name="reminders").last_run_at is not None
    # The sweep queued its own next run, in the future: one, not one per run.
    from django_tasks_db.models import DBTaskResult

    pending = DBTaskResult.objects.filter(task_path=reminders_sweep.module_path, status="READY")
    assert pending.count() == 1 and pending.get().run_after > timezone.now()


@pytest.mark.django_db(transaction=True)
def test_a_worker_that_was_down_catches_up_and_says_so(smtp, team) -> None:
    WorkerHeartbeat.objects.create(
        name="reminders", last_run_at=timezone.now() - dt.timedelta(days=3)
    )
    missed = _deadline(team["matter"], timezone.now() + dt.timedelta(hours=2))
    reminders_schedule_defaults(missed)
    for r in Reminder.objects.all():  # as if scheduled a week ago: the 1-day one was due 22 h ago
        r.due_at = missed.starts_at - dt.timedelta(minutes=r.minutes_before)
        r.save()
    message = reminders_worker_start()
    assert "The worker was down since" in message and "sent 2 missed reminder(s) late" in message
    assert "2 earlier reminder(s) for the same events were not sent" in message
    assert Reminder.objects.filter(late=True, sent_at__isnull=False, error="").count() == 2
    assert len(smtp.messages) == 2 and "is sent late" in _body(smtp.messages[0][1])
    entry = AuditEntry.objects.get(action="reminders-catch-up")
    assert entry.data["late"] == 2 and "down since" in entry.summary
    # Nothing is sent twice.
    assert reminders_send_due().sent == 0 and len(smtp.messages) == 2


@pytest.mark.django_db(transaction=True)
def test_a_reminder_never_goes_to_someone_screened_from_the_matter(smtp, team, admin_user) -> None:
    deadline = _deadline(team["matter"], timezone.now() + dt.timedelta(hours=5))
    reminders_schedule_defaults(deadline)
    EthicalWall.objects.create(
        matter=team["matter"], user=team["sam"], reason="conflict", created_by=admin_user
    )
    result = reminders_send_due()
    assert result.sent == 1 and result.withdrawn == 2  # both of Sam's (7 days and 1 day)
    assert [to for to, _ in smtp.messages] == [["ada@firm.test"]]
    assert not Reminder.objects.filter(recipient=team["sam"]).exists()
    # Defaults scheduled after the wall skip the screened person altogether.
    later = _deadline(team["matter"], timezone.now() + dt.timedelta(days=20))
    assert {r.recipient.username for r in reminders_schedule_defaults(later)} == {"ada"}


@pytest.mark.django_db(transaction=True)
def test_smtp_failure_keeps_the_reminder_for_the_next_sweep(smtp, team) -> None:
    deadline = _deadline(team["matter"], timezone.now() + dt.timedelta(hours=5))
    reminder_schedule(event=deadline, recipients=[team["ada"]], minutes_before=[DAY])
    with override_settings(EMAIL_PORT=_free_port(), EMAIL_TIMEOUT=5):  # nobody listens there
        result = reminders_catch_up()
    assert result.result.failed == 1 and "will be retried" in result.message
    reminder = Reminder.objects.get()
    assert reminder.sent_at is None and "ConnectionRefusedError" in reminder.error
    assert reminders_send_due().sent == 1
    reminder.refresh_from_db()
    assert reminder.sent_at is not None and reminder.error == "" and len(smtp.messages) == 1


@pytest.mark.django_db(transaction=True)
def test_cancelled_and_completed_events_send_nothing(smtp, team) -> None:
    soon = timezone.now() + dt.timedelta(hours=5)
    cancelled = _deadline(team["matter"], soon, status="cancelled")
    done = _deadline(team["matter"], soon + dt.timedelta(minutes=1), completed_at=timezone.now())
    for event in (cancelled, done):
        reminder_schedule(event=event, recipients=[team["ada"]], minutes_before=[DAY])
    assert reminders_send_due().sent == 0 and smtp.messages == []
