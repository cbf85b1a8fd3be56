"""Putting an exhibit's sticker on its document, in the worker.

The document's version (its searchable OCR copy when there is one) is copied to a private
folder; Word and text files are made PDFs by LibreOffice (``drafting.pdf.convert_to_pdf``),
pictures by ``core.pdf.images.image_to_pdf``; then ``core.pdf.exhibit.exhibit_stamp`` puts
the sticker (party, number, case number, witness, date) on the first page of a *new* PDF,
stored as a blob. The original is never touched. Whatever fails, the exhibit ends "No
sticker" with a sentence that says why; the exhibit list is not affected.
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.db import transaction

from casedesk.core.extract.kinds import FileKind
from casedesk.web.documents.blob_store import blob_copy_to, blob_store_file
from casedesk.web.trial.models import Exhibit, StickerStatus

log = logging.getLogger("casedesk.trial")

CONVERTIBLE = (FileKind.DOCX, FileKind.TEXT)
NOT_STICKERED = (
    "{name} cannot carry a sticker (casedesk stickers PDF, Word, text and picture files); "
    "the exhibit stays on the list."
)


@contextmanager
def _work_dir() -> Iterator[Path]:
    root = Path(settings.CASEDESK_UPLOAD_TMP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="exhibit-", dir=root) as tmp:
        yield Path(tmp)


def _set(exhibit_id: int, status: str, message: str = "", **extra: object) -> None:
    Exhibit.objects.filter(pk=exhibit_id).update(
        sticker_status=status, sticker_message=message[:500], **extra
    )


def _as_pdf(exhibit: Exhibit, tmp: Path) -> Path:
    """The exhibit's document as a PDF file in ``tmp`` (converted when it is not one)."""
    from casedesk.core.drafting.convert import ConversionError

    version = exhibit.version
    assert version is not None
    name = version.filename
    if version.ocr_blob_id and version.ocr_blob is not None:  # the searchable copy of a scan
        return blob_copy_to(version.ocr_blob, tmp / "source.pdf")
    kind = version.kind
    if kind == FileKind.PDF:
        return blob_copy_to(version.blob, tmp / "source.pdf")
    if kind == FileKind.IMAGE:
        from casedesk.core.pdf.images import image_to_pdf

        src = blob_copy_to(version.blob, tmp / "source.img")
        dst = tmp / "source.pdf"
        image_to_pdf(src, dst, name=name)
        return dst
    if kind in CONVERTIBLE:
        from casedesk.web.drafting.pdf import convert_to_pdf

        suffix = ".docx" if kind == FileKind.DOCX else ".txt"
        src = blob_copy_to(version.blob, tmp / f"source{suffix}")
        dst = tmp / "converted.pdf"
        try:
            convert_to_pdf(src, dst)
        except ConversionError as exc:
            raise StickerError(f"{name} could not be made a PDF: {exc}") from exc
        return dst
    raise StickerError(NOT_STICKERED.format(name=name))


class StickerError(Exception):
    """Why an exhibit got no sticker, in a sentence for the user."""


def sticker_make(exhibit_id: int) -> str:
    """Make and store the stickered PDF of one exhibit; returns the status it ended in.

    An unexpected error marks the exhibit failed too, and is raised again for the worker's log.
    """
    try:
        return _sticker_make(exhibit_id)
    except Exception:
        _set(exhibit_id, StickerStatus.FAILED, "The sticker could not be made (a server error).")
        raise


def _sticker_make(exhibit_id: int) -> str:
    from casedesk.core.pdf.errors import PdfInputError

    exhibit = (
        Exhibit.objects.select_related(
            "matter", "document", "version", "version__blob", "version__ocr_blob"
        )
        .filter(pk=exhibit_id)
        .first()
    )
    if exhibit is None:
        return "missing"
    if exhibit.sticker_status not in (StickerStatus.QUEUED, StickerStatus.RUNNING):
        return str(exhibit.sticker_status)
    if exhibit.version is None or exhibit.document is None:
        _set(exhibit_id, StickerStatus.FAILED, "The document is no longer in the case file.")
        return StickerStatus.FAILED
    _set(exhibit_id, StickerStatus.RUNNING)
    wanted = (exhibit.number, exhibit.witness, exhibit.marked_on, exhibit.version_id)
    try:
        with _work_dir() as tmp:
            src = _as_pdf(exhibit, tmp)
            dst = tmp / "stickered.pdf"
            result = _stamp(exhibit, src, dst)
            blob = blob_store_file(dst)
    except (StickerError, PdfInputError) as exc:
        _set(exhibit_id, StickerStatus.FAILED, str(exc))
        return StickerStatus.FAILED
    except ValueError as exc:  # e.g. a witness name the sticker's standard font cannot show
        _set(exhibit_id, StickerStatus.FAILED, f"The sticker could not be made: {exc}")
        return StickerStatus.FAILED
    except OSError as exc:
        log.exception("sticker of exhibit %s failed", exhibit_id)
        _set(exhibit_id, StickerStatus.FAILED, f"The sticker could not be made ({exc}).")
        return StickerStatus.FAILED
    warnings = " ".join(getattr(result, "warnings", ()) or ())
    with transaction.atomic():
        current = Exhibit.objects.select_for_update().filter(pk=exhibit_id).first()
        if current is None:
            return "missing"
        now = (current.number, current.witness, current.marked_on, current.version_id)
        if now != wanted:  # edited meanwhile: the queued remake will stamp the new values
            return str(current.sticker_status)
        _set(exhibit_id, StickerStatus.DONE, warnings, sticker=blob)
    return StickerStatus.DONE


def _stamp(exhibit: Exhibit, src: Path, dst: Path) -> object:
    from casedesk.core.pdf.exhibit import exhibit_stamp

    name = exhibit.version.filename if exhibit.version is not None else None
    if name and not name.lower().endswith(".pdf"):
        name = f"{name} (as PDF)"
    return exhibit_stamp(
        src,
        dst,
        party=exhibit.party,
        number=exhibit.number,
        case_number=exhibit.matter.case_number,
        witness=exhibit.witness,
        date=exhibit.marked_on,
        name=name,
    )
