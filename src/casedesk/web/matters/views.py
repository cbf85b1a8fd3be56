"""Matter pages: the list, a matter, the intake flow, conflict checks and the ad-hoc conflict search.

Views are thin: reads go through :mod:`selectors` and :mod:`casedesk.web.access`, writes through
the services; a refused write shows the service's message and keeps the user's input.
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from casedesk.web.access import AccessDenied, get_visible_matter, require_writer, visible_contacts
from casedesk.web.contacts.services import contact_create
from casedesk.web.errors import ServiceError
from casedesk.web.matters import selectors, services
from casedesk.web.matters.conflict_search import conflict_search_adhoc
from casedesk.web.matters.forms import (
    AdhocSearchForm,
    DeclineForm,
    DispositionForm,
    IntakeForm,
    MatterEditForm,
    MatterFilterForm,
    PartyAddForm,
    PartyFormSet,
    TeamMemberForm,
)
from casedesk.web.matters.models import ConflictCheck, Matter, MatterStatus
from casedesk.web.matters.report import conflict_report_pdf
from casedesk.web.matters.services import PartyInput

_FORM_FIELDS = {"title", "number", "practice_area", "responsible_attorney", "court", "case_number"}


def _error_text(exc: Exception) -> str:
    """The user-facing text of a refused write."""
    return getattr(exc, "message", None) or str(exc)


def _attach_error(form: Any, exc: Exception) -> None:
    """Put a service's refusal next to the field it names, or at the top of the form."""
    field = getattr(exc, "field", None)
    form.add_error(field if field in form.fields else None, _error_text(exc))


# --- matters list and matter page -------------------------------------------------------------


def matter_list(request: HttpRequest) -> HttpResponse:
    """Matters the user may see: search, filter by status and practice area, sort, 25 a page."""
    form = MatterFilterForm(request.GET or None)
    params = form.cleaned_data if form.is_bound and form.is_valid() else {}
    sort = params.get("sort") or "-number"
    qs = selectors.matters_for_list(
        request.user,
        q=params.get("q", ""),
        status=params.get("status", ""),
        area=params.get("area", ""),
        sort=sort,
    )
    page = Paginator(qs, selectors.PAGE_SIZE).get_page(request.GET.get("page"))
    filtered = any(params.get(k) for k in ("q", "status", "area"))
    return render(
        request,
        "matters/matter_list.html",
        {"form": form, "page_obj": page, "sort": sort, "filtered": filtered},
    )


def _detail_context(request: HttpRequest, matter: Matter, **extra: Any) -> dict[str, Any]:
    checks = selectors.matter_checks(matter)
    context = {
        "matter": matter,
        "party_groups": selectors.parties_by_role(matter),
        "team": matter.team.select_related("user").order_by("role", "user__full_name"),
        "checks": checks,
        "pending_checks": [c for c in checks if c.pending_count],
        "party_form": PartyAddForm(contacts=visible_contacts(request.user)),
        "team_form": TeamMemberForm(),
        "can_add_party": matter.status in (MatterStatus.INTAKE, MatterStatus.OPEN),
    }
    context.update(extra)
    return context


