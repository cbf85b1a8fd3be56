"""End to end: a legal secretary schedules a hearing in a courtroom, finds it on the month view
and on the matter's calendar, then tries to double-book the courtroom and sees the warning."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.utils import timezone

from tests.conftest import PASSWORD
from tests.web.contacts.factories import make_contact, make_matter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_schedule_a_hearing_and_catch_a_double_booked_courtroom(
    page: Any, live_server: Any, login: Any, screenshot: Any, secretary: Any, attorney: Any
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.scheduling.models import Event

    matter = make_matter(
        "2027-0042",
        title="Delgado v. Acme Holdings",
        client=make_contact("Rosa Delgado"),
        responsible=attorney,
    )
    make_contact("Court Reporter Jane Roe")
    day = timezone.localdate() + dt.timedelta(days=7)
    iso = day.isoformat()
    login(page, live_server, secretary.username, PASSWORD)

    page.get_by_role("link", name="Calendar", exact=True).click()
    page.wait_for_url(f"{live_server.url}/calendar/")
    page.get_by_role("link", name="New event").click()
    expect(page.get_by_role("heading", name="Schedule an event")).to_be_visible()
    page.get_by_label("Kind").select_option(label="Hearing")
    page.get_by_label("Title").fill("Hearing on motion to compel")
    page.get_by_label("Matter").select_option(label="2027-0042 · Delgado v. Acme Holdings")
    page.get_by_label("Starts").fill(f"{iso}T09:30")
    page.get_by_label("Ends").fill(f"{iso}T10:30")
    page.get_by_label("Location or courtroom").fill("Dept. 12, Stanley Mosk Courthouse")
    page.get_by_label("Ada Attorney (Attorney)").check()
    page.get_by_placeholder("Type a name").fill("reporter")
    page.get_by_label("Court Reporter Jane Roe").check()
    screenshot(page, "calendar-01-new-hearing")
    page.get_by_role("button", name="Schedule", exact=True).click()
    page.wait_for_url(re.compile(r".*/calendar/events/\d+/$"))
    expect(page.get_by_text("Scheduled hearing 'Hearing on motion to compel'")).to_be_visible()
    expect(page.get_by_text("Court Reporter Jane Roe")).to_be_visible()
    screenshot(page, "calendar-02-hearing-detail")

    # The month view (my calendar) and the matter's calendar show it.
    page.goto(f"{live_server.url}/calendar/?view=month&date={iso}")
    chip = page.locator(".cal-month a.ev", has_text="Hearing on motion to compel")
    expect(chip).to_be_visible()
    expect(chip).to_contain_text("09:30")
    screenshot(page, "calendar-03-month")
    page.goto(f"{live_server.url}/calendar/matters/{matter.pk}/?view=week&date={iso}")
    expect(page.locator(".cal-week a.ev", has_text="Hearing on motion to compel")).to_be_visible()
    screenshot(page, "calendar-04-matter-week")

    # A second hearing in the same courtroom at an overlapping time: warned before saving.
    page.goto(f"{live_server.url}/calendar/events/new/?matter={matter.pk}&date={iso}")
    page.get_by_label("Kind").select_option(label="Hearing")
    page.get_by_label("Title").fill("Case management conference")
    page.get_by_label("Starts").fill(f"{iso}T10:00")
    page.get_by_label("Ends").fill(f"{iso}T11:00")
    page.get_by_label("Location or courtroom").fill("dept. 12,  stanley mosk courthouse")
    page.get_by_role("button", name="Schedule", exact=True).click()
    warning = page.locator(".double-booking")
    expect(warning).to_contain_text("Double-booking — not saved yet.")
    expect(warning).to_contain_text(
        "Dept. 12, Stanley Mosk Courthouse is booked for 'Hearing on motion to compel' 09:30–10:30"
    )
    screenshot(page, "calendar-05-double-booking-warning")
    assert Event.objects.filter(title="Case management conference").count() == 0

    page.get_by_role("button", name="Save anyway (double-booked)").click()
    page.wait_for_url(re.compile(r".*/calendar/events/\d+/$"))
    expect(
        page.get_by_text("Double-booked: Dept. 12, Stanley Mosk Courthouse is booked")
    ).to_be_visible()
    assert Event.objects.filter(title="Case management conference").count() == 1
    page.goto(f"{live_server.url}/calendar/matters/{matter.pk}/?view=agenda&date={iso}")
    expect(page.get_by_role("link", name="Case management conference")).to_be_visible()
    screenshot(page, "calendar-06-matter-agenda")
