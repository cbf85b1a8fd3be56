"""Calendar feeds at secret URLs, .ics export and import: walls applied at every fetch."""

from __future__ import annotations

import datetime as dt
import hashlib
import zoneinfo
from typing import Any

import icalendar
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client, override_settings

from casedesk.web.audit.models import AuditEntry
from casedesk.web.matters.models import EthicalWall, Matter, MatterTeamMember
from casedesk.web.scheduling.feed_services import calendar_import, feed_create
from casedesk.web.scheduling.ics import IcsError
from casedesk.web.scheduling.models import CalendarFeed, Event, EventAttendee

LA = zoneinfo.ZoneInfo("America/Los_Angeles")
SOON = dt.datetime.now(LA).replace(microsecond=0) + dt.timedelta(days=10)


def _matter(number: str, title: str, *team: Any) -> Matter:
    matter = Matter.objects.create(
        number=number, title=title, practice_area="litigation", status="open"
    )
    for user in team:
        MatterTeamMember.objects.create(matter=matter, user=user, role="attorney")
    return matter


def _event(matter: Matter | None, title: str, kind: str = "meeting", **extra: Any) -> Event:
    return Event.objects.create(
        matter=matter,
        kind=kind,
        title=title,
        starts_at=extra.pop("starts_at", SOON),
        uid=f"{title}@test",
        **extra,
    )


@pytest.fixture
def firm(attorney: Any, attorney2: Any) -> dict[str, Any]:
    ours = _matter("2027-0001", "Delgado v. Acme", attorney)
    other = _matter("2027-0002", "ZEBRA-CANARY Holdings", attorney)
    deadline = _event(ours, "Answer due", "deadline", rule_citation="FRCP 12(a)(1)(A)(i)")
    secret = _event(other, "Canary deposition", "deposition")
    lunch = _event(None, "Firm lunch")
    EventAttendee.objects.create(event=lunch, user=attorney)
    not_mine = _event(None, "Someone else's meeting")
    return {
        "ours": ours,
        "other": other,
        "deadline": deadline,
        "secret": secret,
        "lunch": lunch,
        "not_mine": not_mine,
    }


def _fetch(token: str) -> tuple[int, Any]:
    response = Client().get(f"/calendar/feeds/{token}.ics")  # no session: the token is the key
    if response.status_code != 200:
        return response.status_code, None
    assert response["Content-Type"].startswith("text/calendar")
    return 200, icalendar.Calendar.from_ical(response.content)


def _uids(cal: Any) -> set[str]:
    return {str(e["UID"]) for e in cal.walk("VEVENT")}


def test_personal_feed_serves_my_events_and_a_later_wall_hides_a_matter(
    firm, attorney, admin_user
) -> None:
    feed, token = feed_create(by=attorney)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(CalendarFeed.objects.values_list()[0])  # only the hash is stored
    status, cal = _fetch(token)
    assert status == 200
    assert _uids(cal) == {
        "Answer due@test",
        "Firm lunch@test",
    }  # deadlines of my matters + attending
    assert str(cal["X-WR-CALNAME"]).endswith("Ada Attorney")
    [deadline] = [e for e in cal.walk("VEVENT") if str(e["UID"]) == "Answer due@test"]
    assert "FRCP 12(a)(1)(A)(i)" in str(deadline["DESCRIPTION"])
    # Attending the walled matter's deposition puts it in the feed ... until the wall.
    EventAttendee.objects.create(event=firm["secret"], user=attorney)
    assert "Canary deposition@test" in _uids(_fetch(token)[1])
    EthicalWall.objects.create(
        matter=firm["other"], user=attorney, reason="lateral", created_by=admin_user
    )
    status, cal = _fetch(token)
    assert status == 200 and "Canary deposition@test" not in _uids(cal)
    assert b"CANARY" not in Client().get(f"/calendar/feeds/{token}.ics").content.upper()
    feed.refresh_from_db()
    assert feed.last_fetched_at is not None


def test_matter_feed_and_revocation(firm, attorney, admin_user, client) -> None:
    _feed, token = feed_create(by=attorney, matter=firm["other"])
    assert _uids(_fetch(token)[1]) == {"Canary deposition@test"}
    EthicalWall.objects.create(
        matter=firm["other"], user=attorney, reason="lateral", created_by=admin_user
    )
    assert _fetch(token)[0] == 404  # the owner can no longer see the matter: no trace
    feed2, token2 = feed_create(by=attorney, matter=firm["ours"])
    client.force_login(attorney)
    assert client.post(f"/calendar/feeds/{feed2.pk}/revoke/").status_code == 302
    assert _fetch(token2)[0] == 404
    assert _fetch("cf_not-a-real-token")[0] == 404
    assert AuditEntry.objects.filter(action="revoke", object_type="calendar-feed").count() == 1


