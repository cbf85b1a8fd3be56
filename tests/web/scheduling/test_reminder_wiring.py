"""Deadline chains schedule reminders, and moving or completing a deadline keeps them in step."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from casedesk.web.scheduling import chain_services as svc
from casedesk.web.scheduling.models import Reminder
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db


def test_chain_reminders_follow_the_deadline(attorney: Any, secretary: Any) -> None:
    attorney.email = "ada@example.com"
    attorney.save()
    matter = make_matter("2027-0201", "Reminder wiring", attorney=attorney)
    inp = svc.ChainInput("federal-complaint-served", "federal", dt.date(2027, 3, 10), None, "mail")
    chain = svc.chain_create(by=secretary, matter=matter, inp=inp, rule_ids=["frcp-answer"])
    deadline = chain.deadlines.get()
    reminders = list(Reminder.objects.filter(event=deadline).order_by("-minutes_before"))
    assert [r.minutes_before for r in reminders] == [7 * 24 * 60, 24 * 60]
    assert all(r.recipient == attorney for r in reminders)
    before = {r.pk: r.due_at for r in reminders}

    moved = svc.ChainInput(
        "federal-complaint-served", "federal", dt.date(2027, 3, 17), None, "mail"
    )
    svc.chain_move_confirm(by=secretary, chain=chain, new=moved)
    for reminder in Reminder.objects.filter(event=deadline):
        assert reminder.due_at - before[reminder.pk] == dt.timedelta(days=7)

    deadline.refresh_from_db()
    svc.deadline_complete(by=secretary, event=deadline)
    assert not Reminder.objects.filter(event=deadline, sent_at__isnull=True).exists()


def test_a_hearing_gets_reminders_that_move_and_stop_with_it(attorney: Any, secretary: Any) -> None:
    from django.utils import timezone

    from casedesk.web.scheduling.event_services import event_cancel, event_create, event_update

    attorney.email = "ada@example.com"
    attorney.save()
    matter = make_matter("2027-0202", "Hearing reminders", attorney=attorney)
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=30)
    hearing, _ = event_create(
        by=secretary,
        matter=matter,
        kind="hearing",
        title="Motion hearing",
        starts_at=start,
        ends_at=start + dt.timedelta(hours=1),
        location="Dept. 12",
        attendee_users=[attorney],
    )
    due = sorted(Reminder.objects.filter(event=hearing).values_list("due_at", flat=True))
    assert due == [start - dt.timedelta(days=7), start - dt.timedelta(days=1)]
    event_update(
        by=secretary,
        event=hearing,
        starts_at=start + dt.timedelta(days=2),
        ends_at=start + dt.timedelta(days=2, hours=1),
    )
    due = sorted(Reminder.objects.filter(event=hearing).values_list("due_at", flat=True))
    assert due == [start - dt.timedelta(days=5), start + dt.timedelta(days=1)]
    hearing.refresh_from_db()
    event_cancel(by=secretary, event=hearing)
    assert not Reminder.objects.filter(event=hearing).exists()
