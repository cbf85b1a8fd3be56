"""End to end: a secretary makes a matter's calendar feed, the feed serves its events, she revokes
it; a bad .ics upload is explained and imports nothing."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import icalendar
import pytest
from django.utils import timezone

from casedesk.web.scheduling.models import Event
from tests.conftest import PASSWORD
from tests.web.matters.factories import make_matter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_feed_serves_the_matter_events_until_revoked(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    secretary: Any,
    attorney: Any,
) -> None:
    from playwright.sync_api import expect

    matter = make_matter("2027-0042", "Okafor v. Brightline Logistics", attorney=attorney)
    Event.objects.create(
        matter=matter,
        kind="hearing",
        title="Motion to compel",
        location="Courtroom 4",
        starts_at=timezone.now() + dt.timedelta(days=12),
        uid="hearing-e2e@casedesk",
    )
    login(page, live_server, secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/calendar/feeds/")
    expect(page.get_by_text("You have no calendar feeds yet.")).to_be_visible()
    page.get_by_label("Which calendar?").select_option(label=f"Matter 2027-0042: {matter.title}")
    page.get_by_role("button", name="Create feed").click()
    url = page.get_by_test_id("feed-url").input_value()
    assert re.fullmatch(rf"{re.escape(live_server.url)}/calendar/feeds/cf_[\w-]+\.ics", url)
    screenshot(page, "calendar-feeds-new")

    response = page.request.get(url)
    assert response.status == 200 and response.headers["content-type"].startswith("text/calendar")
    cal = icalendar.Calendar.from_ical(response.body())
    [event] = cal.walk("VEVENT")
    assert str(event["SUMMARY"]) == "Hearing: Motion to compel (2027-0042)"
    assert str(event["LOCATION"]) == "Courtroom 4"

    page.reload()
    expect(page.get_by_test_id("feed-url")).to_have_count(0)  # the address is shown once only
    page.get_by_role("button", name="Revoke").click()
    expect(page.get_by_text("Feed revoked")).to_be_visible()
    screenshot(page, "calendar-feeds-revoked")
    assert page.request.get(url).status == 404


def test_a_bad_ics_upload_is_explained(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    secretary: Any,
    attorney: Any,
    tmp_path: Any,
) -> None:
    from playwright.sync_api import expect

    matter = make_matter("2027-0043", "Nguyễn v. Acme", attorney=attorney)
    bad = tmp_path / "outlook-export.ics"
    bad.write_text(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//x//x//EN\r\n"
        "BEGIN:VEVENT\r\nUID:1\r\nSUMMARY:Deposition of Trần Văn Hùng\r\nDTSTART:20270405T170000Z\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:2\r\nSUMMARY:Status conference\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nUID:3\r\nSUMMARY:Old trial\r\nDTSTART;VALUE=DATE:19980101\r\nEND:VEVENT\r\n"
        "END:VCALENDAR\r\n",
        encoding="utf-8",
    )
    login(page, live_server, secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/calendar/import/?matter={matter.pk}")
    page.get_by_label("iCalendar file").set_input_files(str(bad))
    page.get_by_role("button", name="Import").click()
    error = page.get_by_test_id("import-error")
    expect(error).to_contain_text("Nothing was imported: 2 problem(s)")
    expect(error).to_contain_text("Event 2 ('Status conference'): it has no start date (DTSTART).")
    expect(error).to_contain_text("outside 2000-2035")
    expect(page.get_by_label("Into which calendar?")).to_have_value(str(matter.pk))
    screenshot(page, "calendar-import-error")
    assert not Event.objects.exists()