def test_feed_page_shows_the_url_once_and_refuses_hidden_matters(
    firm, attorney, attorney2, client
) -> None:
    client.force_login(attorney)
    page = client.get("/calendar/feeds/")
    assert page.status_code == 200 and "Outlook" in page.text and "Google Calendar" in page.text
    response = client.post("/calendar/feeds/new/", {"matter": firm["ours"].pk}, follow=True)
    url_start = "http://testserver/calendar/feeds/cf_"
    assert url_start in response.text
    assert url_start not in client.get("/calendar/feeds/").text  # shown once only
    assert CalendarFeed.objects.get().matter == firm["ours"]
    # Someone else's feed cannot be revoked; a hidden matter cannot get a feed.
    feed = CalendarFeed.objects.get()
    other = Client()
    other.force_login(attorney2)
    assert other.post(f"/calendar/feeds/{feed.pk}/revoke/").status_code == 404
    firm["ours"].restricted = True
    firm["ours"].save()
    assert other.post("/calendar/feeds/new/", {"matter": firm["ours"].pk}).status_code == 404
    assert CalendarFeed.objects.count() == 1


def test_export_downloads_are_audited_and_walled(
    firm, attorney, attorney2, admin_user, client
) -> None:
    client.force_login(attorney)
    response = client.get(f"/calendar/matters/{firm['ours'].pk}/export.ics")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    assert _uids(icalendar.Calendar.from_ical(response.content)) == {"Answer due@test"}
    mine = client.get("/calendar/export.ics")
    assert _uids(icalendar.Calendar.from_ical(mine.content)) == {
        "Answer due@test",
        "Firm lunch@test",
    }
    assert AuditEntry.objects.filter(action="export", object_type="calendar").count() == 2
    EthicalWall.objects.create(
        matter=firm["ours"], user=attorney, reason="x", created_by=admin_user
    )
    assert client.get(f"/calendar/matters/{firm['ours'].pk}/export.ics").status_code == 404


def _ics(*events: str) -> bytes:
    body = "".join(f"BEGIN:VEVENT\r\n{e}END:VEVENT\r\n" for e in events)
    return (
        f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//t//t//EN\r\n{body}END:VCALENDAR\r\n".encode()
    )


GOOD = _ics(
    "UID:imp-1\r\nSUMMARY:Mediation with Trần Văn Hùng\r\nDTSTART;TZID=America/Los_Angeles:20270405T100000\r\n"
    "DTEND;TZID=America/Los_Angeles:20270405T120000\r\nLOCATION:JAMS Los Angeles\r\nCATEGORIES:Meeting\r\n",
    "UID:imp-2\r\nSUMMARY:Trial\r\nDTSTART;VALUE=DATE:20270601\r\nDTEND;VALUE=DATE:20270604\r\nCATEGORIES:Trial\r\n",
    "UID:imp-3\r\nSUMMARY:Cancelled call\r\nDTSTART:20270301T170000Z\r\nSTATUS:CANCELLED\r\n",
)


@override_settings(TIME_ZONE="America/Los_Angeles")
def test_import_into_a_matter_then_reimport_skips_duplicates(firm, attorney, client) -> None:
    client.force_login(attorney)
    upload = SimpleUploadedFile("outlook.ics", GOOD, content_type="text/calendar")
    response = client.post(
        "/calendar/import/", {"file": upload, "matter": firm["ours"].pk}, follow=True
    )
    assert response.status_code == 200
    assert "Imported 2 event(s)." in response.text and "1 cancelled" in response.text
    mediation = Event.objects.get(uid="imp-1")
    assert mediation.matter == firm["ours"] and mediation.kind == "meeting"
    assert mediation.starts_at == dt.datetime(2027, 4, 5, 10, 0, tzinfo=LA)
    trial = Event.objects.get(uid="imp-2")
    assert trial.all_day and trial.kind == "trial"
    assert trial.ends_at is not None
    assert trial.ends_at.astimezone(LA).date() == dt.date(2027, 6, 4)  # exclusive end, as stored
    entry = AuditEntry.objects.get(action="import")
    assert (
        entry.data["sha256"] == hashlib.sha256(GOOD).hexdigest()
        and entry.matter_id == firm["ours"].pk
    )
    again = calendar_import(by=attorney, data=GOOD, matter=firm["ours"])
    assert again.created == 0 and again.duplicates == 2
    assert Event.objects.filter(uid__startswith="imp-").count() == 2


