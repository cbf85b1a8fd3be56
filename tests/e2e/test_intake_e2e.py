"""End to end: a legal secretary runs an intake, reviews the conflict hits and opens the matter."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.web.matters.factories import seed_firm

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_intake_conflicts_and_open(
    page: Any, live_server: Any, login: Any, screenshot: Any, secretary: Any, attorney: Any
) -> None:
    from playwright.sync_api import expect

    seed_firm(attorney)
    login(page, live_server, secretary.username, PASSWORD)

    page.goto(f"{live_server.url}/matters/intake/")
    expect(page.get_by_role("heading", name="New intake")).to_be_visible()
    page.get_by_label("Prospective client's name").fill("Peggy O'Brien")
    page.get_by_label("E-mail").fill("peggy.obrien@example.com")
    page.get_by_label("Matter title").fill("O'Brien v. ACME Holdings")
    page.get_by_label("Practice area").select_option(label="Civil litigation")
    page.get_by_label("Responsible attorney").select_option(label=str(attorney))
    rows = page.locator("[data-party-row]:visible")
    rows.nth(0).get_by_label("Name").fill("ACME Holdings Incorporated")
    rows.nth(0).get_by_label("Kind").select_option("organization")
    rows.nth(0).get_by_label("Role").select_option(label="Adverse party")
    page.get_by_role("button", name="+ Add another party").click()
    expect(rows).to_have_count(2)
    rows.nth(1).get_by_label("Name").fill("Dana Whitfield")
    rows.nth(1).get_by_label("Kind").select_option("person")
    rows.nth(1).get_by_label("Role").select_option(label="Witness")
    screenshot(page, "intake-01-form")

    # A matter number already in use is refused with a clear message; everything typed stays.
    page.get_by_label("Matter number").fill("2024-0031")
    page.get_by_role("button", name="Save intake and check conflicts").click()
    expect(page.get_by_text("Matter number 2024-0031 is already taken.")).to_be_visible()
    expect(page.get_by_label("Prospective client's name")).to_have_value("Peggy O'Brien")
    expect(rows.nth(1).get_by_label("Name")).to_have_value("Dana Whitfield")
    screenshot(page, "intake-01b-number-taken")
    page.get_by_label("Matter number").fill("")

    page.get_by_role("button", name="Save intake and check conflicts").click()
    page.wait_for_url(re.compile(r".*/matters/conflicts/\d+/$"))
    expect(page.get_by_text("Step 2 of 2")).to_be_visible()
    peggy = page.locator("article.hit", has_text="Margaret O'Brien-Walsh")
    acme = page.locator("article.hit", has_text="Acme Holdings, Inc.")
    expect(peggy).to_be_visible()
    expect(acme).to_be_visible()
    expect(peggy.locator(".hit-reason")).to_contain_text("Why:")
    expect(acme.locator(".hit-reason")).to_contain_text("Why:")
    expect(page.get_by_role("button", name="Open the matter")).to_have_count(0)
    screenshot(page, "intake-02-conflict-check")

    # A waiver without a note is refused inline, next to the hit; nothing else changes.
    peggy.get_by_label("Waiver obtained").check()
    peggy.get_by_role("button", name="Save decision").click()
    expect(peggy.locator(".hit-error")).to_contain_text("Add a note")
    screenshot(page, "intake-03-waiver-needs-note")
    peggy.get_by_label("Note").fill(
        "Former client; written waiver signed by Margaret O'Brien-Walsh on file"
    )
    peggy.get_by_role("button", name="Save decision").click()
    expect(peggy.locator(".hit-saved")).to_be_visible()
    expect(peggy).to_contain_text("Decision: Waiver obtained")

    acme.get_by_label("Cleared: not a conflict").check()
    acme.get_by_role("button", name="Save decision").click()
    expect(acme.locator(".hit-saved")).to_be_visible()

    # Any further (weaker) hits are cleared too, one by one.
    while page.locator("article.hit", has=page.get_by_role("button", name="Save decision")).count():
        other = page.locator(
            "article.hit", has=page.get_by_role("button", name="Save decision")
        ).first
        other.get_by_label("Cleared: not a conflict").check()
        other.get_by_role("button", name="Save decision").click()
        expect(other.locator(".hit-saved")).to_be_visible()

    open_button = page.get_by_role("button", name="Open the matter")
    expect(open_button).to_be_visible()
    screenshot(page, "intake-04-all-decided")
    open_button.click()
    page.wait_for_url(re.compile(r".*/matters/\d+/$"))
    expect(page.locator(".message-success")).to_contain_text("is open")
    expect(page.locator("h1 .badge")).to_have_text("Open")
    expect(page.locator("#parties li strong", has_text="Peggy O'Brien")).to_be_visible()
    screenshot(page, "intake-05-matter-open")
