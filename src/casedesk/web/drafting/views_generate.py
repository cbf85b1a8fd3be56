"""Drafting for a matter: choose a template, answer its questions, preview, generate; then the
result (the filed Word file, and its PDF made by the worker).

Every page is bound to a matter and looks it up through ``casedesk.web.access``: a screened
user gets 404 for every one of them. Read-only users can look but not generate.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import get_visible_matter, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.views_document import file_response
from casedesk.web.documents.views_files import error_text
from casedesk.web.drafting import selectors
from casedesk.web.drafting.forms import answer_lines, question_rows
from casedesk.web.drafting.models import GeneratedDocument
from casedesk.web.drafting.preview import document_preview
from casedesk.web.drafting.services import (
    AnswersInvalid,
    Draft,
    document_generate,
    draft_prepare,
    pdf_request,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

# --- choosing a template ------------------------------------------------------------------------


@require_GET
def matter_templates(request: HttpRequest, pk: int) -> HttpResponse:
    """The templates to draft from for this matter, grouped by kind, with a search box."""
    matter = get_visible_matter(request.user, pk)
    q = request.GET.get("q", "").strip()
    templates = list(selectors.templates_visible(request.user, q=q))
    family = selectors.matter_court_family(matter)
    groups = selectors.templates_by_kind(templates, family)
    declined = selectors.latest_conflict_declined(matter)
    context = {
        "matter": matter,
        "groups": groups,
        "court_known": family in selectors.COURT_SUFFIXES,
        "q": q,
        "count": len(templates),
        "declined": declined,
        "declination": selectors.declination_template(request.user) if declined else None,
        "recent": GeneratedDocument.objects.filter(matter=matter)
        .select_related("document", "template_version__template", "created_by")
        .order_by("-created_at")[:10],
        "can_write": request.user.can_write,  # type: ignore[union-attr]
    }
    if request.htmx and request.GET.get("partial") == "list":  # type: ignore[attr-defined]
        return render(request, "drafting/_template_choices.html", context)
    return render(request, "drafting/matter_templates.html", context)


# --- the questions form, preview and generation ------------------------------------------------


def _posted_answers(request: HttpRequest, names: list[str]) -> dict[str, str]:
    """The answer text submitted for each question (only the questions' names are read)."""
    return {name: request.POST.get(name, "") for name in names if name in request.POST}


def _form_context(
    request: HttpRequest,
    matter: Matter,
    template: Any,
    draft: Draft,
    values: Mapping[str, str],
    errors: Mapping[str, str] | None = None,
    **extra: Any,
) -> dict[str, Any]:
    rows = question_rows(draft.questions, values, draft.saved, errors)
    return {
        "matter": matter,
        "template": template,
        "version": draft.version,
        "new_rows": [r for r in rows if not r.saved],
        "saved_rows": [r for r in rows if r.saved],
        "saved_open": any(r.error for r in rows if r.saved),
        "title": request.POST.get("title", "") if request.method == "POST" else "",
        "can_write": request.user.can_write,  # type: ignore[union-attr]
        **extra,
    }


@require_http_methods(["GET", "HEAD", "POST"])
def draft(request: HttpRequest, pk: int, template_pk: int) -> HttpResponse:
    """The questions for this template and matter; Preview, Generate Word, Generate Word + PDF."""
    matter = get_visible_matter(request.user, pk)
    template = selectors.get_template(request.user, template_pk, archived=False)
    try:
        base = draft_prepare(request.user, matter, template, {})
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        return redirect("drafting:matter", pk=matter.pk)
    if request.method != "POST":
        return render(
            request, "drafting/draft.html", _form_context(request, matter, template, base, {})
        )
    values = _posted_answers(request, [q.name for q in base.questions])
    action = request.POST.get("action", "preview")
    if not request.user.can_write:  # type: ignore[union-attr]
        messages.error(request, "Your role is read-only: ask a colleague to generate documents.")
        return render(
            request,
            "drafting/draft.html",
            _form_context(request, matter, template, base, values),
            status=403,
        )
    if action == "preview":
        preview = document_preview(
            by=request.user, matter=matter, template=template, raw_answers=values
        )
        if request.htmx:  # type: ignore[attr-defined]
            # Only #preview is swapped: the question rows go back out of band, so an answer
            # that could not be used is marked beside its question (and a corrected one is not).
            rows = question_rows(base.questions, values, base.saved, preview.errors)
            return render(
                request,
                "drafting/_preview.html",
                {"preview": preview, "template": template, "oob_rows": rows},
            )
        context = _form_context(
            request, matter, template, base, values, preview.errors, preview=preview
        )
        return render(request, "drafting/draft.html", context)
    try:
        generated = document_generate(
            by=request.user,
            matter=matter,
            template=template,
            raw_answers=values,
            title=request.POST.get("title", ""),
            pdf=action == "pdf",
        )
    except AnswersInvalid as exc:
        messages.error(request, exc.message)
        context = _form_context(request, matter, template, base, values, exc.errors)
        return render(request, "drafting/draft.html", context, status=400)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        context = _form_context(request, matter, template, base, values)
        return render(request, "drafting/draft.html", context, status=400)
    assert generated is not None
    messages.success(request, f"Filed “{generated.document.title}” to {matter.number}.")
    return redirect("drafting:generated", pk=generated.pk)


# --- the result ---------------------------------------------------------------------------------


def _visible_generated(request: HttpRequest, pk: int) -> GeneratedDocument:
    generated = (
        GeneratedDocument.objects.filter(matter__in=visible_matters(request.user))
        .select_related(
            "matter",
            "document",
            "document__current_version",
            "pdf_document",
            "pdf_document__current_version",
            "template_version__template",
            "created_by",
        )
        .filter(pk=pk)
        .first()
    )
    if generated is None:
        raise Http404("No such document.")
    return generated


def _result_context(request: HttpRequest, generated: GeneratedDocument) -> dict[str, Any]:
    return {
        "generated": generated,
        "matter": generated.matter,
        "template": generated.template_version.template,
        "answers": answer_lines(generated.answers or {}),
        "docx_trashed": generated.document.deleted_at is not None,
        "pdf_trashed": generated.pdf_document is not None
        and generated.pdf_document.deleted_at is not None,
        "can_write": request.user.can_write,  # type: ignore[union-attr]
    }


@require_GET
def generated(request: HttpRequest, pk: int) -> HttpResponse:
    """The result: the filed document, its Word download, and the PDF's progress."""
    gen = _visible_generated(request, pk)
    return render(request, "drafting/generated.html", _result_context(request, gen))


@require_GET
def generated_status(request: HttpRequest, pk: int) -> HttpResponse:
    """The PDF status panel (polled every 2 s while the PDF is being made)."""
    gen = _visible_generated(request, pk)
    return render(request, "drafting/_pdf_status.html", _result_context(request, gen))


@require_POST
def generated_pdf_again(request: HttpRequest, pk: int) -> HttpResponse:
    """Ask the worker for the PDF again (after a failure, or when none was asked for)."""
    gen = _visible_generated(request, pk)
    try:
        pdf_request(by=request.user, generated=gen)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "The PDF is being made; this page shows it when it is ready.")
    return redirect("drafting:generated", pk=gen.pk)


@require_GET
def generated_download(request: HttpRequest, pk: int, what: str) -> HttpResponse:
    """The generated Word file (``docx``) or its PDF (``pdf``), as a download (audited)."""
    gen = _visible_generated(request, pk)
    document = gen.document if what == "docx" else gen.pdf_document
    if document is None or document.deleted_at is not None or document.current_version is None:
        raise Http404("That file is not available.")
    version = document.current_version
    try:
        handle = blob_open(version.blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask an administrator to restore it from the backup.")
        return redirect("drafting:generated", pk=gen.pk)
    with transaction.atomic():
        audit_record(
            actor=request.user,
            action="download",
            object_type="document",
            object_id=document.pk,
            matter_id=document.matter_id,
            summary=f"Downloaded “{version.filename}” (version {version.number}) of “{document.title}”",
            data={"version": version.number, "sha256": version.blob_id, "what": what},
        )
    return file_response(
        handle,
        content_type=version.content_type or "application/octet-stream",
        filename=version.filename,
        size=version.size,
    )
