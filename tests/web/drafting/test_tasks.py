"""The PDF of a generated document, made by the worker's task and filed beside the Word file."""

from __future__ import annotations

import time
from typing import Any

import pytest

from casedesk.core.drafting.convert import soffice_path
from casedesk.web.documents.blob_store import blob_path
from casedesk.web.drafting import pdf
from casedesk.web.drafting.models import GeneratedDocument, PdfStatus
from casedesk.web.drafting.services import document_generate
from casedesk.web.drafting.tasks import generated_pdf

pytestmark = pytest.mark.django_db

ANSWERS = {"hearing.date": "2027-06-01", "hearing.department": "Department 17"}


@pytest.fixture
def generated(letter_template: Any, matter: Any, secretary: Any) -> GeneratedDocument:
    gen = document_generate(
        by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS, pdf=True
    )
    assert gen is not None and gen.pdf_status == PdfStatus.QUEUED
    return gen


def test_generate_with_pdf_enqueues_the_task_on_commit(
    letter_template: Any,
    matter: Any,
    secretary: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django_tasks_db.models import DBTaskResult

    with django_capture_on_commit_callbacks(execute=True):
        document_generate(
            by=secretary, matter=matter, template=letter_template, raw_answers=ANSWERS, pdf=True
        )
    assert DBTaskResult.objects.filter(task_path=generated_pdf.module_path).count() == 1


def test_without_libreoffice_the_pdf_fails_with_a_clear_message(
    generated: GeneratedDocument, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf, "soffice_path", lambda: None)
    assert generated_pdf.call(generated.pk) == PdfStatus.FAILED
    generated.refresh_from_db()
    assert generated.pdf_status == PdfStatus.FAILED
    assert generated.pdf_message == (
        "LibreOffice is not installed on the server, so no PDF was made; the Word file is filed."
    )
    assert generated.pdf_document is None


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_with_libreoffice_the_pdf_is_filed(generated: GeneratedDocument) -> None:
    started = time.monotonic()
    try:
        assert generated_pdf.call(generated.pk) == PdfStatus.DONE
    finally:
        pdf._close_converter()
    generated.refresh_from_db()
    assert generated.pdf_status == PdfStatus.DONE, generated.pdf_message
    pdf_doc = generated.pdf_document
    assert pdf_doc is not None and pdf_doc.matter_id == generated.matter_id
    assert pdf_doc.title == f"{generated.document.title} (PDF)"
    assert pdf_doc.category_id == generated.document.category_id
    assert pdf_doc.current_version.kind == "pdf"
    assert blob_path(pdf_doc.current_version.blob_id).read_bytes().startswith(b"%PDF")
    assert time.monotonic() - started < 120
