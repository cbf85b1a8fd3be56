"""The matter's case file: the index of its documents, uploading, bulk actions, exports, the
matter-wide legal hold and the data-entry proposals waiting for a decision.

Views are thin: reads go through :mod:`selectors` (over ``access.visible_documents``), writes
through the services, and a refused write shows the service's message as it is.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import tempfile
from collections.abc import Callable, Iterator
from functools import wraps
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.core.files.uploadhandler import StopUpload
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.http.multipartparser import MultiPartParserError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.datastructures import MultiValueDict
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.core.extract.filenames import clean_filename
from casedesk.web.access import (
    AccessDenied,
    get_visible_matter,
    require_writer,
    visible_documents,
    visible_matters,
)
from casedesk.web.audit.services import audit_record
from casedesk.web.documents import selectors
from casedesk.web.documents.document_services import (
    IncomingFile,
    UploadResult,
    documents_bulk_update,
    documents_upload,
)
from casedesk.web.documents.forms import (
    BULK_ACTIONS,
    BulkForm,
    CaseFileFilterForm,
    HoldForm,
    UploadDetailsForm,
    split_tags,
)
from casedesk.web.documents.models import Category, LegalHold, Tag, TextStatus
from casedesk.web.documents.retention_services import (
    can_hold,
    document_trash,
    hold_place,
    hold_release,
)
from casedesk.web.documents.upload_limit import limit_text
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter, PartyRole

PAGE_SIZE = 100
READING = (TextStatus.PENDING, TextStatus.RUNNING, TextStatus.OCR)
RESULT_KEY = "documents_upload_result"
UPLOAD_HEADER = "X-Casedesk-Upload"  # set by upload.js: answer with the result fragment


# --- small helpers shared by the document views ------------------------------------------------


def error_text(exc: Exception) -> str:
    """The user-facing text of a refused write."""
    return getattr(exc, "message", None) or str(exc)


def form_errors(form: Any) -> str:
    """Every error of a form as one sentence list, for a message."""
    return " ".join(str(e) for errors in form.errors.values() for e in errors)


def back_to(request: HttpRequest, default: str) -> str:
    """The page to return to: ``next`` when it is on this site, else ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _refusal_message(exc: Exception) -> str:
    if isinstance(exc, TooManyFilesSent):
        return (
            f"That is more than {settings.DATA_UPLOAD_MAX_NUMBER_FILES} files in one go; nothing "
            "was stored. Upload them in smaller batches, or as a ZIP file."
        )
    if isinstance(exc, (TooManyFieldsSent, RequestDataTooBig)):
        return "The form sent too much at once; nothing was stored. Upload in smaller batches."
    return "The upload was interrupted before it finished; nothing was stored. Try again."


