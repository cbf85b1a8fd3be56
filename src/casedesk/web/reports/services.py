"""Writes of the reports app: asking for a case report, making it (the background task's
work), and writing one straight to a file for the command line.

A report is an export: anyone who may see the matter may make one, read-only users
included, and it shows what its maker may see (walls, restricted matters, redacted conflict
hits). Asking, making and downloading are each written to the audit log.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.http import Http404
from django.utils import timezone

from casedesk.core.reports.model import SECTION_TITLES, section_order
from casedesk.web.access import visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_store_file
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.reports.models import PENDING, Report, ReportChoice, ReportStatus
from casedesk.web.reports.render import report_docx, report_pdf, timeline_pictures
from casedesk.web.reports.selectors import report_data

log = logging.getLogger("casedesk.reports")
FORMATS = ("pdf", "docx")
Progress = Callable[[Report], None]


def _check(by: Any, matter: Matter) -> None:
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        raise ServiceError("Sign in again to make a report.")
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")


def clean_sections(sections: Iterable[Any]) -> tuple[str, ...]:
    """The chosen sections in report order; refuse none or unknown ones."""
    given = [str(s) for s in sections]
    unknown = sorted(set(given) - set(SECTION_TITLES))
    if unknown:
        raise ServiceError(f"There is no report section {unknown[0]!r}.", field="sections")
    chosen = section_order(given)
    if not chosen:
        raise ServiceError("Choose at least one section for the report.", field="sections")
    return chosen


def clean_formats(formats: Iterable[Any]) -> tuple[bool, bool]:
    """(PDF wanted, Word wanted); refuse none or an unknown format."""
    given = {str(f).lower() for f in formats}
    unknown = sorted(given - set(FORMATS))
    if unknown:
        raise ServiceError(
            f"A report is made as PDF or Word (docx), not {unknown[0]!r}.", field="formats"
        )
    if not given:
        raise ServiceError("Choose PDF, Word or both.", field="formats")
    return "pdf" in given, "docx" in given


def report_request(
    *,
    by: Any,
    matter: Matter,
    sections: Iterable[Any],
    material_only: bool = False,
    formats: Iterable[Any] = FORMATS,
    enqueue: bool = True,
) -> Report:
    """Ask for a case report of ``matter``; the worker makes it (``report_build`` task)."""
    _check(by, matter)
    chosen = clean_sections(sections)
    want_pdf, want_docx = clean_formats(formats)
    with transaction.atomic():
        busy = (
            Report.objects.select_for_update()
            .filter(matter=matter, created_by=by, status__in=PENDING)
            .exists()
        )
        if busy:
            raise ServiceError(
                "Your last report of this matter is still being made; wait for it to finish."
            )
        report = Report.objects.create(
            matter=matter,
            sections=list(chosen),
            material_only=bool(material_only),
            want_pdf=want_pdf,
            want_docx=want_docx,
            created_by=by,
            message="Waiting for the worker.",
        )
        ReportChoice.objects.update_or_create(
            user=by,
            defaults={
                "sections": list(chosen),
                "material_only": bool(material_only),
                "want_pdf": want_pdf,
                "want_docx": want_docx,
            },
        )
        audit_record(
            actor=by,
            action="report.request",
            object_type="case-report",
            object_id=report.pk,
            matter_id=matter.pk,
            summary=f"Asked for a case report of {matter.number} ({len(chosen)} sections)",
            data={
                "sections": list(chosen),
                "material_only": bool(material_only),
                "formats": report.formats,
            },
        )
        if enqueue:
            from casedesk.web.reports.tasks import report_build

            pk = report.pk
            transaction.on_commit(lambda: report_build.enqueue(pk))
    return report


def _set(report: Report, percent: int, message: str, progress: Progress | None) -> None:
    report.progress, report.message = max(0, min(99, percent)), message[:1000]
    Report.objects.filter(pk=report.pk).update(progress=report.progress, message=report.message)
    if progress:
        progress(report)


@dataclass
class Built:
    """What a build made: the PDF (bytes and pages) and the Word file's path."""

    pdf: bytes | None = None
    pages: int | None = None
    docx: Path | None = None
    facts: int = 0
    documents: int = 0
    layout_cpu: float = 0.0  # CPU seconds WeasyPrint spent on the PDF's parts, all processes


