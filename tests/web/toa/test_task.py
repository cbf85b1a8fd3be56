"""The worker's side: making a table from a PDF or a Word brief, the failure sentences, bad
inputs refused before anything is stored, and the PDF of a reviewed table."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from casedesk.core.drafting.convert import soffice_path
from casedesk.web.errors import ServiceError
from casedesk.web.toa.models import TableOfAuthorities
from casedesk.web.toa.services import (
    NO_LIBREOFFICE,
    toa_merge,
    toa_pdf_request,
    toa_pdf_run,
    toa_run,
    toa_start,
)
from tests.web.sample_files import make_encrypted_pdf, make_pdf
from tests.web.toa.briefs import EXPECTED, write_docx_brief
from tests.web.toa.conftest import keys_by_text, rows

pytestmark = pytest.mark.django_db
needs_libreoffice = pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice is not installed"
)


def _start(by: Any, path: Path, name: str | None = None) -> TableOfAuthorities:
    return toa_start(by=by, path=path, filename=name or path.name, enqueue=False)


def _garbage(path: Path) -> Path:
    path.write_bytes(bytes(range(256)) * 20)
    return path


def _damaged(path: Path) -> Path:
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage \x00\x01\x02" * 10)
    return path


def _text(path: Path) -> Path:
    path.write_text("Roe v. Wade, 410 U.S. 113 (1973).", encoding="utf-8")
    return path


def _empty(path: Path) -> Path:
    path.write_bytes(b"")
    return path


@pytest.mark.parametrize(
    ("make", "name", "sentence"),
    [
        (_empty, "brief.pdf", "brief.pdf is empty (0 bytes)."),
        (make_encrypted_pdf, "locked.pdf", "locked.pdf is password-protected"),
        (_garbage, "brief.pdf", "brief.pdf is not a PDF or a Word (.docx) document"),
        (_damaged, "broken.pdf", "broken.pdf is a damaged PDF that could not be read"),
        (_text, "brief.txt", "brief.txt is not a PDF or a Word (.docx) document"),
    ],
)
def test_bad_briefs_are_refused_before_anything_is_stored(
    clerk: Any, tmp_path: Path, make: Any, name: str, sentence: str
) -> None:
    path = make(tmp_path / name)
    with pytest.raises(ServiceError) as refused:
        _start(clerk, path)
    assert refused.value.message.startswith(sentence) and refused.value.field == "file"
    assert not TableOfAuthorities.objects.exists()


def test_no_printed_page_numbers_is_a_warning(clerk: Any, tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "plain.pdf", 1, text="See Roe v. Wade, 410 U.S. 113 (1973). Page")
    table = _start(clerk, path)
    toa_run(table.pk)
    table.refresh_from_db()
    assert table.status == "done"
    assert rows(table) == [("cases", "Roe v. Wade, 410 U.S. 113 (1973)", ["1"])]
    assert table.result["page_system"] == "pdf"
    assert table.result["warnings"] == [
        "No printed page numbers were found; the pages are the PDF's page numbers."
    ]


def test_a_scan_without_text_fails_with_the_engines_sentence(clerk: Any, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(path)
    table = _start(clerk, path)
    toa_run(table.pk)
    table.refresh_from_db()
    assert table.status == "failed" and table.finished_at is not None
    assert table.message == "scan.pdf is a scan and OCR found no text in it."
    assert table.result == {} and table.entry_count == 0


def test_a_missing_brief_and_an_unexpected_error_fail_with_a_sentence(
    clerk: Any, brief: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from casedesk.web.documents.blob_store import blob_path
    from casedesk.web.toa import services

    table = _start(clerk, brief)
    blob_path(table.blob_id).unlink()
    toa_run(table.pk)
    table.refresh_from_db()
    assert table.status == "failed"
    assert table.message == "The brief brief.pdf is missing from the server; upload it again."

    other = _start(clerk, brief)

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(services, "_generate", boom)
    toa_run(other.pk)
    other.refresh_from_db()
    assert other.status == "failed"
    assert other.message == "The table could not be made because of an error: disk on fire"
    assert toa_run(other.pk).status == "failed"  # a finished table is not made again


def test_the_worker_runs_the_queued_table(
    clerk: Any, brief: Path, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        table = toa_start(by=clerk, path=brief, filename="brief.pdf")
    assert table.status == "queued"
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    table.refresh_from_db()
    assert table.status == "done" and rows(table) == [(c, a, p) for c, a, p in EXPECTED]


@needs_libreoffice
def test_a_word_brief_is_laid_out_by_libreoffice(clerk: Any, tmp_path: Path) -> None:
    path = write_docx_brief(tmp_path / "brief.docx")
    table = _start(clerk, path)
    toa_run(table.pk)
    table.refresh_from_db()
    assert table.status == "done", table.message
    assert rows(table) == [(c, a, p) for c, a, p in EXPECTED]
    assert table.result["page_system"] == "printed"


@needs_libreoffice
def test_the_pdf_of_the_reviewed_table(make_table: Any, clerk: Any, tmp_path: Path) -> None:
    from casedesk.web.documents.blob_store import blob_path

    table = make_table(clerk)
    keys = keys_by_text(table)
    toa_merge(
        by=clerk,
        table=table,
        keys=[keys["Roe v. Wade, 410 U.S. 113 (1973)"], keys["Roe v. Wade, 93 S. Ct. 705 (1973)"]],
    )
    table = toa_pdf_request(by=clerk, table=table, enqueue=False)
    assert table.pdf_status == "queued" and table.pdf_revision == 1
    assert toa_pdf_run(table.pk) == "done"
    table.refresh_from_db()
    assert table.pdf_current
    pdf = blob_path(table.pdf_blob_id)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "TABLE OF AUTHORITIES" in text and "Roe v. Wade" in text and "1, 2" in text
    assert "93 S. Ct. 705" not in text  # merged away
    # Asking again changes nothing; an edit makes the PDF out of date.
    assert toa_pdf_request(by=clerk, table=table, enqueue=False).pdf_current
    toa_merge(
        by=clerk,
        table=table,
        keys=[keys["42 U.S.C. § 1983"], keys["Fed. R. Civ. P. 56(a)"]],
    )
    table.refresh_from_db()
    assert not table.pdf_current


def test_no_libreoffice_is_a_sentence(
    make_table: Any, readonly: Any, clerk: Any, matter: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import casedesk.core.drafting.convert as convert

    table = make_table(clerk, matter=matter)
    toa_pdf_request(by=readonly, table=table, enqueue=False)  # an export: readers may ask
    monkeypatch.setattr(convert, "soffice_path", lambda: None)
    assert toa_pdf_run(table.pk) == "failed"
    table.refresh_from_db()
    assert table.pdf_status == "failed" and table.pdf_message == NO_LIBREOFFICE
