"""A matter's exhibits for a proceeding: the list with status at trial, marking documents,
physical exhibits, one exhibit's page, its stickered PDF, and the exhibit list downloads.

Matters come from ``access.get_visible_matter`` and exhibits from
``selectors.get_visible_exhibit``: a walled matter's exhibits are a 404. Read-only users see
everything and change nothing (the services refuse; the templates hide the forms).
"""

from __future__ import annotations

import re
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from casedesk.web.access import AccessDenied, get_visible_matter
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.views_document import content_disposition
from casedesk.web.documents.views_files import form_errors
from casedesk.web.errors import ServiceError
from casedesk.web.trial import selectors
from casedesk.web.trial.exhibit_services import (
    DetailsInput,
    ExhibitEdit,
    exhibit_add,
    exhibit_delete,
    exhibit_set_status,
    exhibit_sticker_remake,
    exhibit_update,
    exhibits_mark,
    next_numbers,
    party_name,
    trial_details_save,
)
from casedesk.web.trial.exports import exhibit_list_export
from casedesk.web.trial.forms import (
    DetailsForm,
    ExhibitEditForm,
    MarkForm,
    PhysicalExhibitForm,
    StatusForm,
)
from casedesk.web.trial.models import PARTY_SHORT, Exhibit, ExhibitStatus, Party
from casedesk.web.trial.views_shared import attempt, party_of, proceeding_of, send, with_query

STATUS_BUTTONS = [
    (ExhibitStatus.OFFERED, "Offered"),
    (ExhibitStatus.ADMITTED, "Admitted"),
    (ExhibitStatus.REFUSED, "Refused"),
    (ExhibitStatus.WITHDRAWN, "Withdrawn"),
]


def _list_url(matter_id: int, proceeding: str) -> str:
    return with_query(reverse("trial:exhibits", args=[matter_id]), proceeding=proceeding)


def _row_context(exhibit: Exhibit) -> dict[str, Any]:
    return {
        "e": exhibit,
        "status_buttons": STATUS_BUTTONS,
        "today": timezone.localdate(),
    }


# --- the list ------------------------------------------------------------------------------------


@require_GET
def exhibits(request: HttpRequest, pk: int) -> HttpResponse:
    """The proceeding's exhibits by party, with status at trial, and the list downloads."""
    matter = get_visible_matter(request.user, pk)
    proceeding = proceeding_of(request)
    rows = list(selectors.matter_exhibits(matter, proceeding))
    groups = [
        (party, label, [e for e in rows if e.party == party]) for party, label in Party.choices
    ]
    context = {
        "matter": matter,
        "here": "exhibits",
        "proceeding": proceeding,
        "proceedings": selectors.proceedings(matter),
        "groups": [g for g in groups if g[2]],
        "count": len(rows),
        "details": selectors.trial_details(matter, proceeding),
        "physical_form": PhysicalExhibitForm(initial={"proceeding": proceeding}),
        "parties": Party.choices,
        "status_buttons": STATUS_BUTTONS,
        "today": timezone.localdate(),
    }
    return render(request, "trial/exhibits.html", context)


@require_http_methods(["GET", "HEAD", "POST"])
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    """Choose documents of the matter and mark them as one party's exhibits."""
    matter = get_visible_matter(request.user, pk)
    proceeding = proceeding_of(request)
    documents = list(selectors.markable_documents(request.user, matter))
    chosen: list[str] = []
    status = 200
    if request.method == "POST":
        form = MarkForm(request.POST)
        chosen = request.POST.getlist("documents")
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                made = exhibits_mark(
                    by=request.user,
                    matter=matter,
                    document_ids=chosen,  # type: ignore[arg-type]  # the service checks them
                    party=data["party"],
                    numbering=data["numbering"],
                    start=data["start"],
                    proceeding=data["proceeding"],
                    witness=data["witness"],
                    date=data["date"],
                )
            except AccessDenied as exc:
                form.add_error(None, exc.message)
                status = 403
            except ServiceError as exc:
                field = exc.field if exc.field in form.fields else None
                form.add_error(field, exc.message)
            else:
                numbers = [e.number for e in made]
                shown = numbers[0] if len(numbers) == 1 else f"{numbers[0]}–{numbers[-1]}"
                messages.success(
                    request,
                    f"Marked {len(made)} document{'s' if len(made) != 1 else ''} as "
                    f"{party_name(made[0].party).lower()} exhibit"
                    f"{'s' if len(made) != 1 else ''} {shown}. The stickers are being made.",
                )
                return redirect(_list_url(matter.pk, made[0].proceeding))
    else:
        form = MarkForm(
            initial={
                "party": Party.PLAINTIFF,
                "numbering": "numbers",
                "proceeding": proceeding,
                "date": timezone.localdate(),
            }
        )
    marked: dict[int, list[str]] = {}
    for e in Exhibit.objects.filter(matter=matter, document__isnull=False).order_by("sort_key"):
        if e.document_id is not None:
            marked.setdefault(e.document_id, []).append(f"{e.label} ({e.proceeding})")
    context = {
        "matter": matter,
        "here": "exhibits",
        "form": form,
        "proceeding": proceeding,
        "proceedings": selectors.proceedings(matter),
        "documents": [(d, marked.get(d.pk, [])) for d in documents],
        "chosen": set(chosen),
        "next": next_numbers(matter, proceeding),
        "parties": Party.choices,
    }
    return render(request, "trial/mark.html", context, status=status)


