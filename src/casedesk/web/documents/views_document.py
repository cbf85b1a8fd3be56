"""One document: its description, text status, downloads, versions, check-out, legal hold,
trash, and the data-entry proposals made from it (confirmed or dismissed here or on the case
file).

Every document is looked up through ``access.get_visible_document`` (404 for a walled matter's
document); every download is written to the audit log.
"""

from __future__ import annotations

import re
import unicodedata
import urllib.parse
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.core.extract.filenames import clean_filename
from casedesk.web.access import (
    AccessDenied,
    get_visible_document,
    visible_documents,
    visible_matters,
)
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.document_services import (
    document_check_out,
    document_release,
    document_update,
    version_add,
    version_restore,
)
from casedesk.web.documents.forms import (
    DocumentForm,
    HoldForm,
    ProposalConfirmForm,
    VersionForm,
    document_initial,
    split_tags,
)
from casedesk.web.documents.models import (
    Blob,
    Document,
    DocumentVersion,
    LegalHold,
    Proposal,
    ProposalKind,
)
from casedesk.web.documents.proposal_services import proposal_confirm, proposal_dismiss
from casedesk.web.documents.retention_services import (
    document_trash,
    document_untrash,
    hold_place,
    trash_purge,
)
from casedesk.web.documents.views_files import (
    READING,
    back_to,
    can_hold,
    error_text,
    form_errors,
    incoming_files,
    upload_guard,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import PartyRole

TEXT_PREVIEW_CHARS = 5_000
_ASCII_FOLD = str.maketrans({"đ": "d", "Đ": "D", "ø": "o", "Ø": "O", "ß": "ss", "ł": "l", "Ł": "L"})


# --- file names for downloads --------------------------------------------------------------------


def ascii_filename(name: str) -> str:
    """A plain-ASCII stand-in for ``name`` for old clients ("Hợp đồng.pdf" -> "Hop dong.pdf")."""
    folded = unicodedata.normalize("NFKD", name.translate(_ASCII_FOLD))
    text = folded.encode("ascii", "ignore").decode("ascii")
    text = re.sub(r'[\x00-\x1f\x7f"\\/;]+', "_", text)
    text = " ".join(text.split())
    stem, dot, ext = text.rpartition(".")
    if not dot:
        stem, ext = text, ""
    if not stem.strip(" ._-"):
        stem = "document"
    return f"{stem}.{ext}" if ext else stem


def content_disposition(filename: str, *, inline: bool = False) -> str:
    """``attachment`` (or ``inline``) with an ASCII ``filename`` and, when needed, the exact
    name as RFC 5987 ``filename*`` (UTF-8, percent-encoded)."""
    name = clean_filename(filename)
    plain = ascii_filename(name)
    value = f'{"inline" if inline else "attachment"}; filename="{plain}"'
    if plain != name:
        value += f"; filename*=UTF-8''{urllib.parse.quote(name, safe='')}"
    return value


def file_response(
    handle: Any, *, content_type: str, filename: str, size: int, inline: bool = False
) -> FileResponse:
    """A private, uncached download of an open stored file under ``filename``."""
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    response["Content-Length"] = str(size)
    response["Cache-Control"] = "private, no-store"
    return response


def _serve(
    request: HttpRequest,
    document: Document,
    version: DocumentVersion,
    blob: Blob,
    *,
    filename: str,
    content_type: str,
    inline: bool = False,
    what: str = "original",
) -> HttpResponse:
    """Stream a stored file back, after writing the download to the audit log."""
    try:
        handle = blob_open(blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask an administrator to restore it from the backup.")
        return redirect("documents:detail", pk=document.pk)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="download",
            object_type="document",
            object_id=document.pk,
            matter_id=document.matter_id,
            summary=(
                f"{'Viewed' if inline else 'Downloaded'} {filename!r} "
                f"(version {version.number}, {what}) of {document.title!r}"
            ),
            data={"version": version.number, "sha256": blob.sha256, "what": what},
        )
    return file_response(
        handle, content_type=content_type, filename=filename, size=blob.size, inline=inline
    )


def _current(document: Document) -> DocumentVersion:
    version = document.current_version
    if version is None:
        raise Http404("This document has no file.")
    return version


@require_GET
def download(request: HttpRequest, pk: int) -> HttpResponse:
    """The current version's original file, as a download."""
    document = get_visible_document(request.user, pk)
    version = _current(document)
    return _serve(
        request,
        document,
        version,
        version.blob,
        filename=version.filename,
        content_type=version.content_type or "application/octet-stream",
    )


def _searchable_name(filename: str) -> str:
    stem = filename.rsplit(".", 1)[0] if "." in filename else filename
    return f"{stem} (searchable).pdf"


@require_GET
def download_searchable(request: HttpRequest, pk: int) -> HttpResponse:
    """The searchable PDF that OCR made of the current version (the original is untouched)."""
    document = get_visible_document(request.user, pk)
    version = _current(document)
    if version.ocr_blob is None:
        raise Http404("OCR made no searchable PDF of this document.")
    return _serve(
        request,
        document,
        version,
        version.ocr_blob,
        filename=_searchable_name(version.filename),
        content_type="application/pdf",
        what="searchable PDF",
    )


@require_GET
def view_inline(request: HttpRequest, pk: int) -> HttpResponse:
    """Show a PDF in the browser (the original when it is a PDF, else OCR's searchable PDF)."""
    document = get_visible_document(request.user, pk)
    version = _current(document)
    if version.kind == "pdf":
        blob, name, what = version.blob, version.filename, "original"
    elif version.ocr_blob is not None:
        blob, name, what = version.ocr_blob, _searchable_name(version.filename), "searchable PDF"
    else:
        raise Http404("Only PDF files can be shown in the browser; download it instead.")
    return _serve(
        request,
        document,
        version,
        blob,
        filename=name,
        content_type="application/pdf",
        inline=True,
        what=what,
    )


def _visible_version(request: HttpRequest, pk: int) -> DocumentVersion:
    version = (
        DocumentVersion.objects.filter(document__in=visible_documents(request.user))
        .select_related("document", "document__matter", "blob")
        .filter(pk=pk)
        .first()
    )
    if version is None:
        raise Http404("No such version.")
    return version


@require_GET
def version_download(request: HttpRequest, pk: int) -> HttpResponse:
    """One version's original file."""
    version = _visible_version(request, pk)
    return _serve(
        request,
        version.document,
        version,
        version.blob,
        filename=version.filename,
        content_type=version.content_type or "application/octet-stream",
    )


# --- the document page -----------------------------------------------------------------------


def _holds_for(document: Document) -> list[LegalHold]:
    return list(
        LegalHold.objects.filter(released_at__isnull=True)
        .filter(Q(document=document) | Q(matter_id=document.matter_id))
        .select_related("placed_by")
        .order_by("placed_at")
    )


def _detail_context(request: HttpRequest, document: Document, **extra: Any) -> dict[str, Any]:
    user = request.user
    version = document.current_version
    context: dict[str, Any] = {
        "document": document,
        "matter": document.matter,
        "version": version,
        "versions": list(
            document.versions.select_related("uploaded_by", "restored_from").order_by("-number")
        ),
        "tags": list(document.tags.all()),
        "holds": _holds_for(document),
        "can_hold": can_hold(user),
        "mine": document.checked_out_by_id == user.pk,
        "locked": bool(document.checked_out_by_id and document.checked_out_by_id != user.pk),
        "proposals": list(
            Proposal.objects.filter(version__document=document)
            .select_related("version", "decided_by")
            .order_by("status", "id")
        ),
        "party_roles": PartyRole.choices,
        "form": DocumentForm(initial=document_initial(document)),
        "version_form": VersionForm(initial={"check_in": True}),
        "hold_form": HoldForm(),
        "text_preview": (version.text[:TEXT_PREVIEW_CHARS] if version else ""),
        "text_cut": bool(version and len(version.text) > TEXT_PREVIEW_CHARS),
        "here": request.get_full_path(),
        "reading_statuses": list(READING),
        "max_bytes": int(settings.CASEDESK_MAX_UPLOAD_BYTES),
    }
    context.update(extra)
    if not context["mine"]:
        # "Check in" only means something to the user who has the document checked out.
        context["version_form"].fields.pop("check_in", None)
    return context


def _document(request: HttpRequest, pk: int) -> Document:
    document = get_visible_document(request.user, pk)
    return (
        Document.objects.select_related(
            "matter", "category", "current_version", "checked_out_by", "created_by"
        )
        .prefetch_related("tags")
        .get(pk=document.pk)
    )


@require_GET
def document_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A document: description, text, downloads, versions, check-out, hold, proposals."""
    document = _document(request, pk)
    return render(request, "documents/document_detail.html", _detail_context(request, document))


@require_POST
def document_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Save the description (title, category, date, author, direction, tags, flags)."""
    document = _document(request, pk)
    form = DocumentForm(request.POST, initial=document_initial(document))
    status = 400
    if form.is_valid():
        try:
            document_update(
                by=request.user,
                document=document,
                tags=split_tags(form.cleaned_data.get("tags", "")),
                **form.changes(),
            )
        except AccessDenied as exc:
            form.add_error(None, error_text(exc))
            status = 403
        except ServiceError as exc:
            field = exc.field if exc.field in form.fields else None
            form.add_error(field, error_text(exc))
        else:
            messages.success(request, f"Saved the description of '{document.title}'.")
            return redirect("documents:detail", pk=document.pk)
    document = _document(request, pk)
    context = _detail_context(request, document, form=form, edit_open=True)
    return render(request, "documents/document_detail.html", context, status=status)


@require_GET
def document_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The text status of a document (polled by the page every 2 seconds while it is read)."""
    document = get_visible_document(request.user, pk)
    version = (
        DocumentVersion.objects.filter(pk=document.current_version_id).first()
        if document.current_version_id
        else None
    )
    where = "page" if request.GET.get("where") == "page" else "row"
    return render(
        request,
        "documents/_text_status.html",
        {
            "document": document,
            "version": version,
            "where": where,
            "oob": where == "row",
            "polled": True,
            "reading_statuses": list(READING),
        },
    )


# --- versions and check-out ------------------------------------------------------------------


@upload_guard
@require_http_methods(["GET", "POST"])
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload new content for the document (the old versions stay); optionally check in."""
    document = _document(request, pk)
    if request.method == "GET":
        return redirect("documents:detail", pk=document.pk)
    form = VersionForm(request.POST, request.FILES)
    refused = getattr(request, "upload_refused", "")
    status = 400
    if refused:
        form = VersionForm({"check_in": "on"})
        form.is_valid()
        form.errors.clear()
        form.add_error(None, refused)
        status = 413
    elif form.is_valid():
        try:
            with incoming_files([form.cleaned_data["file"]]) as incoming:
                version = version_add(
                    by=request.user,
                    document=document,
                    incoming=incoming[0],
                    comment=form.cleaned_data.get("comment", ""),
                    check_in=bool(form.cleaned_data.get("check_in")),
                )
        except AccessDenied as exc:
            form.add_error(None, error_text(exc))
            status = 403
        except ServiceError as exc:
            form.add_error("comment" if exc.field == "comment" else None, error_text(exc))
        else:
            messages.success(
                request,
                f"Uploaded version {version.number} of '{document.title}' ({version.filename}).",
            )
            return redirect("documents:detail", pk=document.pk)
    document = _document(request, pk)
    context = _detail_context(request, document, version_form=form, version_open=True)
    return render(request, "documents/document_detail.html", context, status=status)


@require_POST
def version_restore_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Make an old version current again (as a new version; nothing is rewritten)."""
    version = _visible_version(request, pk)
    document = _document(request, version.document_id)
    try:
        restored = version_restore(by=request.user, document=document, version=version)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"Restored version {version.number}: it is now version {restored.number}.",
        )
    return redirect(reverse("documents:detail", args=[document.pk]) + "#versions")


@require_POST
def check_out(request: HttpRequest, pk: int) -> HttpResponse:
    """Check the document out: nobody else can upload a version until it is checked in."""
    document = _document(request, pk)
    try:
        document_check_out(by=request.user, document=document)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"You have checked out '{document.title}'. Upload the new version with "
            "“Check in” ticked when you are done, or release it.",
        )
    return redirect("documents:detail", pk=document.pk)


@require_POST
def release(request: HttpRequest, pk: int) -> HttpResponse:
    """Release a check-out without a new version (its holder, or an administrator)."""
    document = _document(request, pk)
    try:
        document_release(by=request.user, document=document)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Released the check-out of '{document.title}'.")
    return redirect("documents:detail", pk=document.pk)


# --- legal hold and trash ----------------------------------------------------------------------


@require_POST
def document_hold(request: HttpRequest, pk: int) -> HttpResponse:
    """Place a legal hold on this document (attorneys and administrators)."""
    document = _document(request, pk)
    form = HoldForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
    else:
        try:
            hold_place(by=request.user, reason=form.cleaned_data["reason"], document=document)
        except ServiceError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(
                request, f"Legal hold placed on '{document.title}': it cannot be deleted."
            )
    return redirect(reverse("documents:detail", args=[document.pk]) + "#hold")


@require_POST
def trash_document(request: HttpRequest, pk: int) -> HttpResponse:
    """Move the document to the trash (refused under a hold or another user's check-out)."""
    document = _document(request, pk)
    try:
        document_trash(by=request.user, document=document)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        return redirect("documents:detail", pk=document.pk)
    messages.success(
        request,
        f"Moved '{document.title}' to the trash. You can restore it from the Trash page.",
    )
    return redirect("documents:case_file", pk=document.matter_id)


@require_POST
def untrash(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a document out of the trash, back into its case file."""
    document = get_visible_document(request.user, pk, trash=True)
    try:
        document_untrash(by=request.user, document=document)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request, f"Restored '{document.title}' to the case file of {document.matter.number}."
        )
    return redirect(back_to(request, reverse("documents:trash")))


@require_POST
def purge(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete a trashed document for good (administrators; never one under a legal hold)."""
    document = get_visible_document(request.user, pk, trash=True)
    try:
        result = trash_purge(by=request.user, documents=[document])
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        if result.purged:
            messages.success(request, f"Deleted '{document.title}' for good.")
        else:
            messages.error(
                request,
                f"'{document.title}' is under a legal hold and was not deleted; "
                "release the hold first.",
            )
    return redirect(back_to(request, reverse("documents:trash")))


# --- proposals -------------------------------------------------------------------------------------


def _visible_proposal(request: HttpRequest, pk: int) -> Proposal:
    proposal = (
        Proposal.objects.filter(
            matter__in=visible_matters(request.user),
            version__document__deleted_at__isnull=True,
        )
        .select_related("matter", "version__document")
        .filter(pk=pk)
        .first()
    )
    if proposal is None:
        raise Http404("No such proposal.")
    return proposal


def _after_proposal(request: HttpRequest, proposal: Proposal) -> str:
    return back_to(
        request, reverse("documents:case_file", args=[proposal.matter_id]) + "#proposals"
    )


@require_POST
def proposal_confirm_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Enter what a proposal offers, with the user's changes (due date; party role and kind)."""
    proposal = _visible_proposal(request, pk)
    form = ProposalConfirmForm(request.POST)
    if not form.is_valid():
        messages.error(request, form_errors(form))
        return redirect(_after_proposal(request, proposal))
    try:
        result = proposal_confirm(
            by=request.user, proposal=proposal, edits=form.edits(proposal.kind)
        )
    except ServiceError as exc:
        messages.error(request, f"{proposal.label}: {error_text(exc)}")
    else:
        text = f"Entered from '{proposal.version.document.title}': {result}."
        if proposal.kind in (ProposalKind.EVENT, ProposalKind.DEADLINE):
            text += " It is on the matter's calendar."
        elif proposal.kind == ProposalKind.CONTACT:
            text += " The new party was checked for conflicts: see the matter page."
        messages.success(request, text)
    return redirect(_after_proposal(request, proposal))


@require_POST
def proposal_dismiss_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Dismiss a proposal: nothing is entered."""
    proposal = _visible_proposal(request, pk)
    try:
        proposal_dismiss(by=request.user, proposal=proposal)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Dismissed: {proposal.label}.")
    return redirect(_after_proposal(request, proposal))
