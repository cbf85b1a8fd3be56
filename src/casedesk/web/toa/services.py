"""Writes of the table-of-authorities app: start a table from a brief, the review edits, the
PDF, filing the Word section to the matter, and the worker's runs.

Every write checks the role (``access.require_writer``; making the PDF and exporting only need
the table to be visible) and the table's visibility (:func:`.selectors.visible_tables`, built
on ``access.visible_matters``), and is audited in the same transaction. The table itself is
computed by :mod:`casedesk.core.toa`; the edits are its pure functions, applied to the stored
table under a row lock so two clerks' edits do not overwrite each other.
"""

from __future__ import annotations

import logging
import tempfile
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casedesk.core.extract.filenames import clean_filename
from casedesk.core.extract.kinds import FileKind, sniff_path
from casedesk.core.toa import (
    ToaInputError,
    ToaResult,
    merge_entries,
    move_entry,
    rename_entry,
    toa_json,
    write_toa_docx,
)
from casedesk.core.toa import data as toa_data
from casedesk.core.toa.serialize import MAX_PASSIM, result_to_dict, with_passim
from casedesk.web.access import AccessDenied, require_writer, visible_documents, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_copy_to, blob_path, blob_store_file
from casedesk.web.documents.models import Document
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.toa.models import PdfStatus, TableOfAuthorities, TableStatus
from casedesk.web.toa.selectors import BRIEF_KINDS, stored_result, visible_tables

log = logging.getLogger("casedesk.toa")

AUTHORITY_LIMIT = 1000
SUMMARY_LIMIT = 500
NOT_READY = "The table is not ready yet; wait until the worker has made it."
STALE = (
    "An entry you chose is no longer in the table (it was changed meanwhile); look at the "
    "table again and choose anew."
)
NO_LIBREOFFICE = (
    "LibreOffice is not installed on the server, so no PDF can be made; download the Word "
    "file instead."
)


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _require_table(by: Any, table: TableOfAuthorities) -> None:
    if not visible_tables(by).filter(pk=table.pk).exists():
        raise AccessDenied("No such table of authorities.")


def _require_matter(by: Any, matter: Matter) -> None:
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise AccessDenied("No such matter.")


def _clean_passim(passim: Any) -> int:
    try:
        value = int(passim)
    except (TypeError, ValueError) as exc:
        raise ServiceError(
            f"Passim must be a number from 0 to {MAX_PASSIM}.", field="passim"
        ) from exc
    if not 0 <= value <= MAX_PASSIM:
        raise ServiceError(f"Passim must be a number from 0 to {MAX_PASSIM}.", field="passim")
    return value


def _check_pdf(path: Path, name: str) -> None:
    """Refuse a PDF the engine could not read: password-protected, damaged, without pages.
    (Restrictions on copying do not matter here: the brief is only read.)"""
    import pikepdf

    try:
        with pikepdf.open(path, suppress_warnings=True, attempt_recovery=True) as pdf:
            count = len(pdf.pages)
    except pikepdf.PasswordError as exc:
        raise ServiceError(
            f"{name} is password-protected, so its text cannot be read; upload a copy without "
            "the password.",
            field="file",
        ) from exc
    except (pikepdf.PdfError, RuntimeError, ValueError) as exc:
        raise ServiceError(
            f"{name} is a damaged PDF that could not be read; save it as PDF again and upload "
            "that copy.",
            field="file",
        ) from exc
    if count == 0:
        raise ServiceError(f"{name} has no pages.", field="file")


def check_brief(path: Path, name: str) -> FileKind:
    """The kind of the brief at ``path`` (PDF or DOCX), or a sentence saying why it cannot be
    used: empty, not a PDF or Word file, an encrypted or damaged PDF."""
    try:
        size = path.stat().st_size
        kind = sniff_path(path, name)
    except OSError as exc:
        raise ServiceError(f"{name} could not be read; upload it again.", field="file") from exc
    if size == 0:
        raise ServiceError(f"{name} is empty (0 bytes).", field="file")
    if kind not in (FileKind.PDF, FileKind.DOCX):
        raise ServiceError(
            f"{name} is not a PDF or a Word (.docx) document; a table of authorities is made "
            "from the brief as PDF or Word.",
            field="file",
        )
    if kind is FileKind.PDF:
        _check_pdf(path, name)
    return kind


