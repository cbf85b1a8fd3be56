"""Reading a version's text in the background: text layers, DOCX, e-mail, plain text, and OCR
of scans (a searchable PDF kept beside the untouched original).

:func:`version_extract` is what the ``document_extract`` task runs. It records its progress on
the version (``text_status``, ``text_progress``) so the page can show it, never raises for a
bad file (the version says why it could not be read), then indexes the document and makes the
data-entry proposals.
"""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.conf import settings
from django.db import transaction

from casedesk.core.extract.kinds import FileKind
from casedesk.core.extract.ocr import ocr_to_pdf
from casedesk.core.extract.text import ExtractedText, ExtractionError, extract_text
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_copy_to, blob_store_file
from casedesk.web.documents.models import DocumentVersion, TextStatus

log = logging.getLogger("casedesk.documents")

NO_TEXT_KINDS = {FileKind.UNKNOWN, FileKind.ZIP}
ENCRYPTED_MESSAGE = (
    "This PDF is password-protected: it is stored, but casedesk cannot read or search its "
    "text. Upload an unlocked copy as a new version."
)
NO_TEXT_MESSAGE = (
    "casedesk does not read text from this kind of file; it is filed and can be downloaded, "
    "but its contents are not searchable."
)


def _status(version: DocumentVersion, status: str, progress: int, message: str = "") -> None:
    version.text_status = status
    version.text_progress = progress
    version.text_message = message[:500]
    version.save(update_fields=["text_status", "text_progress", "text_message"])


def _clean(text: str) -> str:
    # PostgreSQL text cannot hold NUL; nothing a reader needs is lost.
    return text.replace("\x00", "")


def version_extract(version_id: int, *, index: bool = True) -> str:
    """Read the text of one version (OCR when needed); returns the final status.

    With ``index`` false the caller indexes (in one batch: a commit per document costs ~10x
    more per document than one commit for a hundred, see docs/performance.md).
    """
    try:
        version = DocumentVersion.objects.select_related("blob", "document").get(pk=version_id)
    except DocumentVersion.DoesNotExist:
        return "gone"
    if version.text_status in (TextStatus.DONE, TextStatus.ENCRYPTED, TextStatus.NONE):
        return str(version.text_status)
    kind = (
        FileKind(version.kind) if version.kind in FileKind._value2member_map_ else FileKind.UNKNOWN
    )
    if kind in NO_TEXT_KINDS:
        _finish(index, version, None, TextStatus.NONE, NO_TEXT_MESSAGE)
        return str(TextStatus.NONE)
    _status(version, TextStatus.RUNNING, 5)
    with tempfile.TemporaryDirectory(dir=settings.CASEDESK_UPLOAD_TMP_DIR) as tmp:
        source = blob_copy_to(version.blob, Path(tmp) / "original")
        try:
            extracted = extract_text(source, kind)
            if extracted.encrypted:
                _finish(index, version, extracted, TextStatus.ENCRYPTED, ENCRYPTED_MESSAGE)
                return str(TextStatus.ENCRYPTED)
            if extracted.needs_ocr:
                extracted = _ocr(version, source, kind, Path(tmp) / "searchable.pdf")
        except ExtractionError as exc:
            _finish(index, version, None, TextStatus.FAILED, str(exc))
            return str(TextStatus.FAILED)
        except Exception as exc:  # a crash in a reader must not lose the upload
            log.exception("text extraction of version %s failed", version_id)
            _finish(index, version, None, TextStatus.FAILED, f"Reading the text failed: {exc}")
            return str(TextStatus.FAILED)
    _finish(index, version, extracted, TextStatus.DONE, "; ".join(extracted.warnings))
    return str(TextStatus.DONE)


def _ocr(version: DocumentVersion, source: Path, kind: FileKind, dest: Path) -> ExtractedText:
    _status(version, TextStatus.OCR, 10, "Running OCR on the scanned pages…")

    def progress(done: int, total: int) -> None:
        if total:
            percent = 10 + int(85 * done / total)
            DocumentVersion.objects.filter(pk=version.pk).update(
                text_progress=percent, text_message=f"OCR: page {done} of {total}"
            )

    extracted = ocr_to_pdf(
        source, dest, kind=kind, language=settings.CASEDESK_OCR_LANGUAGE, progress=progress
    )
    version.ocr_blob = blob_store_file(dest)
    version.save(update_fields=["ocr_blob"])
    return extracted


def _finish(
    index: bool,
    version: DocumentVersion,
    extracted: ExtractedText | None,
    status: str,
    message: str,
) -> None:
    from casedesk.web.documents.proposal_services import proposals_make
    from casedesk.web.documents.signals import text_ready

    with transaction.atomic():
        version.text_status = status
        version.text_progress = 100
        version.text_message = message[:500]
        if extracted is not None:
            version.text = _clean(extracted.text)
            version.text_method = extracted.method
            version.pages = extracted.pages
        version.save()
        audit_record(
            actor=None,
            action="extract",
            object_type="document",
            object_id=version.document_id,
            matter_id=version.document.matter_id,
            summary=(
                f"Read {version.filename!r} (version {version.number}): "
                f"{TextStatus(status).label.lower()}"
                + (f", {version.pages} pages" if version.pages else "")
                + (" by OCR" if version.text_method == "ocr" else "")
            ),
            data={"status": status, "method": version.text_method, "chars": len(version.text)},
        )
    if version.document.current_version_id == version.pk:
        if index:
            index_soon(version.document_id)
        if status == TextStatus.DONE and version.text:
            proposals_make(version)
            text_ready.send(sender=DocumentVersion, version=version)


def index_soon(document_id: int) -> None:
    """Index one document now, or, while more documents wait to be read, in one batch later."""
    from casedesk.web.documents.indexing import index_documents
    from casedesk.web.documents.tasks import extractions_waiting, schedule_pending_index

    if extractions_waiting():
        schedule_pending_index()
    else:
        index_documents([document_id])
