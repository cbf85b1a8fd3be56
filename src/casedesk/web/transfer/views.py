"""The Import/Export page: check a CSV, import it, download the firm's records.

Thin: the file is staged under its content hash in the data directory between "Check file"
and "Import" (never under the name the user gave it); all the work is done by the services.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path
from typing import Any

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from casedesk.web.access import AccessDenied
from casedesk.web.accounts.models import Role
from casedesk.web.errors import ServiceError
from casedesk.web.transfer.layouts import CLIO_CONTACT_COLUMNS, CONTACT_COLUMNS, MATTER_COLUMNS
from casedesk.web.transfer.services import contacts_import, firm_export, firm_import, matters_import

_SESSION_KEY = "transfer_staged"
_TOKEN = re.compile(r"^[0-9a-f]{64}$")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="CSV file", help_text="UTF-8 CSV with the column names on the first line."
    )
    what = forms.ChoiceField(
        label="What the file holds",
        choices=[
            ("contacts", "Contacts"),
            ("matters", "Matters"),
            ("firm", "A whole firm (casedesk JSON export)"),
        ],
        initial="contacts",
    )
    layout = forms.ChoiceField(
        label="Column layout",
        choices=[("casedesk", "casedesk"), ("clio", "Clio export")],
        initial="casedesk",
        help_text="Ignored for a JSON export.",
    )


def _can_write(user: Any) -> bool:
    return bool(user.is_active and user.role != Role.READONLY)


def _stage_dir() -> Path:
    """Where checked files wait for "Import" (named by content hash); a day later they are removed."""
    path = Path(settings.DATA_DIR) / "imports"
    path.mkdir(parents=True, exist_ok=True)
    cutoff = time.time() - 24 * 3600
    for old in path.glob("*.upload"):
        if old.stat().st_mtime < cutoff:
            old.unlink(missing_ok=True)
    return path


def _run(request: HttpRequest, what: str, layout: str, data: bytes, *, dry_run: bool) -> Any:
    if what == "firm":
        return firm_import(by=request.user, data=data, dry_run=dry_run)
    run = contacts_import if what == "contacts" else matters_import
    return run(by=request.user, data=data, layout=layout, dry_run=dry_run)


def _page(request: HttpRequest, form: ImportForm, **extra: Any) -> HttpResponse:
    context = {
        "form": form,
        "can_write": _can_write(request.user),
        "contact_columns": ",".join(CONTACT_COLUMNS),
        "matter_columns": ",".join(MATTER_COLUMNS),
        "clio_columns": ", ".join(CLIO_CONTACT_COLUMNS),
        "max_mb": settings.CASEDESK_MAX_IMPORT_BYTES // 1_048_576,
        **extra,
    }
    return render(request, "transfer/transfer.html", context)


@require_GET
def transfer_page(request: HttpRequest) -> HttpResponse:
    """The page: the upload form (writers) and the export buttons (everyone)."""
    return _page(request, ImportForm())


@require_POST
def transfer_check(request: HttpRequest) -> HttpResponse:
    """ "Check file" (dry run, file staged for the import) or "Import" straight away."""
    if not _can_write(request.user):
        messages.error(
            request, "Your role is read-only: you can export, but ask an administrator to import."
        )
        return redirect("transfer:page")
    form = ImportForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, form)
    upload = form.cleaned_data["file"]
    what, layout = form.cleaned_data["what"], form.cleaned_data["layout"]
    if upload.size > settings.CASEDESK_MAX_IMPORT_BYTES:
        form.add_error(
            "file",
            f"The file is larger than {settings.CASEDESK_MAX_IMPORT_BYTES // 1_048_576} MB. "
            "Split it into smaller files and import them one after the other.",
        )
        return _page(request, form)
    data = upload.read()
    dry_run = request.POST.get("action") != "import"
    try:
        report = _run(request, what, layout, data, dry_run=dry_run)
    except (ServiceError, AccessDenied) as exc:
        form.add_error("file", getattr(exc, "message", str(exc)))
        return _page(request, form)
    token = ""
    if dry_run and report.ok:
        token = hashlib.sha256(data).hexdigest()
        (_stage_dir() / f"{token}.upload").write_bytes(data)
        request.session[_SESSION_KEY] = {
            "token": token,
            "what": what,
            "layout": layout,
            "name": upload.name[:200],
            "at": timezone.now().isoformat(),
        }
    elif report.ok:
        messages.success(request, report.summary)
        return redirect("transfer:page")
    return _page(
        request,
        ImportForm(initial={"what": what, "layout": layout}),
        report=report,
        token=token,
        filename=upload.name[:200],
        what=what,
        layout=layout,
    )


@require_POST
def transfer_import(request: HttpRequest) -> HttpResponse:
    """ "Import" after a successful check: import the staged file, all rows or none."""
    if not _can_write(request.user):
        messages.error(request, "Your role is read-only: ask an administrator to import.")
        return redirect("transfer:page")
    staged = request.session.get(_SESSION_KEY) or {}
    token = request.POST.get("token", "")
    path = _stage_dir() / f"{token}.upload"
    if not _TOKEN.match(token) or staged.get("token") != token or not path.exists():
        messages.error(
            request, "That checked file is no longer waiting. Choose the file and check it again."
        )
        return redirect("transfer:page")
    try:
        report = _run(request, staged["what"], staged["layout"], path.read_bytes(), dry_run=False)
    except (ServiceError, AccessDenied) as exc:
        messages.error(request, getattr(exc, "message", str(exc)))
        return redirect("transfer:page")
    if not report.ok:
        return _page(
            request,
            ImportForm(initial={"what": staged["what"], "layout": staged["layout"]}),
            report=report,
            filename=staged.get("name", ""),
            what=staged["what"],
            layout=staged["layout"],
        )
    path.unlink(missing_ok=True)
    request.session.pop(_SESSION_KEY, None)
    messages.success(request, f"{report.summary} ({staged.get('name', 'file')})")
    for warning in report.warnings[:20]:
        messages.warning(request, warning)
    return redirect("transfer:page")


@require_POST
def transfer_export(request: HttpRequest, fmt: str) -> HttpResponse:
    """Download everything the user may see, as JSON or a zip of CSV files (audited)."""
    try:
        payload = firm_export(by=request.user, fmt=fmt)
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("transfer:page")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    extension, content_type = (
        ("zip", "application/zip") if fmt == "csv" else ("json", "application/json")
    )
    response = HttpResponse(payload, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="casedesk-export-{stamp}.{extension}"'
    return response
