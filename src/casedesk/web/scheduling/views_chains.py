"""Deadline-chain pages: build a chain on a matter, see it, move its trigger, manage deadlines.

Views are thin: reads through :mod:`chain_selectors` and :mod:`casedesk.web.access` (a hidden
matter's chain or deadline is a 404), writes through :mod:`chain_services`; a refused write
shows the service's message and keeps the user's input.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods, require_POST

from casedesk.core.deadlines import DeadlineError
from casedesk.core.deadlines.chains import get_chain_template
from casedesk.web.access import get_visible_matter
from casedesk.web.errors import ServiceError
from casedesk.web.scheduling import chain_selectors as selectors
from casedesk.web.scheduling import chain_services as services
from casedesk.web.scheduling.forms_chains import (
    ChainMoveForm,
    ChainNewForm,
    OverrideForm,
    ReasonForm,
    closed_days_text,
)


def _error_text(exc: Exception) -> str:
    return getattr(exc, "message", None) or str(exc)


def _attach_error(form: Any, exc: Exception) -> None:
    """Put a service's refusal next to the field it names, or at the top of the form."""
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, _error_text(exc))


def _back(request: HttpRequest, default: str) -> HttpResponseRedirect:
    """Redirect to the POSTed ``next`` if it is a local URL, else to ``default``."""
    target = request.POST.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(default)


def _deadline_home(event: Any) -> str:
    if event.chain_id:
        return reverse("scheduling:chain", args=[event.chain_id])
    return reverse("matters:detail", args=[event.matter_id]) if event.matter_id else "/"


# --- building a chain --------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def chain_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Court, trigger, date, service -> "Propose deadlines" -> tick -> "Save to calendar"."""
    matter = get_visible_matter(request.user, pk)
    proposals: list[Any] = []
    selected: set[str] = set()
    signature = ""
    chosen = None
    status = 200
    if request.method == "POST":
        form = ChainNewForm(request.POST)
        action = request.POST.get("action", "propose")
        if form.is_valid():
            inp = form.chain_input()
            posted = [r for r in request.POST.getlist("rule") if r]
            if action == "save" and request.POST.get("signature") == inp.signature():
                try:
                    chain = services.chain_create(
                        by=request.user, matter=matter, inp=inp, rule_ids=posted
                    )
                except ServiceError as exc:
                    _attach_error(form, exc)
                    status = 400
                else:
                    count = chain.deadlines.count()
                    messages.success(
                        request,
                        f"{count} deadline{'s' if count != 1 else ''} saved to the calendar.",
                    )
                    return redirect("scheduling:chain", pk=chain.pk)
            elif action == "save":
                messages.warning(
                    request,
                    "The trigger changed after the deadlines were proposed: check the new "
                    "dates below, then save again.",
                )
            try:
                proposals = services.chain_propose(by=request.user, matter=matter, inp=inp)
            except ServiceError as exc:
                _attach_error(form, exc)
                status = 400
            else:
                signature = inp.signature()
                chosen = _template_or_none(inp.template_id)
                if action == "save" and (posted or status == 400):
                    selected = set(posted)
                else:
                    selected = {p.rule_id for p in proposals if p.default}
        else:
            status = 400
    else:
        form = ChainNewForm(
            initial={"court": selectors.court_for_matter(matter) or "", "service": "none"}
        )
    return render(
        request,
        "scheduling/chains/chain_new.html",
        {
            "matter": matter,
            "form": form,
            "proposals": proposals,
            "selected": selected,
            "signature": signature,
            "template_groups": selectors.template_groups(),
            "court_guess": selectors.court_for_matter(matter),
            "chosen": chosen,
        },
        status=status,
    )


# --- one chain -------------------------------------------------------------------------------


