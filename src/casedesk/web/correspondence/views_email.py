"""Writing an e-mail from a matter: addresses, message, attachments from the case file."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from casedesk.web.access import AccessDenied, get_visible_matter, visible_documents
from casedesk.web.contacts.models import ContactEmail
from casedesk.web.correspondence.forms import EmailForm
from casedesk.web.correspondence.mail_services import email_send
from casedesk.web.correspondence.views_log import can_write, error_text, put_error
from casedesk.web.drafting.email_drafts import EmailDraft, email_draft, email_templates
from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter


def _documents(request: HttpRequest, matter: Matter) -> Any:
    return (
        visible_documents(request.user)
        .filter(matter=matter, current_version__isnull=False)
        .select_related("current_version", "category")
        .order_by("-document_date", "-id")
    )


def _party_addresses(matter: Matter) -> list[dict[str, str]]:
    """The e-mail addresses of the matter's parties, to copy into To or Cc."""
    rows = (
        ContactEmail.objects.filter(contact__party_roles__matter=matter)
        .select_related("contact")
        .order_by("contact__name", "address")
        .distinct()
    )
    roles = {
        p.contact_id: p.get_role_display().lower()
        for p in matter.parties.all()  # type: ignore[attr-defined]
    }
    return [
        {"name": r.contact.name, "address": r.address, "role": roles.get(r.contact_id, "")}
        for r in rows
    ]


def _from_template(request: HttpRequest, matter: Matter) -> tuple[EmailDraft | None, str]:
    """The draft a chosen e-mail template gives (``?template=<id>``), or a one-line problem."""
    raw = request.GET.get("template", "").strip()
    if not raw:
        return None, ""
    template = (
        DraftTemplate.objects.filter(pk=raw, kind="email", archived=False).first()
        if raw.isdigit()
        else None
    )
    if template is None:
        return None, "That e-mail template is not available; choose another."
    try:
        return email_draft(by=request.user, matter=matter, template=template), ""
    except ServiceError as exc:
        return None, exc.message


def _suggested_to(matter: Matter, draft: EmailDraft) -> str:
    """The client's address for a client e-mail, opposing counsel's for one to counsel."""
    role = "opposing-counsel" if "counsel" in (draft.template.starter_id or "") else "client"
    found = (
        ContactEmail.objects.filter(
            contact__party_roles__matter=matter, contact__party_roles__role=role
        )
        .order_by("id")
        .first()
    )
    return found.address if found else ""


@require_http_methods(["GET", "POST"])
def compose(request: HttpRequest, pk: int) -> HttpResponse:
    """Write and send an e-mail; the sent message is filed and logged on the matter."""
    matter = get_visible_matter(request.user, pk)
    documents = _documents(request, matter)
    status = 200
    if request.method == "POST":
        form = EmailForm(request.POST, documents=documents)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                entry = email_send(
                    by=request.user,
                    matter=matter,
                    to=[data["to"]],
                    cc=[data["cc"]] if data.get("cc") else [],
                    subject=data["subject"],
                    body=data["body"],
                    attachment_ids=[d.pk for d in data.get("attachments") or []],
                )
            except AccessDenied as exc:
                form.add_error(None, error_text(exc))
                status = 403
            except ServiceError as exc:
                put_error(form, exc)
            else:
                who = data["to"] + (f" (cc {data['cc']})" if data.get("cc") else "")
                messages.success(
                    request, f"Sent to {who} and filed as “{entry.subject}” in the case file."
                )
                return redirect("correspondence:log", pk=matter.pk)
    draft, draft_problem = (
        (None, "") if request.method == "POST" else _from_template(request, matter)
    )
    if request.method != "POST":
        initial = {}
        if draft is not None:
            initial = {
                "subject": draft.subject,
                "body": draft.body,
                "to": _suggested_to(matter, draft),
            }
        form = EmailForm(documents=documents, initial=initial)
    context = {
        "draft": draft,
        "draft_problem": draft_problem,
        "email_templates": email_templates(),
        "chosen_template": request.GET.get("template", ""),
        "matter": matter,
        "form": form,
        "addresses": _party_addresses(matter),
        "can_write": can_write(request),
        "has_documents": documents.exists(),
    }
    return render(request, "correspondence/email.html", context, status=status)
