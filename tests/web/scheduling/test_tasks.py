"""Tasks: services (audited, walls), the list, the form, complete/reopen (htmx), the dashboard."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from casedesk.web.audit.models import AuditEntry
from casedesk.web.errors import ServiceError
from casedesk.web.scheduling import task_services as svc
from casedesk.web.scheduling.models import EventAttendee, Task
from tests.web.scheduling.test_events_fixtures import CANARY, at, firm, raw_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def matters(attorney, attorney2):
    return firm(attorney, attorney2)


def test_task_lifecycle_is_audited(secretary, attorney, matters):
    deadline = raw_event(matters["open"], "Answer due", at("2027-04-01", 23, 59), kind="deadline")
    task = svc.task_create(
        by=secretary,
        title="Draft the answer",
        assignee=attorney,
        due_date=dt.date(2027, 3, 25),
        deadline=deadline,
    )
    assert task.matter == matters["open"]  # follows the deadline
    svc.task_update(by=secretary, task=task, due_date=dt.date(2027, 3, 26))
    svc.task_complete(by=attorney, task=task)
    assert task.status == "done" and task.completed_at is not None
    with pytest.raises(ServiceError, match="already done"):
        svc.task_complete(by=attorney, task=task)
    svc.task_reopen(by=attorney, task=task)
    pk = task.pk
    svc.task_delete(by=secretary, task=task)
    actions = list(
        AuditEntry.objects.filter(object_type="task", object_id=str(pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "update", "complete", "reopen", "delete"]
    update = AuditEntry.objects.get(object_type="task", action="update")
    assert update.data["due_date"] == ["2027-03-25", "2027-03-26"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": "x" * 10_000}, "Title is 10,000 characters long; the limit is 300."),
        ({"title": ""}, "Title is required."),
        ({"due_date": dt.date(1999, 12, 31)}, "outside the years"),
        ({"due_date": dt.date(2036, 1, 1)}, "outside the years"),
    ],
)
def test_bad_task_input_changes_nothing(secretary, kwargs, message):
    before = AuditEntry.objects.count()
    with pytest.raises(ServiceError, match=message.replace("(", "\\(").replace(".", "\\.")):
        svc.task_create(by=secretary, **{"title": "Call the clerk", **kwargs})
    assert Task.objects.count() == 0 and AuditEntry.objects.count() == before


def test_task_walls(attorney, attorney2, readonly, matters):
    with pytest.raises(ServiceError, match="No such matter"):
        svc.task_create(by=attorney2, title="Peek", matter=matters["walled"])
    with pytest.raises(ServiceError, match="Bert Barrister cannot see matter"):
        svc.task_create(by=attorney, title="Prep", matter=matters["walled"], assignee=attorney2)
    secret = svc.task_create(by=attorney, title=f"{CANARY} prep", matter=matters["walled"])
    with pytest.raises(ServiceError, match="No such task"):
        svc.task_complete(by=attorney2, task=secret)
    with pytest.raises(ServiceError, match="read-only"):
        svc.task_create(by=readonly, title="x")
    meeting = raw_event(matters["open"], "Meeting", at("2027-04-01", 9))
    with pytest.raises(ServiceError, match="Only a deadline"):
        svc.task_create(by=attorney, title="x", deadline=meeting)


def test_task_list_mine_all_open_done_and_walls(client: Client, attorney, attorney2, matters):
    svc.task_create(by=attorney, title="Ada's open task", assignee=attorney)
    done = svc.task_create(by=attorney, title="Ada's done task", assignee=attorney)
    svc.task_complete(by=attorney, task=done)
    svc.task_create(by=attorney, title="Bert's task", assignee=attorney2)
    secret = svc.task_create(by=attorney, title=f"{CANARY} prep", matter=matters["walled"])
    client.force_login(attorney)
    body = client.get("/calendar/tasks/").content.decode()
    assert "Ada&#x27;s open task" in body and "Bert" not in body.split("<tbody>")[1]
    body = client.get("/calendar/tasks/?status=done").content.decode()
    assert "Ada&#x27;s done task" in body and "Ada&#x27;s open task" not in body
    body = client.get("/calendar/tasks/?who=all").content.decode()
    assert "Bert&#x27;s task" in body and CANARY in body
    client.force_login(attorney2)
    body = client.get("/calendar/tasks/?who=all").content.decode()
    assert "Bert&#x27;s task" in body and CANARY not in body
    for url in (f"/calendar/tasks/{secret.pk}/edit/",):
        assert client.get(url).status_code == 404
    for action in ("complete", "reopen", "delete", "edit"):
        assert client.post(f"/calendar/tasks/{secret.pk}/{action}/").status_code == 404
    assert Task.objects.filter(pk=secret.pk, status="open").exists()


def test_task_form_create_and_bad_input(client: Client, secretary, attorney, matters):
    client.force_login(secretary)
    deadline = raw_event(matters["open"], "Answer due", at("2027-04-01", 23, 59), kind="deadline")
    page = client.get(f"/calendar/tasks/new/?deadline={deadline.pk}").content.decode()
    assert "Answer due" in page and 'value="2027-04-01"' in page
    response = client.post(
        "/calendar/tasks/new/",
        {
            "title": "Serve the answer",
            "assignee": attorney.pk,
            "due_date": "2027-03-30",
            "deadline": deadline.pk,
        },
    )
    assert response.status_code == 302
    task = Task.objects.get(title="Serve the answer")
    assert task.matter == matters["open"] and task.assignee == attorney
    for data, message in (
        ({"title": "x" * 10_000}, "Title is 10,000 characters long"),
        ({"title": "Ok", "due_date": "2036-02-01"}, "outside the years"),
        ({"title": "Ok", "due_date": "31/02/2027"}, "Enter a valid date"),
        ({"title": "Ok", "matter": 999999}, "Select a valid choice"),
    ):
        response = client.post("/calendar/tasks/new/", data)
        assert response.status_code == 400 and message in response.content.decode()
    assert Task.objects.count() == 1


def test_screened_user_cannot_put_a_task_on_the_walled_matter(client: Client, attorney2, matters):
    client.force_login(attorney2)
    response = client.post(
        "/calendar/tasks/new/", {"title": "Peek", "matter": matters["walled"].pk}
    )
    assert response.status_code == 400 and CANARY not in response.content.decode()
    assert CANARY not in client.get("/calendar/tasks/new/").content.decode()
    assert Task.objects.count() == 0


def test_complete_with_htmx_returns_the_row(client: Client, attorney):
    task = svc.task_create(by=attorney, title="File the proof of service", assignee=attorney)
    client.force_login(attorney)
    response = client.post(f"/calendar/tasks/{task.pk}/complete/", HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert response.status_code == 200 and body.strip().startswith(f'<tr id="task-{task.pk}"')
    assert "Reopen" in body
    task.refresh_from_db()
    assert task.status == "done"
    response = client.post(f"/calendar/tasks/{task.pk}/reopen/")
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "open"


def test_dashboard_my_tasks_and_coming_up(client: Client, attorney, attorney2, matters):
    today = timezone.localdate()
    svc.task_create(
        by=attorney, title="Overdue brief", assignee=attorney, due_date=today - dt.timedelta(days=2)
    )
    svc.task_create(
        by=attorney, title="Later memo", assignee=attorney, due_date=today + dt.timedelta(days=9)
    )
    svc.task_create(by=attorney, title="Someone else's", assignee=attorney2)
    soon = raw_event(
        matters["open"],
        "Settlement conference",
        at(today + dt.timedelta(days=2), 10),
        kind="meeting",
    )
    EventAttendee.objects.create(event=soon, user=attorney)
    raw_event(
        matters["open"], "Opposition due", at(today + dt.timedelta(days=3), 23, 59), kind="deadline"
    )
    raw_event(matters["open"], "Far away", at(today + dt.timedelta(days=20), 10), kind="deadline")
    secret = raw_event(
        matters["walled"], f"{CANARY} hearing", at(today + dt.timedelta(days=1), 9), kind="hearing"
    )
    EventAttendee.objects.create(event=secret, user=attorney2)
    client.force_login(attorney)
    body = client.get("/").content.decode()
    assert "My tasks" in body and "Overdue brief" in body and "Overdue" in body
    assert body.index("Overdue brief") < body.index("Later memo")
    assert "Someone else" not in body
    assert "Coming up" in body and "Settlement conference" in body and "Opposition due" in body
    assert "Far away" not in body
    client.force_login(attorney2)
    body = client.get("/").content.decode()
    assert CANARY not in body