def _create(
    *,
    by: Any,
    matter: Matter | None,
    filename: str,
    path: Path,
    passim: int,
    paragraphs: bool,
    document: Document | None,
    enqueue: bool,
) -> TableOfAuthorities:
    with transaction.atomic():
        table = TableOfAuthorities.objects.create(
            matter=matter,
            filename=filename,
            blob=blob_store_file(path),
            source_document=document,
            passim=passim,
            paragraphs=paragraphs,
            created_by=by,
        )
        where = f" for matter {matter.number}" if matter is not None else ""
        audit_record(
            actor=by,
            action="toa.create",
            summary=_short(f"Table of authorities of {filename}{where}", SUMMARY_LIMIT),
            object_type="toa",
            object_id=table.pk,
            matter_id=matter.pk if matter is not None else None,
            data={
                "passim": passim,
                "paragraphs": paragraphs,
                "document": document.pk if document is not None else None,
            },
        )
        if enqueue:
            from casedesk.web.toa.tasks import toa_generate

            table_id = table.pk
            transaction.on_commit(lambda: toa_generate.enqueue(table_id))
    return table


def toa_start(
    *,
    by: Any,
    path: Path,
    filename: str,
    matter: Matter | None = None,
    passim: Any = 5,
    paragraphs: bool = False,
    enqueue: bool = True,
) -> TableOfAuthorities:
    """Store an uploaded brief (PDF or Word) and queue the making of its table."""
    require_writer(by)
    if matter is not None:
        _require_matter(by, matter)
    name = clean_filename(filename) or "brief"
    value = _clean_passim(passim)
    check_brief(Path(path), name)
    return _create(
        by=by,
        matter=matter,
        filename=name,
        path=Path(path),
        passim=value,
        paragraphs=bool(paragraphs),
        document=None,
        enqueue=enqueue,
    )


def toa_start_from_document(
    *,
    by: Any,
    document: Document,
    passim: Any = 5,
    paragraphs: bool = False,
    enqueue: bool = True,
) -> TableOfAuthorities:
    """Queue the table of a brief already filed to a matter (its current version)."""
    require_writer(by)
    if not visible_documents(by).filter(pk=document.pk).exists():
        raise AccessDenied("No such document.")
    version = document.current_version
    if version is None or version.kind not in BRIEF_KINDS:
        raise ServiceError(
            f"“{document.title}” is not a PDF or a Word document; choose another.",
            field="document",
        )
    value = _clean_passim(passim)
    path = blob_path(version.blob_id)
    if not path.exists():
        raise ServiceError(
            f"The file of “{document.title}” is missing from the server; ask an administrator.",
            field="document",
        )
    try:
        check_brief(path, version.filename)
    except ServiceError as exc:
        raise ServiceError(exc.message, field="document") from exc
    return _create(
        by=by,
        matter=document.matter,
        filename=version.filename,
        path=path,
        passim=value,
        paragraphs=bool(paragraphs),
        document=document,
        enqueue=enqueue,
    )


# --- the worker ----------------------------------------------------------------------------------


