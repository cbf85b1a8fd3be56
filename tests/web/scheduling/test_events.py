"""Event services: double-booking warnings (people, contacts, rooms), audit, sequence, walls."""

from __future__ import annotations

import datetime as dt

import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.errors import ServiceError
from casedesk.web.scheduling import event_services as svc
from casedesk.web.scheduling.event_selectors import booking_clashes, location_key
from casedesk.web.scheduling.models import Event, EventAttendee, EventStatus
from tests.web.contacts.factories import make_contact
from tests.web.scheduling.test_events_fixtures import CANARY, at, firm, raw_event

pytestmark = pytest.mark.django_db


def test_create_audits_in_the_same_transaction(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    event, warnings = svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="Hearing on motion to compel",
        starts_at=at("2027-03-15", 9),
        ends_at=at("2027-03-15", 10),
        location="Dept. 12",
        attendee_users=[attorney],
    )
    assert warnings == []
    assert event.uid.endswith("@casedesk") and event.sequence == 0
    entry = AuditEntry.objects.get(object_type="event", object_id=str(event.pk), action="create")
    assert entry.matter_id == m.pk and entry.actor == secretary
    assert entry.data["location"] == "Dept. 12"
    assert list(event.attendees.values_list("user__username", flat=True)) == ["ada"]


