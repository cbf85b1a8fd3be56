"""The table-of-authorities pages: upload a brief (or pick one of a matter's documents), watch
the worker make the table, review it (merge, rename, move, passim, undo all), and export it
as JSON (the CLI's contract), Word and PDF, or file the Word section to the matter.

Everything is read through :mod:`.selectors` (built on :mod:`casedesk.web.access`): a walled
matter's table is a 404. Read-only users see and export, but cannot change a table. Each
review action is a plain POST that comes back to the entry it changed (works without
JavaScript); downloads are written to the audit log.
"""

from __future__ import annotations

import json
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import format_html
from django.views.decorators.http import require_GET, require_POST

from casedesk.core.toa import data as toa_data
from casedesk.web.access import AccessDenied, visible_matters
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.upload_limit import limit_text
from casedesk.web.documents.views_document import content_disposition, file_response
from casedesk.web.documents.views_files import error_text, form_errors, incoming_files, upload_guard
from casedesk.web.errors import ServiceError
from casedesk.web.toa import selectors
from casedesk.web.toa.forms import MoveForm, PassimForm, RenameForm, ToaStartForm
from casedesk.web.toa.models import TableOfAuthorities
from casedesk.web.toa.services import (
    export_docx,
    export_json,
    export_name,
    toa_export_record,
    toa_file_to_matter,
    toa_merge,
    toa_move,
    toa_pdf_request,
    toa_rename,
    toa_set_passim,
    toa_start,
    toa_start_from_document,
    toa_undo_all,
    work_dir,
)

TABLES_SHOWN = 50
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _can_write(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "can_write", False))


def _matter_from_query(request: HttpRequest) -> Any:
    raw = request.GET.get("matter", "")
    if not raw.isdigit():
        return None
    return visible_matters(request.user).filter(pk=raw).first()


# --- the start page ------------------------------------------------------------------------------


def _start_context(
    request: HttpRequest, form: ToaStartForm, matter: Any, **extra: Any
) -> dict[str, Any]:
    return {
        "form": form,
        "matter": matter,
        "tables": list(selectors.table_list(request.user, matter=matter)[:TABLES_SHOWN]),
        "max_text": limit_text(int(settings.CASEDESK_MAX_UPLOAD_BYTES)),
        "matters": list(visible_matters(request.user).order_by("-number")),
        "has_briefs": bool(getattr(form, "picked_matter", None))
        and form.fields["document"].queryset.exists(),  # type: ignore[attr-defined]
        "error": "",
        **extra,
    }


@upload_guard
def start(request: HttpRequest) -> HttpResponse:
    """The tables made so far, and the form to make one from a brief (PDF or Word)."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    if request.method != "POST":
        matter = _matter_from_query(request)
        form = ToaStartForm(user=request.user, matter=matter, initial={"matter": matter})
        return render(request, "toa/start.html", _start_context(request, form, matter))
    form = ToaStartForm(request.POST, user=request.user)
    error = str(getattr(request, "upload_refused", "") or "")
    status = 413 if error else 400
    if not error:
        upload = request.FILES.get("file")
        try:
            if not form.is_valid():
                raise ServiceError(form_errors(form))
            document = form.cleaned_data.get("document")
            options = {
                "passim": form.cleaned_data["passim"],
                "paragraphs": form.cleaned_data["paragraphs"],
            }
            if document is not None and upload is not None:
                raise ServiceError(
                    "Upload a brief or pick one of the matter’s documents, not both.", field="file"
                )
            if document is not None:
                table = toa_start_from_document(by=request.user, document=document, **options)
            elif upload is None:
                raise ServiceError(
                    "Choose the brief: upload a PDF or Word file, or pick one of the matter’s "
                    "documents.",
                    field="file",
                )
            else:
                with incoming_files([upload]) as incoming:
                    table = toa_start(
                        by=request.user,
                        path=incoming[0].path,
                        filename=upload.name or "brief",
                        matter=form.cleaned_data.get("matter"),
                        **options,
                    )
        except AccessDenied as exc:
            error, status = error_text(exc), 403
        except ServiceError as exc:
            error = error_text(exc)
        else:
            return redirect("toa:review", pk=table.pk)
    matter = getattr(form, "picked_matter", None)
    context = _start_context(request, form, matter, error=error, posted=True)
    return render(request, "toa/start.html", context, status=status)


# --- the review ----------------------------------------------------------------------------------


def _review_context(request: HttpRequest, table: TableOfAuthorities) -> dict[str, Any]:
    review = selectors.review(table) if table.status == "done" else None
    return {
        "table": table,
        "review": review,
        "damaged": table.status == "done" and review is None,
        "can_edit": _can_write(request),
        "passim_form": PassimForm(initial={"passim": table.passim}),
    }


@require_GET
def review(request: HttpRequest, pk: int) -> HttpResponse:
    """The table as the brief will show it, with the review's controls, history and exports."""
    table = selectors.get_visible_table(request.user, pk)
    return render(request, "toa/review.html", _review_context(request, table))


@require_GET
def status(request: HttpRequest, pk: int) -> HttpResponse:
    """The table's progress (polled while the worker makes it; the page reloads when done)."""
    table = selectors.get_visible_table(request.user, pk)
    response = render(request, "toa/_status.html", {"table": table})
    if not table.pending and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _back(table: TableOfAuthorities, key: str = "", fragment: str = "") -> HttpResponse:
    url = reverse("toa:review", args=[table.pk])
    if key:
        fragment = selectors.anchor(key)
    return redirect(f"{url}#{fragment}" if fragment else url)


