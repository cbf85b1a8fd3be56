"""Calendar pages: my calendar, a matter's calendar, the firm's; month, week and agenda; events.

Views are thin: reads go through :mod:`event_selectors` (over ``access.visible_events``), writes
through :mod:`event_services`. A double-booking is shown before saving and the user confirms.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import (
    AccessDenied,
    get_visible_matter,
    visible_contacts,
    visible_matters,
    visible_tasks,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling import event_selectors as sel
from casedesk.web.scheduling import event_services as svc
from casedesk.web.scheduling.forms_calendar import CalendarFilterForm, EventForm, event_initial
from casedesk.web.scheduling.models import Event, EventKind, EventStatus

CONTACT_SEARCH_LIMIT = 20


def _error_text(exc: Exception) -> str:
    return getattr(exc, "message", None) or str(exc)


def _attach_error(form: Any, exc: Exception) -> None:
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, _error_text(exc))


# --- the three calendars ------------------------------------------------------------------------


def _calendar_page(
    request: HttpRequest, *, scope: str, title: str, matter: Matter | None = None
) -> HttpResponse:
    """One calendar (scope "mine", "matter" or "firm") in the view the query string asks for."""
    form = CalendarFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_bound and form.is_valid() else {}
    if form.is_bound and form.errors.get("date"):
        messages.error(request, f"{form.errors['date'][0]} Showing today instead.")
    view = params.get("view") or "month"
    anchor = params.get("date") or timezone.localdate()
    kind = params.get("kind") or ""
    rng = sel.calendar_range(view, anchor)
    qs = sel.calendar_events(
        request.user,
        start=rng.start,
        end=rng.end,
        scope=scope,
        matter=matter,
        kinds=[kind] if kind else (),
    )
    context: dict[str, Any] = {
        "title": title,
        "scope": scope,
        "matter": matter,
        "rng": rng,
        "view": view,
        "kind": kind,
        "kinds": EventKind.choices,
        "form": form,
        "today": timezone.localdate(),
        "keep": f"&kind={kind}" if kind else "",
        "new_url": reverse("scheduling:event_new")
        + (f"?matter={matter.pk}" if matter is not None else ""),
    }
    if view == "month":
        context["weeks"] = sel.month_grid(rng, qs)
        context["weekdays"] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    elif view == "week":
        columns, hours, height = sel.week_columns(rng, qs)
        context.update(
            columns=columns, hours=hours, height=height, hour_px=sel.HOUR_PX, first_hour=hours[0]
        )
    else:
        page = Paginator(qs, sel.AGENDA_PAGE).get_page(request.GET.get("page"))
        context.update(page_obj=page, days=sel.agenda_days(page.object_list))
    return render(request, "scheduling/calendar/calendar.html", context)


@require_GET
def my_calendar(request: HttpRequest) -> HttpResponse:
    """Events I attend or created, and the deadlines of the matters I am on."""
    return _calendar_page(request, scope="mine", title="My calendar")


@require_GET
def firm_calendar(request: HttpRequest) -> HttpResponse:
    """Every event the user may see (walled matters never appear)."""
    return _calendar_page(request, scope="firm", title="Firm calendar")


@require_GET
def matter_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    """One matter's events and deadlines (404 when the matter is hidden)."""
    matter = get_visible_matter(request.user, pk)
    return _calendar_page(
        request, scope="matter", title=f"{matter.number} · {matter.title}", matter=matter
    )


# --- one event ----------------------------------------------------------------------------------


@require_GET
def event_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """An event: when, where, who; a deadline's rule, derivation and chain; its tasks."""
    event = sel.get_visible_event(request.user, pk)
    tasks = visible_tasks(request.user).filter(deadline=event).select_related("assignee")
    context = {
        "event": event,
        "span": sel.time_span(event),
        "start_day": timezone.localtime(event.starts_at).date(),
        "end_day": sel.end_day(event),
        "attendees": sel.event_attendees(event),
        "tasks": tasks,
        "cancelled": event.status == EventStatus.CANCELLED,
    }
    return render(request, "scheduling/calendar/event_detail.html", context)


def _form_context(
    request: HttpRequest, form: EventForm, event: Event | None, warnings: list[str]
) -> dict[str, Any]:
    ids = [str(v) for v in (form["attendee_contacts"].value() or [])]
    chosen = list(visible_contacts(request.user).filter(pk__in=[i for i in ids if i.isdigit()]))
    return {
        "form": form,
        "event": event,
        "warnings": warnings,
        "chosen_contacts": chosen,
        "can_write": getattr(request.user, "can_write", False),
    }


