"""A matter's witness list for a proceeding: add, edit, reorder, remove, and download it as
Word or PDF (FRCP 26(a)(3)(A)(i)-(ii)). Everything through ``casedesk.web.access``."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import get_visible_matter
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.trial import selectors
from casedesk.web.trial.exports import witness_list_export
from casedesk.web.trial.forms import WitnessForm
from casedesk.web.trial.models import Party, WillCall, Witness
from casedesk.web.trial.views_shared import attempt, party_of, proceeding_of, send, with_query
from casedesk.web.trial.witness_services import (
    WitnessInput,
    witness_create,
    witness_delete,
    witness_move,
    witness_update,
)

FIELDS = (
    "name",
    "address",
    "phone",
    "email",
    "party",
    "will_call",
    "by_deposition",
    "deposition_designations",
    "notes",
    "proceeding",
)


def _list_url(matter_id: int, proceeding: str) -> str:
    return with_query(reverse("trial:witnesses", args=[matter_id]), proceeding=proceeding)


def _people(matter: Matter) -> list[tuple[Any, str]]:
    """The matter's parties (witnesses and experts first) for the contact chooser."""
    seen: dict[int, tuple[Any, str]] = {}
    parties = matter.parties.select_related("contact").order_by("contact__name")
    for party in sorted(parties, key=lambda p: p.role not in ("witness", "expert")):
        seen.setdefault(party.contact_id, (party.contact, str(party.get_role_display())))
    return list(seen.values())


def _input(data: dict[str, Any]) -> WitnessInput:
    return WitnessInput(contact_id=data.get("contact"), **{f: data[f] for f in FIELDS})


def _save(
    request: HttpRequest, form: WitnessForm, matter: Matter, witness: Witness | None
) -> Witness | None:
    """Create or update from a valid form; errors go on the form. The witness, or None."""
    try:
        if witness is None:
            return witness_create(by=request.user, matter=matter, data=_input(form.cleaned_data))
        return witness_update(by=request.user, witness=witness, data=_input(form.cleaned_data))
    except ServiceError as exc:
        form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        return None


@require_http_methods(["GET", "HEAD", "POST"])
def witnesses(request: HttpRequest, pk: int) -> HttpResponse:
    """The proceeding's witnesses by party (will call, may call, by deposition); add one."""
    matter = get_visible_matter(request.user, pk)
    proceeding = proceeding_of(request)
    people = _people(matter)
    status = 200
    if request.method == "POST":
        form = WitnessForm(request.POST, contacts=people)
        status = 400
        if form.is_valid():
            saved = _save(request, form, matter, None)
            if saved is not None:
                messages.success(request, f"Added {saved.name} to the witness list.")
                return redirect(_list_url(matter.pk, saved.proceeding))
            if not getattr(request.user, "can_write", False):
                status = 403
    else:
        form = WitnessForm(
            contacts=people,
            initial={
                "party": Party.PLAINTIFF,
                "will_call": WillCall.WILL,
                "proceeding": proceeding,
            },
        )
    rows = list(selectors.matter_witnesses(matter, proceeding))
    groups = [(p, label, [w for w in rows if w.party == p]) for p, label in Party.choices]
    context = {
        "matter": matter,
        "here": "witnesses",
        "proceeding": proceeding,
        "proceedings": selectors.proceedings(matter),
        "groups": [g for g in groups if g[2]],
        "count": len(rows),
        "form": form,
        "parties": Party.choices,
    }
    return render(request, "trial/witnesses.html", context, status=status)


@require_http_methods(["GET", "HEAD", "POST"])
def witness_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """Edit one witness."""
    witness = selectors.get_visible_witness(request.user, pk)
    people = _people(witness.matter)
    status = 200
    if request.method == "POST":
        form = WitnessForm(request.POST, contacts=people)
        status = 400
        if form.is_valid() and _save(request, form, witness.matter, witness) is not None:
            messages.success(request, f"Saved {form.cleaned_data['name'] or witness.name}.")
            witness.refresh_from_db()
            return redirect(_list_url(witness.matter_id, witness.proceeding))
    else:
        form = WitnessForm(
            contacts=people,
            initial={
                "contact": witness.contact_id,
                **{f: getattr(witness, f) for f in FIELDS},
            },
        )
    context = {"matter": witness.matter, "here": "witnesses", "w": witness, "form": form}
    return render(request, "trial/witness.html", context, status=status)


@require_POST
def witness_reorder(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a witness up or down in their party's list."""
    witness = selectors.get_visible_witness(request.user, pk)
    direction = request.POST.get("direction", "")
    try:
        witness_move(by=request.user, witness=witness, direction=direction)
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect(_list_url(witness.matter_id, witness.proceeding) + f"#witness-{witness.pk}")


@require_POST
def witness_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take a witness off the list."""
    witness = selectors.get_visible_witness(request.user, pk)
    matter_id, proceeding, name = witness.matter_id, witness.proceeding, witness.name
    attempt(
        request,
        lambda: witness_delete(by=request.user, witness=witness),
        f"{name} is off the witness list.",
    )
    return redirect(_list_url(matter_id, proceeding))


def _witness_list(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    matter = get_visible_matter(request.user, pk)
    return send(
        witness_list_export(
            by=request.user,
            matter=matter,
            proceeding=proceeding_of(request),
            party=party_of(request),
            fmt=fmt,
        )
    )


@require_GET
def witness_list_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The witness list as a Word document."""
    return _witness_list(request, pk, "docx")


@require_GET
def witness_list_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The witness list as a PDF."""
    return _witness_list(request, pk, "pdf")
