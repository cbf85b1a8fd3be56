"""End to end: a secretary builds a deadline chain on a matter, saves it, moves the trigger."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.web.matters.factories import make_matter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_build_a_chain_and_move_the_trigger(
    page: Any, live_server: Any, login: Any, screenshot: Any, secretary: Any, attorney: Any
) -> None:
    from playwright.sync_api import expect

    matter = make_matter("2027-0042", "Okafor v. Brightline Logistics", attorney=attorney)
    matter.court = "U.S. District Court, N.D. Cal."
    matter.case_number = "3:27-cv-01234"
    matter.save()
    login(page, live_server, secretary.username, PASSWORD)

    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    deadlines = page.locator("#deadlines")
    expect(deadlines.get_by_text("No deadlines are calendared on this matter yet.")).to_be_visible()
    deadlines.get_by_role("link", name="Calendar deadlines from a trigger").click()
    page.wait_for_url(re.compile(r".*/calendar/matters/\d+/chains/new/$"))
    expect(page.get_by_label("Court")).to_have_value("federal-ca")  # from the matter's court

    # "Complaint served 2027-03-10 by mail" in a federal court (no state holidays).
    page.get_by_label("Court").select_option("federal")
    page.get_by_label("What happened (the trigger)").select_option(
        label="Complaint and summons served on the defendant"
    )
    page.get_by_label("How was it served?").select_option("mail")
    # A date outside the court calendars' years is refused with a clear message.
    page.get_by_label("Date it happened (or the date of the hearing)").fill("1999-12-31")
    page.get_by_role("button", name="Propose deadlines").click()
    expect(
        page.get_by_text("outside the years the court calendars cover", exact=False)
    ).to_be_visible()
    expect(page.get_by_label("How was it served?")).to_have_value("mail")  # input kept
    screenshot(page, "chains-01b-bad-date")
    page.get_by_label("Date it happened (or the date of the hearing)").fill("2027-03-10")
    screenshot(page, "chains-01-trigger")
    page.get_by_role("button", name="Propose deadlines").click()

    answer = page.locator("[data-proposal=frcp-answer]")
    expect(answer).to_contain_text("Answer due (FRCP 12(a)(1)(A)(i))")
    expect(answer.locator(".deadline-due")).to_have_text("Wed, Mar 31, 2027 at 11:59 p.m.")
    expect(answer.get_by_text("day 21 = Wed Mar 31, 2027", exact=False)).to_be_visible()
    expect(answer.get_by_text("No days added for service by mail", exact=False)).to_be_visible()
    expect(page.get_by_label("Answer due (FRCP 12(a)(1)(A)(i))", exact=False)).to_be_checked()
    us = page.locator("[data-proposal=frcp-answer-us] input[type=checkbox]")
    expect(us).not_to_be_checked()
    screenshot(page, "chains-02-proposed")
    page.get_by_role("button", name="Save to calendar").click()

    page.wait_for_url(re.compile(r".*/calendar/chains/\d+/$"))
    expect(page.get_by_text("1 deadline saved to the calendar.")).to_be_visible()
    due = page.locator("[data-deadline=frcp-answer] .deadline-due")
    expect(due).to_have_text("Wed, Mar 31, 2027 at 11:59 p.m.")
    page.locator("[data-deadline=frcp-answer]").get_by_text("How was this computed?").click()
    expect(page.get_by_text("Rule pack frcp-", exact=False)).to_be_visible()
    screenshot(page, "chains-03-saved")

    # The trigger moves a week: the preview shows old -> new before anything is saved.
    page.get_by_label("New trigger date").fill("2027-03-17")
    page.get_by_role("button", name="Preview the changes").click()
    expect(
        page.get_by_role("heading", name="Nothing is saved yet: check the changes")
    ).to_be_visible()
    row = page.locator("tr[data-rule=frcp-answer]")
    expect(row).to_have_class(re.compile("changed"))
    expect(row.locator("td.old")).to_contain_text("Wed, Mar 31, 2027")
    expect(row.locator("td.new")).to_contain_text("Wed, Apr 7, 2027")
    screenshot(page, "chains-04-move-preview")
    page.get_by_role("button", name="Save changes").click()

    page.wait_for_url(re.compile(r".*/calendar/chains/\d+/$"))
    expect(page.get_by_text("Trigger moved; 1 deadline changed on the calendar.")).to_be_visible()
    expect(due).to_have_text("Wed, Apr 7, 2027 at 11:59 p.m.")

    # The matter page lists the chain with the new date; mark the deadline done there.
    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    section = page.locator("#deadlines")
    expect(section).to_contain_text("Complaint and summons served on the defendant")
    expect(section.locator(".deadline-due")).to_have_text("Wed, Apr 7, 2027 at 11:59 p.m.")
    section.get_by_role("button", name="Mark done").click()
    expect(page.locator("#deadlines .badge-ok")).to_have_text("Done")
    screenshot(page, "chains-05-matter-page")
