"""The clerk's research work: importing opinions (progress, rejected records, resume), cite-
checking a draft (report as a page, JSON, PDF and HTML), and a matter's saved authorities.

Imports are firm-wide (writers only). Cite-checks and authorities are matter data: they go
through :mod:`casedesk.web.access` and are a 404 for anyone the matter is hidden from.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import AccessDenied, get_visible_matter
from casedesk.web.documents.upload_limit import limit_text
from casedesk.web.documents.views_document import content_disposition
from casedesk.web.documents.views_files import (
    error_text,
    form_errors,
    incoming_files,
    upload_guard,
)
from casedesk.web.errors import ServiceError
from casedesk.web.research import selectors
from casedesk.web.research.forms import (
    AuthorityAddForm,
    AuthorityEditForm,
    CiteCheckForm,
    ImportForm,
)
from casedesk.web.research.import_services import (
    ImportFile,
    import_cancel,
    import_resume,
    import_start,
)
from casedesk.web.research.models import ImportJob
from casedesk.web.research.services import (
    authority_delete,
    authority_save,
    authority_update,
    cite_check_start,
    cli_json,
)

JOBS_SHOWN = 30
CHECKS_SHOWN = 50


def _refused(request: HttpRequest) -> str:
    return str(getattr(request, "upload_refused", "") or "")


def _get_job(pk: Any) -> ImportJob:
    try:
        return ImportJob.objects.select_related("created_by").get(pk=pk)
    except (ImportJob.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such import.") from exc


# --- import --------------------------------------------------------------------------------------


def _import_context(request: HttpRequest, form: ImportForm, **extra: Any) -> dict[str, Any]:
    limit = int(settings.CASEDESK_MAX_UPLOAD_BYTES)
    return {
        "form": form,
        "jobs": list(ImportJob.objects.select_related("created_by")[:JOBS_SHOWN]),
        "max_text": limit_text(limit),
        "library_size": selectors.library_size(),
        "error": "",
        **extra,
    }


@upload_guard
def import_page(request: HttpRequest) -> HttpResponse:
    """Upload opinion files to import (several at once), and the imports with their progress."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    if request.method != "POST":
        return render(request, "research/import.html", _import_context(request, ImportForm()))
    form = ImportForm(request.POST)
    error = _refused(request)
    status = 413 if error else 400
    if not error:
        files = request.FILES.getlist("files")
        try:
            if not form.is_valid():
                raise ServiceError(form_errors(form))
            if not files:
                raise ServiceError("Choose at least one file to import.")
            with incoming_files(files) as incoming:
                job = import_start(
                    by=request.user,
                    files=[ImportFile(f.path, f.name) for f in incoming],
                    fmt=form.cleaned_data["format"],
                )
        except AccessDenied as exc:
            error, status = error_text(exc), 403
        except ServiceError as exc:
            error = error_text(exc)
        else:
            messages.success(
                request,
                f"Import {job.pk} is queued: {job.file_names}. Its progress shows below.",
            )
            return redirect("research:import")
    context = _import_context(request, form, error=error)
    return render(request, "research/import.html", context, status=status)


@require_GET
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One import: its numbers, progress, and every rejected record with the reason."""
    return render(request, "research/job.html", {"job": _get_job(pk)})


@require_GET
def job_status(request: HttpRequest, pk: int) -> HttpResponse:
    """A job's row in the list (polled every 2 s while it runs)."""
    return render(request, "research/_job_row.html", {"job": _get_job(pk)})


