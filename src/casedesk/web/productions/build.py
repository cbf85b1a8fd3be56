"""Building a production volume: the body of the ``production_build`` background task.

For each document in order: its PDF (PDFs as stored; Word and text converted by LibreOffice;
images turned into pages), its numbers reserved if creation could not count its pages, then
every page Bates-stamped (``core.pdf.stamp.bates_stamp``) with its legend; a native
(spreadsheet, audio, e-mail, archive, unknown) gets a numbered slip sheet and its file is
copied as ``NATIVES/<BEGBATES>.<ext>``. Then the volume::

    <VOL>/IMAGES/<BEGBATES>.pdf       one stamped PDF per document (slip sheet for natives)
    <VOL>/NATIVES/<BEGBATES>.<ext>    natives, renamed to their Bates number
    <VOL>/TEXT/<BEGBATES>.txt         the document's extracted text (when it has any)
    <VOL>/DATA/<VOL>.dat, .opt        Concordance DAT and Opticon OPT load files
    <VOL>/DATA/<VOL>_log.csv, .xlsx, .pdf   the production log
    <VOL>/COMBINED/<VOL>.pdf          optional: every stamped page in one PDF, a bookmark per
                                      document and the Bates labels as page labels

zipped and stored as a blob. Each document's ``bates_start``/``bates_end`` is set. A failure
marks the production failed with a sentence naming the file, and releases its numbers.
Originals are only ever read.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_store_file
from casedesk.web.documents.models import Document
from casedesk.web.drafting.services import work_dir
from casedesk.web.errors import ServiceError
from casedesk.web.productions.ledger import release_ranges, reserve_ranges
from casedesk.web.productions.models import JobStatus, Production, ProductionItem
from casedesk.web.productions.prepare import (
    Prepared,
    PrepareError,
    native_extension,
    prepare,
)

log = logging.getLogger("casedesk.productions")

Progress = Callable[[Production], None]
COMPRESSED = (".txt", ".dat", ".opt", ".csv")
NOTES_KEPT = 50


class BuildError(Exception):
    """The build stopped; the message is the sentence shown on the production's page."""


def stamp_style(production: Production) -> Any:
    """The core stamp style of a production."""
    from casedesk.core.pdf.stamp import StampStyle

    return StampStyle(font=production.font, size=production.size, position=production.position)


def _set_progress(production: Production, percent: int, message: str) -> None:
    production.progress = max(0, min(99, percent))
    production.message = message[:1000]
    Production.objects.filter(pk=production.pk).update(
        progress=production.progress, message=production.message
    )


def production_run(production_id: int, *, progress: Progress | None = None) -> Production:
    """Build a queued production; returns it done or failed (never left running)."""
    with transaction.atomic():
        production = Production.objects.select_for_update().filter(pk=production_id).first()
        if production is None or production.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
            return production  # type: ignore[return-value]
        production.status = JobStatus.RUNNING
        production.started_at = timezone.now()
        production.progress = 0
        production.message = "Starting."
        production.save(update_fields=["status", "started_at", "progress", "message"])
    production = Production.objects.select_related("matter", "created_by").get(pk=production_id)
    try:
        _build(production, progress)
    except Exception as exc:  # every failure is shown on the page; the numbers are released
        message = failure_message(exc)
        if not isinstance(exc, (BuildError, ServiceError)):
            log.exception("production %s failed", production_id)
        _fail(production, message)
    production.refresh_from_db()
    if progress:
        progress(production)
    return production


def failure_message(exc: BaseException) -> str:
    """The sentence a failed build shows."""
    if isinstance(exc, BuildError):
        return str(exc)
    if isinstance(exc, ServiceError):
        return exc.message
    if isinstance(exc, OSError):
        return (
            "The volume could not be written on the server "
            f"({exc.strerror or exc}); ask an administrator to check the disk space."
        )
    return "The production could not be built because of an error on the server (see its log)."


def _fail(production: Production, message: str) -> None:
    with transaction.atomic():
        released = release_ranges(production)
        production.status = JobStatus.FAILED
        production.message = f"{message} Nothing was produced; its numbers are free again."[:1000]
        production.finished_at = timezone.now()
        production.save(update_fields=["status", "message", "finished_at"])
        audit_record(
            actor=production.created_by,
            action="production.failed",
            object_type="production",
            object_id=production.pk,
            matter_id=production.matter_id,
            summary=f"Production {production.volume} failed: {message}"[:500],
            data={"released": released},
        )


def _items(production: Production) -> list[ProductionItem]:
    return list(
        production.items.select_related("version", "document", "range").order_by("position")
    )


def _prepare_all(
    production: Production, items: Sequence[ProductionItem], work: Path
) -> list[Prepared]:
    prepared: list[Prepared] = []
    total = len(items)
    for index, item in enumerate(items):
        if item.version is None:
            raise BuildError(f"{item.title} is no longer in the case file (it was purged).")
        _set_progress(
            production,
            2 + 28 * index // total,
            f"Preparing {index + 1} of {total}: {item.filename}",
        )
        try:
            prepared.append(prepare(item.version, work / str(index)))
        except PrepareError as exc:
            raise BuildError(str(exc)) from exc
    return prepared


