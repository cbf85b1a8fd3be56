"""End to end: a clerk marks two documents of a matter as the plaintiff's exhibits, watches
their stickers made, records one admitted at trial, and downloads the AO 187 exhibit list as
Word and PDF (its rows read back), and one stickered exhibit. Then the witness list and the
privilege log pages, with a description that quotes its document.

The sticker task runs in the test thread (what ``casedesk worker`` does); the rows' polling
shows the stickers ready.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import SCREENSHOTS, serialize_requests
from tests.web.trial.conftest import make_pdf

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def pdf_text(path: Path) -> str:
    out = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    return out.stdout


def pdf_snapshot(path: Path, name: str) -> None:
    """The PDF's first page as a PNG beside the screenshots, to look at."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "80",
            "-png",
            "-singlefile",
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(SCREENSHOTS / name),
        ],
        check=True,
    )


def docx_rows(path: Path) -> list[list[str]]:
    import docx

    table = docx.Document(io.BytesIO(path.read_bytes())).tables[-1]
    return [[c.text for c in row.cells] for row in table.rows]


@pytest.fixture
def court_matter(attorney: Any, storage: Path) -> Any:
    """A matter in federal court with two PDFs in its case file."""
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )
    from tests.web.matters.factories import make_matter

    matter = make_matter("2027-0042", "Delgado v. Acme Holdings", attorney=attorney)
    matter.court = "United States District Court\nDistrict of Arizona"
    matter.case_number = "2:27-cv-01234"
    matter.judge = "Hon. Maria Ruiz"
    matter.save()
    for name, title, day in (
        ("contract.pdf", "Master services agreement", dt.date(2024, 3, 5)),
        ("letter.pdf", "Notice of default", dt.date(2024, 6, 1)),
    ):
        path = make_pdf(storage / name, 2, text=title)
        document_add(
            by=attorney,
            matter=matter,
            incoming=IncomingFile(path, name),
            details=DocumentDetails(title=title, document_date=day),
        )
    return matter


def test_mark_two_exhibits_admit_one_and_download_the_exhibit_list(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    clerk: Any,
    court_matter: Any,
    tmp_path: Path,
) -> None:
    from django.utils import timezone
    from playwright.sync_api import expect

    from casedesk.web.trial.models import Exhibit
    from casedesk.web.trial.stickers import sticker_make

    matter = court_matter
    today = timezone.localdate()
    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/trial/matter/{matter.pk}/exhibits/")
    expect(page.get_by_role("heading", name="Trial: 0 exhibits")).to_be_visible()
    page.get_by_role("link", name="Mark documents as exhibits").click()

    # Both documents, as the plaintiff's, numbered 1, 2, 3 (the defaults).
    page.get_by_label("Master services agreement").check()
    page.get_by_label("Notice of default").check()
    expect(page.get_by_label("Plaintiff", exact=True)).to_be_checked()
    expect(page.get_by_label("1, 2, 3…")).to_be_checked()
    page.get_by_label("Witness").fill("Rosa Delgado")
    screenshot(page, "exhibits-01-mark")
    page.get_by_role("button", name="Mark as exhibits").click()
    expect(page.get_by_text("Marked 2 documents as plaintiff's exhibits 1–2.")).to_be_visible()
    table = page.locator("#exhibits-plaintiff")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(2)
    expect(rows.nth(0).locator(".exhibit-no")).to_have_text("PX 1")
    expect(rows.nth(1).locator(".exhibit-no")).to_have_text("PX 2")
    expect(rows.nth(0)).to_contain_text("Master services agreement, dated 03/05/2024")
    expect(rows.nth(0).locator(".sticker-cell")).to_contain_text("Waiting for the worker")

    # What the worker does; each row's polling shows its sticker ready.
    for exhibit in Exhibit.objects.order_by("sort_key"):
        assert sticker_make(exhibit.pk) == "done"
    for i in range(2):
        expect(rows.nth(i).get_by_role("link", name="Stickered PDF")).to_be_visible(timeout=15_000)

    # At trial: exhibit 1 is admitted today (the date the form offers).
    first = rows.nth(0)
    expect(first.locator("input[type=date]")).to_have_value(today.isoformat())
    first.get_by_role("button", name="Admitted: exhibit PX 1").click()
    expect(first.locator(".exhibit-status")).to_have_text("Admitted")
    expect(first.locator(".cell-admitted")).to_have_text(f"{today:%m/%d/%Y}")
    expect(first.locator(".cell-offered")).to_have_text(f"{today:%m/%d/%Y}")
    expect(rows.nth(1).locator(".exhibit-status")).to_have_text("Listed")
    screenshot(page, "exhibits-02-admitted")
    assert Exhibit.objects.get(number="1").admitted_on == today

    # The exhibit list as Word (AO 187): one row per exhibit, the dates where they belong.
    with page.expect_download() as info:
        page.get_by_role("button", name="Word (AO 187)").click()
    assert info.value.suggested_filename == "exhibit-list-2027-0042-trial.docx"
    word = tmp_path / "list.docx"
    info.value.save_as(word)
    body = docx_rows(word)
    assert body[0][0].startswith("PLF.") and body[0][5].startswith("DESCRIPTION OF EXHIBITS")
    marked = f"{today:%m/%d/%Y}"
    assert body[1][:5] == ["1", "", marked, marked, marked]
    assert body[1][5].startswith("Master services agreement, dated 03/05/2024")
    assert body[2][:5] == ["2", "", "", marked, ""]
    assert body[2][5].startswith("Notice of default, dated 06/01/2024")
    assert len(body) == 3

    # The same list as PDF.
    with page.expect_download() as info:
        page.get_by_role("button", name="PDF (AO 187)").click()
    assert info.value.suggested_filename == "exhibit-list-2027-0042-trial.pdf"
    listed = tmp_path / "list.pdf"
    info.value.save_as(listed)
    text = pdf_text(listed)
    assert "EXHIBIT LIST" in text and "Case Number: 2:27-cv-01234" in text
    line1 = next(x for x in text.splitlines() if "Master services agreement" in x)
    assert re.search(rf"^\s*1\s+{marked}\s+{marked}\s+{marked}\s+Master", line1), line1
    line2 = next(x for x in text.splitlines() if "Notice of default" in x)
    assert re.search(rf"^\s*2\s+{marked}\s+Notice of default", line2), line2
    pdf_snapshot(listed, "exhibits-03-list-pdf")

    # The stickered exhibit: the document with the sticker on its first page.
    with page.expect_download() as info:
        first.get_by_role("link", name="Stickered PDF").click()
    assert info.value.suggested_filename == "PX-001 Master services agreement.pdf"
    stickered = tmp_path / "px1.pdf"
    info.value.save_as(stickered)
    sticker = pdf_text(stickered)
    for expected in ("PLAINTIFF'S", "EXHIBIT", "Case No. 2:27-cv-01234", "Rosa Delgado"):
        assert expected in sticker, expected
    pdf_snapshot(stickered, "exhibits-04-sticker")

    # Exhibit 2's page: refused at trial, with a note, from its own form.
    rows.nth(1).get_by_role("link", name="PX 2").click()
    expect(page.get_by_role("heading", name="Plaintiff's exhibit 2")).to_be_visible()
    page.get_by_label("Note").fill("Hearsay objection sustained")
    page.get_by_role("button", name="Refused").click()
    expect(page.get_by_text("Exhibit PX 2: refused on")).to_be_visible()
    expect(rows.nth(1).locator(".exhibit-status")).to_have_text("Refused")
    expect(rows.nth(1)).to_contain_text("Hearsay objection sustained")
    rows.nth(1).get_by_role("link", name="PX 2").click()
    screenshot(page, "exhibits-08-exhibit-page")


