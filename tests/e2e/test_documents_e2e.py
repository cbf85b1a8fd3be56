"""End to end: filing documents into a matter's case file.

(a) A secretary uploads a scanned (image-only) PDF; the page shows OCR progress, then "Text
    ready"; a word found only in the scan is found by search; a screened attorney finds nothing.
(b+c) Two text files dropped on the upload box are filed, tagged in bulk; the notice of hearing
    among them proposes the hearing, which the secretary confirms onto the matter's calendar.

The background worker's job (reading text, OCR) is run in the test process after the upload.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.e2e.conftest import serialize_requests
from tests.web.contacts.factories import make_contact, make_matter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOTICE = (
    "NOTICE OF HEARING\n\n"
    "PLEASE TAKE NOTICE that the hearing is set for January 5, 2027 at 9:00 a.m. "
    "in Department 12.\n"
)
FONT = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")


def scanned_pdf(path: Path, text: str) -> Path:
    """An image-only PDF (no text layer), as a scanner makes it."""
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1700, 2200), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(FONT), 64)
    draw.text((150, 300), "AGREEMENT", font=font, fill=0)
    draw.text((150, 450), text, font=font, fill=0)
    image.save(path, "PDF", resolution=200.0)
    return path


def run_worker() -> None:
    """What ``casedesk worker`` does after an upload: read each new version's text (OCR when
    needed), then index the documents in one batch."""
    from django.core.management import call_command

    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)


def test_a_scan_is_read_by_ocr_and_found_by_search_but_not_through_a_wall(
    browser: Any,
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    secretary: Any,
    attorney: Any,
    attorney2: Any,
    admin_user: Any,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.documents.models import DocumentVersion
    from casedesk.web.matters.models import EthicalWall

    matter = make_matter(
        "2027-0077",
        title="Quinlan lease dispute",
        client=make_contact("Maeve Quinlan"),
        responsible=attorney,
    )
    EthicalWall.objects.create(
        matter=matter, user=attorney2, reason="lateral hire", created_by=admin_user
    )
    scan = scanned_pdf(storage / "scan-0001.pdf", "The QUIXOTIC PELICAN clause")

    serialize_requests(page)
    login(page, live_server, secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/documents/matter/{matter.pk}/")
    expect(page.get_by_role("heading", name="File documents")).to_be_visible()
    page.locator("input[data-pick=files]").set_input_files(str(scan))
    expect(page.locator(".upload-queue > li")).to_contain_text("scan-0001.pdf")
    page.get_by_role("button", name="Upload and file 1 file").click()
    expect(page.locator(".upload-queue > li")).to_contain_text("Filed")
    expect(page.locator("[data-upload-status]")).to_have_text("Filed 1 document.")
    row = page.locator("#case-file-table tr", has_text="scan-0001")
    expect(row).to_contain_text("Waiting to be read")
    screenshot(page, "documents-01-scan-uploaded")

    # The worker is half-way through the OCR: the row's polling shows the page it is on.
    version = DocumentVersion.objects.get()
    DocumentVersion.objects.filter(pk=version.pk).update(
        text_status="ocr", text_progress=45, text_message="OCR: page 1 of 2"
    )
    expect(row).to_contain_text("Running OCR: page 1 of 2")
    screenshot(page, "documents-02-ocr-running")
    run_worker()  # the worker does the OCR and indexes the document
    expect(row).to_contain_text("Text ready", timeout=15_000)
    expect(row.locator("[data-reading]")).to_have_count(0)
    version.refresh_from_db()
    assert version.text_method == "ocr" and version.ocr_blob_id
    assert "QUIXOTIC" in version.text.upper()
    screenshot(page, "documents-03-text-ready")

    # Search finds the word that is only in the scanned image.
    page.get_by_role("link", name="Documents", exact=True).click()
    page.get_by_label("Search for").fill("pelican")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".result-count")).to_have_text("1 document found")
    hit = page.locator(".hit-card")
    expect(hit).to_contain_text("scan-0001")
    expect(hit).to_contain_text("2027-0077")
    expect(hit.locator("mark").first).to_have_text(re.compile("pelican", re.IGNORECASE))
    screenshot(page, "documents-04-search-hit")

    # The document page: text by OCR, downloads of the original and the searchable PDF.
    hit.locator("a.hit-title").click()
    expect(page.get_by_role("link", name="Download the searchable PDF")).to_be_visible()
    page.get_by_text("Show the text read from the file").click()
    expect(page.locator(".extracted-text pre")).to_contain_text(
        re.compile("QUIXOTIC PELICAN", re.IGNORECASE)
    )
    screenshot(page, "documents-05-document-page")

    # A screened attorney finds nothing, and the case file does not exist for them.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    other = context.new_page()
    try:
        login(other, live_server, attorney2.username, PASSWORD)
        other.goto(f"{live_server.url}/documents/search/?q=pelican")
        expect(other.locator(".result-count")).to_contain_text("No documents found")
        assert "2027-0077" not in other.content()
        screenshot(other, "documents-06-screened-search")
        response = other.goto(f"{live_server.url}/documents/matter/{matter.pk}/")
        assert response is not None and response.status == 404
    finally:
        context.close()


def test_drop_two_files_tag_them_and_confirm_the_hearing_onto_the_calendar(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    secretary: Any,
    attorney: Any,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.scheduling.models import Event

    matter = make_matter(
        "2027-0042",
        title="Delgado v. Acme Holdings",
        client=make_contact("Rosa Delgado"),
        responsible=attorney,
    )
    serialize_requests(page)
    login(page, live_server, secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    expect(page.locator("#documents")).to_contain_text("0 documents in the case file")
    page.locator("#documents").scroll_into_view_if_needed()
    screenshot(page, "documents-00-matter-page-section")
    page.get_by_role("link", name="Open the case file").first.click()

    # Drag and drop two files onto the box.
    transfer = page.evaluate_handle(
        """([notice, letter]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([notice], "Notice of hearing.txt", {type: "text/plain"}));
            dt.items.add(new File([letter], "Letter to client.txt", {type: "text/plain"}));
            return dt;
        }""",
        [NOTICE, "Dear Ms. Delgado, enclosed is the notice of hearing."],
    )
    page.dispatch_event("[data-drop-zone]", "dragover", {"dataTransfer": transfer})
    page.dispatch_event("[data-drop-zone]", "drop", {"dataTransfer": transfer})
    expect(page.locator(".upload-queue > li")).to_have_count(2)
    page.get_by_label("Tags").fill("hearing")
    screenshot(page, "documents-07-two-files-dropped")
    page.get_by_role("button", name="Upload and file 2 files").click()
    expect(page.locator("[data-upload-status]")).to_have_text("Filed 2 documents.")
    table = page.locator("#case-file-table")
    expect(table).to_contain_text("Notice of hearing")
    expect(table).to_contain_text("Letter to client")
    screenshot(page, "documents-08-two-files-filed")

    # Tick both and add a tag to them at once.
    page.get_by_label("Tick every document on this page").check()
    expect(page.locator("[data-bulk-count]")).to_have_text("2 documents ticked:")
    page.get_by_label("Action").select_option(label="Add tag")
    page.get_by_label("Tag to add or remove").fill("Hot doc")
    page.get_by_role("button", name="Apply to ticked").click()
    expect(page.get_by_text("Add tag “hot doc”: 2 of 2 ticked documents changed.")).to_be_visible()
    expect(page.locator("#case-file-table a.tag", has_text="hot doc")).to_have_count(2)
    screenshot(page, "documents-09-bulk-tagged")

    # The worker reads the text; the proposals panel (polling while documents are read) shows
    # the hearing found in the notice.
    run_worker()
    proposal = page.locator(".proposal", has_text="Hearing on Tue Jan 5, 2027 at 9:00 a.m.")
    expect(proposal).to_be_visible(timeout=15_000)
    expect(proposal.locator(".passage")).to_contain_text("the hearing is set for January 5, 2027")
    screenshot(page, "documents-10-hearing-proposal")
    proposal.get_by_role("button", name=re.compile("Confirm: add to the calendar")).click()
    expect(page.get_by_text("It is on the matter's calendar.")).to_be_visible()
    event = Event.objects.get(matter=matter)
    assert event.kind == "hearing" and event.location == "Department 12"

    page.goto(f"{live_server.url}/calendar/matters/{matter.pk}/?view=agenda&date=2027-01-05")
    expect(
        page.get_by_role("link", name=re.compile("Hearing — Delgado v. Acme Holdings"))
    ).to_be_visible()
    screenshot(page, "documents-11-hearing-on-calendar")
