"""Importing an e-mail (.eml or .msg): upload it, see what it is and where it probably belongs,
choose the matter, file it.

The upload is kept aside under a random token bound to the uploading user (:mod:`pending`)
until it is filed or cancelled (or a day has passed). Uploads go through the site's upload
limit (``upload_limit.LimitedUploadHandler``) and ``views_files.upload_guard``, so an
oversized file is a message, never a 500.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from casedesk.web.access import AccessDenied, get_visible_matter, require_writer, visible_matters
from casedesk.web.correspondence import pending
from casedesk.web.correspondence.forms import MessageUploadForm
from casedesk.web.correspondence.mail_services import message_import, message_preview
from casedesk.web.correspondence.selectors import matter_suggestions
from casedesk.web.correspondence.views_log import can_write, error_text
from casedesk.web.documents.upload_limit import limit_text
from casedesk.web.documents.views_files import incoming_files, upload_guard
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter, MatterStatus


def _upload_page(
    request: HttpRequest,
    matter: Matter | None,
    form: MessageUploadForm,
    *,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    context = {
        "matter": matter,
        "form": form,
        "error": error,
        "can_write": can_write(request),
        "max_text": limit_text(int(settings.CASEDESK_MAX_UPLOAD_BYTES)),
    }
    return render(request, "correspondence/import_upload.html", context, status=status)


def _upload(request: HttpRequest, matter: Matter | None) -> HttpResponse:
    if request.method == "GET":
        return _upload_page(request, matter, MessageUploadForm())
    refused = getattr(request, "upload_refused", "")
    if refused:
        return _upload_page(request, matter, MessageUploadForm(), error=refused, status=413)
    form = MessageUploadForm(request.POST, request.FILES)
    try:
        require_writer(request.user)
    except AccessDenied as exc:
        return _upload_page(request, matter, form, error=error_text(exc), status=403)
    if not form.is_valid():
        return _upload_page(request, matter, form, status=400)
    upload = form.cleaned_data["file"]
    try:
        with incoming_files([upload]) as (incoming,):
            message_preview(incoming.path, incoming.name)
            token = pending.keep(
                user=request.user,
                source=incoming.path,
                filename=incoming.name,
                matter_id=matter.pk if matter is not None else None,
            )
    except ServiceError as exc:
        return _upload_page(request, matter, form, error=error_text(exc), status=400)
    return redirect("correspondence:import_review", token=token)


@upload_guard
@require_http_methods(["GET", "POST"])
def import_upload(request: HttpRequest) -> HttpResponse:
    """Upload one .eml or .msg file, not yet tied to a matter."""
    return _upload(request, None)


@upload_guard
@require_http_methods(["GET", "POST"])
def matter_import_upload(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload one .eml or .msg file to file to this matter (another can still be chosen)."""
    matter = get_visible_matter(request.user, pk)
    return _upload(request, matter)


def _review_context(request: HttpRequest, upload: pending.PendingImport) -> dict[str, Any]:
    parts = message_preview(upload.path, upload.filename)
    suggestions = matter_suggestions(request.user, parts)
    preset = None
    if upload.matter_id is not None:
        preset = visible_matters(request.user).filter(pk=upload.matter_id).first()
    listed = {s.matter.pk for s in suggestions} | ({preset.pk} if preset else set())
    others = (
        visible_matters(request.user)
        .exclude(pk__in=listed)
        .order_by("-number")
        .only("pk", "number", "title", "status")
    )
    if preset is not None:
        selected = str(preset.pk)
    elif suggestions:
        selected = str(suggestions[0].matter.pk)
    else:
        selected = "other"
    return {
        "upload": upload,
        "parts": parts,
        "attachments": [
            {"name": a.filename, "size": len(a.data), "type": a.content_type}
            for a in parts.attachments
        ],
        "suggestions": suggestions,
        "preset": preset,
        "preset_suggested": preset is not None and preset.pk in {s.matter.pk for s in suggestions},
        "others": others,
        "closed": {MatterStatus.CLOSED, MatterStatus.DECLINED},
        "selected": selected,
        "other_selected": "",
        "error": "",
        "can_write": can_write(request),
    }


def _chosen(request: HttpRequest) -> tuple[str, str, Matter | None]:
    choice = request.POST.get("matter", "")
    other = request.POST.get("other_matter", "")
    pk = other if choice == "other" else choice
    matter = None
    if pk.isdigit():
        matter = visible_matters(request.user).filter(pk=int(pk)).first()
    return choice, other, matter


@require_http_methods(["GET", "POST"])
def import_review(request: HttpRequest, token: str) -> HttpResponse:
    """The uploaded message and the matters it probably belongs to; confirm files it."""
    upload = pending.load(user=request.user, token=token)
    if upload is None:
        raise Http404("This upload is not yours, or it has expired.")
    back = reverse("correspondence:import")
    if upload.matter_id is not None:
        back = reverse("correspondence:matter_import", kwargs={"pk": upload.matter_id})
    if request.method == "POST" and request.POST.get("action") == "cancel":
        pending.discard(upload.token)
        messages.info(request, "The upload was cancelled; nothing was filed.")
        return redirect(back)
    try:
        context = _review_context(request, upload)
    except ServiceError as exc:
        pending.discard(upload.token)
        messages.error(request, error_text(exc))
        return redirect(back)
    if request.method == "GET":
        return render(request, "correspondence/import_review.html", context)
    choice, other, matter = _chosen(request)
    context.update(selected=choice, other_selected=other)
    status = 400
    try:
        require_writer(request.user)
        if matter is None:
            raise ServiceError("Choose the matter to file this message to.", field="matter")
        result = message_import(
            by=request.user, matter=matter, path=upload.path, filename=upload.filename
        )
    except AccessDenied as exc:
        context["error"], status = error_text(exc), 403
    except ServiceError as exc:
        context["error"] = error_text(exc)
    else:
        pending.discard(upload.token)
        entry = result.communication
        count = len(result.documents) - 1
        extra = f" with {count} attachment{'s' if count != 1 else ''}" if count else ""
        subject = entry.subject or "(no subject)"
        messages.success(request, f"Filed “{subject}” to {matter.number}{extra}.")
        for note in result.notes:
            messages.warning(request, note)
        return redirect("correspondence:log", pk=matter.pk)
    return render(request, "correspondence/import_review.html", context, status=status)
