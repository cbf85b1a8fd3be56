"""End to end: a clerk makes the table of authorities of a brief and reviews it.

From the matter's page the clerk opens "Table of authorities", uploads a small brief (made in
the test: a contents page "i", then pages 1-3 citing three cases, a constitutional provision,
a statute and a rule) and waits while the worker makes the table (the task runs in the test
thread, what ``casedesk worker`` does; the page polls and reloads). Then the review: the two
reports of Roe v. Wade are merged into one, Brown is renamed, the statute is moved to the
rules; the page, the history and the downloads (Word, JSON, PDF) show the reviewed table.

A second test runs a real Supreme Court brief from ``../shared/data/briefs/osg`` (skipped
when that folder is absent).
"""

from __future__ import annotations

import io
import json
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD, SHARED_DATA
from tests.e2e.conftest import serialize_requests
from tests.web.matters.factories import make_matter
from tests.web.toa.briefs import EXPECTED, write_brief

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ROE = "Roe v. Wade, 410 U.S. 113 (1973)"
ROE_SCT = "Roe v. Wade, 93 S. Ct. 705 (1973)"
BROWN = "Brown v. Board of Education, 347 U.S. 483 (1954)"
BROWN_NEW = "Brown v. Board of Education of Topeka, 347 U.S. 483 (1954)"
OSG = SHARED_DATA / "briefs" / "osg"


def docx_texts(path: Path) -> list[str]:
    import docx

    return [p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs]


def run_table(table_id: int) -> None:
    """What the worker does with a queued table."""
    from casedesk.web.toa.services import toa_run

    assert toa_run(table_id).status == "done"


def upload_brief(page: Any, live_server: Any, path: Path) -> int:
    """Upload the brief from the start page; the table's id from the review page's URL."""
    from playwright.sync_api import expect

    page.locator("#brief-file").set_input_files(str(path))
    expect(page.get_by_label("Passim from (pages)")).to_have_value("5")
    page.get_by_role("button", name="Make the table").click()
    page.wait_for_url(re.compile(r"/toa/\d+/$"))
    expect(page.locator("#toa-status .badge")).to_have_text("Waiting for the worker")
    return int(page.url.rstrip("/").rsplit("/", 1)[1])


