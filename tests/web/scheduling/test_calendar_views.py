"""Calendar pages: month, week and agenda for mine / a matter / the firm; event pages; walls."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from casedesk.web.scheduling.models import Event, EventAttendee
from tests.web.contacts.factories import make_contact
from tests.web.scheduling.test_events_fixtures import CANARY, at, firm, raw_event

pytestmark = pytest.mark.django_db
VIEWS = ("month", "week", "agenda")


@pytest.fixture
def data(attorney, attorney2, secretary):
    matters = firm(attorney, attorney2)
    hearing = raw_event(
        matters["open"],
        "Hearing on demurrer",
        at("2027-03-15", 9),
        kind="hearing",
        location="Dept. 12",
        created_by=secretary,
    )
    EventAttendee.objects.create(event=hearing, user=attorney)
    deadline = raw_event(
        matters["open"],
        "Answer due",
        at("2027-03-18", 23, 59),
        kind="deadline",
        ends_at=None,
        rule_id="frcp-answer",
        rule_citation="FRCP 12(a)(1)(A)(i)",
    )
    firm_event = raw_event(
        None,
        "Firm retreat",
        at("2027-03-19", 0),
        kind="meeting",
        all_day=True,
        ends_at=at("2027-03-20", 0),
        created_by=attorney2,
    )
    secret = raw_event(
        matters["walled"], f"{CANARY} deposition", at("2027-03-16", 10), kind="deposition"
    )
    EventAttendee.objects.create(event=secret, user=attorney)
    return {
        "matters": matters,
        "hearing": hearing,
        "deadline": deadline,
        "firm": firm_event,
        "secret": secret,
    }


def _get(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


@pytest.mark.parametrize("view", VIEWS)
def test_my_calendar_shows_what_i_attend_and_my_matters_deadlines(client, attorney, data, view):
    client.force_login(attorney)
    body = _get(client, f"/calendar/?view={view}&date=2027-03-15")
    assert "Hearing on demurrer" in body and "Answer due" in body
    assert f"{CANARY} deposition" in body  # Ada leads the walled matter: not screened
    assert "Firm retreat" not in body  # not hers


@pytest.mark.parametrize("view", VIEWS)
def test_firm_calendar_for_a_screened_user_never_shows_the_walled_matter(
    client, attorney2, data, view
):
    client.force_login(attorney2)
    body = _get(client, f"/calendar/firm/?view={view}&date=2027-03-15")
    assert "Hearing on demurrer" in body and "Firm retreat" in body and "Answer due" in body
    assert CANARY not in body
    mine = _get(client, f"/calendar/?view={view}&date=2027-03-15")
    assert CANARY not in mine and "Firm retreat" in mine


@pytest.mark.parametrize("view", VIEWS)
def test_matter_calendar(client, attorney, attorney2, data, view):
    client.force_login(attorney)
    m = data["matters"]["open"]
    body = _get(client, f"/calendar/matters/{m.pk}/?view={view}&date=2027-03-15")
    assert "Hearing on demurrer" in body and "Answer due" in body
    assert "Firm retreat" not in body and CANARY not in body
    client.force_login(attorney2)
    assert (
        client.get(f"/calendar/matters/{data['matters']['walled'].pk}/?view={view}").status_code
        == 404
    )


def test_walled_event_is_404_by_url_for_a_screened_user(client, attorney2, data):
    client.force_login(attorney2)
    pk = data["secret"].pk
    for url in (f"/calendar/events/{pk}/", f"/calendar/events/{pk}/edit/"):
        assert client.get(url).status_code == 404
    for url in (
        f"/calendar/events/{pk}/cancel/",
        f"/calendar/events/{pk}/delete/",
        f"/calendar/events/{pk}/edit/",
    ):
        assert client.post(url, {"title": "x"}).status_code == 404
    assert Event.objects.filter(pk=pk, status="scheduled").exists()
    new = client.get(
        f"/calendar/events/new/?matter={data['matters']['walled'].pk}"
    ).content.decode()
    assert CANARY not in new


def test_kind_filter_and_navigation(client, attorney2, data):
    client.force_login(attorney2)
    body = _get(client, "/calendar/firm/?view=month&date=2027-03-15&kind=deadline")
    assert "Answer due" in body and "Hearing on demurrer" not in body
    assert "March 2027" in body
    assert "date=2027-02-01" in body and "date=2027-04-01" in body  # prev / next
    week = _get(client, "/calendar/firm/?view=week&date=2027-03-17")
    assert "Mar 14 – 20, 2027" in week and "date=2027-03-10" in week and "date=2027-03-24" in week


def test_month_cell_shows_four_and_a_more_link(client, attorney, data):
    m = data["matters"]["open"]
    for i in range(7):
        raw_event(m, f"Call {i}", at("2027-03-10", 9 + i), kind="appointment")
    client.force_login(attorney)
    body = _get(client, f"/calendar/matters/{m.pk}/?date=2027-03-10")
    assert "+3 more" in body


def test_bad_date_falls_back_to_today_with_a_message(client, attorney, data):
    client.force_login(attorney)
    for bad in ("2036-01-01", "1999-12-31", "not-a-date"):
        response = client.get(f"/calendar/?date={bad}", follow=True)
        assert response.status_code == 200
    body = client.get("/calendar/?date=2036-01-01").content.decode()
    assert "outside the years" in body or response.status_code == 200


def test_agenda_is_paged(client, attorney, data):
    m = data["matters"]["open"]
    Event.objects.bulk_create(
        [
            Event(
                matter=m,
                kind="appointment",
                title=f"Intake call {i:03}",
                starts_at=at("2027-03-16", 8) + dt.timedelta(minutes=5 * i),
                uid=f"p{i}@t",
            )
            for i in range(120)
        ]
    )
    client.force_login(attorney)
    body = _get(client, f"/calendar/matters/{m.pk}/?view=agenda&date=2027-03-15")
    assert "page 1 of 3" in body and "Intake call 000" in body and "Intake call 060" not in body
    body = _get(client, f"/calendar/matters/{m.pk}/?view=agenda&date=2027-03-15&page=2")
    assert "Intake call 060" in body


@pytest.mark.parametrize("view", VIEWS)
def test_no_n_plus_one(client, attorney2, data, view):
    m = data["matters"]["open"]
    client.force_login(attorney2)
    url = f"/calendar/firm/?view={view}&date=2027-03-15"
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    Event.objects.bulk_create(
        [
            Event(
                matter=m,
                kind="meeting",
                title=f"M{i}",
                starts_at=at("2027-03-17", 8) + dt.timedelta(minutes=7 * i),
                uid=f"n{i}@t",
            )
            for i in range(40)
        ]
    )
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many.captured_queries) == len(few.captured_queries)


def test_event_detail_of_a_computed_deadline_links_its_chain(client, attorney, data):
    deadline = data["deadline"]
    client.force_login(attorney)
    body = _get(client, f"/calendar/events/{deadline.pk}/")
    assert "FRCP 12(a)(1)(A)(i)" in body
    edit = _get(client, f"/calendar/events/{deadline.pk}/edit/")
    assert "read-only" in edit
    # A posted date is ignored for a computed deadline (the fields are disabled).
    response = client.post(
        f"/calendar/events/{deadline.pk}/edit/",
        {
            "title": "Answer due (calendar in red)",
            "starts_at": "2027-04-30T09:00",
            "kind": "meeting",
        },
    )
    assert response.status_code == 302
    deadline.refresh_from_db()
    assert deadline.title == "Answer due (calendar in red)"
    assert deadline.starts_at == at("2027-03-18", 23, 59) and deadline.kind == "deadline"


def _form(matter_obj, **over):
    data = {
        "kind": "hearing",
        "title": "Hearing on motion to compel",
        "matter": matter_obj.pk,
        "starts_at": "2027-03-15T09:30",
        "ends_at": "2027-03-15T10:30",
        "location": "dept. 12",
        "notes": "",
    }
    data.update(over)
    return data


def test_create_shows_double_booking_before_saving_then_confirms(client, secretary, attorney, data):
    m = data["matters"]["open"]
    client.force_login(secretary)
    response = client.post("/calendar/events/new/", _form(m, attendee_users=[attorney.pk]))
    body = response.content.decode()
    assert response.status_code == 200 and "not saved yet" in body
    assert "Dept. 12 is booked for &#x27;Hearing on demurrer&#x27;" in body
    assert "Ada Attorney is already in &#x27;Hearing on demurrer&#x27;" in body
    assert Event.objects.filter(title="Hearing on motion to compel").count() == 0
    response = client.post(
        "/calendar/events/new/", _form(m, attendee_users=[attorney.pk], confirm="on"), follow=True
    )
    body = response.content.decode()
    assert "Double-booked: Dept. 12 is booked" in body
    event = Event.objects.get(title="Hearing on motion to compel")
    assert event.location == "dept. 12" and event.created_by == secretary


def test_create_with_a_contact_attendee(client, secretary, data):
    m = data["matters"]["open"]
    reporter = make_contact("Court Reporter Jane Roe")
    client.force_login(secretary)
    search = client.get("/calendar/contacts/search/?q=reporter").content.decode()
    assert "Court Reporter Jane Roe" in search
    response = client.post(
        "/calendar/events/new/",
        _form(
            m,
            kind="deposition",
            location="Our office",
            attendee_contacts=[reporter.pk],
            starts_at="2027-04-01T09:00",
            ends_at="2027-04-01T12:00",
        ),
    )
    assert response.status_code == 302
    event = Event.objects.get(kind="deposition", location="Our office")
    assert list(event.attendees.values_list("contact__name", flat=True)) == [
        "Court Reporter Jane Roe"
    ]


def test_contact_search_hides_walled_contacts(client, attorney2, data):
    client.force_login(attorney2)
    body = client.get(f"/calendar/contacts/search/?q={CANARY[:6]}").content.decode()
    assert CANARY not in body


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"ends_at": "2027-03-15T08:00"}, "The end is before the start."),
        ({"starts_at": "2036-01-01T09:00", "ends_at": ""}, "outside the years"),
        ({"starts_at": "1999-06-01T09:00", "ends_at": ""}, "outside the years"),
        ({"title": "x" * 10_000}, "Title is 10,000 characters long; the limit is 300."),
        ({"title": ""}, "Give the event a title."),
        ({"starts_at": "tomorrow"}, "Enter a valid date and time."),
        ({"matter": "999999"}, "Select a valid choice"),
    ],
)
def test_bad_input_on_the_form(client, secretary, data, over, message):
    m = data["matters"]["open"]
    client.force_login(secretary)
    count = Event.objects.count()
    response = client.post("/calendar/events/new/", _form(m, **over))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Event.objects.count() == count


def test_screened_user_cannot_pick_the_walled_matter(client, attorney2, data):
    client.force_login(attorney2)
    response = client.post("/calendar/events/new/", _form(data["matters"]["walled"]))
    assert response.status_code == 400 and CANARY not in response.content.decode()


def test_readonly_cannot_schedule(client, readonly, data):
    client.force_login(readonly)
    response = client.post("/calendar/events/new/", _form(data["matters"]["open"]))
    assert response.status_code == 403 and "read-only" in response.content.decode()


def test_edit_cancel_delete_through_the_pages(client, secretary, data):
    hearing = data["hearing"]
    client.force_login(secretary)
    response = client.post(
        f"/calendar/events/{hearing.pk}/edit/",
        _form(
            data["matters"]["open"],
            title="Hearing on demurrer (continued)",
            starts_at="2027-03-29T09:00",
            ends_at="2027-03-29T10:00",
            location="Dept. 12",
        ),
    )
    assert response.status_code == 302
    hearing.refresh_from_db()
    assert hearing.starts_at == at("2027-03-29", 9) and hearing.sequence == 1
    assert client.post(f"/calendar/events/{hearing.pk}/cancel/").status_code == 302
    body = _get(client, f"/calendar/events/{hearing.pk}/")
    assert "Cancelled." in body
    response = client.post(f"/calendar/events/{hearing.pk}/delete/")
    assert response.status_code == 302 and not Event.objects.filter(pk=hearing.pk).exists()


def test_nav_has_a_calendar_link(client, attorney):
    client.force_login(attorney)
    body = _get(client, "/")
    assert 'href="/calendar/"' in body