def matter_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One matter: facts, team, parties by role, conflict checks; viewing is audited."""
    matter = get_visible_matter(request.user, pk)
    services.matter_viewed(by=request.user, matter=matter)
    return render(request, "matters/matter_detail.html", _detail_context(request, matter))


@require_http_methods(["GET", "POST"])
def matter_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change the matter's title, court, case number, judge, description, restriction, attorney."""
    matter = get_visible_matter(request.user, pk)
    initial = {
        "title": matter.title,
        "court": matter.court,
        "case_number": matter.case_number,
        "judge": matter.judge,
        "description": matter.description,
        "restricted": matter.restricted,
        "responsible_attorney": matter.responsible_attorney,
    }
    form = MatterEditForm(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.matter_update(by=request.user, matter=matter, **form.cleaned_data)
            except (ServiceError, AccessDenied) as exc:
                _attach_error(form, exc)
            else:
                messages.success(request, f"Saved the changes to {matter.number}.")
                return redirect("matters:detail", pk=matter.pk)
        status = 400
    return render(
        request, "matters/matter_edit.html", {"matter": matter, "form": form}, status=status
    )


@require_POST
def party_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add a party (new name or a contact on file); the service conflict-checks the new party."""
    matter = get_visible_matter(request.user, pk)
    form = PartyAddForm(request.POST, contacts=visible_contacts(request.user))
    if form.is_valid():
        data = form.cleaned_data
        contact = data.get("contact")
        party = PartyInput(
            name=contact.name if contact else data["name"],
            kind=contact.kind if contact else data["kind"],
            role=data["role"],
            contact_id=contact.pk if contact else None,
        )
        try:
            row, check = services.matter_party_add(by=request.user, matter=matter, party=party)
        except (ServiceError, AccessDenied) as exc:
            _attach_error(form, exc)
        else:
            hits = check.hits.count() if check else 0
            if hits:
                messages.warning(
                    request,
                    f"New party checked: {hits} possible conflict{'s' if hits != 1 else ''} "
                    f"need{'s' if hits == 1 else ''} review. Open the check below to decide each one.",
                )
            else:
                messages.success(
                    request,
                    f"Added {row.contact.name}. New party checked: no possible conflicts found.",
                )
            return redirect(f"{reverse('matters:detail', args=[matter.pk])}#checks")
    context = _detail_context(request, matter, party_form=form, party_form_open=True)
    return render(request, "matters/matter_detail.html", context, status=400)


@require_POST
def team_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Put a colleague on the matter's team."""
    matter = get_visible_matter(request.user, pk)
    form = TeamMemberForm(request.POST)
    if form.is_valid():
        try:
            member = services.team_member_add(
                by=request.user,
                matter=matter,
                user=form.cleaned_data["user"],
                role=form.cleaned_data["role"],
            )
        except (ServiceError, AccessDenied) as exc:
            _attach_error(form, exc)
        else:
            messages.success(
                request, f"{member.user} is now on the team as {member.get_role_display().lower()}."
            )
            return redirect("matters:detail", pk=matter.pk)
    context = _detail_context(request, matter, team_form=form, team_form_open=True)
    return render(request, "matters/matter_detail.html", context, status=400)


@require_POST
def matter_close(request: HttpRequest, pk: int) -> HttpResponse:
    """Close an open matter."""
    matter = get_visible_matter(request.user, pk)
    try:
        services.matter_close(by=request.user, matter=matter)
    except (ServiceError, AccessDenied) as exc:
        messages.error(request, _error_text(exc))
    else:
        messages.success(
            request,
            f"Closed {matter.number}. Its client is now a former client for conflict checks.",
        )
    return redirect("matters:detail", pk=matter.pk)


# --- intake -------------------------------------------------------------------------------------


def _submit_intake(user: Any, data: dict[str, Any], rows: list[dict[str, Any]]) -> Matter:
    """Create the client (with e-mail and phone) and the intake matter in one transaction."""
    others = [
        PartyInput(name=r["name"], kind=r["kind"], role=r["role"])
        for r in rows
        if r and r.get("name")
    ]
    with transaction.atomic():
        client = contact_create(
            by=user,
            kind=data["client_kind"],
            name=data["client_name"],
            aliases=[(a, "other") for a in data["client_aliases"]],
            emails=[data["client_email"]] if data.get("client_email") else [],
            phones=[data["client_phone"]] if data.get("client_phone") else [],
        )
        return services.intake_create(
            by=user,
            title=data["title"],
            practice_area=data["practice_area"],
            client=PartyInput(
                name=client.name, kind=client.kind, role="client", contact_id=client.pk
            ),
            other_parties=others,
            court=data.get("court", ""),
            case_number=data.get("case_number", ""),
            responsible_attorney=data.get("responsible_attorney"),
            number=data.get("number") or None,
        )


@require_http_methods(["GET", "POST"])
def intake(request: HttpRequest) -> HttpResponse:
    """Step 1: the prospective client, the matter and the other parties; then the conflict check."""
    read_only = not getattr(request.user, "can_write", False)
    form = IntakeForm(request.POST if request.method == "POST" else None)
    formset = PartyFormSet(request.POST if request.method == "POST" else None, prefix="parties")
    status = 200
    if request.method == "POST":
        status = 400
        try:
            require_writer(request.user)
        except AccessDenied as exc:
            form.add_error(None, _error_text(exc))
            status = 403
        else:
            if form.is_valid() and formset.is_valid():
                try:
                    matter = _submit_intake(request.user, form.cleaned_data, formset.cleaned_data)
                except (ServiceError, AccessDenied) as exc:
                    _attach_error(form, exc)
                else:
                    check = matter.conflict_checks.order_by("-run_at", "-id").first()
                    messages.success(
                        request,
                        f"Matter {matter.number} is in intake. Review the conflict check below.",
                    )
                    if check is None:
                        return redirect("matters:detail", pk=matter.pk)
                    return redirect("matters:check", pk=check.pk)
            if not form.errors and formset.non_form_errors():
                form.add_error(None, " ".join(formset.non_form_errors()))
    context = {"form": form, "formset": formset, "read_only": read_only}
    return render(request, "matters/intake.html", context, status=status)


# --- saved conflict checks ----------------------------------------------------------------------


def _check_context(request: HttpRequest, check: ConflictCheck, **extra: Any) -> dict[str, Any]:
    rows = selectors.hit_rows(request.user, selectors.check_hits(check))
    context = {
        "check": check,
        "matter": check.matter,
        "rows": rows,
        "summary": selectors.check_summary(check, rows),
        "decline_form": DeclineForm(),
        "terms": selectors.check_terms(check),
        "dispositions": selectors.DISPOSITION_CHOICES,
        "known_count": selectors.known_party_count(request.user),
        "other_checks": [c for c in selectors.matter_checks(check.matter) if c.pk != check.pk],
    }
    context.update(extra)
    return context


def check_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Step 2 of intake: every hit, ranked and explained, with a decision control per hit."""
    check = selectors.get_visible_check(request.user, pk)
    return render(request, "matters/check_detail.html", _check_context(request, check))


@require_POST
def hit_dispose(request: HttpRequest, pk: int) -> HttpResponse:
    """Save one hit's disposition; htmx gets the hit (and the next-step panel) back, others a redirect."""
    hit = selectors.get_visible_hit(request.user, pk)
    check = hit.conflict_check
    row = selectors.hit_row(request.user, hit)
    form = DispositionForm(request.POST)
    error = ""
    if row.redacted:
        error = "You are screened from the matter this hit is in; the conflicts administrator must decide it."
    elif not form.is_valid():
        error = " ".join(e for errs in form.errors.values() for e in errs)
    else:
        try:
            hit = services.conflict_hit_dispose(
                by=request.user,
                hit=hit,
                disposition=form.cleaned_data["disposition"],
                note=form.cleaned_data["note"],
            )
        except (ServiceError, AccessDenied) as exc:
            error = _error_text(exc)
    if not request.htmx:
        if error:
            messages.error(request, f"{hit.name if not row.redacted else 'Hit'}: {error}")
        else:
            messages.success(request, f"Saved the decision on {hit.name}.")
        return redirect(f"{reverse('matters:check', args=[check.pk])}#hit-{hit.pk}")
    check = selectors.get_visible_check(request.user, check.pk)
    context = _check_context(request, check)
    hit.refresh_from_db()
    context.update(
        {
            "row": selectors.hit_row(request.user, hit),
            "error": error,
            "posted": form.data if error else None,
            "saved": not error,
            "oob": True,
        }
    )
    status = 200
    return render(request, "matters/_hit_response.html", context, status=status)


@require_POST
def check_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Open the matter once every hit is decided and none is a conflict."""
    check = selectors.get_visible_check(request.user, pk)
    try:
        matter = services.matter_open(by=request.user, matter=check.matter)
    except (ServiceError, AccessDenied) as exc:
        messages.error(request, _error_text(exc))
        if "responsible attorney" in _error_text(exc):
            return redirect("matters:edit", pk=check.matter_id)
        return redirect("matters:check", pk=check.pk)
    messages.success(request, f"Matter {matter.number} is open.")
    return redirect("matters:detail", pk=matter.pk)


@require_POST
def check_decline(request: HttpRequest, pk: int) -> HttpResponse:
    """Decline the matter with a reason; the page then offers the declination record."""
    check = selectors.get_visible_check(request.user, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        try:
            services.matter_decline(
                by=request.user, matter=check.matter, reason=form.cleaned_data["reason"]
            )
        except (ServiceError, AccessDenied) as exc:
            _attach_error(form, exc)
        else:
            messages.success(
                request,
                f"Matter {check.matter.number} is declined. Print the declination record for the file.",
            )
            return redirect("matters:check", pk=check.pk)
    check = selectors.get_visible_check(request.user, pk)
    return render(
        request,
        "matters/check_detail.html",
        _check_context(request, check, decline_form=form),
        status=400,
    )


def check_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The conflict-check report (or declination record) as a PDF; the export is audited."""
    check = selectors.get_visible_check(request.user, pk)
    pdf = conflict_report_pdf(by=request.user, check=check)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "-", check.matter.number).strip("-") or "matter"
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="conflict-check-{safe}-{check.pk}.pdf"'
    return response


# --- ad-hoc conflict search ---------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def conflict_search(request: HttpRequest) -> HttpResponse:
    """Check one or more names against everyone the firm knows, without opening a matter."""
    form = AdhocSearchForm(request.POST if request.method == "POST" else None)
    results = None
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                results = conflict_search_adhoc(
                    by=request.user,
                    names=form.cleaned_data["names"].splitlines(),
                    kind=form.cleaned_data["kind"],
                )
            except (ServiceError, AccessDenied) as exc:
                _attach_error(form, exc)
        if results is None:
            status = 400
    context = {
        "form": form,
        "results": results,
        "known_count": selectors.known_party_count(request.user),
        "recent": selectors.recent_checks(request.user),
    }
    return render(request, "matters/conflict_search.html", context, status=status)