def _set(table: TableOfAuthorities, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(table, key, value)
    TableOfAuthorities.objects.filter(pk=table.pk).update(**fields)


@contextmanager
def work_dir() -> Iterator[Path]:
    """A private temporary folder under the upload temp dir, removed afterwards."""
    root = Path(settings.CASEDESK_UPLOAD_TMP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="toa-", dir=root) as tmp:
        yield Path(tmp)


def _converter() -> Callable[[Path, Path], None] | None:
    """The worker's warm LibreOffice (as drafting and productions use it), or None when there is
    no LibreOffice (the engine then says so in its own words)."""
    from casedesk.core.drafting.convert import soffice_path
    from casedesk.web.drafting.pdf import convert_to_pdf

    return convert_to_pdf if soffice_path() is not None else None


def _generate(table: TableOfAuthorities) -> ToaResult:
    from casedesk.core.toa.generate import read_brief, toa_from_pages

    if table.blob_id is None or not blob_path(table.blob_id).exists():
        raise ToaInputError(
            f"The brief {table.filename} is missing from the server; upload it again."
        )
    with work_dir() as tmp:
        path = blob_copy_to(table.blob, tmp / (clean_filename(table.filename) or "brief"))
        kind = sniff_path(path, table.filename)
        if kind is FileKind.DOCX:
            _set(
                table, progress=15, message="Laying the Word document out into pages (LibreOffice)."
            )
        pages, warnings = read_brief(
            path, converter=_converter() if kind is FileKind.DOCX else None
        )
    _set(table, progress=60, message="Finding the authorities.")
    return toa_from_pages(
        pages, passim=table.passim, paragraphs=table.paragraphs, warnings=warnings
    )


def toa_run(table_id: int) -> TableOfAuthorities:
    """Make a queued table: read the brief (a Word file laid out by LibreOffice, a scan OCRed),
    find its authorities, store the table."""
    # eyecite logs each overlapping match it resolves; that says nothing to the worker's reader.
    logging.getLogger("eyecite").setLevel(logging.ERROR)
    table = TableOfAuthorities.objects.select_related("blob").get(pk=table_id)
    if table.status not in (TableStatus.QUEUED, TableStatus.RUNNING):
        return table
    _set(table, status=TableStatus.RUNNING, progress=5, message="Reading the brief.")
    try:
        result = _generate(table)
    except ToaInputError as exc:
        _set(table, status=TableStatus.FAILED, message=str(exc)[:1000], finished_at=timezone.now())
        return table
    except Exception as exc:
        log.exception("table of authorities %s failed", table.pk)
        _set(
            table,
            status=TableStatus.FAILED,
            message=_short(f"The table could not be made because of an error: {exc}", 1000),
            finished_at=timezone.now(),
        )
        return table
    data = result_to_dict(result)
    count = len(result.entries)
    _set(
        table,
        status=TableStatus.DONE,
        progress=100,
        result=data,
        original=data,
        edits=[],
        entry_count=count,
        message=f"Found {count} authorit{'ies' if count != 1 else 'y'}.",
        finished_at=timezone.now(),
    )
    return table


# --- the review ----------------------------------------------------------------------------------


def _stored(table: TableOfAuthorities) -> ToaResult:
    if table.status != TableStatus.DONE:
        raise ServiceError(NOT_READY)
    result = stored_result(table)
    if result is None:
        raise ServiceError("The stored table is damaged; make the table again from the brief.")
    return result


Change = Callable[[ToaResult], tuple[ToaResult, str, dict[str, Any]]]


def _change(by: Any, table: TableOfAuthorities, action: str, change: Change) -> TableOfAuthorities:
    """Apply ``change`` to the stored table under a row lock, append it to the history and the
    audit log (one transaction); ``table`` is refreshed with what was saved."""
    require_writer(by)
    _require_table(by, table)
    with transaction.atomic():
        locked = TableOfAuthorities.objects.select_for_update().get(pk=table.pk)
        result, summary, data = change(_stored(locked))
        edits = list(locked.edits or [])
        edits.append(
            {
                "action": action,
                "summary": summary,
                "by": getattr(by, "display_name", "") or getattr(by, "username", ""),
                "at": timezone.now().isoformat(),
            }
        )
        locked.result = result_to_dict(result)
        locked.edits = edits
        locked.entry_count = len(result.entries)
        locked.revision += 1
        locked.passim = result.passim_threshold
        if locked.pdf_status == PdfStatus.FAILED:
            locked.pdf_status, locked.pdf_message = PdfStatus.NONE, ""
        locked.save(
            update_fields=[
                "result",
                "edits",
                "entry_count",
                "revision",
                "passim",
                "pdf_status",
                "pdf_message",
            ]
        )
        audit_record(
            actor=by,
            action=f"toa.{action}",
            summary=_short(f"{table.filename}: {summary}", SUMMARY_LIMIT),
            object_type="toa",
            object_id=locked.pk,
            matter_id=locked.matter_id,
            data=data,
        )
    for name in ("result", "edits", "entry_count", "revision", "passim", "pdf_status"):
        setattr(table, name, getattr(locked, name))
    return table


def _entry_text(result: ToaResult, key: str) -> str:
    for entry in result.entries:
        if entry.key == key:
            return entry.authority
    raise ServiceError(STALE)


def _quoted(text: str) -> str:
    return f"“{_short(text, 150)}”"


def toa_merge(
    *, by: Any, table: TableOfAuthorities, keys: Sequence[str], into: str | None = None
) -> TableOfAuthorities:
    """Merge two or more entries into one: ``into`` (default the first of ``keys``) keeps its
    text and category and takes the pages of all of them."""
    chosen = list(dict.fromkeys(k for k in keys if k))
    if len(chosen) < 2:
        raise ServiceError("Tick at least two entries to merge them into one.", field="keys")
    target = into or chosen[0]
    if target not in chosen:
        raise ServiceError(
            "The entry whose text is kept must be one of those ticked.", field="into"
        )

    def change(result: ToaResult) -> tuple[ToaResult, str, dict[str, Any]]:
        texts = {key: _entry_text(result, key) for key in chosen}
        merged = merge_entries(result, chosen, into=target)
        others = "; ".join(_quoted(texts[k]) for k in chosen if k != target)
        summary = f"Merged {others} into {_quoted(texts[target])}"
        return merged, summary, {"keys": chosen, "into": target}

    return _change(by, table, "merge", change)


def _clean_authority(text: str) -> str:
    text = unicodedata.normalize("NFC", " ".join(str(text or "").split()))
    if not text:
        raise ServiceError(
            "An entry needs its text; type the authority as the table should show it.",
            field="authority",
        )
    if len(text) > AUTHORITY_LIMIT:
        raise ServiceError(
            f"That text is {len(text):,} characters long; an entry is limited to {AUTHORITY_LIMIT:,}.",
            field="authority",
        )
    if any(unicodedata.category(ch) == "Cc" for ch in text):
        raise ServiceError("The text contains control characters.", field="authority")
    return text


def toa_rename(
    *, by: Any, table: TableOfAuthorities, key: str, authority: str
) -> TableOfAuthorities:
    """Give an entry a new text (it is sorted again under it)."""
    text = _clean_authority(authority)

    def change(result: ToaResult) -> tuple[ToaResult, str, dict[str, Any]]:
        old = _entry_text(result, key)
        if old == text:
            raise ServiceError(
                "That is the entry's text already; nothing changed.", field="authority"
            )
        renamed = rename_entry(result, key, text)
        return renamed, f"Renamed {_quoted(old)} to {_quoted(text)}", {"key": key}

    return _change(by, table, "rename", change)


def toa_move(*, by: Any, table: TableOfAuthorities, key: str, category: str) -> TableOfAuthorities:
    """Move an entry to another category."""
    headings = toa_data.category_headings()

    def change(result: ToaResult) -> tuple[ToaResult, str, dict[str, Any]]:
        if category not in result.category_order:
            raise ServiceError("Choose one of the table's categories.", field="category")
        text = _entry_text(result, key)
        current = next(e.category for e in result.entries if e.key == key)
        heading = headings.get(category, category)
        if current == category:
            raise ServiceError(f"{_quoted(text)} is under {heading} already.", field="category")
        moved = move_entry(result, key, category)
        summary = f"Moved {_quoted(text)} from {headings.get(current, current)} to {heading}"
        return moved, summary, {"key": key, "from": current, "to": category}

    return _change(by, table, "move", change)


def toa_undo_all(*, by: Any, table: TableOfAuthorities) -> TableOfAuthorities:
    """Put the table back as the engine made it (the history keeps what was undone)."""

    def change(result: ToaResult) -> tuple[ToaResult, str, dict[str, Any]]:
        original = stored_result(table, original=True)
        if original is None:
            raise ServiceError("The table as first made is not stored; nothing can be undone.")
        if original == result:
            raise ServiceError("The table is as it was made; there is nothing to undo.")
        return original, "Undid all changes: the table is as it was made", {}

    return _change(by, table, "undo", change)


def _passim_text(threshold: int) -> str:
    return f"from {threshold} pages" if threshold else "off"


def toa_set_passim(*, by: Any, table: TableOfAuthorities, passim: Any) -> TableOfAuthorities:
    """Decide *passim* again for a new threshold, from the stored pages (no new reading of the
    brief: the entries keep their pages and the review's edits)."""
    threshold = _clean_passim(passim)

    def change(result: ToaResult) -> tuple[ToaResult, str, dict[str, Any]]:
        old = result.passim_threshold
        if old == threshold:
            raise ServiceError(f"Passim is {_passim_text(old)} already.", field="passim")
        again = with_passim(result, threshold)
        summary = f"Passim {_passim_text(threshold)} (was {_passim_text(old)})"
        return again, summary, {"from": old, "to": threshold}

    return _change(by, table, "passim", change)


# --- exports, the PDF, filing ------------------------------------------------------------------


def export_name(table: TableOfAuthorities, ext: str) -> str:
    """The download's name: "toa-<brief stem>.<ext>"."""
    return clean_filename(f"toa-{table.stem}.{ext}") or f"toa.{ext}"


def export_json(table: TableOfAuthorities) -> dict[str, Any]:
    """The table exactly as ``casedesk toa --json`` prints it."""
    return toa_json(_stored(table))


def export_docx(table: TableOfAuthorities, path: Path) -> Path:
    """Write the Word section (ready to paste into the brief) to ``path``."""
    write_toa_docx(_stored(table), path)
    return path


def toa_export_record(*, by: Any, table: TableOfAuthorities, fmt: str) -> None:
    """Write a download of the table to the audit log."""
    _require_table(by, table)
    audit_record(
        actor=by,
        action="toa.export",
        summary=_short(f"Downloaded the table of authorities of {table.filename} ({fmt})", 500),
        object_type="toa",
        object_id=table.pk,
        matter_id=table.matter_id,
        data={"format": fmt, "revision": table.revision},
    )


def toa_pdf_request(
    *, by: Any, table: TableOfAuthorities, enqueue: bool = True
) -> TableOfAuthorities:
    """Ask the worker for the PDF of the table as it is now (readers may ask too: it is an
    export, not a change)."""
    _require_table(by, table)
    _stored(table)
    with transaction.atomic():
        locked = TableOfAuthorities.objects.select_for_update().get(pk=table.pk)
        current = locked.pdf_revision == locked.revision
        if current and (locked.pdf_current or locked.pdf_pending):
            return locked
        locked.pdf_status, locked.pdf_message = PdfStatus.QUEUED, ""
        locked.pdf_revision = locked.revision
        locked.save(update_fields=["pdf_status", "pdf_message", "pdf_revision"])
        audit_record(
            actor=by,
            action="toa.pdf",
            summary=_short(
                f"Asked for the PDF of the table of authorities of {table.filename}", 500
            ),
            object_type="toa",
            object_id=locked.pk,
            matter_id=locked.matter_id,
            data={"revision": locked.revision},
        )
        if enqueue:
            from casedesk.web.toa.tasks import toa_pdf

            table_id = locked.pk
            transaction.on_commit(lambda: toa_pdf.enqueue(table_id))
    return locked


def toa_pdf_run(table_id: int) -> str:
    """Make the PDF of a table (the Word section laid out by the worker's LibreOffice)."""
    from casedesk.core.drafting.convert import ConversionError, soffice_path
    from casedesk.core.toa import write_toa_pdf

    table = TableOfAuthorities.objects.filter(pk=table_id).first()
    if table is None:
        return "missing"
    if table.pdf_status not in (PdfStatus.QUEUED, PdfStatus.RUNNING):
        return str(table.pdf_status)
    revision = table.revision
    _set(table, pdf_status=PdfStatus.RUNNING, pdf_message="")
    if soffice_path() is None:
        _set(table, pdf_status=PdfStatus.FAILED, pdf_message=NO_LIBREOFFICE)
        return PdfStatus.FAILED
    try:
        result = _stored(table)
        with work_dir() as tmp:
            dst = tmp / "table-of-authorities.pdf"
            write_toa_pdf(result, dst, converter=_converter())
            blob = blob_store_file(dst)
    except (ConversionError, ServiceError, OSError) as exc:
        message = getattr(exc, "message", None) or str(exc)
        _set(
            table,
            pdf_status=PdfStatus.FAILED,
            pdf_message=_short(f"The PDF could not be made: {message}", 500),
        )
        return PdfStatus.FAILED
    except Exception:
        log.exception("PDF of table of authorities %s failed", table_id)
        _set(
            table,
            pdf_status=PdfStatus.FAILED,
            pdf_message="The PDF could not be made because of an error on the server.",
        )
        raise
    _set(table, pdf_status=PdfStatus.DONE, pdf_blob=blob, pdf_revision=revision, pdf_message="")
    return PdfStatus.DONE


def toa_file_to_matter(*, by: Any, table: TableOfAuthorities) -> Document:
    """File the Word section of the table as it is now to the table's matter (a new document)."""
    from casedesk.web.documents.document_services import (
        DocumentDetails,
        IncomingFile,
        document_add,
    )

    require_writer(by)
    _require_table(by, table)
    if table.matter_id is None:
        raise ServiceError(
            "This table belongs to no matter; download the Word file and file it yourself."
        )
    matter = table.matter
    assert matter is not None
    name = export_name(table, "docx")
    with work_dir() as tmp:
        path = export_docx(table, tmp / name)
        with transaction.atomic():
            document = document_add(
                by=by,
                matter=matter,
                incoming=IncomingFile(path, name),
                details=DocumentDetails(
                    title=_short(f"Table of authorities: {table.filename}", 300)
                ),
            )
            TableOfAuthorities.objects.filter(pk=table.pk).update(filed_document=document)
            table.filed_document = document
            audit_record(
                actor=by,
                action="toa.file",
                summary=_short(
                    f"Filed the table of authorities of {table.filename} to matter {matter.number}",
                    SUMMARY_LIMIT,
                ),
                object_type="toa",
                object_id=table.pk,
                matter_id=matter.pk,
                data={"document": document.pk, "revision": table.revision},
            )
    return document
