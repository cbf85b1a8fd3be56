"""End to end: a clerk opens a matter with a chronology, sees it "At a glance", chooses the
sections of the preliminary case report, has it made, and downloads the PDF and the Word
file. The PDF's text is read back and its pages are saved as pictures
(test-artifacts/screenshots/report-page-N.png) to look at.

The report is made in the test thread (what ``casedesk worker`` does); the page's polling
shows it ready.
"""

from __future__ import annotations

import io
import subprocess
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import SCREENSHOTS, serialize_requests

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIETNAMESE = "Nguyễn Thị Minh Khai"
MORE_FACTS = [
    (
        "January 2023",
        "Acme sends the first draft of the warehouse services agreement.",
        False,
        False,
    ),
    (
        "2023-06-12",
        "Site visit: the client inspects the Phoenix warehouse with Acme's manager.",
        False,
        False,
    ),
    ("before 2024-01-01", "Acme learns the roof needs replacing (date disputed).", True, True),
    ("April 2024", "First shipment stored; 40 pallets water-damaged within a week.", True, False),
    ("2024-05-02", "Client's written notice of the damage to Acme.", True, False),
    (
        "2024-06-01",
        "Acme declines the claim, citing the limitation-of-liability clause.",
        True,
        True,
    ),
    ("Q3 2024", "Client moves its stock to another warehouse.", False, False),
    ("2024-11-15", "Demand letter from the firm to Acme.", False, False),
]


@pytest.fixture
def chronology_matter(clerk: Any, attorney: Any, storage: Path) -> Any:
    try:
        from casedesk.web.chronology.services import FactInput, fact_create
    except ImportError:  # pragma: no cover - the chronology app is part of the product
        pytest.skip("the chronology app is not installed")
    from tests.web.reports.conftest import make_case

    matter = make_case(attorney, storage / "case")
    for date_text, description, material, disputed in MORE_FACTS:
        fact_create(
            by=clerk,
            matter=matter,
            data=FactInput(
                date_text=date_text, description=description, material=material, disputed=disputed
            ),
        )
    return matter


def pdf_text(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def page_pictures(path: Path) -> list[Path]:
    """Every page of the PDF at 60 dpi as test-artifacts/screenshots/report-page-N.png."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("report-page-*.png"):
        old.unlink()
    subprocess.run(
        ["pdftoppm", "-r", "60", "-png", str(path), str(SCREENSHOTS / "report-page")], check=True
    )
    return sorted(SCREENSHOTS.glob("report-page-*.png"))


def test_choose_sections_make_the_report_and_download_it(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    clerk: Any,
    chronology_matter: Any,
    tmp_path: Path,
) -> None:
    import docx
    from playwright.sync_api import expect

    from casedesk.web.reports.models import Report
    from casedesk.web.reports.services import report_run

    matter = chronology_matter
    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)

    # The matter page opens with "At a glance": the next deadline with its rule, the facts.
    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    glance = page.locator("#at-a-glance")
    expect(glance.get_by_role("heading", name="At a glance")).to_be_visible()
    expect(glance).to_contain_text("FRCP 12(a)(1)(A)(i)")
    expect(glance.locator(".stats")).to_contain_text("5 material, 3 disputed")
    expect(glance.locator(".stats")).to_contain_text("Open")
    expect(glance).to_contain_text("Client call about the invoice")
    screenshot(page, "report-01-matter-glance")

    # Choose the sections: everything but the authorities; all facts; PDF and Word.
    glance.get_by_role("link", name="Case report").click()
    expect(page.get_by_role("heading", name=f"Case report · {matter.number}")).to_be_visible()
    page.get_by_role("checkbox", name="7. Authorities").uncheck()
    expect(page.get_by_role("checkbox", name="5. Chronology of facts")).to_be_checked()
    expect(page.get_by_role("checkbox", name="PDF")).to_be_checked()
    expect(page.get_by_role("checkbox", name="Word (.docx)")).to_be_checked()
    screenshot(page, "report-02-choose")
    page.get_by_role("button", name="Make the report").click()
    expect(page.get_by_text("Your case report is being made")).to_be_visible()
    row = page.locator(".report-row").first
    expect(row).to_contain_text("Waiting for the worker")

    # What the worker does; the row's polling shows the report ready.
    report = Report.objects.get()
    assert report.sections == [
        "summary",
        "parties",
        "conflicts",
        "deadlines",
        "chronology",
        "documents",
        "tasks",
    ]
    assert report_run(report.pk).status == "done"  # type: ignore[union-attr]
    expect(row.get_by_role("link", name="Download PDF")).to_be_visible(timeout=15_000)
    expect(row).to_contain_text("Ready: PDF of")
    screenshot(page, "report-03-ready")

    # The PDF: every chosen section, the names intact, the authorities left out.
    with page.expect_download() as info:
        row.get_by_role("link", name="Download PDF").click()
    assert info.value.suggested_filename.startswith(f"Case report {matter.number}")
    pdf = tmp_path / "report.pdf"
    info.value.save_as(pdf)
    text = pdf_text(pdf)
    for expected in (
        "PRELIMINARY CASE REPORT",
        "Delgado v. Acme Holdings",
        "Case No. 2:27-cv-01234",
        VIETNAMESE,
        "شركة النور للتجارة",
        "1. Caption and summary",
        "3. Conflict check",
        "5. Chronology of facts",
        "Acme declines the claim",
        "6. Case file index",
        "Hợp đồng thuê kho",
        "7. Open tasks",
        "Draft the answer",
        "Privileged & Confidential",
        "Prepared by Cleo Clerk",
    ):
        assert expected in text, expected
    assert "Authorities" not in text and "Roe v. Wade" not in text
    pictures = page_pictures(pdf)
    report.refresh_from_db()
    assert len(pictures) == report.pages and len(pictures) >= 3
    assert f"Page {len(pictures)} of {len(pictures)}" in text

    # The Word file: the same sections, tables with the names.
    with page.expect_download() as info:
        row.get_by_role("link", name="Download Word").click()
    assert info.value.suggested_filename.endswith(".docx")
    word = docx.Document(io.BytesIO(Path(info.value.path()).read_bytes()))
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading 1")]
    assert headings == [
        "1. Caption and summary",
        "2. Clients and parties",
        "3. Conflict check",
        "4. Key dates and deadlines",
        "5. Chronology of facts",
        "6. Case file index",
        "7. Open tasks",
    ]
    cells = {c.text for t in word.tables for r in t.rows for c in r.cells}
    assert VIETNAMESE in cells and "Hợp đồng thuê kho" in cells

    # Back on the matter page, the last report is one click away.
    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    expect(
        page.locator("#at-a-glance").get_by_role("link", name="Last report (PDF")
    ).to_be_visible()
