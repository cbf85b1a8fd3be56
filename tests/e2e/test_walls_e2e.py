"""End to end: a screened attorney finds no trace of a walled matter until the admin lifts the wall."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.web.matters.factories import CANARY, CANARY_NUMBER, seed_firm, seed_walled

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

TRACES = (CANARY, CANARY_NUMBER, "ZEBRA-CANARY", "Zebracorp", "Quagga")


def no_trace(page: Any, typed: str = "") -> None:
    """Neither the page's HTML nor its visible text mentions the walled matter (beyond what was typed)."""
    html = page.content()
    text = page.inner_text("body")
    if typed:
        text = text.replace(typed, "")
        html = html.replace(typed, "")
    for trace in TRACES:
        assert trace not in html, f"{trace!r} leaked into {page.url}"
        assert trace not in text, f"{trace!r} leaked into {page.url}"


def test_screened_attorney_sees_no_trace_until_the_wall_is_lifted(
    browser: Any,
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    attorney: Any,
    attorney2: Any,
    admin_user: Any,
) -> None:
    from playwright.sync_api import expect

    seed_firm(attorney)
    walled = seed_walled(screened=attorney2, attorney=attorney, admin=admin_user)
    login(page, live_server, attorney2.username, PASSWORD)
    no_trace(page)
    screenshot(page, "walls-01-dashboard")

    page.goto(f"{live_server.url}/matters/")
    expect(page.get_by_role("heading", name="Matters")).to_be_visible()
    expect(page.get_by_text("2024-0031")).to_be_visible()
    no_trace(page)
    screenshot(page, "walls-02-matters-list")

    page.get_by_role("searchbox", name="Search").fill("ZEBRA-CANARY")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.get_by_text("No matters match your search")).to_be_visible()
    no_trace(page, typed="ZEBRA-CANARY")
    screenshot(page, "walls-03-matters-search")

    page.goto(f"{live_server.url}/contacts/")
    no_trace(page)
    screenshot(page, "walls-04-contacts")

    page.goto(f"{live_server.url}/matters/conflicts/")
    typed = "Zebracorp Canary Holdings LLC"
    page.get_by_label("Names to check").fill(typed)
    page.get_by_role("button", name="Check for conflicts").click()
    expect(page.get_by_role("heading", name="Results")).to_be_visible()
    no_trace(page, typed=typed)
    screenshot(page, "walls-05-conflict-search")

    response = page.goto(f"{live_server.url}/matters/{walled.pk}/")
    assert response is not None and response.status == 404
    no_trace(page)
    screenshot(page, "walls-06-direct-url-not-found")

    # The administrator lifts the wall from the walls page, in a browser of their own.
    admin_context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        admin_page = admin_context.new_page()
        login(admin_page, live_server, admin_user.username, PASSWORD)
        admin_page.goto(f"{live_server.url}/users/walls/")
        row = admin_page.locator("tr", has_text=CANARY_NUMBER)
        row.get_by_role("button", name="Lift").click()
        expect(admin_page.get_by_text("Lifted the screen")).to_be_visible()
    finally:
        admin_context.close()

    # The very next request of the screened attorney shows the matter.
    page.goto(f"{live_server.url}/matters/")
    expect(page.get_by_text(CANARY)).to_be_visible()
    page.get_by_role("link", name=CANARY).click()
    expect(page.get_by_role("heading", name=CANARY)).to_be_visible()
    screenshot(page, "walls-07-after-wall-lifted")
