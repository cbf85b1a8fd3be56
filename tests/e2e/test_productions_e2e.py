"""End to end: a clerk produces three documents of a matter with Bates numbers.

On the matter's Productions page the clerk opens "New production", ticks a confidential
contract (3 pages), a memo (2 pages) and a damages spreadsheet (produced natively), puts the
memo first, sets the prefix ACME and a custodian, and creates the production. The numbers are
reserved at once (every page count is known); the build runs in the test thread (what
``casedesk worker`` does) while the production's page polls its progress, then reloads with
the ranges and the downloads. The ZIP has the stamped PDFs named by Bates number, the native
renamed to its number, the Concordance DAT and Opticon OPT, and the log; a stamped page reads
its Bates label and legend (pdftotext).
"""

from __future__ import annotations

import re
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import serialize_requests
from tests.web.matters.factories import make_matter
from tests.web.productions.conftest import make_pdf, make_xlsx

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def file_documents(by: Any, matter: Any, folder: Path) -> dict[str, Any]:
    """The three documents of the matter, filed through the documents service."""
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )

    def add(path: Path, title: str, **details: Any) -> Any:
        return document_add(
            by=by,
            matter=matter,
            incoming=IncomingFile(path, path.name),
            details=DocumentDetails(title=title, **details),
        )

    return {
        "contract": add(
            make_pdf(folder / "supply-contract.pdf", 3, text="Supply contract page"),
            "Supply contract",
            confidentiality="confidential",
        ),
        "memo": add(make_pdf(folder / "board-memo.pdf", 2, text="Board memo page"), "Board memo"),
        "sheet": add(make_xlsx(folder / "damages.xlsx"), "Damages table"),
    }


def pdf_page_text(path: Path, page: int) -> str:
    done = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), "-layout", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return " ".join(done.stdout.split())


