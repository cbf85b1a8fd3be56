"""The drafting pages: who reaches them, what they show, and nothing lost on a bad submission."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casedesk.web.documents.models import Document
from casedesk.web.drafting.models import DraftTemplate, GeneratedDocument, PdfStatus
from casedesk.web.drafting.services import document_generate
from casedesk.web.matters.models import ConflictCheck
from tests.web.drafting.conftest import CLIENT_NAME

pytestmark = pytest.mark.django_db

ANSWERS = {"hearing.date": "2027-06-01", "hearing.department": "Department 17"}


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def generated(letter_template: Any, matter: Any, secretary: Any) -> GeneratedDocument:
    gen = document_generate(
        by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS
    )
    assert gen is not None
    return gen


def _matter_urls(matter: Any, template: Any, gen: GeneratedDocument) -> list[str]:
    return [
        f"/drafting/matter/{matter.pk}/",
        f"/drafting/matter/{matter.pk}/template/{template.pk}/",
        f"/drafting/generated/{gen.pk}/",
        f"/drafting/generated/{gen.pk}/status/",
        f"/drafting/generated/{gen.pk}/download/docx/",
    ]


def test_every_page_opens_for_a_secretary(
    matter: Any, letter_template: Any, generated: GeneratedDocument, secretary: Any
) -> None:
    client = _client(secretary)
    urls = [
        "/drafting/templates/",
        "/drafting/templates/?archived=1&q=hearing",
        f"/drafting/templates/{letter_template.pk}/",
        f"/drafting/templates/{letter_template.pk}/download/1/",
        *_matter_urls(matter, letter_template, generated),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
    assert client.get("/drafting/firm/").status_code == 404  # administrators only


def test_a_screened_user_gets_404_for_every_matter_bound_url(
    matter: Any, letter_template: Any, generated: GeneratedDocument, screened: Any
) -> None:
    client = _client(screened)
    for url in _matter_urls(matter, letter_template, generated):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/drafting/matter/{matter.pk}/template/{letter_template.pk}/",
        f"/drafting/generated/{generated.pk}/pdf/",
    ):
        assert client.post(url, {"action": "docx", **ANSWERS}).status_code == 404, url
    assert client.get(f"/drafting/generated/{generated.pk}/download/pdf/").status_code == 404
    # templates are not matter data
    assert client.get(f"/drafting/templates/{letter_template.pk}/").status_code == 200


def test_downloads_have_clean_names(generated: GeneratedDocument, secretary: Any) -> None:
    response = _client(secretary).get(f"/drafting/generated/{generated.pk}/download/docx/")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="Hearing letter - 2027-0301 - ')
    assert b"".join(response.streaming_content).startswith(b"PK")


def test_readonly_cannot_post(
    matter: Any, letter_template: Any, generated: GeneratedDocument, readonly: Any
) -> None:
    client = _client(readonly)
    page = client.get(f"/drafting/matter/{matter.pk}/template/{letter_template.pk}/")
    assert page.status_code == 200 and "read-only" in page.content.decode()
    before = Document.objects.count()
    response = client.post(
        f"/drafting/matter/{matter.pk}/template/{letter_template.pk}/",
        {"action": "docx", **ANSWERS},
    )
    assert response.status_code == 403
    assert Document.objects.count() == before
    client.post(f"/drafting/templates/{letter_template.pk}/archive/", {"archive": "1"})
    letter_template.refresh_from_db()
    assert not letter_template.archived
    client.post("/drafting/templates/", {"name": "X", "kind": "letter"})
    assert DraftTemplate.objects.count() == 1
    client.post(f"/drafting/generated/{generated.pk}/pdf/")
    generated.refresh_from_db()
    assert generated.pdf_status == PdfStatus.NONE


def test_the_questions_form_prefills_and_previews(
    matter: Any, letter_template: Any, secretary: Any
) -> None:
    client = _client(secretary)
    url = f"/drafting/matter/{matter.pk}/template/{letter_template.pk}/"
    page = client.get(url).content.decode()
    assert 'name="hearing.date"' in page and 'name="hearing.department"' in page
    assert 'type="date"' in page
    # htmx preview: a fragment with the client's name
    fragment = client.post(
        url, {"action": "preview", "hearing.department": "Dept. 9"}, HTTP_HX_REQUEST="true"
    )
    body = fragment.content.decode()
    assert fragment.status_code == 200 and "<html" not in body
    assert CLIENT_NAME in body and "Dept. 9" in body
    # without JavaScript: the full page, with the answers kept
    full = client.post(url, {"action": "preview", "hearing.department": "Dept. 9"})
    html = full.content.decode()
    assert "<html" in html and CLIENT_NAME in html and 'value="Dept. 9"' in html
    assert not Document.objects.exists()


def test_generate_from_the_page_with_errors_kept_then_fixed(
    matter: Any, letter_template: Any, secretary: Any
) -> None:
    client = _client(secretary)
    url = f"/drafting/matter/{matter.pk}/template/{letter_template.pk}/"
    bad = client.post(
        url,
        {"action": "docx", "hearing.date": "next Tuesday", "hearing.department": "Dept. 9"},
    )
    html = bad.content.decode()
    assert bad.status_code == 400
    assert "Give a date as YYYY-MM-DD." in html and 'value="Dept. 9"' in html
    assert 'value="next Tuesday"' in html
    good = client.post(url, {"action": "pdf", **ANSWERS, "title": "Letter to Minh"})
    gen = GeneratedDocument.objects.get()
    assert good.status_code == 302 and good["Location"] == f"/drafting/generated/{gen.pk}/"
    assert gen.document.title == "Letter to Minh" and gen.pdf_status == PdfStatus.QUEUED
    result = client.get(good["Location"]).content.decode()
    assert "Letter to Minh" in result and 'hx-trigger="every 2s"' in result


def test_upload_with_a_bad_file_shows_the_message_and_keeps_the_form(
    secretary: Any, make_docx: Callable[..., Path]
) -> None:
    client = _client(secretary)
    bad = SimpleUploadedFile("letter.docx", b"Dear {{ client.name }}", content_type="text/plain")
    response = client.post(
        "/drafting/templates/",
        {"name": "My letter", "kind": "notice", "description": "Kept", "file": bad},
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "is not a Word document" in html
    assert 'value="My letter"' in html and "Kept</textarea>" in html
    assert '<option value="notice" selected>' in html
    good = SimpleUploadedFile("good.docx", make_docx(["{{ client.name }}"]).read_bytes())
    ok = client.post("/drafting/templates/", {"name": "Good", "kind": "letter", "file": good})
    template = DraftTemplate.objects.get()
    assert ok.status_code == 302 and ok["Location"] == f"/drafting/templates/{template.pk}/"
    detail = client.get(ok["Location"]).content.decode()
    assert "client.name" in detail and "first client" in detail


def test_unknown_fields_are_flagged_on_the_template_page(
    secretary: Any, make_docx: Callable[..., Path]
) -> None:
    from casedesk.web.drafting.template_services import template_upload

    template = template_upload(
        by=secretary,
        name="Odd",
        path=make_docx(["Room {{ hearing_room }}"]),
        filename="odd.docx",
    )
    html = _client(secretary).get(f"/drafting/templates/{template.pk}/").content.decode()
    assert "Unknown field — asked at generation" in html
    assert "“Room {{ hearing_room }}”" in html


def test_firm_page_for_administrators(admin_user: Any) -> None:
    client = _client(admin_user)
    assert client.get("/drafting/firm/").status_code == 200
    bad = client.post("/drafting/firm/", {"name": "Firm", "email": "nope", "phone": "555"})
    assert bad.status_code == 400 and 'value="555"' in bad.content.decode()
    ok = client.post("/drafting/firm/", {"name": "Hollis & Reyes", "address": "1 Main\nOakland"})
    assert ok.status_code == 302


def test_declined_matter_offers_the_declination_letter(
    matter: Any, admin_user: Any, secretary: Any
) -> None:
    ConflictCheck.objects.create(matter=matter, status="decline")
    client = _client(secretary)
    html = client.get(f"/drafting/matter/{matter.pk}/").content.decode()
    assert "no declination letter template is installed" in html
    _client(admin_user).post("/drafting/templates/install-starter/")
    template = DraftTemplate.objects.get(starter_id="declination-letter")
    html = client.get(f"/drafting/matter/{matter.pk}/").content.decode()
    assert "Draft the declination letter" in html
    assert f"/drafting/matter/{matter.pk}/template/{template.pk}/" in html
    assert client.get(f"/drafting/matter/{matter.pk}/template/{template.pk}/").status_code == 200
    search = client.get(
        f"/drafting/matter/{matter.pk}/?q=hearing&partial=list", HTTP_HX_REQUEST="true"
    )
    assert "<html" not in search.content.decode() and "earing" in search.content.decode()