@require_POST
def job_resume(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed or cancelled import again; it continues where it stopped."""
    job = _get_job(pk)
    try:
        import_resume(by=request.user, job=job)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request, f"Import {job.pk} is queued again; it continues where it stopped."
        )
    return redirect("research:import")


@require_POST
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Stop an import after the batch being written (what is imported stays)."""
    job = _get_job(pk)
    try:
        import_cancel(by=request.user, job=job)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Import {job.pk} is cancelled; you can resume it later.")
    return redirect("research:import")


# --- cite-check ----------------------------------------------------------------------------------


def _checks_context(request: HttpRequest, form: CiteCheckForm, **extra: Any) -> dict[str, Any]:
    return {
        "form": form,
        "checks": list(selectors.visible_cite_checks(request.user)[:CHECKS_SHOWN]),
        "max_text": limit_text(int(settings.CASEDESK_MAX_UPLOAD_BYTES)),
        "library_size": selectors.library_size(),
        "error": "",
        **extra,
    }


@upload_guard
def cite_check_page(request: HttpRequest) -> HttpResponse:
    """Upload a draft (PDF, Word, text) to check its citations; the checks made so far."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    if request.method != "POST":
        form = CiteCheckForm(user=request.user, initial={"matter": request.GET.get("matter")})
        return render(request, "research/cite_check.html", _checks_context(request, form))
    form = CiteCheckForm(request.POST, user=request.user)
    error = _refused(request)
    status = 413 if error else 400
    if not error:
        upload = request.FILES.get("file")
        try:
            if not form.is_valid():
                raise ServiceError(form_errors(form))
            if upload is None:
                raise ServiceError("Choose the draft to check.")
            matter = form.cleaned_data.get("matter")
            with incoming_files([upload]) as incoming:
                check = cite_check_start(
                    by=request.user,
                    path=incoming[0].path,
                    filename=upload.name or "draft",
                    matter=matter,
                )
        except AccessDenied as exc:
            error, status = error_text(exc), 403
        except ServiceError as exc:
            error = error_text(exc)
        else:
            return redirect("research:cite_check_report", pk=check.pk)
    context = _checks_context(request, form, error=error)
    return render(request, "research/cite_check.html", context, status=status)


def _report_context(request: HttpRequest, pk: int) -> dict[str, Any]:
    check = selectors.get_visible_cite_check(request.user, pk)
    rows = selectors.report_rows(check)
    counts = check.counts
    order = ("not_found", "name_mismatch", "year_mismatch", "malformed", "ambiguous", "found")
    return {
        "check": check,
        "rows": rows,
        "counts": [(s, selectors.STATUS_LABELS[s], counts[s]) for s in order if counts.get(s)],
        "problems": sum(n for s, n in counts.items() if s != "found"),
        "firm_name": settings.CASEDESK_FIRM_NAME,
        "printed_at": timezone.localtime(),
        "printed_by": request.user,
    }


@require_GET
def cite_check_report(request: HttpRequest, pk: int) -> HttpResponse:
    """The report: each citation with its status, sentence, library opinion and message."""
    return render(request, "research/report.html", _report_context(request, pk))


@require_GET
def cite_check_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The check's progress (polled while it runs; the page reloads when it is done)."""
    check = selectors.get_visible_cite_check(request.user, pk)
    response = render(request, "research/_check_status.html", {"check": check})
    if not check.pending and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _ready(request: HttpRequest, pk: int) -> dict[str, Any]:
    context = _report_context(request, pk)
    if context["check"].status != "done":
        raise Http404("The report is not ready.")
    return context


def _name(context: dict[str, Any], ext: str) -> str:
    stem = context["check"].filename.rsplit(".", 1)[0] or "draft"
    return f"cite-check-{stem}.{ext}"


@require_GET
def report_json(request: HttpRequest, pk: int) -> HttpResponse:
    context = _ready(request, pk)
    data = cli_json(context["check"].result)
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json"
    )
    response["Content-Disposition"] = content_disposition(_name(context, "json"))
    return response


@require_GET
def report_html(request: HttpRequest, pk: int) -> HttpResponse:
    context = _ready(request, pk)
    response = HttpResponse(render_to_string("research/report_print.html", context))
    response["Content-Disposition"] = content_disposition(_name(context, "html"))
    return response


@require_GET
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import

    context = _ready(request, pk)
    pdf = HTML(string=render_to_string("research/report_print.html", context)).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(_name(context, "pdf"))
    return response


# --- a matter's authorities --------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def authorities(request: HttpRequest, pk: int) -> HttpResponse:
    """The authorities saved to a matter (notes, tags); add one by its citation."""
    matter = get_visible_matter(request.user, pk)
    form = AuthorityAddForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST" and not getattr(request.user, "can_write", False):
        messages.error(request, "Your role is read-only: ask a colleague to save authorities.")
        return redirect("research:authorities", pk=matter.pk)
    if request.method == "POST":
        status = 400
        if form.is_valid():
            try:
                authority = authority_save(
                    by=request.user,
                    matter=matter,
                    citation=form.cleaned_data["citation"],
                    notes=form.cleaned_data["notes"],
                    tags=form.cleaned_data["tags"],
                )
            except ServiceError as exc:
                field = exc.field if exc.field in ("citation", "notes", "tags") else None
                form.add_error(field, error_text(exc))
            else:
                messages.success(request, f"Saved {authority.citation} to {matter.number}.")
                return redirect("research:authorities", pk=matter.pk)
    tag = request.GET.get("tag", "").strip().lower()
    context = {
        "matter": matter,
        "form": form,
        "tag": tag,
        "authorities": list(selectors.matter_authorities(request.user, matter, tag=tag)),
        "checks": list(selectors.visible_cite_checks(request.user).filter(matter=matter)[:20]),
    }
    return render(request, "research/authorities.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def authority_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an authority's notes and tags."""
    authority = selectors.get_visible_authority(request.user, pk)
    if request.method != "POST":
        form = AuthorityEditForm(initial={"notes": authority.notes, "tags": authority.tags})
        return render(request, "research/authority_edit.html", {"a": authority, "form": form})
    form = AuthorityEditForm(request.POST)
    if form.is_valid():
        try:
            authority_update(
                by=request.user,
                authority=authority,
                notes=form.cleaned_data["notes"],
                tags=form.cleaned_data["tags"],
            )
        except ServiceError as exc:
            form.add_error(None, error_text(exc))
        else:
            messages.success(request, f"Saved the notes on {authority.citation}.")
            return redirect("research:authorities", pk=authority.matter_id)
    return render(
        request, "research/authority_edit.html", {"a": authority, "form": form}, status=400
    )


@require_POST
def authority_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Remove an authority from its matter."""
    authority = selectors.get_visible_authority(request.user, pk)
    matter_id = authority.matter_id
    try:
        authority_delete(by=request.user, authority=authority)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Removed {authority.citation} from the matter.")
    return redirect("research:authorities", pk=matter_id)
