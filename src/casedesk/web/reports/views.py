"""The case report pages: choose the sections and ask for a report, watch it being made,
download its PDF and Word files.

A report is an export: read-only users may make and download one. Everything is read
through :mod:`casedesk.web.access` (a walled matter's report is a 404). Downloads are audited.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods

from casedesk.core.extract.filenames import clean_filename
from casedesk.web.access import get_visible_matter
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.views_document import file_response
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.reports import selectors
from casedesk.web.reports.forms import ReportForm
from casedesk.web.reports.services import report_request

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _initial(request: HttpRequest) -> dict[str, object]:
    choice = selectors.report_choice(request.user)
    return {
        "sections": list(choice.sections),
        "material_only": choice.material_only,
        "formats": [f for f, on in (("pdf", choice.want_pdf), ("docx", choice.want_docx)) if on],
    }


def _page(
    request: HttpRequest, matter: Matter, form: ReportForm, *, status: int = 200
) -> HttpResponse:
    context = {
        "matter": matter,
        "form": form,
        "reports": selectors.matter_reports(request.user, matter),
    }
    return render(request, "reports/matter_reports.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def matter_reports_page(request: HttpRequest, pk: int) -> HttpResponse:
    """A matter's case reports: the section chooser, and the reports made so far."""
    matter = get_visible_matter(request.user, pk)
    if request.method != "POST":
        return _page(request, matter, ReportForm(initial=_initial(request)))
    form = ReportForm(request.POST)
    if not form.is_valid():
        return _page(request, matter, form, status=400)
    data = form.cleaned_data
    try:
        report = report_request(
            by=request.user,
            matter=matter,
            sections=data["sections"],
            material_only=data["material_only"],
            formats=data["formats"],
        )
    except ServiceError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return _page(request, matter, form, status=400)
    messages.success(request, "Your case report is being made; it appears below when ready.")
    return redirect(f"{reverse('reports:matter', args=[matter.pk])}#report-{report.pk}")


@require_GET
def report_status(request: HttpRequest, pk: int) -> HttpResponse:
    """One report's row (polled while it is being made)."""
    report = selectors.get_visible_report(request.user, pk)
    return render(request, "reports/_report_row.html", {"r": report})


def _download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    report = selectors.get_visible_report(request.user, pk)
    blob = report.pdf_blob if fmt == "pdf" else report.docx_blob
    if blob is None:
        raise Http404("This report has no such file.")
    try:
        handle = blob_open(blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask an administrator to restore it from the backup.")
        return redirect("reports:matter", pk=report.matter_id)
    matter = report.matter
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="download",
            object_type="case-report",
            object_id=report.pk,
            matter_id=report.matter_id,
            summary=f"Downloaded the case report of {matter.number} as {fmt.upper()}",
            data={"format": fmt, "sha256": blob.sha256},
        )
    stamp = timezone.localtime(report.created_at).strftime("%Y-%m-%d")
    return file_response(
        handle,
        content_type=CONTENT_TYPES[fmt],
        filename=clean_filename(f"Case report {matter.number} {stamp}.{fmt}"),
        size=blob.size,
    )


@require_GET
def report_download_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's PDF."""
    return _download(request, pk, "pdf")


@require_GET
def report_download_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's Word document."""
    return _download(request, pk, "docx")


__all__ = [
    "matter_reports_page",
    "report_download_docx",
    "report_download_pdf",
    "report_status",
]
