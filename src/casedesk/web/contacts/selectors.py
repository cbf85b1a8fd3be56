"""Reads for the contacts pages. Every read starts from access.visible_contacts / visible_matters."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from casedesk.web.access import get_visible_contact, visible_contacts, visible_matters
from casedesk.web.contacts.models import Contact, ContactAlias, ContactRelationship
from casedesk.web.matters.models import MatterParty, MatterStatus, PartyRole

SORTS = {
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "kind": ("kind", "name", "id"),
    "-kind": ("-kind", "name", "id"),
    "created": ("created_at", "id"),
    "-created": ("-created_at", "-id"),
}
DEFAULT_SORT = "name"
MAX_QUERY = 200
_EXTRA_FOLDS = str.maketrans(
    {"đ": "d", "Đ": "d", "ø": "o", "Ø": "o", "ł": "l", "Ł": "l", "ß": "ss"}
)


def fold(text: str) -> str:
    """Lower-case, strip accents and diacritics: "Nguyễn Thị" -> "nguyen thi"."""
    decomposed = unicodedata.normalize("NFKD", text.translate(_EXTRA_FOLDS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.casefold().split())


def _folded_matches(base: QuerySet[Contact], query: str) -> set[int]:
    """Ids of contacts in ``base`` whose name or an alias contains ``query`` ignoring accents."""
    needle = fold(query)
    if not needle:
        return set()
    ids = {pk for pk, name in base.values_list("id", "name") if needle in fold(name)}
    ids.update(
        cid
        for cid, name in ContactAlias.objects.filter(contact__in=base).values_list(
            "contact_id", "name"
        )
        if needle in fold(name)
    )
    return ids


def contacts_search(
    user: Any, *, query: str = "", sort: str = DEFAULT_SORT, kind: str = ""
) -> QuerySet[Contact]:
    """Visible contacts, optionally filtered by name or alias (case- and accent-insensitive)."""
    qs = visible_contacts(user)
    if kind:
        qs = qs.filter(kind=kind)
    query = " ".join((query or "").split())[:MAX_QUERY]
    if query:
        direct = Q(name__icontains=query) | Q(aliases__name__icontains=query)
        folded = _folded_matches(qs, query)
        qs = qs.filter(direct | Q(id__in=folded)).distinct()
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def clean_sort(sort: str) -> str:
    """The sort key if it is known, else the default."""
    return sort if sort in SORTS else DEFAULT_SORT


CLIENT_STATUS_LABELS = {
    "current": "Current client",
    "prospective": "Prospective client",
    "former": "Former client",
}


@dataclass(frozen=True, slots=True)
class ClientRow:
    contact: Contact
    status: str  # current | prospective | former
    matters: int

    @property
    def status_label(self) -> str:
        return CLIENT_STATUS_LABELS[self.status]


def _client_status(statuses: set[str]) -> str:
    """Current if any matter is open; prospective if one is in intake; otherwise former."""
    if MatterStatus.OPEN in statuses:
        return "current"
    if MatterStatus.INTAKE in statuses:
        return "prospective"
    return "former"


def clients(user: Any, *, query: str = "", status: str = "") -> list[ClientRow]:
    """Contacts who are a client party on a visible matter, with their client status."""
    rows = MatterParty.objects.filter(
        role=PartyRole.CLIENT, matter__in=visible_matters(user)
    ).values_list("contact_id", "matter__status")
    by_contact: dict[int, set[str]] = {}
    counts: dict[int, int] = {}
    for contact_id, matter_status in rows:
        by_contact.setdefault(contact_id, set()).add(matter_status)
        counts[contact_id] = counts.get(contact_id, 0) + 1
    contacts = contacts_search(user, query=query).filter(id__in=list(by_contact))
    result = [
        ClientRow(contact=c, status=_client_status(by_contact[c.pk]), matters=counts[c.pk])
        for c in contacts
    ]
    if status in CLIENT_STATUS_LABELS:
        result = [r for r in result if r.status == status]
    return result


@dataclass(frozen=True, slots=True)
class RelationshipRow:
    text: str  # e.g. "Officer of"
    other: Contact


@dataclass(frozen=True, slots=True)
class ContactDetail:
    contact: Contact
    aliases: list[Any]
    addresses: list[Any]
    phones: list[Any]
    emails: list[Any]
    relationships: list[RelationshipRow]
    matters: list[MatterParty]
    is_client: bool


_INVERSE = {
    "parent-of": "Subsidiary of",
    "subsidiary-of": "Parent company of",
    "spouse-of": "Spouse of",
    "officer-of": "Has as officer",
    "employee-of": "Employer of",
    "affiliate-of": "Affiliate of",
}


def contact_detail(user: Any, pk: Any) -> ContactDetail:
    """Everything the contact page shows, limited to what ``user`` may see (404 if hidden)."""
    contact = get_visible_contact(user, pk)
    visible_ids = visible_contacts(user).values("id")
    relationships: list[RelationshipRow] = []
    out_rels = ContactRelationship.objects.filter(
        from_contact=contact, to_contact__in=visible_ids
    ).select_related("to_contact")
    for rel in out_rels:
        relationships.append(RelationshipRow(rel.get_kind_display(), rel.to_contact))
    in_rels = ContactRelationship.objects.filter(
        to_contact=contact, from_contact__in=visible_ids
    ).select_related("from_contact")
    for rel in in_rels:
        relationships.append(RelationshipRow(_INVERSE.get(rel.kind, rel.kind), rel.from_contact))
    relationships.sort(key=lambda r: (r.text, r.other.name))
    matters = list(
        MatterParty.objects.filter(contact=contact, matter__in=visible_matters(user))
        .select_related("matter")
        .order_by("-matter__number", "role")
    )
    return ContactDetail(
        contact=contact,
        aliases=list(contact.aliases.all()),
        addresses=list(contact.addresses.all()),
        phones=list(contact.phones.all()),
        emails=list(contact.emails.all()),
        relationships=relationships,
        matters=matters,
        is_client=contact.party_roles.filter(role=PartyRole.CLIENT).exists(),
    )


def relationship_candidates(
    user: Any, contact: Contact, query: str, limit: int = 10
) -> list[Contact]:
    """Contacts matching ``query`` that ``contact`` could be related to (not itself)."""
    if not (query or "").strip():
        return []
    return list(contacts_search(user, query=query).exclude(pk=contact.pk)[:limit])
