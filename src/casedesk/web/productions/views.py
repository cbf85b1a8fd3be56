"""The productions pages: a matter's productions with the next number per prefix, a new
production (documents ticked and ordered, numbering, stamp, legend and custodian per
document), a production's page (live progress, then its ranges and downloads).

Everything is read through :mod:`casedesk.web.access` (a walled matter's production is a
404); read-only users see and download but cannot create, rebuild or delete. Every download
is written to the audit log.
"""

from __future__ import annotations

import zipfile
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import get_visible_matter
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.views_document import content_disposition, file_response
from casedesk.web.documents.views_files import error_text, form_errors
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter, MatterParty
from casedesk.web.productions import selectors
from casedesk.web.productions.forms import (
    ProductionForm,
    per_document,
    picked_ids,
    picker_rows,
)
from casedesk.web.productions.ledger import chain_tail
from casedesk.web.productions.models import JobStatus, Production
from casedesk.web.productions.services import (
    LEGENDS,
    default_legend,
    production_create,
    production_delete,
    production_retry,
)

READ_ONLY = "Your role is read-only: ask a colleague to make this change."
LOG_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def _can_write(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "can_write", False))


def _client_name(matter: Matter) -> str:
    party = (
        MatterParty.objects.filter(matter=matter, role="client").select_related("contact").first()
    )
    return party.contact.name if party is not None else ""


# --- a matter's productions ---------------------------------------------------------------------


@require_GET
def matter_productions(request: HttpRequest, pk: int) -> HttpResponse:
    """A matter's productions (newest first) and, per prefix, its range and next number."""
    matter = get_visible_matter(request.user, pk)
    context = {
        "matter": matter,
        "productions": list(selectors.matter_productions(request.user, matter)),
        "prefixes": selectors.prefix_summaries(matter),
        "binders": list(selectors.matter_binders(request.user, matter)[:5]),
    }
    return render(request, "productions/matter.html", context)


def _new_context(
    request: HttpRequest, matter: Matter, form: ProductionForm, *, posted: bool, error: str = ""
) -> dict[str, Any]:
    documents = list(selectors.producible_documents(request.user, matter))
    ticked = {int(v) for v in request.GET.getlist("doc") if str(v).isdigit()}
    client = _client_name(matter)
    rows = picker_rows(
        documents,
        data=request.POST if posted else None,
        ticked=ticked,
        defaults={"legend": default_legend, "custodian": lambda d: client},
    )
    prefixes = selectors.prefix_summaries(matter)
    return {
        "matter": matter,
        "form": form,
        "rows": rows,
        "prefixes": prefixes,
        "legends": LEGENDS,
        "error": error,
    }