def test_upload_review_and_export_a_table(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    clerk: Any,
    attorney: Any,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.toa.models import TableOfAuthorities
    from casedesk.web.toa.services import toa_pdf_run

    matter = make_matter("2027-0808", "Equal protection appeal", attorney=attorney)
    brief = write_brief(tmp_path / "opening-brief.pdf")
    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)

    # From the matter's "Trial materials" card to the start page, the matter picked.
    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    page.get_by_role("link", name="Table of authorities").click()
    expect(page.get_by_role("heading", name="Tables of authorities")).to_be_visible()
    expect(page.get_by_label("Matter (optional)")).to_have_value(str(matter.pk))
    expect(page.get_by_text(f"{matter.number} has no PDF or Word documents yet")).to_be_visible()
    screenshot(page, "toa-00-start")
    table_id = upload_brief(page, live_server, brief)

    # The worker makes the table; the page's polling reloads it when done.
    run_table(table_id)
    expect(page.get_by_role("heading", name="6 authorities")).to_be_visible(timeout=15_000)
    headings = page.locator(".toa-category h3 > span:first-child")
    expect(headings).to_have_text(["Cases", "Constitutional Provisions", "Statutes", "Rules"])
    entries = page.locator("li.toa-entry")
    expect(entries).to_have_count(6)
    for i, (_, authority, pages) in enumerate(EXPECTED):
        expect(entries.nth(i).locator(".toa-authority")).to_have_text(authority)
        expect(entries.nth(i).locator(".toa-pages")).to_have_text(", ".join(pages))
    screenshot(page, "toa-01-table")

    # Merge the two reports of Roe v. Wade, keeping the U.S. Reports citation.
    page.get_by_label(f"Select for merging: {ROE_SCT}").check()
    page.get_by_label(f"Select for merging: {ROE}").check()
    expect(page.locator("#merge-count")).to_have_text("2 ticked")
    page.locator("#merge-into").select_option(label=ROE)
    page.get_by_role("button", name="Merge selected").click()
    expect(page.get_by_text("Merged 2 entries into one.")).to_be_visible()
    expect(entries).to_have_count(5)
    roe = page.locator("li.toa-entry", has_text="Roe v. Wade")
    expect(roe.locator(".toa-authority")).to_have_text(ROE)
    expect(roe.locator(".toa-pages")).to_have_text("1, 2")
    assert page.url.endswith("#" + (roe.get_attribute("id") or "-"))

    # Rename Brown (the inline form is filled with the entry's text).
    brown = page.locator("li.toa-entry", has_text="Brown v. Board")
    brown.get_by_text("Rename").click()
    field = brown.get_by_label(f"New text for {BROWN}")
    expect(field).to_have_value(BROWN)
    field.fill(BROWN_NEW)
    brown.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Renamed the entry.")).to_be_visible()
    expect(page.locator("li.toa-entry").first.locator(".toa-authority")).to_have_text(BROWN_NEW)
    expect(page.locator("li.toa-entry").first.locator(".toa-authority i")).to_have_text(
        "Brown v. Board of Education of Topeka"
    )

    # Move the statute to the rules.
    statute = page.locator("li.toa-entry", has_text="42 U.S.C. § 1983")
    statute.get_by_label("Move to").select_option(label="Rules")
    statute.get_by_role("button", name="Move").click()
    expect(page.get_by_text("Moved the entry to Rules.")).to_be_visible()
    expect(headings).to_have_text(["Cases", "Constitutional Provisions", "Rules"])
    rules = page.locator(".toa-category", has=page.get_by_role("heading", name="Rules"))
    expect(rules.locator(".toa-authority")).to_have_text(
        ["Fed. R. Civ. P. 56(a)", "42 U.S.C. § 1983"]
    )
    history = page.locator(".toa-history li")
    expect(history).to_have_count(3)
    expect(history.nth(0)).to_contain_text("Moved “42 U.S.C. § 1983” from Statutes to Rules")
    expect(history.nth(1)).to_contain_text(f"Renamed “{BROWN}” to “{BROWN_NEW}”")
    expect(history.nth(2)).to_contain_text(f"Merged “{ROE_SCT}” into “{ROE}”")
    expect(page.get_by_role("heading", name="5 authorities")).to_be_visible()
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "toa-02-reviewed")

    # The Word section: the reviewed table, dot-leader tabs before the pages.
    with page.expect_download() as info:
        page.get_by_role("link", name="Word (.docx)").click()
    assert info.value.suggested_filename == "toa-opening-brief.docx"
    word = tmp_path / "toa.docx"
    info.value.save_as(word)
    assert docx_texts(word) == [
        "TABLE OF AUTHORITIES",
        "Cases\tPage(s)",
        f"{BROWN_NEW}\t2, 3",
        f"{ROE}\t1, 2",
        "Constitutional Provisions\tPage(s)",
        "U.S. Const. amend. XIV, § 1\t3",
        "Rules\tPage(s)",
        "Fed. R. Civ. P. 56(a)\t2",
        "42 U.S.C. § 1983\t1",
    ]

    # JSON: exactly the CLI's contract.
    with page.expect_download() as info:
        page.get_by_role("link", name="JSON").click()
    assert info.value.suggested_filename == "toa-opening-brief.json"
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert data == {
        "entries": [
            {"category": "cases", "authority": BROWN_NEW, "pages": ["2", "3"], "passim": False},
            {"category": "cases", "authority": ROE, "pages": ["1", "2"], "passim": False},
            {
                "category": "constitutional provisions",
                "authority": "U.S. Const. amend. XIV, § 1",
                "pages": ["3"],
                "passim": False,
            },
            {
                "category": "rules",
                "authority": "Fed. R. Civ. P. 56(a)",
                "pages": ["2"],
                "passim": False,
            },
            {"category": "rules", "authority": "42 U.S.C. § 1983", "pages": ["1"], "passim": False},
        ]
    }

    # The PDF is made by the worker; the export card shows it when ready.
    page.get_by_role("button", name="Make the PDF").click()
    expect(page.get_by_text("Making the PDF…")).to_be_visible()
    assert toa_pdf_run(table_id) == "done"
    pdf_link = page.locator("#pdf-status").get_by_role("link", name="PDF")
    expect(pdf_link).to_be_visible(timeout=15_000)
    with page.expect_download() as info:
        pdf_link.click()
    assert info.value.suggested_filename == "toa-opening-brief.pdf"
    pdf = tmp_path / "toa.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE OF AUTHORITIES" in text and "Topeka" in text

    # Undo all: the table as it was made.
    page.get_by_role("button", name="Undo all changes").click()
    expect(page.get_by_role("heading", name="6 authorities")).to_be_visible()
    expect(history).to_have_count(4)
    table = TableOfAuthorities.objects.get(pk=table_id)
    assert table.result == table.original and table.revision == 4


@pytest.mark.skipif(not OSG.is_dir(), reason="../shared/data/briefs/osg is not present")
def test_a_supreme_court_brief(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    clerk: Any,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.toa.models import TableOfAuthorities

    folder = sorted(p for p in OSG.iterdir() if (p / "body.pdf").is_file())[0]
    expected = json.loads((folder / "toa_expected.json").read_text(encoding="utf-8"))
    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/research/")
    page.get_by_role("link", name="Table of authorities").click()
    table_id = upload_brief(page, live_server, folder / "body.pdf")
    run_table(table_id)
    table = TableOfAuthorities.objects.get(pk=table_id)
    count = table.entry_count
    expect(page.get_by_role("heading", name=f"{count} authorities")).to_be_visible(timeout=15_000)
    expect(page.locator("li.toa-entry")).to_have_count(count)
    entries = expected.get("entries", expected) if isinstance(expected, dict) else expected
    assert count >= 0.8 * len(entries), (count, len(entries))
    expect(page.locator(".toa-category h3 > span:first-child").first).to_have_text("Cases")
    screenshot(page, "toa-03-osg-brief")
    with page.expect_download() as info:
        page.get_by_role("link", name="JSON").click()
    data = json.loads(Path(info.value.path()).read_text(encoding="utf-8"))
    assert len(data["entries"]) == count
    assert {e["category"] for e in data["entries"]} >= {"cases", "statutes"}
