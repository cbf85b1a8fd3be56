"""Contacts pages: list, clients, detail, create, edit, aliases, relationships.

Thin: reads go through contacts.selectors (which use access.visible_*), writes through services.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.forms import Form
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from casedesk.web.access import AccessDenied, get_visible_contact
from casedesk.web.contacts import selectors
from casedesk.web.contacts.forms import (
    AliasForm,
    ContactCreateForm,
    ContactEditForm,
    RelationshipForm,
)
from casedesk.web.contacts.models import ContactKind
from casedesk.web.contacts.services import (
    contact_alias_add,
    contact_create,
    contact_relationship_add,
    contact_update,
)
from casedesk.web.contacts.viewing import contact_viewed
from casedesk.web.errors import ServiceError

PER_PAGE = 25


def _attach_error(form: Form, exc: ServiceError | AccessDenied) -> None:
    """Show a service's message next to the field it names, or at the top of the form."""
    field = (getattr(exc, "field", None) or "").replace(" ", "_")
    message = getattr(exc, "message", None) or str(exc)
    form.add_error(field if field in form.fields else None, message)


def contact_list(request: HttpRequest) -> HttpResponse:
    """Every visible contact: search by name or alias, sort, 25 a page."""
    query = request.GET.get("q", "")
    sort = selectors.clean_sort(request.GET.get("sort", ""))
    kind = request.GET.get("kind", "")
    kind = kind if kind in ContactKind.values else ""
    contacts = selectors.contacts_search(request.user, query=query, sort=sort, kind=kind)
    page = Paginator(contacts.prefetch_related("aliases"), PER_PAGE).get_page(
        request.GET.get("page")
    )
    context = {
        "page_obj": page,
        "q": query,
        "sort": sort,
        "kind": kind,
        "kinds": ContactKind.choices,
    }
    template = "contacts/_contact_table.html" if request.htmx else "contacts/contact_list.html"  # type: ignore[attr-defined]
    return render(request, template, context)


def client_list(request: HttpRequest) -> HttpResponse:
    """Contacts who are clients on a visible matter, with current / prospective / former status."""
    query = request.GET.get("q", "")
    status = request.GET.get("status", "")
    rows = selectors.clients(request.user, query=query, status=status)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page_obj": page,
        "q": query,
        "status": status,
        "statuses": list(selectors.CLIENT_STATUS_LABELS.items()),
    }
    return render(request, "contacts/client_list.html", context)


def _detail_context(request: HttpRequest, pk: int, **forms: Form) -> dict[str, object]:
    detail = selectors.contact_detail(request.user, pk)
    rel_query = request.GET.get("rel_q") or request.POST.get("rel_q", "")
    context: dict[str, object] = {
        "d": detail,
        "contact": detail.contact,
        "alias_form": forms.get("alias_form") or AliasForm(),
        "rel_form": forms.get("rel_form") or RelationshipForm(),
        "rel_q": rel_query,
        "candidates": selectors.relationship_candidates(request.user, detail.contact, rel_query),
    }
    return context


def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A contact's page: names, addresses, relationships and visible matters. Client views are audited."""
    context = _detail_context(request, pk)
    detail = context["d"]
    if detail.is_client:  # type: ignore[attr-defined]
        contact_viewed(by=request.user, contact=detail.contact)  # type: ignore[attr-defined]
    return render(request, "contacts/contact_detail.html", context)


def relationship_candidates(request: HttpRequest, pk: int) -> HttpResponse:
    """The pick list of other contacts for the relationship form (htmx, as the user types)."""
    contact = get_visible_contact(request.user, pk)
    query = request.GET.get("rel_q", "")
    candidates = selectors.relationship_candidates(request.user, contact, query)
    return render(
        request,
        "contacts/_candidates.html",
        {"candidates": candidates, "rel_q": query, "contact": contact},
    )


@require_http_methods(["GET", "POST"])
def contact_new(request: HttpRequest) -> HttpResponse:
    """Create a person or organization with other names, e-mail, phone and address."""
    form = ContactCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        address = {
            key: data[key].strip()[:limit]
            for key, limit in (("street", 300), ("city", 120), ("region", 120), ("postal_code", 20))
        }
        try:
            contact = contact_create(
                by=request.user,
                kind=data["kind"],
                name=data["name"],
                aliases=form.alias_pairs(),
                emails=[data["email"]],
                phones=[data["phone"]],
                address=address,
                notes=data["notes"],
            )
        except (ServiceError, AccessDenied) as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, f"Created {contact.name}.")
            return redirect("contacts:detail", pk=contact.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "contacts/contact_form.html", {"form": form}, status=status)


@require_http_methods(["GET", "POST"])
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change a contact's name or notes."""
    contact = get_visible_contact(request.user, pk)
    form = ContactEditForm(
        request.POST if request.method == "POST" else None,
        initial={"name": contact.name, "notes": contact.notes},
    )
    if request.method == "POST" and form.is_valid():
        try:
            contact_update(
                by=request.user,
                contact=contact,
                name=form.cleaned_data["name"],
                notes=form.cleaned_data["notes"],
            )
        except (ServiceError, AccessDenied) as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, f"Saved {contact.name}.")
            return redirect("contacts:detail", pk=contact.pk)
    status = 400 if request.method == "POST" else 200
    return render(
        request, "contacts/contact_edit.html", {"form": form, "contact": contact}, status=status
    )


@require_POST
def alias_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Add another name (maiden name, d/b/a, abbreviation...)."""
    contact = get_visible_contact(request.user, pk)
    form = AliasForm(request.POST)
    if form.is_valid():
        try:
            alias = contact_alias_add(
                by=request.user,
                contact=contact,
                name=form.cleaned_data["name"],
                kind=form.cleaned_data["kind"],
            )
        except (ServiceError, AccessDenied) as exc:
            _attach_error(form, exc)
        else:
            messages.success(request, f"Added the name {alias.name} ({alias.get_kind_display()}).")
            return redirect("contacts:detail", pk=contact.pk)
    return render(
        request,
        "contacts/contact_detail.html",
        _detail_context(request, pk, alias_form=form),
        status=400,
    )


@require_POST
def relationship_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a relationship with another contact, in either direction."""
    contact = get_visible_contact(request.user, pk)
    form = RelationshipForm(request.POST)
    if form.is_valid():
        other_pk = form.cleaned_data["to_contact"]
        if not other_pk:
            form.add_error(
                None,
                "Pick the other contact from the list below (type part of the name to find them).",
            )
        else:
            other = get_visible_contact(request.user, other_pk)
            outgoing = form.cleaned_data["direction"] == "out"
            try:
                rel = contact_relationship_add(
                    by=request.user,
                    from_contact=contact if outgoing else other,
                    kind=form.cleaned_data["kind"],
                    to_contact=other if outgoing else contact,
                )
            except (ServiceError, AccessDenied) as exc:
                _attach_error(form, exc)
            else:
                messages.success(request, f"Recorded: {rel}.")
                return redirect("contacts:detail", pk=contact.pk)
    return render(
        request,
        "contacts/contact_detail.html",
        _detail_context(request, pk, rel_form=form),
        status=400,
    )
