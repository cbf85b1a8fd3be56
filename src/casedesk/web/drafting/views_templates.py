"""The firm's templates: list and upload, one template (its fields explained, versions,
archive), downloads of a version's Word file, the starter library, and the firm details.

Templates are not matter data: every signed-in user sees them; read-only users cannot change
them; installing the starter library and the firm details are for administrators.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from casedesk.web.access import AccessDenied, require_admin_page
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.views_document import file_response
from casedesk.web.documents.views_files import error_text, incoming_files, upload_guard
from casedesk.web.drafting import selectors
from casedesk.web.drafting.forms import FirmProfileForm, TemplateUploadForm, TemplateVersionForm
from casedesk.web.drafting.models import FirmProfile
from casedesk.web.drafting.services import firm_profile_update
from casedesk.web.drafting.template_services import (
    starter_install,
    template_archive,
    template_upload,
    template_version_add,
)
from casedesk.web.errors import ServiceError

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _can_write(user: Any) -> bool:
    return bool(getattr(user, "can_write", False))


def _refused_upload(request: HttpRequest) -> str:
    return str(getattr(request, "upload_refused", "") or "")


# --- the list and upload -----------------------------------------------------------------------


def _list_context(request: HttpRequest, form: TemplateUploadForm, **extra: Any) -> dict[str, Any]:
    show_archived = request.GET.get("archived") == "1"
    q = request.GET.get("q", "").strip()
    templates = list(
        selectors.templates_visible(request.user, archived=show_archived, q=q).prefetch_related(
            "versions"
        )
    )
    groups = [
        (g.label, [c.template for c in g.choices]) for g in selectors.templates_by_kind(templates)
    ]
    return {
        "form": form,
        "templates": templates,
        "groups": groups,
        "show_archived": show_archived,
        "q": q,
        "can_write": _can_write(request.user),
        "is_admin": getattr(request.user, "is_firm_admin", False),
        "starter_installed": selectors.starter_installed(),
        "upload_open": bool(form.is_bound),
        **extra,
    }


@upload_guard
def template_list(request: HttpRequest) -> HttpResponse:
    """Every template (grouped by kind), the upload form, and the starter library button."""
    if request.method not in ("GET", "HEAD", "POST"):
        return HttpResponse(status=405)
    if request.method != "POST":
        return render(
            request, "drafting/template_list.html", _list_context(request, TemplateUploadForm())
        )
    form = TemplateUploadForm(request.POST, request.FILES)
    refused = _refused_upload(request)
    if refused:
        form.is_valid()
        form.add_error("file", refused)
        return render(
            request, "drafting/template_list.html", _list_context(request, form), status=400
        )
    if not _can_write(request.user):
        messages.error(request, "Your role is read-only: ask an administrator to add templates.")
        return redirect("drafting:templates")
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with incoming_files([upload]) as files:
                template = template_upload(
                    by=request.user,
                    name=form.cleaned_data["name"],
                    path=files[0].path,
                    filename=upload.name or "template.docx",
                    description=form.cleaned_data["description"],
                    kind=form.cleaned_data["kind"],
                )
        except ServiceError as exc:
            form.add_error("name" if exc.field == "name" else "file", error_text(exc))
        else:
            messages.success(request, f"Added the template “{template.name}”.")
            return redirect("drafting:template_detail", pk=template.pk)
    return render(request, "drafting/template_list.html", _list_context(request, form), status=400)


@require_POST
def install_starter(request: HttpRequest) -> HttpResponse:
    """Install (or update) the starter library of templates: administrators only."""
    require_admin_page(request.user)
    try:
        result = starter_install(by=request.user)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, result.summary())
    return redirect("drafting:templates")


# --- one template --------------------------------------------------------------------------------


def _detail_context(request: HttpRequest, template: Any, **extra: Any) -> dict[str, Any]:
    versions = list(template.versions.select_related("uploaded_by").order_by("-number"))
    latest = versions[0] if versions else None
    rows = selectors.template_detail(latest) if latest is not None else []
    return {
        "template": template,
        "versions": versions,
        "latest": latest,
        "rows": rows,
        "unknown": [r for r in rows if r.status == "unknown"],
        "version_form": extra.pop("version_form", None) or TemplateVersionForm(),
        "can_write": _can_write(request.user),
        **extra,
    }


@require_GET
def template_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A template: its fields (where each value comes from), its versions, a new version."""
    template = selectors.get_template(request.user, pk)
    return render(request, "drafting/template_detail.html", _detail_context(request, template))


@upload_guard
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload a new version of a template's Word file."""
    if request.method != "POST":
        return HttpResponse(status=405)
    template = selectors.get_template(request.user, pk)
    form = TemplateVersionForm(request.POST, request.FILES)
    refused = _refused_upload(request)
    if refused:
        form.is_valid()
        form.add_error("file", refused)
    elif not _can_write(request.user):
        messages.error(request, "Your role is read-only: ask an administrator to change templates.")
        return redirect("drafting:template_detail", pk=template.pk)
    elif form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            with incoming_files([upload]) as files:
                version = template_version_add(
                    by=request.user,
                    template=template,
                    path=files[0].path,
                    filename=upload.name or "template.docx",
                    comment=form.cleaned_data["comment"],
                )
        except ServiceError as exc:
            form.add_error("file", error_text(exc))
        else:
            messages.success(request, f"Uploaded version {version.number} of “{template.name}”.")
            return redirect("drafting:template_detail", pk=template.pk)
    context = _detail_context(request, template, version_form=form, version_open=True)
    return render(request, "drafting/template_detail.html", context, status=400)


@require_POST
def archive(request: HttpRequest, pk: int) -> HttpResponse:
    """Archive a template, or restore an archived one (``archive=0``)."""
    template = selectors.get_template(request.user, pk)
    archived = request.POST.get("archive", "1") != "0"
    try:
        template_archive(by=request.user, template=template, archived=archived)
    except (ServiceError, AccessDenied) as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(
            request,
            f"Archived “{template.name}”: it is no longer offered for drafting."
            if archived
            else f"Restored “{template.name}” to the list of templates.",
        )
    return redirect("drafting:template_detail", pk=template.pk)


@require_GET
def template_download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    """One version's Word file, as a download."""
    template = selectors.get_template(request.user, pk)
    version = template.versions.select_related("blob").filter(number=number).first()
    if version is None:
        raise Http404("No such version.")
    try:
        handle = blob_open(version.blob)
    except FileNotFoundError as exc:
        messages.error(request, f"{exc} Ask an administrator to restore it from the backup.")
        return redirect("drafting:template_detail", pk=template.pk)
    return file_response(
        handle, content_type=DOCX_TYPE, filename=version.filename, size=version.blob.size
    )


# --- firm details --------------------------------------------------------------------------------


def firm(request: HttpRequest) -> HttpResponse:
    """The firm details templates are filled with (administrators only)."""
    require_admin_page(request.user)
    profile = FirmProfile.load()
    fields = ("name", "address", "phone", "fax", "email", "website")
    if request.method != "POST":
        form = FirmProfileForm(initial={f: getattr(profile, f) for f in fields})
        return render(request, "drafting/firm.html", {"form": form, "profile": profile})
    form = FirmProfileForm(request.POST)
    if form.is_valid():
        try:
            firm_profile_update(by=request.user, **{f: form.cleaned_data[f] for f in fields})
        except ServiceError as exc:
            form.add_error(exc.field if exc.field in fields else None, error_text(exc))
        else:
            messages.success(request, "Saved the firm details; new documents will use them.")
            return redirect("drafting:firm")
    return render(request, "drafting/firm.html", {"form": form, "profile": profile}, status=400)
