"""The binder pages: a matter's binders, a new binder, one binder (edit its tabs and options,
build it, watch the build, download the PDF), delete.

Read through :mod:`casedesk.web.access` (a walled matter's binder is a 404); read-only users
see and download but cannot change or build. Downloads are audited.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.core.extract.filenames import clean_filename
from casedesk.web.access import get_visible_matter
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.views_document import file_response
from casedesk.web.documents.views_files import error_text, form_errors
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.productions import selectors
from casedesk.web.productions.binder_services import (
    BinderTab,
    binder_build,
    binder_delete,
    binder_save,
)
from casedesk.web.productions.forms import BinderForm, per_document, picked_ids, picker_rows
from casedesk.web.productions.models import Binder
from casedesk.web.productions.views import READ_ONLY


def _can_write(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "can_write", False))


@require_GET
def matter_binders(request: HttpRequest, pk: int) -> HttpResponse:
    """A matter's binders with their build status."""
    matter = get_visible_matter(request.user, pk)
    context = {"matter": matter, "binders": list(selectors.matter_binders(request.user, matter))}
    return render(request, "productions/binders.html", context)


def _editor_context(
    request: HttpRequest,
    matter: Matter,
    form: BinderForm,
    *,
    binder: Binder | None,
    posted: bool,
    error: str = "",
) -> dict[str, Any]:
    documents = list(selectors.producible_documents(request.user, matter))
    saved: dict[int, Any] = {}
    if binder is not None:
        saved = {item.document_id: item for item in binder.items.order_by("position")}
        chosen = [d for d in documents if d.pk in saved]
        chosen.sort(key=lambda d: saved[d.pk].position)
        documents = chosen + [d for d in documents if d.pk not in saved]
    rows = picker_rows(
        documents,
        data=request.POST if posted else None,
        ticked=set(saved),
        defaults={
            "tab": lambda d: saved[d.pk].tab_title if d.pk in saved else "",
            "description": lambda d: saved[d.pk].description if d.pk in saved else "",
        },
    )
    return {"matter": matter, "binder": binder, "form": form, "rows": rows, "error": error}


def _save(
    request: HttpRequest, matter: Matter, binder: Binder | None
) -> tuple[Binder | None, BinderForm, str]:
    form = BinderForm(request.POST)
    if not form.is_valid():
        return None, form, form_errors(form)
    ids = picked_ids(request.POST)
    tabs_titles = per_document(request.POST, "tab", ids)
    descriptions = per_document(request.POST, "description", ids)
    data = form.cleaned_data
    try:
        saved = binder_save(
            by=request.user,
            matter=matter,
            binder=binder,
            title=data["title"],
            subtitle=data["subtitle"],
            tabs=[BinderTab(pk, tabs_titles[pk], descriptions[pk]) for pk in ids],
            bates_prefix=data["bates_prefix"],
            bates_start=data["bates_start"],
            bates_digits=data["bates_digits"],
            bates_position=data["bates_position"],
            page_numbers=data["page_numbers"],
        )
    except ServiceError as exc:
        if exc.field in form.fields:
            form.add_error(exc.field, error_text(exc))
        return None, form, error_text(exc)
    return saved, form, ""


def _build_after_save(request: HttpRequest, binder: Binder) -> None:
    if request.POST.get("build"):
        try:
            binder_build(by=request.user, binder=binder)
        except ServiceError as exc:
            messages.error(request, error_text(exc))
            return
        messages.success(request, f"The binder {binder.title!r} is saved and being built.")
    else:
        messages.success(request, f"The binder {binder.title!r} is saved.")


@require_http_methods(["GET", "HEAD", "POST"])
def binder_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Define a new binder: title, documents in order with tab titles, options."""
    matter = get_visible_matter(request.user, pk)
    if not _can_write(request):
        messages.error(request, READ_ONLY)
        return redirect("productions:binders", pk=matter.pk)
    if request.method != "POST":
        form = BinderForm(initial={"title": f"Trial binder · {matter.number}"})
        context = _editor_context(request, matter, form, binder=None, posted=False)
        return render(request, "productions/binder_edit.html", context)
    binder, form, error = _save(request, matter, None)
    if binder is not None:
        _build_after_save(request, binder)
        return redirect("productions:binder", pk=binder.pk)
    context = _editor_context(request, matter, form, binder=None, posted=True, error=error)
    return render(request, "productions/binder_edit.html", context, status=400)


def _binder_initial(binder: Binder) -> dict[str, Any]:
    return {
        "title": binder.title,
        "subtitle": binder.subtitle,
        "page_numbers": binder.page_numbers,
        "bates_prefix": binder.bates_prefix,
        "bates_start": binder.bates_start,
        "bates_digits": binder.bates_digits,
        "bates_position": binder.bates_position,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def binder_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A binder: its last build (status, download) and its definition to change."""
    binder = selectors.get_visible_binder(request.user, pk)
    matter = binder.matter
    if request.method != "POST":
        form = BinderForm(initial=_binder_initial(binder))
        context = _editor_context(request, matter, form, binder=binder, posted=False)
        return render(request, "productions/binder.html", context)
    if not _can_write(request):
        messages.error(request, READ_ONLY)
        return redirect("productions:binder", pk=binder.pk)
    saved, form, error = _save(request, matter, binder)
    if saved is not None:
        _build_after_save(request, saved)
        return redirect("productions:binder", pk=saved.pk)
    context = _editor_context(request, matter, form, binder=binder, posted=True, error=error)
    return render(request, "productions/binder.html", context, status=400)


@require_GET
def binder_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The build's progress (polled while it runs; the page reloads when it ends)."""
    binder = selectors.get_visible_binder(request.user, pk)
    response = render(request, "productions/_binder_status.html", {"binder": binder})
    if not binder.pending and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


@require_POST
def binder_build_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Build the binder again from its saved definition."""
    binder = selectors.get_visible_binder(request.user, pk)
    try:
        binder_build(by=request.user, binder=binder)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"The binder {binder.title!r} is being built.")
    return redirect("productions:binder", pk=binder.pk)


@require_GET
def binder_download(request: HttpRequest, pk: int) -> HttpResponse:
    """The last built PDF of the binder."""
    binder = selectors.get_visible_binder(request.user, pk)
    blob = binder.output_blob
    if blob is None or binder.built_at is None:
        raise Http404("The binder has not been built yet.")
    try:
        handle = blob_open(blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask an administrator to restore it from the backup.")
        return redirect("productions:binder", pk=binder.pk)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="download",
            object_type="binder",
            object_id=binder.pk,
            matter_id=binder.matter_id,
            summary=f"Downloaded the binder {binder.title!r}",
            data={"sha256": blob.sha256},
        )
    return file_response(
        handle,
        content_type="application/pdf",
        filename=clean_filename(f"{binder.title}.pdf"),
        size=blob.size,
    )


@require_POST
def binder_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a binder's definition (its documents stay in the case file)."""
    binder = selectors.get_visible_binder(request.user, pk)
    matter_id, title = binder.matter_id, binder.title
    try:
        binder_delete(by=request.user, binder=binder)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        return redirect("productions:binder", pk=binder.pk)
    messages.success(request, f"The binder {title!r} is deleted.")
    return redirect("productions:binders", pk=matter_id)