def _reserve_if_needed(
    production: Production, items: list[ProductionItem], prepared: Sequence[Prepared]
) -> list[ProductionItem]:
    counts = [p.pages for p in prepared]
    if all(item.range_id is None for item in items):
        with transaction.atomic():
            reserve_ranges(production, counts)
        production.refresh_from_db()
        return _items(production)
    for item, count in zip(items, counts, strict=True):
        if item.range is None or item.range.pages != count:
            raise BuildError(
                f"{item.filename} has {count} pages now, not the {item.range.pages if item.range else 0} "
                "its numbers were reserved for; create the production again."
            )
    return items


def _build(production: Production, progress: Progress | None) -> None:
    from casedesk.core.pdf.errors import PdfInputError
    from casedesk.core.pdf.slipsheet import slip_sheet
    from casedesk.core.pdf.stamp import bates_stamp
    from casedesk.core.production.loadfiles import ProducedDocument, file_md5

    items = _items(production)
    vol = production.volume
    with work_dir() as tmp:
        root = tmp / "volume" / vol
        for folder in ("IMAGES", "NATIVES", "TEXT", "DATA"):
            (root / folder).mkdir(parents=True)
        prepared = _prepare_all(production, items, tmp / "work")
        items = _reserve_if_needed(production, items, prepared)
        if progress:
            progress(production)
        style = stamp_style(production)
        docs: list[Any] = []
        notes: list[str] = []
        total = len(items)
        for index, (item, prep) in enumerate(zip(items, prepared, strict=True)):
            rng = item.range
            assert rng is not None and item.version is not None
            label = rng.begin_label
            _set_progress(
                production,
                30 + 55 * index // total,
                f"Stamping {index + 1} of {total}: {item.filename} ({label})",
            )
            image = root / "IMAGES" / f"{label}.pdf"
            native_rel = ""
            try:
                if prep.pdf is None:
                    slip_sheet(
                        image,
                        label=label,
                        title=item.title,
                        filename=item.filename,
                        legend=item.legend,
                        style=style,
                    )
                    native_rel = f"NATIVES/{label}{native_extension(item.version)}"
                    shutil.copyfile(prep.original, root / native_rel)
                else:
                    result = bates_stamp(
                        prep.pdf,
                        image,
                        prefix=production.prefix,
                        first=rng.begin,
                        digits=production.digits,
                        style=style,
                        legend=item.legend,
                        name=item.filename,
                    )
                    notes.extend(result.warnings)
                    if result.end != rng.end:
                        raise BuildError(
                            f"{item.filename} was stamped {result.pages} pages but "
                            f"{rng.pages} numbers were reserved for it."
                        )
            except PdfInputError as exc:
                raise BuildError(str(exc)) from exc
            except ValueError as exc:  # a legend or label the stamp refused
                raise BuildError(f"{item.filename}: {exc}") from exc
            text_rel = ""
            if item.version.text.strip():
                text_rel = f"TEXT/{label}.txt"
                (root / text_rel).write_text(item.version.text, encoding="utf-8")
            item.stamped_blob = blob_store_file(image)
            item.native_blob_id = item.version.blob_id if prep.pdf is None else None
            document = item.document
            docs.append(
                ProducedDocument(
                    begin_label=label,
                    end_label=rng.end_label,
                    pages=rng.pages,
                    title=item.title,
                    date=document.document_date if document is not None else None,
                    custodian=item.custodian,
                    confidentiality=item.legend,
                    filename=item.filename,
                    native_path=native_rel,
                    pdf_path=f"IMAGES/{label}.pdf",
                    text_path=text_rel,
                    md5=file_md5(prep.original),
                )
            )
            if progress:
                progress(production)
        _set_progress(production, 87, "Writing the load files and the production log.")
        write_volume_data(production, docs, root / "DATA")
        if production.combined:
            _set_progress(production, 90, "Combining every stamped page into one PDF.")
            combine(production, docs, root)
        _set_progress(production, 94, "Packing the volume as a ZIP file.")
        archive = tmp / f"{vol}.zip"
        zip_folder(root, archive, vol)
        zip_blob = blob_store_file(archive)
    _finish(production, items, docs, zip_blob, notes)


