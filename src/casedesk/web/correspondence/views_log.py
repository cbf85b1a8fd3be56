"""The matter's correspondence log: the list, logging an entry, changing and deleting one.

Views are thin: reads through :mod:`selectors`, writes through :mod:`services`; a refusal is
shown on the field the service names, with everything typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import AccessDenied, get_visible_matter
from casedesk.web.correspondence import selectors
from casedesk.web.correspondence.forms import CommunicationForm, LogFilterForm, now_local
from casedesk.web.correspondence.models import (
    Communication,
    CommunicationDirection,
    CommunicationKind,
)
from casedesk.web.correspondence.services import (
    communication_delete,
    communication_log,
    communication_update,
    describe,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

PAGE_SIZE = 50


def error_text(exc: Exception) -> str:
    """The user-facing text of a refusal."""
    return getattr(exc, "message", None) or str(exc)


def put_error(form: Any, exc: ServiceError) -> None:
    """Show a service's refusal on the field it names (or at the top of the form)."""
    name = exc.field if exc.field in form.fields else None
    form.add_error(name, error_text(exc))


def can_write(request: HttpRequest) -> bool:
    return bool(getattr(request.user, "can_write", False))


def call_form(**initial: Any) -> CommunicationForm:
    """The "Log a call" form: kind call, now, incoming."""
    return CommunicationForm(
        initial={
            "kind": CommunicationKind.CALL,
            "occurred_at": now_local(),
            "direction": CommunicationDirection.IN,
            **initial,
        }
    )


def _log_context(request: HttpRequest, matter: Matter, **extra: Any) -> dict[str, Any]:
    filters = LogFilterForm(request.GET or None)
    kind = filters.cleaned_data.get("kind", "") if filters.is_valid() else ""
    entries = selectors.communications_for(request.user, matter, kind=kind)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    context: dict[str, Any] = {
        "matter": matter,
        "page_obj": page,
        "kind": kind,
        "kinds": CommunicationKind.choices,
        "form": call_form(),
        "can_write": can_write(request),
    }
    context.update(extra)
    return context


@require_GET
def matter_log(request: HttpRequest, pk: int) -> HttpResponse:
    """The matter's correspondence log, filtered by kind, with the "Log a call" form."""
    matter = get_visible_matter(request.user, pk)
    return render(request, "correspondence/log.html", _log_context(request, matter))


def _form_page(
    request: HttpRequest,
    matter: Matter,
    form: CommunicationForm,
    *,
    entry: Communication | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {"matter": matter, "form": form, "entry": entry, "can_write": can_write(request)}
    return render(request, "correspondence/entry_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def log_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Log a call, meeting, e-mail, letter or note (?kind= presets the kind)."""
    matter = get_visible_matter(request.user, pk)
    if request.method == "GET":
        kind = request.GET.get("kind", "")
        form = call_form(kind=kind if kind in CommunicationKind.values else "call")
        return _form_page(request, matter, form)
    form = CommunicationForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            follow_up = form.follow_up(request.user)
            entry = communication_log(
                by=request.user, matter=matter, follow_up=follow_up, **form.entry()
            )
        except AccessDenied as exc:
            form.add_error(None, error_text(exc))
            status = 403
        except ServiceError as exc:
            put_error(form, exc)
        else:
            text = f"Logged the {describe(entry)}."
            if entry.follow_up_task_id:
                text += f" Follow-up task “{entry.follow_up_task.title}” added."  # type: ignore[union-attr]
            messages.success(request, text)
            return redirect("correspondence:log", pk=matter.pk)
    return _form_page(request, matter, form, status=status)


@require_http_methods(["GET", "POST"])
def entry_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an entry of the log (and add a follow-up task when it has none)."""
    entry = selectors.get_visible_communication(request.user, pk)
    matter = entry.matter
    with_follow_up = entry.follow_up_task_id is None
    if request.method == "GET":
        initial = {
            "kind": entry.kind,
            "direction": entry.direction,
            "occurred_at": entry.occurred_at,
            "participants": entry.participants,
            "subject": entry.subject,
            "summary": entry.summary,
        }
        form = CommunicationForm(initial=initial, with_follow_up=with_follow_up)
        return _form_page(request, matter, form, entry=entry)
    form = CommunicationForm(request.POST, with_follow_up=with_follow_up)
    status = 400
    if form.is_valid():
        try:
            follow_up = form.follow_up(request.user) if with_follow_up else None
            communication_update(
                by=request.user, communication=entry, follow_up=follow_up, **form.entry()
            )
        except AccessDenied as exc:
            form.add_error(None, error_text(exc))
            status = 403
        except ServiceError as exc:
            put_error(form, exc)
        else:
            messages.success(request, f"Saved the {describe(entry)}.")
            return redirect("correspondence:log", pk=matter.pk)
    return _form_page(request, matter, form, entry=entry, status=status)


@require_POST
def entry_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete an entry; the filed document and the follow-up task stay."""
    entry = selectors.get_visible_communication(request.user, pk)
    matter_pk = entry.matter_id
    name = describe(entry)
    try:
        communication_delete(by=request.user, communication=entry)
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        return redirect("correspondence:edit", pk=entry.pk)
    kept = " Its filed document and follow-up task were kept."
    if not entry.document_id and not entry.follow_up_task_id:
        kept = ""
    messages.success(request, f"Deleted the {name} from the log.{kept}")
    return redirect("correspondence:log", pk=matter_pk)