@require_POST
def add_physical(request: HttpRequest, pk: int) -> HttpResponse:
    """Add an exhibit that is not a document (a physical object) to the list."""
    matter = get_visible_matter(request.user, pk)
    form = PhysicalExhibitForm(request.POST)
    proceeding = proceeding_of(request)
    if not form.is_valid():
        described = "description" not in form.errors
        messages.error(request, form_errors(form) if described else "Describe the exhibit.")
        return redirect(_list_url(matter.pk, proceeding))
    data = form.cleaned_data
    holder: list[Exhibit] = []
    attempt(
        request,
        lambda: holder.append(
            exhibit_add(
                by=request.user,
                matter=matter,
                party=data["party"],
                description=data["description"],
                proceeding=data["proceeding"],
                number=data["number"],
                witness=data["witness"],
                date=data["date"],
            )
        ),
        "The exhibit is on the list.",
    )
    return redirect(_list_url(matter.pk, holder[0].proceeding if holder else proceeding))


@require_http_methods(["GET", "HEAD", "POST"])
def heading(request: HttpRequest, pk: int) -> HttpResponse:
    """The heading of the proceeding's exhibit and witness lists (AO 187)."""
    matter = get_visible_matter(request.user, pk)
    proceeding = proceeding_of(request)
    details = selectors.trial_details(matter, proceeding)
    fields = list(DetailsForm.base_fields)
    status = 200
    if request.method == "POST":
        form = DetailsForm(request.POST)
        status = 400
        if form.is_valid():
            try:
                trial_details_save(
                    by=request.user,
                    matter=matter,
                    proceeding=proceeding,
                    details=DetailsInput(**{f: form.cleaned_data[f] for f in fields}),
                )
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 403 if isinstance(exc, AccessDenied) else 400
            else:
                messages.success(request, f"Saved the heading of the {proceeding} lists.")
                return redirect(_list_url(matter.pk, proceeding))
    else:
        form = DetailsForm(initial={f: getattr(details, f) for f in fields})
    context = {"matter": matter, "here": "exhibits", "form": form, "proceeding": proceeding}
    return render(request, "trial/heading.html", context, status=status)