def _edit(request: HttpRequest, pk: int, action: Any, done: str, key: str = "") -> HttpResponse:
    """Run one review action; its message, then back to the entry it changed."""
    table = selectors.get_visible_table(request.user, pk)
    try:
        action(table)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        return _back(table, key)
    messages.success(request, done)
    return _back(table, key)


@require_POST
def merge(request: HttpRequest, pk: int) -> HttpResponse:
    """Merge the ticked entries into one (the first ticked, or the one chosen, keeps its text)."""
    keys = [k for k in request.POST.getlist("keys") if k]
    into = request.POST.get("into") or None
    target = into or (keys[0] if keys else "")
    return _edit(
        request,
        pk,
        lambda t: toa_merge(by=request.user, table=t, keys=keys, into=into),
        f"Merged {len(set(keys))} entries into one.",
        key=target,
    )


@require_POST
def rename(request: HttpRequest, pk: int) -> HttpResponse:
    """Give an entry a new text."""
    form = RenameForm(request.POST)
    if not form.is_valid():
        table = selectors.get_visible_table(request.user, pk)
        messages.error(request, form_errors(form) or "Type the entry's new text.")
        return _back(table, request.POST.get("key", ""))
    key = form.cleaned_data["key"]
    return _edit(
        request,
        pk,
        lambda t: toa_rename(
            by=request.user, table=t, key=key, authority=form.cleaned_data["authority"]
        ),
        "Renamed the entry.",
        key=key,
    )


@require_POST
def move(request: HttpRequest, pk: int) -> HttpResponse:
    """Move an entry to another category."""
    form = MoveForm(request.POST)
    if not form.is_valid():
        table = selectors.get_visible_table(request.user, pk)
        messages.error(request, form_errors(form) or "Choose the category to move the entry to.")
        return _back(table, request.POST.get("key", ""))
    key = form.cleaned_data["key"]
    category = form.cleaned_data["category"]
    return _edit(
        request,
        pk,
        lambda t: toa_move(by=request.user, table=t, key=key, category=category),
        f"Moved the entry to {toa_data.category_headings().get(category, category)}.",
        key=key,
    )


@require_POST
def undo(request: HttpRequest, pk: int) -> HttpResponse:
    """Put the table back as the engine made it."""
    table = selectors.get_visible_table(request.user, pk)
    try:
        toa_undo_all(by=request.user, table=table)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Undid all changes: the table is as it was made.")
    return _back(table)


@require_POST
def passim(request: HttpRequest, pk: int) -> HttpResponse:
    """Decide passim again for another number of pages."""
    table = selectors.get_visible_table(request.user, pk)
    form = PassimForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Passim must be a number from 0 to 99 (0: never).")
        return _back(table, fragment="review-tools")
    threshold = form.cleaned_data["passim"]
    try:
        toa_set_passim(by=request.user, table=table, passim=threshold)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"Passim is now used from {threshold} pages on."
            if threshold
            else "Passim is off: every entry lists its pages.",
        )
    return _back(table, fragment="review-tools")


# --- exports -------------------------------------------------------------------------------------


def _ready(request: HttpRequest, pk: int) -> TableOfAuthorities:
    table = selectors.get_visible_table(request.user, pk)
    if table.status != "done" or selectors.stored_result(table) is None:
        raise Http404("The table is not ready.")
    return table


@require_GET
def export_json_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The table as ``casedesk toa --json`` prints it."""
    table = _ready(request, pk)
    body = json.dumps(export_json(table), ensure_ascii=False, indent=2) + "\n"
    toa_export_record(by=request.user, table=table, fmt="JSON")
    response = HttpResponse(body.encode("utf-8"), content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = content_disposition(export_name(table, "json"))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_docx_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The Word section, ready to paste into the brief."""
    table = _ready(request, pk)
    with work_dir() as tmp:
        content = export_docx(table, tmp / "toa.docx").read_bytes()
    toa_export_record(by=request.user, table=table, fmt="Word")
    response = HttpResponse(content, content_type=DOCX_TYPE)
    response["Content-Disposition"] = content_disposition(export_name(table, "docx"))
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def export_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF the worker made of the table as it is now."""
    table = _ready(request, pk)
    if not table.pdf_current or table.pdf_blob is None:
        raise Http404("No PDF of the table as it is now; ask for one on the table's page.")
    blob = table.pdf_blob
    try:
        handle = blob_open(blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask for the PDF again.")
        return _back(table, fragment="export")
    with transaction.atomic():
        toa_export_record(by=request.user, table=table, fmt="PDF")
    return file_response(
        handle, content_type="application/pdf", filename=export_name(table, "pdf"), size=blob.size
    )


@require_POST
def pdf_make(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the worker for the PDF of the table as it is now."""
    table = selectors.get_visible_table(request.user, pk)
    try:
        table = toa_pdf_request(by=request.user, table=table)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        if not table.pdf_current:
            messages.success(request, "The PDF is being made; it shows here when it is ready.")
    return _back(table, fragment="export")


@require_GET
def pdf_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF's part of the export card (polled while the worker makes it)."""
    table = selectors.get_visible_table(request.user, pk)
    return render(request, "toa/_pdf_status.html", {"table": table})


@require_POST
def file_to_matter(request: HttpRequest, pk: int) -> HttpResponse:
    """File the Word section of the table to its matter as a new document."""
    table = selectors.get_visible_table(request.user, pk)
    try:
        document = toa_file_to_matter(by=request.user, table=table)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            format_html(
                'Filed “<a href="{}">{}</a>” to {}.',
                reverse("documents:detail", args=[document.pk]),
                document.title,
                table.matter.number if table.matter else "",
            ),
        )
    return _back(table, fragment="export")
