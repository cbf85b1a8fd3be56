"""The exhibit sticker, made in the worker: on a copy of the document's first page, from PDF,
picture and Word files; clear failures for what cannot carry one."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from casedesk.web.documents.blob_store import blob_path
from casedesk.web.trial.exhibit_services import ExhibitEdit, exhibit_update, exhibits_mark
from casedesk.web.trial.models import Exhibit, StickerStatus
from casedesk.web.trial.stickers import sticker_make
from tests.web.trial.conftest import make_docx, make_encrypted_pdf, make_pdf, make_png, make_zip

pytestmark = pytest.mark.django_db


def pdf_text(path: Path, *, first: int = 1, last: int = 1) -> str:
    out = subprocess.run(
        ["pdftotext", "-f", str(first), "-l", str(last), "-layout", str(path), "-"],
        capture_output=True,
        check=True,
        text=True,
    )
    return out.stdout


def marked(by: Any, matter: Any, doc: Any, **kw: Any) -> Exhibit:
    kw.setdefault("party", "plaintiff")
    (exhibit,) = exhibits_mark(by=by, matter=matter, document_ids=[doc.pk], enqueue=False, **kw)
    return exhibit


def test_sticker_on_the_first_page_of_a_copy(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    exhibit = marked(clerk, matter, pdf_docs[0], witness="Rosa Delgado", date=dt.date(2027, 3, 5))
    original = blob_path(pdf_docs[0].current_version.blob_id)
    before = original.read_bytes()
    assert sticker_make(exhibit.pk) == StickerStatus.DONE
    exhibit.refresh_from_db()
    assert exhibit.sticker_status == StickerStatus.DONE and exhibit.sticker is not None
    stamped = blob_path(exhibit.sticker.sha256)
    first = pdf_text(stamped)
    for text in ("PLAINTIFF'S", "EXHIBIT", "2:27-cv-01234", "Rosa Delgado", "03/05/2027"):
        assert text in first, text
    assert "Contract page 1" in first
    assert "EXHIBIT" not in pdf_text(stamped, first=2, last=3)  # the first page only
    with pikepdf.open(stamped) as pdf:
        assert len(pdf.pages) == 3
    assert original.read_bytes() == before  # the original is never touched
    # Done is done: running the task again changes nothing.
    assert sticker_make(exhibit.pk) == StickerStatus.DONE


def test_defendant_letter_sticker(clerk: Any, matter: Any, pdf_docs: list[Any]) -> None:
    exhibit = marked(clerk, matter, pdf_docs[1], party="defendant", numbering="letters")
    assert sticker_make(exhibit.pk) == StickerStatus.DONE
    exhibit.refresh_from_db()
    text = pdf_text(blob_path(exhibit.sticker.sha256))
    assert "DEFENDANT'S" in text and "A" in text.split()


def test_picture_becomes_a_stickered_pdf(
    clerk: Any, matter: Any, file_doc: Any, tmp_path: Path
) -> None:
    doc = file_doc(make_png(tmp_path / "photo of the site.png"), title="Site photo")
    exhibit = marked(clerk, matter, doc)
    assert sticker_make(exhibit.pk) == StickerStatus.DONE, exhibit.sticker_message
    exhibit.refresh_from_db()
    assert "EXHIBIT" in pdf_text(blob_path(exhibit.sticker.sha256))


@pytest.mark.slow
@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_word_file_is_converted_then_stickered(
    clerk: Any, matter: Any, file_doc: Any, tmp_path: Path
) -> None:
    doc = file_doc(make_docx(tmp_path / "declaration.docx", ["Declaration of Rosa Delgado"]))
    exhibit = marked(clerk, matter, doc)
    assert sticker_make(exhibit.pk) == StickerStatus.DONE, exhibit.sticker_message
    exhibit.refresh_from_db()
    text = pdf_text(blob_path(exhibit.sticker.sha256))
    assert "Declaration of Rosa Delgado" in text and "EXHIBIT" in text


@pytest.mark.parametrize(
    ("maker", "name", "message"),
    [
        (make_encrypted_pdf, "sealed.pdf", "sealed.pdf is encrypted"),
        (make_zip, "bundle.zip", "bundle.zip cannot carry a sticker"),
    ],
)
def test_what_cannot_carry_a_sticker_says_why(
    clerk: Any, matter: Any, file_doc: Any, tmp_path: Path, maker: Any, name: str, message: str
) -> None:
    doc = file_doc(maker(tmp_path / name))
    exhibit = marked(clerk, matter, doc)
    assert sticker_make(exhibit.pk) == StickerStatus.FAILED
    exhibit.refresh_from_db()
    assert message in exhibit.sticker_message
    assert exhibit.sticker is None
    assert Exhibit.objects.filter(pk=exhibit.pk).exists()  # still on the list


def test_a_name_the_sticker_font_cannot_show_fails_with_a_sentence(
    clerk: Any, matter: Any, pdf_docs: list[Any]
) -> None:
    exhibit = marked(clerk, matter, pdf_docs[0], witness="Nguyễn Văn An")
    assert sticker_make(exhibit.pk) in (StickerStatus.DONE, StickerStatus.FAILED)
    exhibit.refresh_from_db()
    if exhibit.sticker_status == StickerStatus.FAILED:
        assert exhibit.sticker_message.startswith("The sticker could not be made:")
        assert "ễ" in exhibit.sticker_message or "Latin" in exhibit.sticker_message


def test_an_edit_while_the_sticker_is_made_wins(
    clerk: Any, matter: Any, pdf_docs: list[Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from casedesk.web.trial import stickers

    exhibit = marked(clerk, matter, pdf_docs[0])
    real = stickers._stamp

    def edit_meanwhile(ex: Exhibit, src: Path, dst: Path) -> object:
        result = real(ex, src, dst)
        exhibit_update(
            by=clerk, exhibit=ex, edit=ExhibitEdit(number="9", description="x"), enqueue=False
        )
        return result

    monkeypatch.setattr(stickers, "_stamp", edit_meanwhile)
    assert sticker_make(exhibit.pk) == StickerStatus.QUEUED
    monkeypatch.setattr(stickers, "_stamp", real)
    assert sticker_make(exhibit.pk) == StickerStatus.DONE
    exhibit.refresh_from_db()
    assert (
        " 9" in pdf_text(blob_path(exhibit.sticker.sha256))
        or "9" in pdf_text(blob_path(exhibit.sticker.sha256)).split()
    )


def test_the_worker_runs_the_task(
    clerk: Any,
    matter: Any,
    tmp_path: Path,
    file_doc: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    from django.core.management import call_command

    doc = file_doc(make_pdf(tmp_path / "memo.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        (exhibit,) = exhibits_mark(by=clerk, matter=matter, document_ids=[doc.pk], party="joint")
    call_command("db_worker", "--batch", verbosity=0)
    exhibit.refresh_from_db()
    assert exhibit.sticker_status == StickerStatus.DONE, exhibit.sticker_message
    assert "JOINT" in pdf_text(blob_path(exhibit.sticker.sha256))