def _finish(
    production: Production,
    items: Sequence[ProductionItem],
    docs: Sequence[Any],
    zip_blob: Any,
    notes: Sequence[str],
) -> None:
    pages = sum(d.pages for d in docs)
    first, last = docs[0].begin_label, docs[-1].end_label
    count = len(docs)
    summary = (
        f"{count} document{'s' if count != 1 else ''}, {pages:,} page{'s' if pages != 1 else ''}:"
        f" {first} to {last}."
    )
    with transaction.atomic():
        ProductionItem.objects.bulk_update(list(items), ["stamped_blob", "native_blob"])
        now = timezone.now()
        for item in items:
            if item.document_id and item.range is not None:
                Document.objects.filter(pk=item.document_id).update(
                    bates_start=item.range.begin_label,
                    bates_end=item.range.end_label,
                    updated_at=now,
                )
        production.status = JobStatus.DONE
        production.progress = 100
        production.pages = pages
        production.zip_blob = zip_blob
        production.notes = list(notes)[:NOTES_KEPT]
        production.message = f"Done: {summary}"
        production.finished_at = now
        production.save(
            update_fields=[
                "status",
                "progress",
                "pages",
                "zip_blob",
                "notes",
                "message",
                "finished_at",
            ]
        )
        audit_record(
            actor=production.created_by,
            action="production.done",
            object_type="production",
            object_id=production.pk,
            matter_id=production.matter_id,
            summary=f"Built production {production.volume}: {summary}",
            data={"volume": production.volume, "pages": pages, "zip": zip_blob.sha256},
        )


# --- the volume's files ----------------------------------------------------------------------------


def log_title(production: Production) -> str:
    """The production log's heading."""
    return f"Production log {production.volume} · {production.matter.number}"


def start_note(production: Production) -> str:
    """What the log says when the first production under a prefix chose its first number."""
    if not production.start_chosen:
        return ""
    return (
        f"Numbering under {production.prefix} in this matter starts at "
        f"{production.start_label} (the first number chosen for this first production)."
    )


def write_volume_data(production: Production, docs: Sequence[Any], data: Path) -> None:
    """The DAT, OPT and the production log (CSV, XLSX, PDF) into ``data``."""
    from casedesk.core.production.loadfiles import (
        write_dat,
        write_log_csv,
        write_log_xlsx,
        write_opt,
    )

    vol = production.volume
    write_dat(docs, data / f"{vol}.dat")
    write_opt(docs, data / f"{vol}.opt", volume=vol)
    write_log_csv(docs, data / f"{vol}_log.csv")
    title = log_title(production)
    note = start_note(production)
    write_log_xlsx(docs, data / f"{vol}_log.xlsx", title=f"{title}. {note}" if note else title)
    write_log_pdf(production, docs, data / f"{vol}_log.pdf")


def write_log_pdf(production: Production, docs: Sequence[Any], path: Path) -> None:
    """The production log as a printable PDF (WeasyPrint)."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import

    html = render_to_string(
        "productions/log_pdf.html",
        {
            "firm_name": settings.CASEDESK_FIRM_NAME,
            "production": production,
            "matter": production.matter,
            "docs": docs,
            "pages": sum(d.pages for d in docs),
            "title": log_title(production),
            "start_note": start_note(production),
            "printed_at": timezone.localtime(),
        },
    )
    HTML(string=html).write_pdf(str(path))


def combine(production: Production, docs: Sequence[Any], root: Path) -> Path:
    """Every stamped PDF in one file (``COMBINED/<VOL>.pdf``): qpdf joins them without
    holding pages in memory; then a bookmark per document and the Bates labels as page labels.
    """
    import pikepdf

    folder = root / "COMBINED"
    folder.mkdir(exist_ok=True)
    joined = folder / "joined.pdf"
    args = folder / "args.txt"
    lines = ["--empty", "--pages", *(str(root / d.pdf_path) for d in docs), "--", str(joined)]
    args.write_text("\n".join(lines) + "\n", encoding="utf-8")
    exe = shutil.which("qpdf") or "qpdf"
    done = subprocess.run([exe, f"@{args}"], capture_output=True, text=True, check=False)
    args.unlink()
    if done.returncode not in (0, 3) or not joined.exists():  # 3: warnings only
        raise BuildError(f"The combined PDF could not be made: {done.stderr.strip()[:300]}")
    out = folder / f"{production.volume}.pdf"
    with pikepdf.open(joined) as pdf:
        nums: list[Any] = []
        page = 0
        with pdf.open_outline() as outline:
            for d in docs:
                title = (
                    f"{d.begin_label}-{d.end_label} {d.title}"
                    if d.pages > 1
                    else (f"{d.begin_label} {d.title}")
                )
                outline.root.append(pikepdf.OutlineItem(title, page))
                for label in d.labels():
                    nums.extend([page, pikepdf.Dictionary(P=pikepdf.String(label))])
                    page += 1
        pdf.Root.PageLabels = pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(nums)))
        pdf.save(out)
    joined.unlink()
    return out


def zip_folder(root: Path, archive: Path, top: str) -> None:
    """Zip every file under ``root`` as ``top/...`` (text compressed, PDFs stored)."""
    with zipfile.ZipFile(archive, "w", allowZip64=True) as zf:
        for path in sorted(p for p in root.rglob("*") if p.is_file()):
            rel = path.relative_to(root).as_posix()
            method = (
                zipfile.ZIP_DEFLATED if path.suffix.lower() in COMPRESSED else (zipfile.ZIP_STORED)
            )
            zf.write(path, f"{top}/{rel}", compress_type=method)