def test_witness_list_and_privilege_log_pages(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    clerk: Any,
    attorney: Any,
    court_matter: Any,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )

    matter = court_matter
    memo = document_add(
        by=attorney,
        matter=matter,
        incoming=IncomingFile(make_pdf(storage / "memo.pdf"), "memo.pdf"),
        details=DocumentDetails(title="Memo on the lease", privileged=True, author="Ada Attorney"),
    )
    version = memo.current_version
    version.text = (
        "Counsel advises that the lease renewal clause is unenforceable because the notice "
        "was served late."
    )
    version.save(update_fields=["text"])

    login(page, live_server, clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/trial/matter/{matter.pk}/witnesses/")
    page.get_by_label("Name").fill("Nguyễn Văn An")
    page.get_by_label("Telephone").fill("(602) 555-0101")
    page.get_by_label("May call").check()
    page.get_by_label("Testimony by deposition").check()
    page.get_by_label("Designated pages and lines").fill("12:3-14:22")
    page.get_by_role("button", name="Add the witness").click()
    expect(page.get_by_text("Added Nguyễn Văn An to the witness list.")).to_be_visible()
    row = page.locator("table.witnesses tbody tr")
    expect(row).to_contain_text("May call")
    expect(row).to_contain_text("12:3-14:22")
    screenshot(page, "exhibits-05-witnesses")

    page.get_by_role("link", name="Privilege log").click()
    expect(page.get_by_role("heading", name="To describe (1)")).to_be_visible()
    page.get_by_role("link", name="Describe Memo on the lease").click()
    expect(page.get_by_label("Author / from")).to_have_value("Ada Attorney")
    page.get_by_label("Description").fill(
        "Memo saying the lease renewal clause is unenforceable because the notice was late."
    )
    page.get_by_role("button", name="Put it on the log").click()
    expect(page.get_by_role("heading", name="Privilege log entry PRIV-0001")).to_be_visible()
    expect(
        page.get_by_text("Saved PRIV-0001, but its description needs another look")
    ).to_be_visible()
    expect(page.locator(".message-warning[role=alert]")).to_contain_text(
        "repeats 10 words of the document word for word"
    )
    screenshot(page, "exhibits-07-privilege-warning")
    page.get_by_label("Description").fill(
        "Memorandum providing legal advice regarding the lease renewal."
    )
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved PRIV-0001.")).to_be_visible()
    expect(page.get_by_role("heading", name="To describe (0)")).to_be_visible()
    expect(page.locator("table.privilege-log tbody tr")).to_contain_text(
        "Attorney-client privilege"
    )
    screenshot(page, "exhibits-06-privilege-log")