def test_a_clerk_produces_three_documents_and_downloads_the_volume(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    settings: Any,
    attorney: Any,
    clerk: Any,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    from casedesk.core.production.loadfiles import read_dat
    from casedesk.web.productions.build import production_run
    from casedesk.web.productions.models import JobStatus, Production

    settings.DATA_DIR = storage
    matter = make_matter("2027-0801", "Acme Corp. v. Nguyễn Trading", attorney=attorney)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    docs = file_documents(attorney, matter, incoming)

    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/productions/matter/{matter.pk}/")
    expect(page.get_by_role("heading", name=f"Productions · {matter.number}")).to_be_visible()
    expect(page.get_by_text("No Bates numbers used in this matter yet.")).to_be_visible()
    page.get_by_role("link", name="New production").click()

    # The form: the legend comes from the document's confidentiality.
    contract, memo, sheet = docs["contract"], docs["memo"], docs["sheet"]
    expect(page.locator(f"#legend-{contract.pk}")).to_have_value(
        "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER"
    )
    expect(page.locator(f"#legend-{memo.pk}")).to_have_value("")
    page.get_by_label("Bates prefix").fill("ACME")
    for doc in (contract, memo, sheet):
        page.locator(f"#doc-{doc.pk}").check()
    page.locator(f"#order-{memo.pk}").fill("1")
    page.locator(f"#order-{contract.pk}").fill("2")
    page.locator(f"#order-{sheet.pk}").fill("3")
    page.locator(f"#custodian-{contract.pk}").fill("Jane Roe")
    page.get_by_label("Also one combined PDF of the whole volume").check()
    screenshot(page, "productions-new")
    page.get_by_role("button", name="Create the production").click()
    page.wait_for_url(re.compile(r"/productions/\d+/$"))
    expect(page.get_by_text("Production ACME001 is queued")).to_be_visible()
    status = page.locator("#production-status")
    expect(status.locator(".badge")).to_have_text("Waiting for the worker")
    # Reserved at once: the ranges are on the page before the build.
    rows = page.locator("#ranges tbody tr")
    expect(rows).to_have_count(3)
    expect(rows.nth(0)).to_contain_text("ACME000001 – ACME000002")
    expect(rows.nth(1)).to_contain_text("ACME000003 – ACME000005")
    expect(rows.nth(2)).to_contain_text("ACME000006")
    expect(rows.nth(2)).to_contain_text("Native, slip sheet")

    # What the worker does; the page polls every 2 s while it runs.
    production = Production.objects.get()
    seen: list[int] = []

    def watch(current: Any) -> None:
        seen.append(current.progress)
        if len(seen) == 2:  # the first document is stamped: the polled status shows the run
            expect(status.locator(".badge")).to_have_text("Running", timeout=15_000)
            expect(status.locator("progress")).to_be_visible()
            expect(status).to_contain_text("Stamping 1 of 3: board-memo.pdf (ACME000001)")
            expect(status.locator("progress")).to_have_attribute("value", "30")
            screenshot(page, "productions-running")

    finished = production_run(production.pk, progress=watch)
    assert finished.status == JobStatus.DONE, finished.message
    # The polling reloads the page when the build ends.
    expect(page.locator("#production-status .badge")).to_have_text("Done", timeout=15_000)
    expect(
        page.get_by_text("Done: 3 documents, 6 pages: ACME000001 to ACME000006.")
    ).to_be_visible()
    downloads = page.locator("section[aria-labelledby=downloads-h]")
    expect(downloads.get_by_role("link", name="Production log (CSV)")).to_be_visible()
    screenshot(page, "productions-done")

    with page.expect_download() as info:
        downloads.get_by_role("link", name="Download volume (ZIP)").click()
    download = info.value
    assert download.suggested_filename == "ACME001.zip"
    saved = tmp_path / "ACME001.zip"
    download.save_as(saved)
    with zipfile.ZipFile(saved) as zf:
        names = sorted(zf.namelist())
        zf.extractall(tmp_path / "out")
    assert names == [
        "ACME001/COMBINED/ACME001.pdf",
        "ACME001/DATA/ACME001.dat",
        "ACME001/DATA/ACME001.opt",
        "ACME001/DATA/ACME001_log.csv",
        "ACME001/DATA/ACME001_log.pdf",
        "ACME001/DATA/ACME001_log.xlsx",
        "ACME001/IMAGES/ACME000001.pdf",
        "ACME001/IMAGES/ACME000003.pdf",
        "ACME001/IMAGES/ACME000006.pdf",
        "ACME001/NATIVES/ACME000006.xlsx",
    ]
    vol = tmp_path / "out" / "ACME001"
    dat = read_dat(vol / "DATA/ACME001.dat")
    assert [(r["BEGBATES"], r["ENDBATES"], r["TITLE"]) for r in dat] == [
        ("ACME000001", "ACME000002", "Board memo"),
        ("ACME000003", "ACME000005", "Supply contract"),
        ("ACME000006", "ACME000006", "Damages table"),
    ]
    assert dat[1]["CUSTODIAN"] == "Jane Roe"
    assert dat[2]["NATIVEPATH"] == "NATIVES\\ACME000006.xlsx"
    opt = (vol / "DATA/ACME001.opt").read_text().splitlines()
    assert opt[0] == "ACME000001,ACME001,IMAGES\\ACME000001.pdf,Y,,,2"
    assert opt[2] == "ACME000003,ACME001,IMAGES\\ACME000003.pdf,Y,,,3"
    assert len(opt) == 6
    stamped = pdf_page_text(vol / "IMAGES/ACME000003.pdf", 2)
    assert "Supply contract page 2" in stamped and "ACME000004" in stamped
    assert "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER" in stamped
    assert "Document produced in native format" in pdf_page_text(vol / "IMAGES/ACME000006.pdf", 1)

    # The matter's productions: the volume and where ACME continues.
    page.get_by_role("link", name="All productions").click()
    expect(page.locator("#prefix-table")).to_contain_text("ACME000007")
    expect(page.locator("#production-list")).to_contain_text("ACME000001 – ACME000006")
    expect(page.locator("#production-list .badge")).to_have_text("Done")
    screenshot(page, "productions-matter")
    contract.refresh_from_db()
    assert (contract.bates_start, contract.bates_end) == ("ACME000003", "ACME000005")


def test_a_clerk_builds_a_trial_binder(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    settings: Any,
    attorney: Any,
    clerk: Any,
    tmp_path: Path,
) -> None:
    import pikepdf
    from playwright.sync_api import expect

    from casedesk.web.productions.binder_services import binder_run
    from casedesk.web.productions.models import Binder, JobStatus

    settings.DATA_DIR = storage
    matter = make_matter("2027-0802", "Acme Corp. v. Nguyễn Trading", attorney=attorney)
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    docs = file_documents(attorney, matter, incoming)

    serialize_requests(page)
    login(page, live_server, clerk.username, PASSWORD)
    page.goto(f"{live_server.url}/productions/matter/{matter.pk}/binders/")
    expect(page.get_by_text("No binders yet.")).to_be_visible()
    page.get_by_role("link", name="New binder").click()
    page.locator("#id_title").fill("Hearing binder")
    page.locator("#id_subtitle").fill("Motion for summary judgment")
    contract, memo = docs["contract"], docs["memo"]
    page.locator(f"#doc-{contract.pk}").check()
    page.locator(f"#doc-{memo.pk}").check()
    page.locator(f"#order-{contract.pk}").fill("1")
    page.locator(f"#order-{memo.pk}").fill("2")
    page.locator(f"#tab-{contract.pk}").fill("The supply contract")
    page.locator(f"#description-{memo.pk}").fill("Board minutes of May 2026")
    page.get_by_role("button", name="Save and build").click()
    page.wait_for_url(re.compile(r"/productions/binders/\d+/$"))
    expect(page.locator("#binder-status .badge")).to_have_text("Waiting for the worker")

    binder = Binder.objects.get()
    assert binder_run(binder.pk).status == JobStatus.DONE
    expect(page.locator("#binder-status .badge")).to_have_text("Done", timeout=15_000)
    expect(page.locator("#tab-" + str(contract.pk))).to_have_value("The supply contract")
    screenshot(page, "productions-binder")
    with page.expect_download() as info:
        page.get_by_role("link", name="Download the binder (PDF)").first.click()
    saved = tmp_path / "binder.pdf"
    info.value.save_as(saved)
    assert info.value.suggested_filename == "Hearing binder.pdf"
    with pikepdf.open(saved) as pdf, pdf.open_outline() as outline:
        titles = [item.title for item in outline.root]
    assert "The supply contract" in " ".join(titles) and "Board memo" in " ".join(titles)