def build_files(
    *,
    by: Any,
    matter: Matter,
    sections: Iterable[str],
    material_only: bool,
    want_pdf: bool,
    want_docx: bool,
    folder: Path,
    step: Callable[[int, str], None] | None = None,
) -> Built:
    """Read the records as ``by`` may see them and make the files (no database writes)."""

    def say(percent: int, message: str) -> None:
        if step:
            step(percent, message)

    say(3, "Reading the matter's records.")
    try:
        data = report_data(by, matter, sections=sections, material_only=material_only)
    except Http404 as exc:
        raise ServiceError("The report's maker can no longer see this matter.") from exc
    report = data.report
    built = Built(
        facts=len(report.chronology.facts) if report.chronology else 0,
        documents=len(report.documents),
    )
    say(15, "Drawing the timeline.")
    svg, png = timeline_pictures(data, svg=want_pdf, png=want_docx)
    if want_pdf:
        say(20, "Laying out the PDF.")

        def part_done(done: int, total: int) -> None:
            say(20 + 65 * done // max(total, 1), f"Laid out part {done} of {total} of the PDF.")

        rendered = report_pdf(report, timeline_svg=svg, progress=part_done)
        built.pdf, built.pages = rendered.data, rendered.pages
        built.layout_cpu = rendered.layout_cpu_seconds
    if want_docx:
        say(88, "Writing the Word document.")
        built.docx = folder / "report.docx"
        report_docx(report, built.docx, timeline_png=png)
    return built


def report_run(report_id: int, *, progress: Progress | None = None) -> Report | None:
    """Make a queued report; returns it done or failed (None when it no longer exists)."""
    with transaction.atomic():
        report = Report.objects.select_for_update().filter(pk=report_id).first()
        if report is None or report.status not in PENDING:
            return report
        report.status, report.progress = ReportStatus.RUNNING, 0
        report.message, report.started_at = "Starting.", timezone.now()
        report.save(update_fields=["status", "progress", "message", "started_at"])
    report = Report.objects.select_related("matter", "created_by").get(pk=report_id)
    started = time.perf_counter()
    try:
        with tempfile.TemporaryDirectory(prefix="casedesk-report-") as tmp:
            folder = Path(tmp)
            built = build_files(
                by=report.created_by,
                matter=report.matter,
                sections=report.sections,
                material_only=report.material_only,
                want_pdf=report.want_pdf,
                want_docx=report.want_docx,
                folder=folder,
                step=lambda percent, message: _set(report, percent, message, progress),
            )
            _set(report, 95, "Storing the files.", progress)
            pdf_blob = docx_blob = None
            if built.pdf is not None:
                pdf_path = folder / "report.pdf"
                pdf_path.write_bytes(built.pdf)
                pdf_blob = blob_store_file(pdf_path)
            if built.docx is not None:
                docx_blob = blob_store_file(built.docx)
    except Exception as exc:  # shown on the page; nothing half-made is kept
        if not isinstance(exc, ServiceError):
            log.exception("case report %s failed", report_id)
        message = (
            exc.message
            if isinstance(exc, ServiceError)
            else "The report could not be made; the error is in the server log. Try again, "
            "or with fewer sections."
        )
        Report.objects.filter(pk=report.pk).update(
            status=ReportStatus.FAILED, message=message[:1000], finished_at=timezone.now()
        )
    else:
        seconds = round(time.perf_counter() - started, 2)
        with transaction.atomic():
            Report.objects.filter(pk=report.pk).update(
                status=ReportStatus.DONE,
                progress=100,
                pdf_blob=pdf_blob,
                docx_blob=docx_blob,
                pages=built.pages,
                facts=built.facts,
                documents=built.documents,
                seconds=seconds,
                finished_at=timezone.now(),
                message=_done_message(built),
            )
            audit_record(
                actor=report.created_by,
                action="report.done",
                object_type="case-report",
                object_id=report.pk,
                matter_id=report.matter_id,
                summary=f"Made a case report of {report.matter.number}"
                + (f" ({built.pages} pages)" if built.pages else ""),
                data={
                    "sections": report.sections,
                    "pdf_sha256": pdf_blob.sha256 if pdf_blob else "",
                    "docx_sha256": docx_blob.sha256 if docx_blob else "",
                    "seconds": seconds,
                },
            )
    report.refresh_from_db()
    if progress:
        progress(report)
    return report


def _done_message(built: Built) -> str:
    parts = []
    if built.pages is not None:
        parts.append(f"PDF of {built.pages:,} page{'s' if built.pages != 1 else ''}")
    if built.docx is not None:
        parts.append("Word document")
    return "Ready: " + " and ".join(parts) + "."


def report_write(
    *,
    by: Any,
    matter: Matter,
    fmt: str,
    path: Path,
    sections: Iterable[Any] | None = None,
    material_only: bool = False,
) -> int | None:
    """Make the report in this process and write it to ``path`` (the command line); returns
    the PDF's page count (None for Word). Audited as an export."""
    _check(by, matter)
    want_pdf, want_docx = clean_formats([fmt])
    chosen = clean_sections(sections if sections is not None else SECTION_TITLES)
    with tempfile.TemporaryDirectory(prefix="casedesk-report-") as tmp:
        built = build_files(
            by=by,
            matter=matter,
            sections=chosen,
            material_only=material_only,
            want_pdf=want_pdf,
            want_docx=want_docx,
            folder=Path(tmp),
        )
        out = Path(path)
        partial = out.with_name(f".{out.name}.part")
        if built.pdf is not None:
            partial.write_bytes(built.pdf)
        elif built.docx is not None:
            partial.write_bytes(built.docx.read_bytes())
        partial.replace(out)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="export",
            object_type="case-report",
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Wrote a case report of {matter.number} as {fmt.upper()} from the command line",
            data={"format": fmt, "sections": list(chosen), "pages": built.pages},
        )
    return built.pages
