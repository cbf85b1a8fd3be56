"""Making the PDF of a generated document, in the worker: LibreOffice kept warm.

The worker process keeps one :class:`~casedesk.core.drafting.convert.WarmConverter` (started
on first use, stopped when the process exits). A converter that died is restarted once; when
the warm one cannot run or fails, a one-shot ``soffice --convert-to pdf`` is tried. The PDF is
filed to the matter as its own document, beside the Word file.
"""

from __future__ import annotations

import atexit
import logging
import threading
from pathlib import Path
from typing import Any

from django.db import transaction

from casedesk.core.drafting.convert import (
    ConversionError,
    WarmConverter,
    convert_cold,
    soffice_path,
)
from casedesk.web.documents.blob_store import blob_copy_to
from casedesk.web.documents.document_services import DocumentDetails, IncomingFile, document_add
from casedesk.web.drafting.models import GeneratedDocument, PdfStatus
from casedesk.web.drafting.services import work_dir
from casedesk.web.errors import ServiceError

log = logging.getLogger("casedesk.drafting")

NO_LIBREOFFICE = (
    "LibreOffice is not installed on the server, so no PDF was made; the Word file is filed."
)
COLD_TIMEOUT_S = 180.0

_lock = threading.Lock()
_converter: WarmConverter | None = None
_warm_possible: bool | None = None


def _close_converter() -> None:
    global _converter
    if _converter is not None:
        try:
            _converter.close()
        except Exception:  # pragma: no cover - best effort at exit
            log.exception("closing the warm converter failed")
        _converter = None


atexit.register(_close_converter)


def _warm_convert(src: Path, dst: Path) -> bool:
    """Convert with the warm converter (restarted once if it fails); False if it cannot."""
    global _converter, _warm_possible
    if _warm_possible is None:
        _warm_possible, reason = WarmConverter.available()
        if not _warm_possible:
            log.info("no warm LibreOffice (%s); converting one document at a time", reason)
    if not _warm_possible:
        return False
    for attempt in (1, 2):
        try:
            if _converter is None:
                _converter = WarmConverter()
            _converter.convert(src, dst)
            return True
        except (ConversionError, OSError, ValueError) as exc:
            log.warning("warm conversion failed (attempt %s): %s", attempt, exc)
            _close_converter()
    return False


def convert_to_pdf(src: Path, dst: Path) -> None:
    """``src`` (DOCX) to ``dst`` (PDF): warm if possible, else cold; ``ConversionError`` if neither."""
    if soffice_path() is None:
        raise ConversionError(NO_LIBREOFFICE)
    with _lock:
        if _warm_convert(src, dst) and dst.exists() and dst.stat().st_size > 0:
            return
    convert_cold(src, dst, timeout_s=COLD_TIMEOUT_S)


def _set(generated: GeneratedDocument, status: str, message: str = "", **extra: Any) -> None:
    generated.pdf_status, generated.pdf_message = status, message[:500]
    for key, value in extra.items():
        setattr(generated, key, value)
    generated.save(update_fields=["pdf_status", "pdf_message", *extra])


def make_pdf(generated_id: int) -> str:
    """Make and file the PDF of one generated document; returns the status it ended in.

    Whatever happens, the document does not stay "being made": an unexpected error marks it
    failed (and is raised again for the worker's log).
    """
    try:
        return _make_pdf(generated_id)
    except Exception:
        GeneratedDocument.objects.filter(
            pk=generated_id, pdf_status__in=(PdfStatus.QUEUED, PdfStatus.RUNNING)
        ).update(
            pdf_status=PdfStatus.FAILED,
            pdf_message="The PDF could not be made because of an error on the server.",
        )
        raise


def _make_pdf(generated_id: int) -> str:
    generated = (
        GeneratedDocument.objects.select_related(
            "document", "document__current_version", "document__category", "matter", "created_by"
        )
        .filter(pk=generated_id)
        .first()
    )
    if generated is None:
        return "missing"
    if generated.pdf_status == PdfStatus.DONE and generated.pdf_document_id:
        return PdfStatus.DONE
    _set(generated, PdfStatus.RUNNING)
    if soffice_path() is None:
        _set(generated, PdfStatus.FAILED, NO_LIBREOFFICE)
        return PdfStatus.FAILED
    document = generated.document
    version = document.current_version
    if version is None or document.deleted_at is not None:
        _set(generated, PdfStatus.FAILED, "The Word file is no longer in the case file.")
        return PdfStatus.FAILED
    stem = version.filename.rsplit(".", 1)[0] if "." in version.filename else version.filename
    try:
        with work_dir() as tmp:
            src = blob_copy_to(version.blob, tmp / "document.docx")
            dst = tmp / "document.pdf"
            convert_to_pdf(src, dst)
            details = DocumentDetails(
                category=document.category,
                document_date=document.document_date,
                author=document.author,
                direction=document.direction,
                title=f"{document.title} (PDF)"[:300],
            )
            with transaction.atomic():
                pdf_doc = document_add(
                    by=generated.created_by,
                    matter=generated.matter,
                    incoming=IncomingFile(dst, f"{stem}.pdf"),
                    details=details,
                )
                _set(
                    generated,
                    PdfStatus.DONE,
                    "The PDF is filed to the matter.",
                    pdf_document=pdf_doc,
                )
    except ConversionError as exc:
        _set(generated, PdfStatus.FAILED, str(exc))
        return PdfStatus.FAILED
    except ServiceError as exc:
        _set(generated, PdfStatus.FAILED, f"The PDF was made but could not be filed: {exc.message}")
        return PdfStatus.FAILED
    except OSError as exc:
        log.exception("PDF of generated document %s failed", generated_id)
        _set(generated, PdfStatus.FAILED, f"The PDF could not be made ({exc.strerror or exc}).")
        return PdfStatus.FAILED
    return PdfStatus.DONE