def upload_guard(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Read an upload's body before anything else, so a refused upload is a message, not a 500.

    ``LimitedUploadHandler`` stops an oversized upload by raising ``StopUpload``; when it does
    so on the request's Content-Length, Django lets the exception out of ``request.POST``,
    which the CSRF check reads before any view runs. So the CSRF check is done here instead,
    after the body has been read safely: a refused upload (nothing stored, nothing changed)
    goes to the view with ``request.upload_refused`` set; anything else must pass the CSRF
    check as usual.
    """
    checker = CsrfViewMiddleware(lambda request: HttpResponse())

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.method == "POST":
            try:
                request.POST  # noqa: B018 - parses the body through the upload handlers
            except (StopUpload, MultiPartParserError, TooManyFilesSent, TooManyFieldsSent) as exc:
                request._post, request._files = QueryDict(), MultiValueDict()  # type: ignore[attr-defined]
                if not getattr(request, "upload_refused", ""):
                    request.upload_refused = _refusal_message(exc)  # type: ignore[attr-defined]
            except RequestDataTooBig as exc:
                request._post, request._files = QueryDict(), MultiValueDict()  # type: ignore[attr-defined]
                request.upload_refused = _refusal_message(exc)  # type: ignore[attr-defined]
            if not getattr(request, "upload_refused", ""):
                refused = checker.process_view(request, view, args, kwargs)
                if refused is not None:
                    return refused
        return view(request, *args, **kwargs)

    return csrf_exempt(wrapper)


@contextlib.contextmanager
def incoming_files(
    files: list[Any], paths: list[str] | None = None
) -> Iterator[list[IncomingFile]]:
    """The uploaded files as :class:`IncomingFile` (a folder path kept when the browser sent one).

    Uploads are streamed to temporary files by Django; an in-memory one (a custom handler
    setting) is written to a temporary file first, and removed afterwards.
    """
    paths = paths or []
    made: list[Path] = []
    out: list[IncomingFile] = []
    try:
        for index, upload in enumerate(files):
            name = upload.name or "unnamed"
            relative = paths[index] if len(paths) == len(files) else ""
            # Keep the folder only when the path really ends with this file's name.
            relative = relative.replace("\\", "/")
            if "/" in relative and clean_filename(relative) == clean_filename(name):
                name = relative
            if hasattr(upload, "temporary_file_path"):
                path = Path(upload.temporary_file_path())
            else:
                fd, tmp = tempfile.mkstemp(dir=settings.CASEDESK_UPLOAD_TMP_DIR)
                with open(fd, "wb") as fh:
                    for chunk in upload.chunks():
                        fh.write(chunk)
                path = Path(tmp)
                made.append(path)
            out.append(IncomingFile(path=path, name=name))
        yield out
    finally:
        for path in made:
            path.unlink(missing_ok=True)


# --- the case file -----------------------------------------------------------------------------


def _filters(request: HttpRequest) -> tuple[str, str, str]:
    form = CaseFileFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_bound and form.is_valid() else {}
    sort = params.get("sort") or "-date"
    if sort not in selectors.SORTS:
        sort = "-date"
    return sort, params.get("category", ""), params.get("tag", "")


def _matter_tags(user: Any, matter: Matter) -> list[str]:
    docs = visible_documents(user).filter(matter=matter)
    return list(Tag.objects.filter(documents__in=docs).distinct().values_list("name", flat=True))


def active_holds(matter: Matter) -> Any:
    return LegalHold.objects.filter(matter=matter, released_at__isnull=True).select_related(
        "placed_by"
    )


def _still_reading(user: Any, matter: Matter) -> bool:
    return (
        visible_documents(user)
        .filter(matter=matter, current_version__text_status__in=READING)
        .exists()
    )


def _case_file_context(request: HttpRequest, matter: Matter, **extra: Any) -> dict[str, Any]:
    user = request.user
    sort, category, tag = _filters(request)
    docs = selectors.case_file(user, matter, sort=sort, category=category, tag=tag)
    page = Paginator(docs, PAGE_SIZE).get_page(request.GET.get("page"))
    limit = int(settings.CASEDESK_MAX_UPLOAD_BYTES)
    context: dict[str, Any] = {
        "matter": matter,
        "page_obj": page,
        "sort": sort,
        "category": category,
        "tag": tag,
        "filtered": bool(category or tag),
        "categories": Category.objects.all(),
        "tags": _matter_tags(user, matter),
        "proposals": list(selectors.pending_proposals(user, matter)),
        "reading": _still_reading(user, matter),
        "holds": list(active_holds(matter)),
        "can_hold": can_hold(user),
        "upload_form": UploadDetailsForm(),
        "bulk_form": BulkForm(),
        "bulk_actions": BULK_ACTIONS,
        "hold_form": HoldForm(),
        "max_bytes": limit,
        "max_text": limit_text(limit),
        "upload_result": None,
        "upload_error": "",
        "here": request.get_full_path(),
        "reading_statuses": list(READING),
        "party_roles": PartyRole.choices,
    }
    context.update(extra)
    return context


@require_GET
def case_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter's case file index, with the upload panel, proposals and the legal hold."""
    matter = get_visible_matter(request.user, pk)
    target = request.headers.get("HX-Target", "") if request.htmx else ""
    context = _case_file_context(request, matter)
    if target == "case-file-table":
        return render(request, "documents/_case_file_table.html", context)
    if target == "proposals-panel":
        return render(request, "documents/_proposals_panel.html", context)
    stored = request.session.pop(RESULT_KEY, None)
    if stored and stored.get("matter") == matter.pk:
        context["upload_result"] = stored
    return render(request, "documents/case_file.html", context)


def _result_dict(matter: Matter, result: UploadResult) -> dict[str, Any]:
    return {
        "matter": matter.pk,
        "filed": [
            {
                "id": d.pk,
                "title": d.title,
                "filename": d.current_version.filename if d.current_version else "",
                "folder": d.folder,
            }
            for d in result.documents
        ],
        "rejected": [{"name": name, "reason": reason} for name, reason in result.rejected],
        "notes": list(result.notes),
    }


def _upload_summary(result: dict[str, Any]) -> str:
    filed, rejected = len(result["filed"]), len(result["rejected"])
    text = f"Filed {filed} document{'s' if filed != 1 else ''}."
    if rejected:
        text += f" {rejected} file{'s were' if rejected != 1 else ' was'} not filed: see why below."
    return text


@upload_guard
@require_http_methods(["GET", "POST"])
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    """File uploaded files (several, a folder, ZIP files) to the matter with the batch's details.

    upload.js sends one file per request and shows the answer (a small fragment) under that
    file's progress bar; without JavaScript the whole form is posted and the case file shows
    the result.
    """
    matter = get_visible_matter(request.user, pk)
    if request.method == "GET":
        return redirect("documents:case_file", pk=matter.pk)
    fragment = request.headers.get(UPLOAD_HEADER) == "1"
    form = UploadDetailsForm(request.POST)
    result: UploadResult | None = None
    error = getattr(request, "upload_refused", "")
    status = 413 if error else 200
    if not error:
        files = request.FILES.getlist("files")
        try:
            require_writer(request.user)
            if not files:
                raise ServiceError("Choose at least one file to upload (or drop files on the box).")
            if not form.is_valid():
                raise ServiceError(form_errors(form))
            with incoming_files(files, request.POST.getlist("paths")) as incoming:
                result = documents_upload(
                    by=request.user, matter=matter, files=incoming, details=form.details()
                )
        except AccessDenied as exc:
            error, status = error_text(exc), 403
        except ServiceError as exc:
            error, status = error_text(exc), 400
    stored = _result_dict(matter, result) if result is not None else None
    if fragment:
        context = {"result": stored, "error": error, "matter": matter}
        return render(request, "documents/_upload_result.html", context, status=status)
    if error:
        context = _case_file_context(request, matter, upload_form=form, upload_error=error)
        return render(request, "documents/case_file.html", context, status=status)
    assert stored is not None
    request.session[RESULT_KEY] = stored
    if stored["filed"]:
        messages.success(request, _upload_summary(stored))
    else:
        messages.error(request, _upload_summary(stored))
    return redirect("documents:case_file", pk=matter.pk)


@require_POST
def bulk(request: HttpRequest, pk: int) -> HttpResponse:
    """Apply one action to the ticked documents: set a category, add or remove a tag, trash."""
    matter = get_visible_matter(request.user, pk)
    default = reverse("documents:case_file", args=[matter.pk])
    form = BulkForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back_to(request, default))
    data = form.cleaned_data
    documents = list(
        visible_documents(request.user)
        .filter(matter=matter, pk__in=data["ids"])
        .select_related("category", "checked_out_by", "matter")
    )
    if not documents:
        messages.error(request, "None of the ticked documents is in this case file any more.")
        return redirect(back_to(request, default))
    action = data["action"]
    try:
        if action == "trash":
            _bulk_trash(request, documents)
        else:
            tags = split_tags(data.get("tag", ""))
            changed = documents_bulk_update(
                by=request.user,
                documents=documents,
                category=data.get("category") if action == "category" else None,
                add_tags=tags if action == "add_tag" else (),
                remove_tags=tags if action == "remove_tag" else (),
            )
            what = dict(BULK_ACTIONS)[action].lower()
            if action == "category":
                what = f"set the category to {data['category'].name}"
            elif tags:
                what = f"{what} “{', '.join(t.lower() for t in tags)}”"
            messages.success(
                request,
                f"{what[:1].upper()}{what[1:]}: {changed} of {len(documents)} ticked "
                f"document{'s' if len(documents) != 1 else ''} changed.",
            )
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    return redirect(back_to(request, default))