def _initial_for_new(request: HttpRequest) -> dict[str, Any]:
    """Pre-fill from ?matter=<id>&date=YYYY-MM-DD (ignored when hidden or malformed)."""
    initial: dict[str, Any] = {"kind": EventKind.APPOINTMENT}
    matter_id = request.GET.get("matter", "")
    if matter_id.isdigit():
        matter = visible_matters(request.user).filter(pk=matter_id).first()
        if matter is not None:
            initial["matter"] = matter
    try:
        day = dt.date.fromisoformat(request.GET.get("date", ""))
    except ValueError:
        day = timezone.localdate() + dt.timedelta(days=1)
    if not svc.FIRST_YEAR <= day.year <= svc.LAST_YEAR:
        day = timezone.localdate() + dt.timedelta(days=1)
    start = timezone.make_aware(dt.datetime.combine(day, dt.time(9, 0)))
    initial.update(starts_at=start, ends_at=start + dt.timedelta(hours=1))
    return initial


def _save(
    request: HttpRequest, form: EventForm, event: Event | None
) -> tuple[Event | None, list[str], int]:
    """Run the service; return (event or None, warnings to show, HTTP status)."""
    try:
        kwargs = form.service_kwargs()
        confirm = bool(form.cleaned_data.get("confirm"))
        if event is None:
            saved, warnings = svc.event_create(by=request.user, confirm=confirm, **kwargs)
        else:
            saved, warnings = svc.event_update(
                by=request.user, event=event, confirm=confirm, **kwargs
            )
    except svc.DoubleBooking as exc:
        return None, exc.warnings, 200
    except AccessDenied as exc:
        form.add_error(None, _error_text(exc))
        return None, [], 403
    except ServiceError as exc:
        _attach_error(form, exc)
        return None, [], 400
    for warning in warnings:
        messages.warning(request, f"Double-booked: {warning}.")
    return saved, warnings, 302


@require_http_methods(["GET", "POST"])
def event_new(request: HttpRequest) -> HttpResponse:
    """Schedule an event; a double-booking is shown and must be confirmed before saving."""
    post = request.method == "POST"
    form = EventForm(
        request.POST if post else None,
        user=request.user,
        initial=None if post else _initial_for_new(request),
    )
    warnings: list[str] = []
    status = 200
    if post:
        status = 400
        if form.is_valid():
            saved, warnings, status = _save(request, form, None)
            if saved is not None:
                messages.success(
                    request,
                    f"Scheduled {saved.get_kind_display().lower()} '{saved.title}' on "
                    f"{timezone.localtime(saved.starts_at):%a %b %d, %Y}.",
                )
                return redirect("scheduling:event", pk=saved.pk)
    context = _form_context(request, form, None, warnings)
    return render(request, "scheduling/calendar/event_form.html", context, status=status)


@require_http_methods(["GET", "POST"])
def event_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an event; a computed deadline's date is read-only (its chain moves it)."""
    event = sel.get_visible_event(request.user, pk)
    post = request.method == "POST"
    form = EventForm(
        request.POST if post else None,
        user=request.user,
        event=event,
        initial=event_initial(event),
    )
    warnings: list[str] = []
    status = 200
    if post:
        status = 400
        if form.is_valid():
            saved, warnings, status = _save(request, form, event)
            if saved is not None:
                messages.success(request, f"Saved the changes to '{saved.title}'.")
                return redirect("scheduling:event", pk=saved.pk)
    context = _form_context(request, form, event, warnings)
    return render(request, "scheduling/calendar/event_form.html", context, status=status)


@require_POST
def event_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel the event (it stays on the calendar, struck through)."""
    event = sel.get_visible_event(request.user, pk)
    try:
        svc.event_cancel(by=request.user, event=event)
    except ServiceError as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(request, f"Cancelled '{event.title}'.")
    return redirect("scheduling:event", pk=event.pk)


@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """Delete the event (audited) and go back to its matter's calendar or mine."""
    event = sel.get_visible_event(request.user, pk)
    matter_id, title = event.matter_id, event.title
    try:
        svc.event_delete(by=request.user, event=event)
    except ServiceError as exc:
        messages.error(request, _error_text(exc))
        return redirect("scheduling:event", pk=event.pk)
    messages.success(request, f"Deleted '{title}'.")
    if matter_id:
        return redirect("scheduling:matter_calendar", pk=matter_id)
    return redirect("scheduling:calendar")


@require_GET
def contact_search(request: HttpRequest) -> HttpResponse:
    """htmx: visible contacts whose name contains ?q=, as checkboxes for the event form."""
    q = " ".join(request.GET.get("q", "").split())[:200]
    results = (
        list(visible_contacts(request.user).filter(name__icontains=q)[:CONTACT_SEARCH_LIMIT])
        if len(q) >= 2
        else []
    )
    return render(
        request, "scheduling/calendar/_contact_options.html", {"results": results, "q": q}
    )
