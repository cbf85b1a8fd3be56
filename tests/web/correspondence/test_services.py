"""Logging, changing and deleting entries of the correspondence log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.correspondence.models import Communication
from casedesk.web.correspondence.services import (
    FollowUp,
    communication_delete,
    communication_log,
    communication_update,
)
from casedesk.web.errors import ServiceError
from casedesk.web.scheduling.models import Task

pytestmark = pytest.mark.django_db


def when(hours_ago: int = 1) -> dt.datetime:
    return timezone.now() - dt.timedelta(hours=hours_ago)


def test_log_a_call_with_a_follow_up_task(secretary: Any, attorney: Any, matter: Any) -> None:
    entry = communication_log(
        by=secretary,
        matter=matter,
        kind="call",
        direction="in",
        occurred_at=when(),
        participants="Jane Roe (client), Sam",
        subject="Settlement offer",
        summary="Jane called: she will accept $40,000.\nWants the papers by Friday.",
        follow_up=FollowUp("Draft the settlement agreement", dt.date(2027, 3, 12), attorney),
    )
    entry.refresh_from_db()
    assert entry.kind == "call" and entry.direction == "in"
    assert entry.summary.endswith("by Friday.")
    task = entry.follow_up_task
    assert task is not None and task.matter_id == matter.pk
    assert task.title == "Draft the settlement agreement" and task.assignee == attorney
    assert task.due_date == dt.date(2027, 3, 12)
    actions = list(AuditEntry.objects.values_list("object_type", "action"))
    assert ("communication", "create") in actions and ("task", "create") in actions


def test_bad_date_is_refused_with_one_sentence(secretary: Any, matter: Any) -> None:
    with pytest.raises(ServiceError) as exc:
        communication_log(
            by=secretary,
            matter=matter,
            kind="call",
            direction="in",
            occurred_at="yesterday",  # type: ignore[arg-type]
            summary="x",
        )
    assert exc.value.field == "occurred_at"
    assert "YYYY-MM-DD HH:MM" in exc.value.message
    with pytest.raises(ServiceError, match="in the future") as future:
        communication_log(
            by=secretary,
            matter=matter,
            kind="call",
            direction="out",
            occurred_at=timezone.now() + dt.timedelta(days=3),
            summary="x",
        )
    assert future.value.field == "occurred_at"
    assert not Communication.objects.exists()


def test_a_meeting_may_be_logged_ahead(secretary: Any, matter: Any) -> None:
    entry = communication_log(
        by=secretary,
        matter=matter,
        kind="meeting",
        direction="internal",
        occurred_at=timezone.now() + dt.timedelta(days=2),
        subject="Case strategy",
    )
    assert entry.pk


def test_subject_or_summary_required_and_choices_checked(secretary: Any, matter: Any) -> None:
    with pytest.raises(ServiceError, match="subject or a summary"):
        communication_log(
            by=secretary, matter=matter, kind="note", direction="internal", occurred_at=when()
        )
    with pytest.raises(ServiceError) as kind:
        communication_log(
            by=secretary, matter=matter, kind="fax", direction="in", occurred_at=when(), summary="x"
        )
    assert kind.value.field == "kind"


def test_follow_up_problem_rolls_back_the_entry(secretary: Any, matter: Any) -> None:
    with pytest.raises(ServiceError) as exc:
        communication_log(
            by=secretary,
            matter=matter,
            kind="call",
            direction="in",
            occurred_at=when(),
            summary="x",
            follow_up=FollowUp("Call back", dt.date(1999, 1, 1)),
        )
    assert exc.value.field == "follow_up_due_date"
    assert not Communication.objects.exists() and not Task.objects.exists()


def test_readonly_refused(readonly: Any, matter: Any) -> None:
    with pytest.raises(AccessDenied):
        communication_log(
            by=readonly, matter=matter, kind="call", direction="in", occurred_at=when(), summary="x"
        )
    assert not Communication.objects.exists()


def test_screened_user_refused(screened: Any, matter: Any) -> None:
    with pytest.raises(ServiceError, match="No such matter"):
        communication_log(
            by=screened, matter=matter, kind="call", direction="in", occurred_at=when(), summary="x"
        )


def test_update_and_add_follow_up_then_delete_audited(secretary: Any, matter: Any) -> None:
    entry = communication_log(
        by=secretary,
        matter=matter,
        kind="letter",
        direction="out",
        occurred_at=when(48),
        subject="Demand",
    )
    communication_update(
        by=secretary,
        communication=entry,
        summary="Demand letter sent by certified mail.",
        follow_up=FollowUp("Check for a reply", dt.date(2027, 4, 1)),
    )
    entry.refresh_from_db()
    assert entry.summary.startswith("Demand letter") and entry.follow_up_task is not None
    with pytest.raises(ServiceError, match="already has a follow-up"):
        communication_update(by=secretary, communication=entry, follow_up=FollowUp("Again"))
    with pytest.raises(ServiceError, match="cannot be changed"):
        communication_update(by=secretary, communication=entry, matter=matter)
    task_id = entry.follow_up_task_id
    communication_delete(by=secretary, communication=entry)
    assert not Communication.objects.exists()
    assert Task.objects.filter(pk=task_id).exists()  # the follow-up stays
    deleted = AuditEntry.objects.get(object_type="communication", action="delete")
    assert deleted.matter_id == matter.pk and deleted.data["subject"] == "Demand"


def test_screened_user_cannot_change_or_delete(secretary: Any, screened: Any, matter: Any) -> None:
    entry = communication_log(
        by=secretary,
        matter=matter,
        kind="note",
        direction="internal",
        occurred_at=when(),
        summary="x",
    )
    with pytest.raises(ServiceError):
        communication_update(by=screened, communication=entry, summary="y")
    with pytest.raises(ServiceError):
        communication_delete(by=screened, communication=entry)
    assert Communication.objects.filter(pk=entry.pk, summary="x").exists()