def _initial(matter: Matter) -> dict[str, Any]:
    last = Production.objects.filter(matter=matter).order_by("-created_at", "-id").first()
    if last is None:
        return {}
    tail = chain_tail(matter, last.prefix)
    return {
        "prefix": last.prefix,
        "digits": tail.digits if tail is not None else last.digits,
        "position": last.position,
        "font": last.font,
        "size": last.size,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def production_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose documents and settings for a new production; the build runs in the background."""
    matter = get_visible_matter(request.user, pk)
    if not _can_write(request):
        messages.error(request, READ_ONLY)
        return redirect("productions:matter", pk=matter.pk)
    if request.method != "POST":
        form = ProductionForm(initial=_initial(matter))
        return render(
            request, "productions/new.html", _new_context(request, matter, form, posted=False)
        )
    form = ProductionForm(request.POST)
    error = ""
    if form.is_valid():
        ids = picked_ids(request.POST)
        data = form.cleaned_data
        try:
            production = production_create(
                by=request.user,
                matter=matter,
                document_ids=ids,
                prefix=data["prefix"],
                digits=data["digits"],
                start=data["start"],
                position=data["position"],
                font=data["font"],
                size=data["size"],
                legends=per_document(request.POST, "legend", ids),
                custodians=per_document(request.POST, "custodian", ids),
                combined=data["combined"],
                volume=data["volume"],
            )
        except ServiceError as exc:
            if exc.field in form.fields:
                form.add_error(exc.field, error_text(exc))
            error = error_text(exc)
        else:
            messages.success(
                request,
                f"Production {production.volume} is queued; this page shows its progress.",
            )
            return redirect("productions:detail", pk=production.pk)
    else:
        error = form_errors(form)
    context = _new_context(request, matter, form, posted=True, error=error)
    return render(request, "productions/new.html", context, status=400)


# --- one production ----------------------------------------------------------------------------


def _detail_context(request: HttpRequest, production: Production) -> dict[str, Any]:
    items = list(selectors.production_items(production))
    return {
        "production": production,
        "matter": production.matter,
        "items": items,
        "documents": len(items),
        "latest": _is_latest(production),
    }


def _is_latest(production: Production) -> bool:
    """Whether deleting it is allowed (failed, or its numbers end the prefix's chain)."""
    if production.pending:
        return False
    if production.status == JobStatus.FAILED:
        return True
    tail = chain_tail(production.matter, production.prefix)
    return tail is None or production.items.filter(range=tail).exists()


@require_GET
def production_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A production: progress while it builds, then its documents' ranges and downloads."""
    production = selectors.get_visible_production(request.user, pk)
    return render(request, "productions/detail.html", _detail_context(request, production))


@require_GET
def production_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The build's progress (polled every 2 s; the page reloads when it ends)."""
    production = selectors.get_visible_production(request.user, pk)
    response = render(request, "productions/_status.html", {"production": production})
    if not production.pending and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _audit_download(request: HttpRequest, production: Production, what: str, **data: Any) -> None:
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="download",
            object_type="production",
            object_id=production.pk,
            matter_id=production.matter_id,
            summary=f"Downloaded {what} of production {production.volume}",
            data={"what": what, **data},
        )


def _ready(request: HttpRequest, pk: int) -> Production:
    production = selectors.get_visible_production(request.user, pk)
    if production.status != JobStatus.DONE or production.zip_blob is None:
        raise Http404("The volume is not ready.")
    return production


@require_GET
def production_zip(request: HttpRequest, pk: int) -> HttpResponse:
    """The volume as a ZIP file (stamped PDFs, natives, text, load files, log)."""
    production = _ready(request, pk)
    blob = production.zip_blob
    assert blob is not None
    try:
        handle = blob_open(blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask an administrator to restore it from the backup.")
        return redirect("productions:detail", pk=production.pk)
    _audit_download(request, production, "the volume (ZIP)", sha256=blob.sha256)
    return file_response(
        handle, content_type="application/zip", filename=production.zip_name, size=blob.size
    )


def _log(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    production = _ready(request, pk)
    blob = production.zip_blob
    assert blob is not None
    name = f"{production.volume}_log.{fmt}"
    try:
        with blob_open(blob) as handle, zipfile.ZipFile(handle) as zf:
            content = zf.read(f"{production.volume}/DATA/{name}")
    except (FileNotFoundError, KeyError, zipfile.BadZipFile) as exc:
        raise Http404("The log is not in the volume.") from exc
    _audit_download(request, production, f"the production log ({fmt.upper()})")
    response = HttpResponse(content, content_type=LOG_TYPES[fmt])
    response["Content-Disposition"] = content_disposition(name)
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def log_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The production log as CSV (the file in the volume's DATA folder)."""
    return _log(request, pk, "csv")


@require_GET
def log_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The production log as an Excel workbook."""
    return _log(request, pk, "xlsx")


@require_GET
def log_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The production log as a PDF."""
    return _log(request, pk, "pdf")


@require_GET
def item_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """One produced document's stamped PDF (its slip sheet for a native)."""
    item = selectors.get_visible_item(request.user, pk)
    production = item.production
    if production.status != JobStatus.DONE or item.stamped_blob is None or item.range is None:
        raise Http404("The stamped copy is not ready.")
    try:
        handle = blob_open(item.stamped_blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask an administrator to restore it from the backup.")
        return redirect("productions:detail", pk=production.pk)
    label = item.range.begin_label
    _audit_download(request, production, f"{label} ({item.title})", item=item.pk)
    return file_response(
        handle, content_type="application/pdf", filename=f"{label}.pdf", size=item.stamped_blob.size
    )


@require_POST
def production_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Queue a failed production again."""
    production = selectors.get_visible_production(request.user, pk)
    try:
        production_retry(by=request.user, production=production)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Production {production.volume} is queued again.")
    return redirect("productions:detail", pk=production.pk)


@require_POST
def production_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a failed production or the latest one under its prefix."""
    production = selectors.get_visible_production(request.user, pk)
    matter_id, volume = production.matter_id, production.volume
    try:
        production_delete(by=request.user, production=production)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        return redirect("productions:detail", pk=production.pk)
    messages.success(request, f"Production {volume} is deleted; its numbers are free again.")
    return redirect("productions:matter", pk=matter_id)
