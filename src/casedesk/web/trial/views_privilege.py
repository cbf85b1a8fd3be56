"""A matter's privilege log: the documents flagged privileged still to describe, the log
with its warnings, an entry's form, and the CSV/XLSX/PDF downloads (FRCP 26(b)(5)(A))."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import AccessDenied, get_visible_document, get_visible_matter
from casedesk.web.errors import ServiceError
from casedesk.web.trial import selectors
from casedesk.web.trial.exports import privilege_log_export
from casedesk.web.trial.forms import PrivilegeForm
from casedesk.web.trial.privilege_services import (
    PrivilegeInput,
    PrivilegeResult,
    privilege_defaults,
    privilege_entry_create,
    privilege_entry_delete,
    privilege_entry_update,
)
from casedesk.web.trial.views_shared import attempt, send

FIELDS = tuple(PrivilegeForm.base_fields)


@require_GET
def privilege(request: HttpRequest, pk: int) -> HttpResponse:
    """The privilege log and the privileged documents not yet on it."""
    matter = get_visible_matter(request.user, pk)
    entries = list(selectors.privilege_log(matter))
    context = {
        "matter": matter,
        "here": "privilege",
        "entries": entries,
        "warnings": sum(1 for e in entries if e.quote_warning),
        "pending": list(selectors.to_describe(request.user, matter)),
    }
    return render(request, "trial/privilege.html", context)


def _form_page(request: HttpRequest, context: dict[str, Any], status: int = 200) -> HttpResponse:
    return render(request, "trial/privilege_entry.html", context, status=status)


def _after_save(request: HttpRequest, result: PrivilegeResult, done: str) -> HttpResponse:
    if result.warning:
        messages.warning(
            request,
            f"Saved {result.entry.number}, but its description needs another look (see the "
            "note below) before the log goes out.",
        )
        return redirect("trial:privilege_entry", pk=result.entry.pk)
    messages.success(request, done)
    return redirect("trial:privilege", pk=result.entry.matter_id)


def _post(request: HttpRequest, form: PrivilegeForm, save: Any) -> tuple[Any, int]:
    """Validate and save; (result or None, HTTP status)."""
    if not form.is_valid():
        return None, 400
    try:
        return save(PrivilegeInput(**{f: form.cleaned_data[f] for f in FIELDS})), 200
    except ServiceError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None, 403 if isinstance(exc, AccessDenied) else 400


@require_http_methods(["GET", "HEAD", "POST"])
def privilege_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Describe a document for the log (the form is filled from the document)."""
    document = get_visible_document(request.user, pk)
    existing = getattr(document, "privilege_entry", None)
    if existing is not None:
        return redirect("trial:privilege_entry", pk=existing.pk)
    status = 200
    if request.method == "POST":
        form = PrivilegeForm(request.POST)
        result, status = _post(
            request,
            form,
            lambda data: privilege_entry_create(by=request.user, document=document, data=data),
        )
        if result is not None:
            return _after_save(
                request, result, f"“{document.title}” is on the log as {result.entry.number}."
            )
    else:
        defaults = privilege_defaults(document)
        form = PrivilegeForm(initial={f: getattr(defaults, f) for f in FIELDS})
    context = {
        "matter": document.matter,
        "here": "privilege",
        "form": form,
        "document": document,
        "entry": None,
    }
    return _form_page(request, context, status)


@require_http_methods(["GET", "HEAD", "POST"])
def privilege_entry(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit an entry of the log; its warning, if its description quotes the document."""
    entry = selectors.get_visible_entry(request.user, pk)
    status = 200
    if request.method == "POST":
        form = PrivilegeForm(request.POST)
        result, status = _post(
            request,
            form,
            lambda data: privilege_entry_update(by=request.user, entry=entry, data=data),
        )
        if result is not None:
            return _after_save(request, result, f"Saved {result.entry.number}.")
    else:
        form = PrivilegeForm(initial={f: getattr(entry, f) for f in FIELDS})
    context = {
        "matter": entry.matter,
        "here": "privilege",
        "form": form,
        "document": entry.document,
        "entry": entry,
    }
    return _form_page(request, context, status)


@require_POST
def privilege_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take an entry off the log."""
    entry = selectors.get_visible_entry(request.user, pk)
    matter_id, number = entry.matter_id, entry.number
    attempt(
        request,
        lambda: privilege_entry_delete(by=request.user, entry=entry),
        f"{number} is off the privilege log.",
    )
    return redirect("trial:privilege", pk=matter_id)


def _log(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    matter = get_visible_matter(request.user, pk)
    return send(privilege_log_export(by=request.user, matter=matter, fmt=fmt))


@require_GET
def privilege_log_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The privilege log as CSV."""
    return _log(request, pk, "csv")


@require_GET
def privilege_log_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The privilege log as a spreadsheet."""
    return _log(request, pk, "xlsx")


@require_GET
def privilege_log_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The privilege log as a PDF."""
    return _log(request, pk, "pdf")