BAD = [
    (b"", "The file is empty"),
    (b"\x89PNG\r\n\x1a\n binary", "not an iCalendar file"),
    (
        _ics(
            "UID:z1\r\nSUMMARY:ok\r\nDTSTART:20270101T100000Z\r\n", "UID:z2\r\nSUMMARY:No start\r\n"
        ),
        "has no start date (DTSTART)",
    ),
    (
        _ics(
            "UID:z3\r\nSUMMARY:ok\r\nDTSTART:20270101T100000Z\r\n",
            "UID:z4\r\nSUMMARY:Old\r\nDTSTART:19990101T100000Z\r\n",
        ),
        "outside 2000-2035",
    ),
    (
        _ics("UID:z5\r\nSUMMARY:" + "y" * 10_000 + "\r\nDTSTART:20270101T100000Z\r\n"),
        "the limit is 300",
    ),
]


@pytest.mark.parametrize(("data", "message"), BAD)
def test_bad_imports_explain_and_create_nothing(
    firm, attorney, client, data: bytes, message: str
) -> None:
    client.force_login(attorney)
    before = (Event.objects.count(), AuditEntry.objects.count())
    upload = SimpleUploadedFile("bad.ics", data, content_type="text/calendar")
    response = client.post("/calendar/import/", {"file": upload, "matter": firm["ours"].pk})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert (Event.objects.count(), AuditEntry.objects.count()) == before


class _HugeUpload(SimpleUploadedFile):
    """An upload that says it is 2 GB (the view must refuse it by size, before reading it)."""

    def __init__(self) -> None:
        super().__init__("huge.ics", GOOD, content_type="text/calendar")
        self.size = 2 * 1024**3

    def read(self, *args: Any, **kwargs: Any) -> bytes:  # pragma: no cover - must not be called
        raise AssertionError("a 2 GB upload must be refused before it is read")


def test_a_2_gb_file_is_refused_by_size(rf, firm, attorney) -> None:
    from django.contrib.messages.storage.fallback import FallbackStorage

    from casedesk.web.scheduling.views_feeds import import_page

    request = rf.post("/calendar/import/", {"matter": ""})
    request.user = attorney
    request.FILES["file"] = _HugeUpload()
    request.session = {}  # type: ignore[assignment]
    request._messages = FallbackStorage(request)  # type: ignore[attr-defined]
    before = Event.objects.count()
    response = import_page(request)
    assert response.status_code == 400
    assert "the import limit is 20 MB. Nothing was imported." in response.content.decode()
    assert Event.objects.count() == before


def test_a_file_over_the_limit_is_refused_by_the_service_too(firm, attorney) -> None:
    with (
        override_settings(CASEDESK_MAX_IMPORT_BYTES=100),
        pytest.raises(IcsError, match="larger than"),
    ):
        calendar_import(by=attorney, data=GOOD, matter=firm["ours"])


def test_import_refused_for_readonly_and_hidden_matters(
    firm, attorney2, readonly, admin_user, client
) -> None:
    client.force_login(readonly)
    upload = SimpleUploadedFile("ok.ics", GOOD, content_type="text/calendar")
    response = client.post("/calendar/import/", {"file": upload, "matter": ""})
    assert response.status_code == 400 and "read-only" in response.content.decode()
    EthicalWall.objects.create(
        matter=firm["ours"], user=attorney2, reason="x", created_by=admin_user
    )
    client.force_login(attorney2)
    upload = SimpleUploadedFile("ok.ics", GOOD, content_type="text/calendar")
    assert (
        client.post("/calendar/import/", {"file": upload, "matter": firm["ours"].pk}).status_code
        == 404
    )
    assert not Event.objects.filter(uid__startswith="imp-").exists()


def test_import_into_my_calendar_puts_me_on_the_events(firm, attorney) -> None:
    result = calendar_import(by=attorney, data=GOOD, filename="mine.ics")
    assert result.created == 2
    event = Event.objects.get(uid="imp-1")
    assert event.matter is None and event.attendees.filter(user=attorney).exists()