def test_person_double_booked(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    svc.event_create(
        by=secretary,
        matter=m,
        kind="deposition",
        title="Deposition of J. Smith",
        starts_at=at("2027-03-15", 10),
        ends_at=at("2027-03-15", 12),
        attendee_users=[attorney],
    )
    _, warnings = svc.event_create(
        by=secretary,
        matter=None,
        kind="meeting",
        title="Partners lunch",
        starts_at=at("2027-03-15", 11, 30),
        ends_at=at("2027-03-15", 13),
        attendee_users=[attorney],
    )
    assert warnings == [
        "Ada Attorney is already in 'Deposition of J. Smith' 10:00–12:00 on Mon Mar 15"
    ]
    assert Event.objects.count() == 2  # a warning, not a refusal


def test_back_to_back_is_not_a_double_booking(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    svc.event_create(
        by=secretary,
        matter=m,
        kind="meeting",
        title="A",
        starts_at=at("2027-03-15", 9),
        ends_at=at("2027-03-15", 10),
        attendee_users=[attorney],
        location="Room 1",
    )
    _, warnings = svc.event_create(
        by=secretary,
        matter=m,
        kind="meeting",
        title="B",
        starts_at=at("2027-03-15", 10),
        ends_at=at("2027-03-15", 11),
        attendee_users=[attorney],
        location="Room 1",
    )
    assert warnings == []


def test_contact_double_booked(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    witness = make_contact("Nguyễn Thị Minh Khai")
    svc.event_create(
        by=secretary,
        matter=m,
        kind="deposition",
        title="Deposition of Ms. Nguyễn",
        starts_at=at("2027-04-01", 9),
        ends_at=at("2027-04-01", 17),
        attendee_contacts=[witness],
    )
    _, warnings = svc.event_create(
        by=secretary,
        matter=m,
        kind="meeting",
        title="Prep",
        starts_at=at("2027-04-01", 14),
        ends_at=at("2027-04-01", 15),
        attendee_contacts=[witness],
    )
    assert len(warnings) == 1 and warnings[0].startswith("Nguyễn Thị Minh Khai is already in")


def test_courtroom_double_booked_case_and_space_insensitive(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="CMC",
        starts_at=at("2027-05-03", 8, 30),
        ends_at=at("2027-05-03", 9, 30),
        location="Dept. 12",
    )
    _, warnings = svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="MSJ",
        starts_at=at("2027-05-03", 9),
        ends_at=at("2027-05-03", 10),
        location="  dept.   12 ",
    )
    assert warnings == ["Dept. 12 is booked for 'CMC' 08:30–09:30 on Mon May 3"]
    assert location_key(" DEPT.  12") == "dept. 12"


def test_deadlines_and_cancelled_events_double_book_nobody(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    raw_event(m, "Answer due", at("2027-05-03", 9), kind="deadline", location="Dept. 12")
    cancelled = raw_event(
        m, "Old hearing", at("2027-05-03", 9), kind="hearing", location="Dept. 12"
    )
    cancelled.status = EventStatus.CANCELLED
    cancelled.save()
    _, warnings = svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="MSJ",
        starts_at=at("2027-05-03", 9),
        ends_at=at("2027-05-03", 10),
        location="Dept. 12",
    )
    assert warnings == []


def test_confirm_false_raises_and_saves_nothing(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="CMC",
        starts_at=at("2027-05-03", 9),
        ends_at=at("2027-05-03", 10),
        location="Dept. 12",
    )
    before = AuditEntry.objects.count()
    with pytest.raises(svc.DoubleBooking) as info:
        svc.event_create(
            by=secretary,
            matter=m,
            kind="hearing",
            title="MSJ",
            starts_at=at("2027-05-03", 9),
            ends_at=at("2027-05-03", 10),
            location="Dept. 12",
            confirm=False,
        )
    assert "Dept. 12" in info.value.warnings[0]
    assert Event.objects.count() == 1 and AuditEntry.objects.count() == before


def test_clash_with_a_walled_event_hides_its_title(attorney, attorney2, admin_user):
    matters = firm(attorney, attorney2)
    secret = raw_event(
        matters["walled"], f"{CANARY} deposition", at("2027-06-01", 10), kind="deposition"
    )
    EventAttendee.objects.create(event=secret, user=attorney)
    secret.location = "Dept. 5"
    secret.save()
    # Bert is screened from the walled matter: he learns Ada is busy, not with what.
    _, warnings = svc.event_create(
        by=attorney2,
        matter=None,
        kind="meeting",
        title="Lunch",
        starts_at=at("2027-06-01", 10),
        ends_at=at("2027-06-01", 11),
        attendee_users=[attorney],
        location="dept. 5",
    )
    assert warnings and all(CANARY not in w for w in warnings)
    assert any("Ada Attorney is already booked" in w and "(details hidden)" in w for w in warnings)


def test_update_bumps_sequence_and_audits_old_and_new_start(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    event, _ = svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="CMC",
        starts_at=at("2027-05-03", 9),
        ends_at=at("2027-05-03", 10),
    )
    event, _ = svc.event_update(
        by=secretary, event=event, starts_at=at("2027-05-04", 9), ends_at=at("2027-05-04", 10)
    )
    assert event.sequence == 1
    entry = AuditEntry.objects.get(object_type="event", action="update")
    assert entry.data["old_starts_at"].startswith("2027-05-03T09:00")
    assert entry.data["new_starts_at"].startswith("2027-05-04T09:00")
    # No change: no bump, no audit entry.
    event, _ = svc.event_update(by=secretary, event=event, title="CMC")
    assert event.sequence == 1 and AuditEntry.objects.filter(action="update").count() == 1


def test_update_warns_when_moved_onto_a_booked_room(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="CMC",
        starts_at=at("2027-05-03", 9),
        ends_at=at("2027-05-03", 10),
        location="Dept. 12",
    )
    other, _ = svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="MSJ",
        starts_at=at("2027-05-03", 11),
        ends_at=at("2027-05-03", 12),
        location="Dept. 12",
    )
    _, warnings = svc.event_update(
        by=secretary,
        event=other,
        starts_at=at("2027-05-03", 9, 30),
        ends_at=at("2027-05-03", 10, 30),
    )
    assert warnings == ["Dept. 12 is booked for 'CMC' 09:00–10:00 on Mon May 3"]


def test_computed_deadline_date_cannot_be_changed_here(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    deadline = raw_event(
        m,
        "Answer due",
        at("2027-04-01", 23, 59),
        kind="deadline",
        ends_at=None,
        rule_id="frcp-answer",
        rule_citation="FRCP 12(a)(1)(A)(i)",
    )
    with pytest.raises(ServiceError, match="FRCP 12\\(a\\)\\(1\\)\\(A\\)\\(i\\).*deadline chain"):
        svc.event_update(by=secretary, event=deadline, starts_at=at("2027-04-05", 23, 59))
    deadline.refresh_from_db()
    assert deadline.starts_at == at("2027-04-01", 23, 59)
    # Its notes and location may change.
    deadline, _ = svc.event_update(by=secretary, event=deadline, notes="Calendar in red")
    assert deadline.notes == "Calendar in red" and deadline.sequence == 1


def test_cancel_and_delete_are_audited(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    event, _ = svc.event_create(
        by=secretary,
        matter=m,
        kind="meeting",
        title="Client meeting",
        starts_at=at("2027-05-03", 9),
    )
    svc.event_cancel(by=secretary, event=event)
    assert event.status == "cancelled" and event.sequence == 1
    with pytest.raises(ServiceError, match="already cancelled"):
        svc.event_cancel(by=secretary, event=event)
    pk = event.pk
    svc.event_delete(by=secretary, event=event)
    assert not Event.objects.filter(pk=pk).exists()
    actions = list(
        AuditEntry.objects.filter(object_id=str(pk))
        .order_by("seq")
        .values_list("action", flat=True)
    )
    assert actions == ["create", "cancel", "delete"]
    assert (
        AuditEntry.objects.get(action="delete", object_id=str(pk)).data["title"] == "Client meeting"
    )


def test_attendees_add_and_remove(attorney, attorney2, secretary, clerk):
    m = firm(attorney, attorney2)["open"]
    event, _ = svc.event_create(
        by=secretary,
        matter=m,
        kind="meeting",
        title="Strategy",
        starts_at=at("2027-05-03", 9),
        ends_at=at("2027-05-03", 10),
    )
    witness = make_contact("علي حسن")
    svc.event_attendee_add(by=secretary, event=event, user=clerk)
    svc.event_attendee_add(by=secretary, event=event, contact=witness)
    assert event.attendees.count() == 2
    svc.event_attendee_remove(by=secretary, event=event, user=clerk)
    event.refresh_from_db()
    assert list(event.attendees.values_list("contact__name", flat=True)) == ["علي حسن"]
    assert event.sequence == 3
    data = AuditEntry.objects.filter(action="update").order_by("seq").last().data
    assert data["attendees_removed"] == ["cleo"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"ends_at": "before"}, "The end is before the start."),
        ({"starts_at": "1999"}, "outside the years"),
        ({"starts_at": "2036"}, "outside the years"),
        ({"title": "x" * 10_000}, "Title is 10,000 characters long; the limit is 300."),
        ({"title": "   "}, "Title is required."),
        ({"kind": "party"}, "Unknown kind"),
        ({"location": "L" * 500}, "Location is 500 characters long"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(attorney, attorney2, secretary, kwargs, message):
    m = firm(attorney, attorney2)["open"]
    args = dict(
        by=secretary,
        matter=m,
        kind="hearing",
        title="Hearing",
        starts_at=at("2027-05-03", 9),
        ends_at=at("2027-05-03", 10),
    )
    if kwargs.get("ends_at") == "before":
        kwargs = {"ends_at": at("2027-05-03", 8)}
    if kwargs.get("starts_at") == "1999":
        kwargs = {"starts_at": at("1999-12-31", 9), "ends_at": None}
    if kwargs.get("starts_at") == "2036":
        kwargs = {"starts_at": at("2036-01-02", 9), "ends_at": None}
    before = AuditEntry.objects.count()
    with pytest.raises(ServiceError, match=message.replace("(", "\\(").replace(".", "\\.")):
        svc.event_create(**{**args, **kwargs})
    assert Event.objects.count() == 0 and AuditEntry.objects.count() == before


def test_walls_refuse_hidden_matters_and_screened_attendees(attorney, attorney2, readonly):
    matters = firm(attorney, attorney2)
    with pytest.raises(ServiceError, match="No such matter"):
        svc.event_create(
            by=attorney2,
            matter=matters["walled"],
            kind="meeting",
            title="x",
            starts_at=at("2027-05-03", 9),
        )
    with pytest.raises(ServiceError, match="Bert Barrister cannot see matter 2027-0002"):
        svc.event_create(
            by=attorney,
            matter=matters["walled"],
            kind="meeting",
            title="x",
            starts_at=at("2027-05-03", 9),
            attendee_users=[attorney2],
        )
    secret = raw_event(matters["walled"], f"{CANARY} meeting", at("2027-05-03", 9))
    with pytest.raises(ServiceError, match="No such event"):
        svc.event_update(by=attorney2, event=secret, title="gotcha")
    with pytest.raises(ServiceError, match="No such event"):
        svc.event_delete(by=attorney2, event=secret)
    with pytest.raises(ServiceError, match="read-only"):
        svc.event_create(
            by=readonly, matter=None, kind="meeting", title="x", starts_at=at("2027-05-03", 9)
        )
    assert Event.objects.filter(title__contains="gotcha").count() == 0


def test_all_day_events_run_midnight_to_midnight(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    event, _ = svc.event_create(
        by=secretary,
        matter=m,
        kind="trial",
        title="Trial",
        all_day=True,
        starts_at=at("2027-06-07", 14),
        ends_at=at("2027-06-09", 9),
    )
    assert event.starts_at == at("2027-06-07", 0) and event.ends_at == at("2027-06-10", 0)
    assert (
        booking_clashes(
            secretary,
            starts_at=at("2027-06-09", 15),
            ends_at=at("2027-06-09", 16),
            kind="meeting",
            users=[],
            contacts=[],
            location="",
        )
        == []
    )


def test_an_event_without_an_end_still_clashes_at_its_start(attorney, attorney2, secretary):
    m = firm(attorney, attorney2)["open"]
    svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="Status conference",
        starts_at=at("2027-05-03", 9),
        location="Dept. 3",
    )
    _, warnings = svc.event_create(
        by=secretary,
        matter=m,
        kind="hearing",
        title="Other",
        starts_at=at("2027-05-03", 8, 30),
        ends_at=at("2027-05-03", 9, 30),
        location="Dept. 3",
    )
    assert warnings and warnings[0].startswith("Dept. 3 is booked for 'Status conference' 09:00")
    assert dt.timedelta  # keep the import for readers adding cases
