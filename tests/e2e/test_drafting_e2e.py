"""End to end: drafting a document for a matter from the starter library.

(a) An administrator installs the starter library on the Templates page. A legal secretary
    opens the matter (a Vietnamese client, an adverse party, the Alameda superior court, an
    attorney with a bar number), chooses "Draft a document", the engagement letter, answers
    its questions, previews it (the client's name and the retainer are filled in), and
    generates Word + PDF. The PDF task is run in the test thread (what the worker does); the
    result page's polling shows the PDF ready; the Word file downloads with the client's name
    and the fee in it; both are in the case file. A second engagement letter asks nothing new:
    the earlier answers show pre-filled in the "given before" group.
(b) A bad answer (hourly rate "lots") is marked next to its field with one sentence, and the
    other typed answers are kept.
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

CLIENT = "Nguyễn Thị Minh"
ADVERSE = "Pacific Freight Lines, Inc."
COURT = "Superior Court of California, County of Alameda"
SCOPE = "Representing you in your wage claims against Pacific Freight Lines, Inc. through trial."


@pytest.fixture
def firm(admin_user: Any) -> Any:
    """The firm details the letterhead and signature block are filled with."""
    from casedesk.web.drafting.services import firm_profile_update

    return firm_profile_update(
        by=admin_user,
        name="Harbor & Vale LLP",
        address="500 Grand Avenue, Suite 300\nOakland, CA 94610",
        phone="(510) 555-0100",
        email="office@harborvale.example",
    )


@pytest.fixture
def matter(attorney: Any, firm: Any) -> Any:
    """An open matter in Alameda superior court: a Vietnamese client with an address, an
    adverse company, and the responsible attorney with a bar number."""
    from casedesk.web.contacts.models import ContactAddress, ContactEmail

    attorney.bar_number = "187654"
    attorney.email = "ada@harborvale.example"
    attorney.save()
    client = make_contact(CLIENT)
    ContactAddress.objects.create(
        contact=client,
        street="1844 Linden Street",
        city="Oakland",
        region="CA",
        postal_code="94607",
    )
    ContactEmail.objects.create(contact=client, address="minh.nguyen@example.com")
    adverse = make_contact(ADVERSE, kind="organization")
    m = make_matter(
        "2027-0301",
        title="Nguyễn v. Pacific Freight Lines",
        client=client,
        parties=[(adverse, "adverse-party")],
        responsible=attorney,
    )
    m.court = COURT
    m.case_number = "RG27-000123"
    m.save()
    return m


def docx_text(path: Path) -> str:
    """All the text of a Word file: paragraphs, table cells, headers and footers."""
    import docx

    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts.extend(cell.text for row in table.rows for cell in row.cells)
    for section in document.sections:
        parts.extend(p.text for p in section.header.paragraphs)
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def test_install_the_starter_library_and_draft_an_engagement_letter_with_its_pdf(
    browser: Any,
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    matter: Any,
    secretary: Any,
    admin_user: Any,
    tmp_path: Path,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.drafting.models import GeneratedDocument, PdfStatus
    from casedesk.web.drafting.tasks import generated_pdf

    # The administrator installs the starter library.
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(30_000)
    admin = context.new_page()
    try:
        login(admin, live_server, admin_user.username, PASSWORD)
        admin.goto(f"{live_server.url}/drafting/templates/")
        expect(admin.get_by_text("No templates yet.")).to_be_visible()
        admin.get_by_role("button", name="Install the starter library").click()
        expect(
            admin.get_by_text(re.compile(r"Starter library installed: \d+ added"))
        ).to_be_visible()
        engagement = admin.get_by_role("link", name="Engagement letter", exact=True)
        expect(engagement).to_be_visible()
        expect(admin.get_by_role("link", name="Proof of service", exact=True)).to_be_visible()
        expect(admin.get_by_role("button", name="Update the starter library")).to_be_visible()
        expect(admin.locator(".kind-group h3").first).to_have_text("Letter")
        screenshot(admin, "drafting-templates")
    finally:
        context.close()

    # The secretary drafts the engagement letter from the matter page.
    serialize_requests(page)
    login(page, live_server, secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/matters/{matter.pk}/")
    page.get_by_role("link", name="Draft a document").click()
    expect(page.get_by_role("heading", name="Draft a document")).to_be_visible()
    ours = page.locator("#template-choices li.for-court")
    expect(ours).to_have_count(3)
    expect(ours.first).to_contain_text("Notice of hearing (California superior court)")
    expect(ours.first).to_contain_text("For this matter's court")
    expect(page.locator("#template-choices .other-courts").first).to_contain_text("(federal court)")
    screenshot(page, "drafting-choose-template")
    page.locator("#template-choices a", has_text="Engagement letter").click()
    expect(page.get_by_role("heading", name="Engagement letter", exact=True)).to_be_visible()
    questions = page.locator(".questions")
    expect(questions.locator("textarea, input, select")).to_have_count(3)
    page.get_by_label("Scope of the engagement").fill(SCOPE)
    page.get_by_label("Hourly rate").fill("425")
    page.get_by_label("Retainer amount").fill("5,000")
    screenshot(page, "drafting-questions")

    page.get_by_role("button", name="Preview").click()
    preview = page.locator("#preview .preview-page")
    expect(preview).to_contain_text(f"Dear {CLIENT}:")
    expect(preview).to_contain_text("$5,000.00")
    expect(preview).to_contain_text("$425.00")
    expect(preview).to_contain_text("State Bar No. 187654")
    expect(page.locator("#preview mark.placeholder")).to_have_count(0)
    screenshot(page, "drafting-preview")

    page.get_by_role("button", name="Generate Word + PDF").click()
    page.wait_for_url(re.compile(r"/drafting/generated/\d+/$"))
    expect(page.get_by_text("Filed “Engagement letter — ")).to_be_visible()
    expect(page.locator("#word-h + p")).to_contain_text("Filed to the case file as")
    status = page.locator("#pdf-status")
    expect(status).to_contain_text("The PDF is being made by the server")

    # What the worker does: make the PDF (LibreOffice) and file it beside the Word file.
    generated = GeneratedDocument.objects.get()
    assert generated.pdf_status == PdfStatus.QUEUED
    assert generated_pdf.call(generated.pk) == PdfStatus.DONE
    expect(status.get_by_role("link", name="Download the PDF")).to_be_visible(timeout=15_000)
    expect(status).to_contain_text("(PDF)")
    answers = page.locator("#answers-h + dl")
    expect(answers).to_contain_text("Hourly rate")
    expect(answers).to_contain_text("$425.00")
    expect(answers).to_contain_text("$5,000.00")
    expect(answers).not_to_contain_text("fee.hourly_rate")
    screenshot(page, "drafting-generated")

    with page.expect_download() as info:
        page.get_by_role("link", name="Download the Word file").click()
    download = info.value
    assert download.suggested_filename.startswith("Engagement letter - 2027-0301 - ")
    assert download.suggested_filename.endswith(".docx")
    saved = tmp_path / "engagement.docx"
    download.save_as(saved)
    text = docx_text(saved)
    assert CLIENT in text
    assert "$5,000.00" in text and "$425.00" in text
    assert SCOPE in text

    with page.expect_download() as info:
        status.get_by_role("link", name="Download the PDF").click()
    pdf = tmp_path / "engagement.pdf"
    info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")

    # Both are in the matter's case file.
    page.get_by_role("link", name="Case file 2027-0301").click()
    table = page.locator("#case-file-table")
    expect(table.locator("tr", has_text="Engagement letter")).to_have_count(2)
    expect(table).to_contain_text("(PDF)")

    # A second engagement letter asks nothing new: the answers given before are pre-filled.
    page.goto(f"{live_server.url}/drafting/matter/{matter.pk}/")
    expect(page.locator("#recent-h")).to_have_text("Drafted for this matter")
    page.locator("#template-choices a", has_text="Engagement letter").click()
    given = page.locator("details.action-panel")
    expect(given.locator("summary")).to_have_text(
        "3 answers given before for this matter — check they still apply"
    )
    expect(given).to_have_attribute("open", "")
    expect(page.locator("form#draft-form > .questions")).to_have_count(0)
    expect(page.get_by_label("Scope of the engagement")).to_have_value(SCOPE)
    expect(page.get_by_label("Hourly rate")).to_have_value("425.00")
    expect(page.get_by_label("Retainer amount")).to_have_value("5,000.00")
    expect(given).to_contain_text("Answered before for this matter.")
    screenshot(page, "drafting-answered-before")
    # On a short window the sticky button bar does not cover a box scrolled into view.
    page.set_viewport_size({"width": 1280, "height": 560})
    for label in ("Title in the case file", "Retainer amount"):
        box = page.get_by_label(label)
        box.evaluate("el => el.scrollIntoView({block: 'end'})")
        where = box.bounding_box()
        bar = page.locator(".sticky-actions").bounding_box()
        assert where is not None and bar is not None
        assert where["y"] + where["height"] <= bar["y"], label
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_label("Title in the case file").fill("Engagement letter (second copy)")
    page.get_by_role("button", name="Generate Word file").click()
    page.wait_for_url(re.compile(r"/drafting/generated/\d+/$"))
    expect(page.get_by_role("heading", name="Engagement letter (second copy)")).to_be_visible()
    expect(page.locator("#pdf-status")).to_contain_text("No PDF was asked for.")
    assert GeneratedDocument.objects.count() == 2


def test_a_bad_answer_is_marked_at_its_field_and_the_other_answers_are_kept(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    matter: Any,
    secretary: Any,
    admin_user: Any,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.documents.models import Document
    from casedesk.web.drafting.models import DraftTemplate
    from casedesk.web.drafting.template_services import starter_install

    starter_install(by=admin_user)
    template = DraftTemplate.objects.get(starter_id="engagement-letter")

    login(page, live_server, secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/drafting/matter/{matter.pk}/template/{template.pk}/")
    page.get_by_label("Scope of the engagement").fill(SCOPE)
    page.get_by_label("Hourly rate").fill("lots")
    page.get_by_label("Retainer amount").fill("5000")

    # The preview names the answer it could not use, and marks it beside its question.
    page.get_by_role("button", name="Preview").click()
    problems = page.locator("#preview .preview-problems")
    expect(problems).to_contain_text("1 answer could not be used")
    expect(problems).to_contain_text("Hourly rate: Give an amount of money like 5,000.00.")
    expect(page.locator("#preview")).not_to_contain_text("not answered yet")
    expect(page.get_by_label("Hourly rate")).to_have_attribute("aria-invalid", "true")
    screenshot(page, "drafting-bad-answer-preview")

    page.get_by_role("button", name="Generate Word + PDF").click()

    expect(
        page.get_by_text("One answer needs correcting: see the question marked below.")
    ).to_be_visible()
    rate = page.get_by_label("Hourly rate")
    expect(rate).to_have_attribute("aria-invalid", "true")
    expect(rate).to_have_value("lots")
    field = page.locator(".field", has=rate)
    expect(field.locator(".errorlist")).to_have_text("Give an amount of money like 5,000.00.")
    expect(page.locator(".questions .errorlist")).to_have_count(1)
    expect(page.get_by_label("Scope of the engagement")).to_have_value(SCOPE)
    expect(page.get_by_label("Retainer amount")).to_have_value("5000")
    screenshot(page, "drafting-bad-answer")
    assert Document.objects.count() == 0

    # Corrected, it is generated.
    rate.fill("425")
    page.get_by_role("button", name="Generate Word file").click()
    page.wait_for_url(re.compile(r"/drafting/generated/\d+/$"))
    assert Document.objects.count() == 1
