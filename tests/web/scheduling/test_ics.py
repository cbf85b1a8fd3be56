"""iCalendar building and parsing (RFC 5545), checked by parsing back with the icalendar library."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import icalendar
import pytest
from django.test import override_settings

from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.ics import IcsError, build_calendar, parse_ics
from casedesk.web.scheduling.models import Event

LA = zoneinfo.ZoneInfo("America/Los_Angeles")


@pytest.fixture
def matter(db: None) -> Matter:
    return Matter.objects.create(
        number="2027-0001", title="Nguyễn v. عبد الله", practice_area="litigation"
    )


def _deadline(matter: Matter) -> Event:
    return Event.objects.create(
        matter=matter,
        kind="deadline",
        title="Answer due",
        starts_at=dt.datetime(2027, 4, 1, 23, 59, tzinfo=LA),
        rule_id="frcp-answer",
        rule_citation="FRCP 12(a)(1)(A)(i)",
        rule_pack_version="frcp-2024.12",
        derivation=["Served Wed Mar 10, 2027", "day 21 = Wed Mar 31, 2027"],
        derivation_notes=["A later reading gives Apr 2."],
        uid="deadline-1@casedesk",
        sequence=3,
    )


@override_settings(TIME_ZONE="America/Los_Angeles")
def test_calendar_is_rfc5545_with_timezone_and_deadline_derivation(matter: Matter) -> None:
    deadline = _deadline(matter)
    hearing = Event.objects.create(
        matter=matter,
        kind="hearing",
        title="Motion to compel",
        starts_at=dt.datetime(2027, 7, 1, 9, 30, tzinfo=LA),
        ends_at=dt.datetime(2027, 7, 1, 10, 30, tzinfo=LA),
        location="Dept. 12",
        uid="hearing-1@casedesk",
    )
    trip = Event.objects.create(
        matter=None,
        kind="meeting",
        title="Offsite",
        starts_at=dt.datetime(2027, 8, 2, 0, 0, tzinfo=LA),
        ends_at=dt.datetime(2027, 8, 4, 0, 0, tzinfo=LA),  # two days: Aug 2 and 3
        all_day=True,
        status="cancelled",
        uid="trip-1@casedesk",
    )
    data = build_calendar([deadline, hearing, trip], name="Firm: Ada", alarms={hearing.pk: [1440]})
    cal = icalendar.Calendar.from_ical(data)
    assert str(cal["PRODID"]) and str(cal["VERSION"]) == "2.0"
    assert str(cal["CALSCALE"]) == "GREGORIAN" and str(cal["X-WR-CALNAME"]) == "Firm: Ada"
    assert (
        b"\r\nX-PUBLISHED-TTL:PT1H\r\n" in data and b"REFRESH-INTERVAL;VALUE=DURATION:PT1H" in data
    )
    tz_ids = [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")]
    assert tz_ids == ["America/Los_Angeles"]
    events = {str(e["UID"]): e for e in cal.walk("VEVENT")}
    d = events["deadline-1@casedesk"]
    assert d["DTSTART"].dt == dt.datetime(2027, 4, 1, 23, 59, tzinfo=LA)
    assert d["DTSTART"].params["TZID"] == "America/Los_Angeles"
    assert int(d["SEQUENCE"]) == 3 and "DTSTAMP" in d
    assert str(d["SUMMARY"]) == "Deadline: Answer due (2027-0001)"
    description = str(d["DESCRIPTION"])
    assert "FRCP 12(a)(1)(A)(i)" in description and "day 21 = Wed Mar 31, 2027" in description
    assert "A later reading gives Apr 2." in description and "frcp-2024.12" in description
    assert "Nguyễn v. عبد الله" in description
    assert [str(c) for c in d["CATEGORIES"].cats] == ["Deadline"]
    assert str(d["STATUS"]) == "CONFIRMED"
    h = events["hearing-1@casedesk"]
    assert str(h["LOCATION"]) == "Dept. 12"
    assert h["DTEND"].dt - h["DTSTART"].dt == dt.timedelta(hours=1)
    alarms = h.walk("VALARM")
    assert len(alarms) == 1 and alarms[0]["TRIGGER"].dt == -dt.timedelta(days=1)
    t = events["trip-1@casedesk"]
    assert t["DTSTART"].dt == dt.date(2027, 8, 2) and t["DTEND"].dt == dt.date(2027, 8, 4)
    assert t["DTSTART"].params.get("VALUE") == "DATE"
    assert str(t["STATUS"]) == "CANCELLED" and not t.walk("VALARM")


@override_settings(TIME_ZONE="America/Los_Angeles")
def test_round_trip_keeps_times_and_titles(matter: Matter) -> None:
    data = build_calendar([_deadline(matter)], name="x")
    [item] = parse_ics(data)
    assert item.uid == "deadline-1@casedesk"
    assert item.kind == "deadline" and item.starts_at == dt.datetime(2027, 4, 1, 23, 59, tzinfo=LA)
    assert item.title == "Deadline: Answer due (2027-0001)"


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


def test_parse_outlook_style_file_with_zones_dates_and_floating_times() -> None:
    data = _ics(
        "UID:a\r\nSUMMARY:Client call with Nguyễn Thị Minh Khai\r\n"
        "DTSTART;TZID=America/New_York:20270310T090000\r\nDTEND;TZID=America/New_York:20270310T100000\r\n",
        "UID:b\r\nSUMMARY:اجتماع\r\nDTSTART;VALUE=DATE:20270311\r\nDTEND;VALUE=DATE:20270312\r\n",
        "UID:c\r\nSUMMARY:Floating\r\nDTSTART:20270312T140000\r\nDURATION:PT30M\r\nCATEGORIES:Hearing\r\n",
        "UID:d\r\nSUMMARY:Weekly\r\nDTSTART:20270313T140000Z\r\nRRULE:FREQ=WEEKLY;COUNT=4\r\n",
    )
    a, b, c, d = parse_ics(data)
    assert a.title == "Client call with Nguyễn Thị Minh Khai"
    assert a.starts_at.astimezone(dt.UTC) == dt.datetime(2027, 3, 10, 14, 0, tzinfo=dt.UTC)
    assert b.all_day and b.ends_at is None and b.title == "اجتماع"
    assert c.kind == "hearing" and c.ends_at is not None
    assert (c.ends_at - c.starts_at) == dt.timedelta(minutes=30)
    assert d.repeats


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"%PDF-1.7 not a calendar", "not an iCalendar file"),
        (b"Name,Date\nx,2027-01-01\n", "not an iCalendar file"),
        (b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n", "no events"),
        (_ics("UID:x\r\nSUMMARY:No start\r\n"), "problem"),
        (_ics("UID:x\r\nSUMMARY:Old\r\nDTSTART;VALUE=DATE:19990101\r\n"), "problem"),
        (_ics("UID:x\r\nSUMMARY:Far\r\nDTSTART:20400101T100000Z\r\n"), "problem"),
        (_ics("UID:x\r\nSUMMARY:" + "x" * 10_000 + "\r\nDTSTART:20270101T100000Z\r\n"), "problem"),
        (_ics("UID:x\r\nDTSTART:20270102T100000Z\r\nDTEND:20270101T100000Z\r\n"), "problem"),
    ],
)
def test_bad_files_are_refused_with_a_clear_message(data: bytes, expected: str) -> None:
    with pytest.raises(IcsError) as info:
        parse_ics(data)
    assert expected in info.value.message


def test_every_problem_is_named_and_nothing_is_returned() -> None:
    data = _ics(
        "UID:ok\r\nSUMMARY:Fine\r\nDTSTART:20270101T100000Z\r\n",
        "UID:x\r\nSUMMARY:No start\r\n",
        "UID:y\r\nSUMMARY:Too old\r\nDTSTART:19900101T100000Z\r\n",
    )
    with pytest.raises(IcsError) as info:
        parse_ics(data)
    problems = info.value.problems
    assert len(problems) == 2
    assert problems[0] == "Event 2 ('No start'): it has no start date (DTSTART)."
    assert "outside 2000-2035" in problems[1]