def chain_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The chain: its trigger, its deadlines with derivations, and "Move trigger"."""
    chain = selectors.get_visible_chain(request.user, pk)
    move_form = ChainMoveForm(
        initial={
            "trigger_date": chain.trigger_date,
            "trigger_time": chain.trigger_time,
            "service": chain.service,
            "closed_days": closed_days_text(chain.closed_days or []),
        }
    )
    return render(
        request,
        "scheduling/chains/chain_detail.html",
        {
            "chain": chain,
            "section": selectors.chain_section(chain),
            "template": _template_or_none(chain.template),
            "move_form": move_form,
        },
    )


def _template_or_none(template_id: str) -> Any:
    try:
        return get_chain_template(template_id)
    except DeadlineError:
        return None


@require_http_methods(["GET", "POST"])
def chain_move(request: HttpRequest, pk: int) -> HttpResponse:
    """New trigger -> preview of every change (old -> new) -> "Save changes"."""
    chain = selectors.get_visible_chain(request.user, pk)
    if request.method == "GET":
        return redirect("scheduling:chain", pk=chain.pk)
    form = ChainMoveForm(request.POST)
    preview = None
    status = 200
    if form.is_valid():
        new = form.chain_input(chain.template, chain.court)
        try:
            if request.POST.get("action") == "save":
                done = services.chain_move_confirm(by=request.user, chain=chain, new=new)
                messages.success(
                    request,
                    f"Trigger moved; {done.changed_count} deadline"
                    f"{'s' if done.changed_count != 1 else ''} changed on the calendar.",
                )
                return redirect("scheduling:chain", pk=chain.pk)
            preview = services.chain_move_preview(by=request.user, chain=chain, new=new)
        except ServiceError as exc:
            _attach_error(form, exc)
            status = 400
    else:
        status = 400
    return render(
        request,
        "scheduling/chains/chain_move.html",
        {
            "chain": chain,
            "form": form,
            "preview": preview,
            "old_service": selectors.service_label(chain.service),
            "new_service": selectors.service_label(preview.new.service) if preview else "",
            "closed_text": closed_days_text(preview.new.closed_days) if preview else "",
        },
        status=status,
    )


@require_POST
def chain_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the chain and its deadlines (a reason is required)."""
    chain = selectors.get_visible_chain(request.user, pk)
    form = ReasonForm(request.POST)
    matter_url = reverse("matters:detail", args=[chain.matter_id])
    if not form.is_valid():
        messages.error(
            request, "Say why the chain is deleted (the reason is kept in the audit log)."
        )
        return redirect("scheduling:chain", pk=chain.pk)
    try:
        services.chain_delete(by=request.user, chain=chain, reason=form.cleaned_data["reason"])
    except ServiceError as exc:
        messages.error(request, _error_text(exc))
        return redirect("scheduling:chain", pk=chain.pk)
    messages.success(request, "The deadline chain and its deadlines were deleted.")
    return redirect(matter_url)


# --- one deadline ----------------------------------------------------------------------------


@require_POST
def deadline_complete(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark a deadline done."""
    event = selectors.get_visible_deadline(request.user, pk)
    try:
        services.deadline_complete(by=request.user, event=event)
        messages.success(request, f"Marked done: {event.title}.")
    except ServiceError as exc:
        messages.error(request, _error_text(exc))
    return _back(request, _deadline_home(event))


@require_POST
def deadline_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo "done"."""
    event = selectors.get_visible_deadline(request.user, pk)
    try:
        services.deadline_reopen(by=request.user, event=event)
        messages.success(request, f"Reopened: {event.title}.")
    except ServiceError as exc:
        messages.error(request, _error_text(exc))
    return _back(request, _deadline_home(event))


@require_POST
def deadline_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete one deadline (a reason is required)."""
    event = selectors.get_visible_deadline(request.user, pk)
    home = _deadline_home(event)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(
            request, "Say why the deadline is deleted (the reason is kept in the audit log)."
        )
        return _back(request, home)
    try:
        services.deadline_delete(by=request.user, event=event, reason=form.cleaned_data["reason"])
        messages.success(request, f"Deleted: {event.title}.")
    except ServiceError as exc:
        messages.error(request, _error_text(exc))
    return _back(request, home)


@require_http_methods(["GET", "POST"])
def deadline_override(request: HttpRequest, pk: int) -> HttpResponse:
    """Calendar a computed deadline on another date, with a reason (flagged, audited)."""
    event = selectors.get_visible_deadline(request.user, pk)
    view = selectors.deadline_view(event)
    status = 200
    if request.method == "POST":
        form = OverrideForm(request.POST)
        if form.is_valid():
            try:
                services.deadline_override(
                    by=request.user,
                    event=event,
                    new_date=form.cleaned_data["new_date"],
                    new_time=form.cleaned_data.get("new_time"),
                    reason=form.cleaned_data["reason"],
                )
                messages.warning(
                    request,
                    f"{event.title} is now calendared by hand; the computed date is kept with it.",
                )
                return redirect(_deadline_home(event))
            except ServiceError as exc:
                _attach_error(form, exc)
        status = 400
    else:
        form = OverrideForm(initial={"new_date": view.due_date, "new_time": view.due_time})
    return render(
        request,
        "scheduling/chains/deadline_override.html",
        {"event": event, "row": view, "form": form, "back": _deadline_home(event)},
        status=status,
    )