def _exhibit_list(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    matter = get_visible_matter(request.user, pk)
    return send(
        exhibit_list_export(
            by=request.user,
            matter=matter,
            proceeding=proceeding_of(request),
            party=party_of(request),
            fmt=fmt,
        )
    )


@require_GET
def exhibit_list_docx(request: HttpRequest, pk: int) -> HttpResponse:
    """The exhibit list in the AO 187 layout, as a Word document."""
    return _exhibit_list(request, pk, "docx")


@require_GET
def exhibit_list_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The exhibit list in the AO 187 layout, as a PDF."""
    return _exhibit_list(request, pk, "pdf")


@require_GET
def exhibit_list_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The exhibit list as a spreadsheet (every column, status and dates)."""
    return _exhibit_list(request, pk, "xlsx")


@require_GET
def exhibit_list_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The exhibit list as CSV."""
    return _exhibit_list(request, pk, "csv")


# --- one exhibit ---------------------------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
def exhibit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """One exhibit: its document and sticker, and its number, description and witness."""
    exhibit = selectors.get_visible_exhibit(request.user, pk)
    status = 200
    if request.method == "POST":
        form = ExhibitEditForm(request.POST)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                exhibit_update(
                    by=request.user,
                    exhibit=exhibit,
                    edit=ExhibitEdit(
                        number=data["number"],
                        description=data["description"],
                        witness=data["witness"],
                        bates=data["bates"],
                        marked_on=data["marked_on"],
                    ),
                )
            except ServiceError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
                status = 403 if isinstance(exc, AccessDenied) else 400
            else:
                messages.success(request, f"Saved exhibit {exhibit.label}.")
                return redirect(_list_url(exhibit.matter_id, exhibit.proceeding))
    else:
        form = ExhibitEditForm(
            initial={
                "number": exhibit.number,
                "description": exhibit.description,
                "witness": exhibit.witness,
                "bates": exhibit.bates,
                "marked_on": exhibit.marked_on,
            }
        )
    context = {
        "matter": exhibit.matter,
        "here": "exhibits",
        "form": form,
        **_row_context(exhibit),
    }
    return render(request, "trial/exhibit.html", context, status=status)


@require_GET
def exhibit_row(request: HttpRequest, pk: int) -> HttpResponse:
    """An exhibit's row of the list (polled while its sticker is being made)."""
    exhibit = selectors.get_visible_exhibit(request.user, pk)
    return render(request, "trial/_exhibit_row.html", _row_context(exhibit))


@require_POST
def exhibit_status(request: HttpRequest, pk: int) -> HttpResponse:
    """Record offered / admitted / refused / withdrawn (today unless another date is given).

    From the list's buttons (htmx) the answer is the exhibit's new row; without JavaScript,
    the list again with a message.
    """
    exhibit = selectors.get_visible_exhibit(request.user, pk)
    form = StatusForm(request.POST)
    htmx = bool(request.headers.get("HX-Request"))
    error = ""
    if not form.is_valid():
        error = form_errors(form)
    else:
        try:
            exhibit = exhibit_set_status(
                by=request.user,
                exhibit=exhibit,
                status=form.cleaned_data["status"],
                on=form.cleaned_data["on"],
                note=form.cleaned_data["note"],
            )
        except ServiceError as exc:
            error = exc.message
    if htmx:
        context = {**_row_context(exhibit), "row_error": error}
        return render(request, "trial/_exhibit_row.html", context)
    if error:
        messages.error(request, error)
    else:
        when = f" on {exhibit.status_on:%m/%d/%Y}" if exhibit.status_on else ""
        messages.success(
            request, f"Exhibit {exhibit.label}: {exhibit.get_status_display().lower()}{when}."
        )
    return redirect(_list_url(exhibit.matter_id, exhibit.proceeding))


@require_POST
def exhibit_sticker(request: HttpRequest, pk: int) -> HttpResponse:
    """Make the exhibit's sticker again (from the document's current version)."""
    exhibit = selectors.get_visible_exhibit(request.user, pk)
    attempt(
        request,
        lambda: exhibit_sticker_remake(by=request.user, exhibit=exhibit),
        f"The sticker of exhibit {exhibit.label} is being made again.",
    )
    return redirect("trial:exhibit", pk=exhibit.pk)


def sticker_filename(exhibit: Exhibit) -> str:
    """ "PX-012 Master services agreement.pdf": the label first, so the files sort in order."""
    number = exhibit.number.zfill(3) if exhibit.number.isdigit() else exhibit.number
    title = exhibit.document.title if exhibit.document is not None else exhibit.description
    title = re.sub(r"\s+", " ", title)[:80].strip()
    return f"{PARTY_SHORT.get(exhibit.party, 'X')}-{number} {title}.pdf"


@require_GET
def sticker_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The stickered PDF of an exhibit (the download is audited)."""
    exhibit = selectors.get_visible_exhibit(request.user, pk)
    if exhibit.sticker is None:
        raise Http404("This exhibit has no stickered PDF yet.")
    try:
        handle = blob_open(exhibit.sticker)
    except FileNotFoundError as exc:
        raise Http404(str(exc)) from exc
    audit_record(
        actor=request.user,
        action="download",
        object_type="exhibit",
        object_id=exhibit.pk,
        matter_id=exhibit.matter_id,
        summary=f"Downloaded the stickered exhibit {exhibit.label} of {exhibit.matter.number}",
    )
    response = FileResponse(handle, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(sticker_filename(exhibit))
    return response


@require_POST
def exhibit_remove(request: HttpRequest, pk: int) -> HttpResponse:
    """Take an exhibit off the list (only before it was offered)."""
    exhibit = selectors.get_visible_exhibit(request.user, pk)
    matter_id, proceeding, label = exhibit.matter_id, exhibit.proceeding, exhibit.label
    if attempt(
        request,
        lambda: exhibit_delete(by=request.user, exhibit=exhibit),
        f"Exhibit {label} is off the list.",
    ):
        return redirect(_list_url(matter_id, proceeding))
    return redirect("trial:exhibit", pk=pk)
