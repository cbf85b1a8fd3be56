"""End to end: an attorney builds a matter's chronology. Two facts typed in (one with a fuzzy
date, the reading shown back as it is typed); a letter uploaded to the case file, read by the
worker, searched for dated sentences (progress shown, the page reloads when done), and one
suggestion accepted as is and one edited first; the table filtered; the timeline drawn; the
filtered table exported as CSV and read back with its Vietnamese and Arabic names.

The worker's jobs (reading the letter, finding suggested facts) run in the test thread, as
``casedesk worker`` would.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import serialize_requests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLIENT = "Nguyễn Thị Minh Khai"
ADVERSE = "شركة النور للتجارة"
LETTER = (
    "Dear Ms. Nguyễn:\n\n"
    "On January 14, 2023 storm water came through the roof over bay 3 and soaked the stored "
    "inventory. We notified Al-Noor Trading in writing on January 16, 2023. "
    "No repair was made during February 2023.\n\n"
    "Very truly yours,\nAda Attorney\n"
)


def run_worker() -> None:
    """What ``casedesk worker`` does: every queued task (text reading, suggested facts)."""
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


@pytest.fixture
def matter(attorney: Any, storage: Path) -> Any:
    from tests.web.matters.factories import make_matter

    return make_matter(
        "2027-0042",
        "Nguyễn v. Al-Noor Trading",
        attorney=attorney,
        parties=[
            (CLIENT, "person", "client", []),
            (ADVERSE, "organization", "adverse-party", []),
        ],
    )


def test_build_a_chronology_accept_a_suggestion_filter_timeline_and_export(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    attorney: Any,
    matter: Any,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.chronology.models import Fact, FactSuggestion

    serialize_requests(page)
    login(page, live_server, attorney.username, PASSWORD)
    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    page.locator("#chronology").get_by_role("link", name="Chronology").click()
    expect(page.get_by_role("heading", name="Chronology · 2027-0042")).to_be_visible()
    expect(page.get_by_text("No facts yet.")).to_be_visible()

    # Two facts by hand: an exact date, then a fuzzy one; the reading follows the typing.
    page.get_by_role("link", name="Add a fact").first.click()
    page.get_by_label("Date").fill("March 2021")
    expect(page.locator("#date-reading")).to_contain_text("Mar. 2021")
    page.get_by_label("Date").fill("2023-01-30")
    expect(page.locator("#date-reading")).to_contain_text("Reads as: Jan. 30, 2023")
    page.get_by_label("What happened").fill(f"{CLIENT} sends a demand letter to {ADVERSE}.")
    page.get_by_label(f"{CLIENT} (Client)").check()
    page.get_by_label(f"{ADVERSE} (Adverse party)").check()
    page.get_by_label("New issues").fill("Notice; Damages")
    page.get_by_label("Material (a key fact)").check()
    page.get_by_role("button", name="Add and add another").click()
    expect(page.get_by_text("Added the fact dated Jan. 30, 2023.")).to_be_visible()

    page.get_by_label("Date").fill("about 2019")
    expect(page.locator("#date-reading")).to_contain_text("c. 2019")
    page.get_by_label("What happened").fill("The parties sign the warehouse lease.")
    page.get_by_label(f"{ADVERSE} (Adverse party)").check()
    page.get_by_label("New issues").fill("Lease")
    screenshot(page, "chronology-01-fact-form")
    page.get_by_role("button", name="Add the fact", exact=True).click()
    rows = page.locator("table.chrono tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text("c. 2019")
    expect(rows.nth(1)).to_contain_text("Jan. 30, 2023")
    expect(rows.nth(1)).to_contain_text(CLIENT)
    expect(rows.nth(1)).to_contain_text("Ada Attorney")

    # A letter uploaded to the case file; the worker reads it.
    letter = tmp_path / "Thư gửi khách hàng.txt"
    letter.write_text(LETTER, encoding="utf-8")
    page.goto(f"{live_server.url}/documents/matter/{matter.pk}/")
    page.locator("input[data-pick=files]").set_input_files(str(letter))
    page.get_by_role("button", name="Upload and file 1 file").click()
    expect(page.locator("[data-upload-status]")).to_have_text("Filed 1 document.")

    # Suggested facts: queued, progress shown, then the page reloads with the sentences.
    page.goto(f"{live_server.url}/chronology/matter/{matter.pk}/suggestions/")
    expect(page.get_by_text("1 document has no text to read yet")).to_be_visible()
    run_worker()  # reads the letter
    page.reload()
    page.get_by_role("button", name="Find suggested facts").click()
    expect(page.locator("#run-status")).to_contain_text("Waiting for the worker")
    run_worker()
    suggestions = page.locator("table.suggestions tbody tr")
    expect(suggestions).to_have_count(3, timeout=15_000)
    expect(suggestions.nth(0)).to_contain_text("roof over bay 3")
    expect(suggestions.nth(0)).to_contain_text("Thư gửi khách hàng")
    screenshot(page, "chronology-02-suggestions")
    suggestions.nth(0).get_by_role("button", name="Accept as is").click()
    expect(page.get_by_text("Added the fact dated Jan. 14, 2023.")).to_be_visible()
    expect(suggestions).to_have_count(2)
    suggestions.nth(0).get_by_role("link", name="Accept after editing").click()
    expect(page.get_by_role("heading", name="Accept a suggested fact · 2027-0042")).to_be_visible()
    expect(page.get_by_label("Date")).to_have_value("Jan. 16, 2023")
    page.get_by_label("What happened").fill(f"{CLIENT} notifies {ADVERSE} of the leak.")
    page.get_by_label("Disputed").check()
    page.get_by_role("button", name="Accept as a fact").click()
    expect(suggestions).to_have_count(1)
    accepted = FactSuggestion.objects.filter(status="accepted")
    assert accepted.count() == 2 and all(s.fact_id for s in accepted)
    leak = Fact.objects.get(date_text="Jan. 14, 2023")
    assert leak.source_document is not None and leak.source_page == ""  # text: no pages

    # The table, filtered: words, then disputed only.
    page.get_by_role("link", name="Facts", exact=True).click()
    expect(rows).to_have_count(4)
    page.get_by_label("Text").fill("roof")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("roof over bay 3")
    page.get_by_label("Text").fill("")
    page.get_by_label("Disputed only").check()
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(1)
    expect(rows.nth(0)).to_contain_text("notifies")
    page.get_by_label("Disputed only").uncheck()
    page.get_by_label("From").fill("2023")
    page.get_by_role("button", name="Filter").click()
    expect(rows).to_have_count(3)
    screenshot(page, "chronology-03-filtered")

    # The timeline of the same facts, and of every fact.
    page.get_by_role("link", name="Timeline of these facts").click()
    expect(page.get_by_role("heading", name="3 facts")).to_be_visible()
    page.get_by_role("link", name="Clear").click()
    expect(page.get_by_role("heading", name="4 facts")).to_be_visible()
    expect(page.locator("figure.timeline-figure svg")).to_be_visible()
    screenshot(page, "chronology-04-timeline")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download PNG").click()
    assert info.value.suggested_filename == "timeline-2027-0042.png"

    # The CSV export of the whole table, read back.
    page.get_by_role("link", name="Facts", exact=True).click()
    with page.expect_download() as info:
        page.get_by_role("link", name="Export CSV").click()
    assert info.value.suggested_filename == "chronology-2027-0042.csv"
    saved = tmp_path / "facts.csv"
    info.value.save_as(saved)
    raw = saved.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r["Date"] for r in table] == [
        "c. 2019",
        "Jan. 14, 2023",
        "Jan. 16, 2023",
        "Jan. 30, 2023",
    ]
    assert set(table[3]["People"].split("; ")) == {CLIENT, ADVERSE}
    assert set(table[3]["Issues"].split("; ")) == {"Damages", "Notice"}
    assert table[1]["Source"] == "Thư gửi khách hàng"
    assert table[2]["Disputed"].lower() in ("yes", "x", "true", "1")
    assert all(r["Entered by"] == "Ada Attorney" for r in table)