def _bulk_trash(request: HttpRequest, documents: list[Any]) -> None:
    moved, refused = 0, []
    for document in documents:
        try:
            document_trash(by=request.user, document=document)
            moved += 1
        except AccessDenied as exc:
            if "read-only" in error_text(exc):
                raise
            refused.append(error_text(exc))
        except ServiceError as exc:
            refused.append(error_text(exc))
    if moved:
        messages.success(
            request,
            f"Moved {moved} document{'s' if moved != 1 else ''} to the trash. "
            "They can be restored from the Trash page.",
        )
    for reason in refused:
        messages.error(request, f"Not moved: {reason}")


# --- exports ----------------------------------------------------------------------------------

CSV_HEADER = [
    "Date",
    "Category",
    "Title",
    "File name",
    "Folder",
    "Pages",
    "Bates start",
    "Bates end",
    "Versions",
    "Text",
    "Privileged",
    "Confidentiality",
    "Direction",
    "Author",
    "Tags",
]


def _cell(value: object) -> str:
    """A CSV cell that a spreadsheet will not run as a formula."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def _export_rows(request: HttpRequest, matter: Matter) -> list[Any]:
    sort, category, tag = _filters(request)
    return list(selectors.case_file(request.user, matter, sort=sort, category=category, tag=tag))


def _safe_number(matter: Matter) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", matter.number).strip("-") or "matter"


def _audit_export(request: HttpRequest, matter: Matter, fmt: str, count: int) -> None:
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="export",
            object_type="case-file",
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Exported the case file index of {matter.number} ({fmt.upper()}, {count} documents)",
            data={"format": fmt, "documents": count},
        )


@require_GET
def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The case file index (as filtered and sorted on the page) as a spreadsheet."""
    matter = get_visible_matter(request.user, pk)
    docs = _export_rows(request, matter)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for d in docs:
        v = d.current_version
        writer.writerow(
            [
                _cell(x)
                for x in (
                    d.document_date.isoformat() if d.document_date else "",
                    d.category.name,
                    d.title,
                    v.filename if v else "",
                    d.folder,
                    v.pages if v and v.pages else "",
                    d.bates_start,
                    d.bates_end,
                    d.version_count,
                    v.get_text_status_display() if v else "",
                    "yes" if d.privileged else "",
                    d.get_confidentiality_display(),
                    d.get_direction_display() if d.direction else "",
                    d.author,
                    "; ".join(t.name for t in d.tags.all()),
                )
            ]
        )
    _audit_export(request, matter, "csv", len(docs))
    response = HttpResponse(
        ("\ufeff" + buffer.getvalue()).encode("utf-8"), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="case-file-{_safe_number(matter)}.csv"'
    return response


@require_GET
def export_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The case file index as a printable PDF, with the firm and matter in the heading."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import

    matter = get_visible_matter(request.user, pk)
    docs = _export_rows(request, matter)
    _sort, category, tag = _filters(request)
    html = render_to_string(
        "documents/case_file_pdf.html",
        {
            "firm_name": settings.CASEDESK_FIRM_NAME,
            "matter": matter,
            "documents": docs,
            "category": Category.objects.filter(slug=category).first() if category else None,
            "tag": tag,
            "printed_by": request.user,
            "printed_at": timezone.localtime(),
        },
    )
    pdf = HTML(string=html).write_pdf()
    _audit_export(request, matter, "pdf", len(docs))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="case-file-{_safe_number(matter)}.pdf"'
    return response


# --- legal hold on the matter, and the matter page's Documents section --------------------------


@require_POST
def matter_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Place a legal hold on the whole matter (attorneys and administrators)."""
    matter = get_visible_matter(request.user, pk)
    form = HoldForm(request.POST)
    default = reverse("documents:case_file", args=[matter.pk]) + "#hold"
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(back_to(request, default))
    try:
        hold_place(by=request.user, reason=form.cleaned_data["reason"], matter=matter)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"Legal hold placed on {matter.number}: none of its documents can be deleted "
            "until the hold is released.",
        )
    return redirect(back_to(request, default))


def visible_holds(user: Any) -> Any:
    """Legal holds on matters (or documents of matters) the user may see."""
    matters = visible_matters(user)
    return LegalHold.objects.filter(Q(matter__in=matters) | Q(document__matter__in=matters))


@require_POST
def hold_release_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Release a legal hold (attorneys and administrators); the record stays."""
    hold = visible_holds(request.user).select_related("matter", "document").filter(pk=pk).first()
    if hold is None:
        raise Http404("No such hold.")
    if hold.document_id:
        default = reverse("documents:detail", args=[hold.document_id]) + "#hold"
    else:
        default = reverse("documents:case_file", args=[hold.matter_id]) + "#hold"
    try:
        hold_release(by=request.user, hold=hold)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Released the legal hold ({hold.reason}).")
    return redirect(back_to(request, default))


@require_GET
def matter_summary(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter page's Documents section (loaded by htmx): counts and links."""
    matter = get_visible_matter(request.user, pk)
    docs = visible_documents(request.user).filter(matter=matter)
    context = {
        "matter": matter,
        "count": docs.count(),
        "reading": docs.filter(current_version__text_status__in=READING).count(),
        "proposal_count": selectors.pending_proposals(request.user, matter).count(),
        "holds": list(active_holds(matter)),
    }
    return render(request, "documents/_matter_summary.html", context)
