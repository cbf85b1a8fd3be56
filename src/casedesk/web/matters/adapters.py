"""ORM rows -> the conflict engine's registry (``casedesk.core.conflicts``).

Everyone the firm knows becomes a :class:`RegistryParty`: every party on every matter (clients
as current, former or prospective clients by the matter's status), every contact's aliases,
and people and companies related to a party (officers, spouses, parents and subsidiaries).

Reading is done with plain ``values_list`` rows (no model instances): a conflict check runs on
every intake and every added party, so this is on the secretary's hot path. The built index is
kept in memory and reused until the firm's records change (see :func:`registry_fingerprint`).
"""

from __future__ import annotations

import threading
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Max

from casedesk.core.conflicts import ConflictIndex, PartyKind, RegistryParty
from casedesk.web.contacts.models import Contact, ContactAlias, ContactRelationship
from casedesk.web.matters.models import Matter, MatterParty, MatterStatus, PartyRole

_CLIENT_ROLE_BY_STATUS = {
    MatterStatus.OPEN: "client",
    MatterStatus.CLOSED: "former-client",
    MatterStatus.INTAKE: "prospective-client",
    MatterStatus.DECLINED: "prospective-client",
}
_INVERSE_WORDS = {
    "parent-of": "subsidiary of",
    "subsidiary-of": "parent company of",
    "spouse-of": "spouse of",
    "officer-of": "has as officer",
    "employee-of": "employer of",
    "affiliate-of": "affiliate of",
}
_RELATIONSHIP_WORDS = {
    "parent-of": "parent company of",
    "subsidiary-of": "subsidiary of",
    "spouse-of": "spouse of",
    "officer-of": "officer of",
    "employee-of": "employee of",
    "affiliate-of": "affiliate of",
}


@dataclass(frozen=True, slots=True)
class RegistryLink:
    """Where a registry entry points back into the database, and any relationship to explain."""

    contact_id: int
    matter_id: int | None
    via: str  # "" or e.g. "officer of Acme Holdings Inc. (client on 2025-0042)"


@dataclass(frozen=True, slots=True)
class _PartyRow:
    party_id: int
    contact_id: int
    role: str
    matter_id: int
    number: str
    status: str


def conflict_role(party_role: str, matter_status: str) -> str:
    """The conflict role of a party: clients split by the matter's status (Model Rule 1.18)."""
    if party_role == PartyRole.CLIENT:
        return _CLIENT_ROLE_BY_STATUS[MatterStatus(matter_status)]
    return str(party_role)


def registry_fingerprint() -> tuple[object, ...]:
    """A cheap summary that changes whenever anything the registry is built from changes."""
    return (
        tuple(Contact.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()),
        tuple(Matter.objects.aggregate(n=Count("id"), t=Max("updated_at")).values()),
        tuple(MatterParty.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        tuple(ContactAlias.objects.aggregate(n=Count("id"), m=Max("id")).values()),
        tuple(ContactRelationship.objects.aggregate(n=Count("id"), m=Max("id")).values()),
    )


def build_registry() -> tuple[list[RegistryParty], dict[str, RegistryLink]]:
    """Everyone the firm knows, as registry parties, with links back to contacts and matters."""
    contacts = {
        pk: (name, kind) for pk, name, kind in Contact.objects.values_list("id", "name", "kind")
    }
    aliases: defaultdict[int, list[str]] = defaultdict(list)
    for contact_id, name in ContactAlias.objects.order_by("id").values_list("contact_id", "name"):
        aliases[contact_id].append(name)
    parties: list[RegistryParty] = []
    links: dict[str, RegistryLink] = {}
    on_matters: defaultdict[int, list[_PartyRow]] = defaultdict(list)
    rows = MatterParty.objects.order_by("id").values_list(
        "id", "contact_id", "role", "matter_id", "matter__number", "matter__status"
    )
    for row in (_PartyRow(*values) for values in rows):
        name, kind = contacts[row.contact_id]
        key = f"party:{row.party_id}"
        parties.append(
            RegistryParty(
                id=key,
                name=name,
                kind=PartyKind(kind),
                role=conflict_role(row.role, row.status),
                matter=row.number,
                aliases=tuple(aliases.get(row.contact_id, ())),
                status=row.status,
            )
        )
        links[key] = RegistryLink(contact_id=row.contact_id, matter_id=row.matter_id, via="")
        on_matters[row.contact_id].append(row)
    relationships = ContactRelationship.objects.order_by("id").values_list(
        "id", "from_contact_id", "to_contact_id", "kind"
    )
    for rel_id, from_id, to_id, kind in relationships:
        for person_id, other_id, words in (
            (from_id, to_id, _RELATIONSHIP_WORDS.get(kind, "related to")),
            (to_id, from_id, _INVERSE_WORDS.get(kind, "related to")),
        ):
            person_name, person_kind = contacts[person_id]
            for anchor in on_matters.get(other_id, ()):
                key = f"rel:{rel_id}:{person_id}:{anchor.party_id}"
                role = conflict_role(anchor.role, anchor.status).replace("-", " ")
                parties.append(
                    RegistryParty(
                        id=key,
                        name=person_name,
                        kind=PartyKind(person_kind),
                        role="related-party",
                        matter=anchor.number,
                        aliases=tuple(aliases.get(person_id, ())),
                        status=anchor.status,
                    )
                )
                links[key] = RegistryLink(
                    contact_id=person_id,
                    matter_id=anchor.matter_id,
                    via=f"{words} {contacts[other_id][0]} ({role} on {anchor.number})",
                )
    linked = {link.contact_id for link in links.values()}
    for contact_id, (name, kind) in contacts.items():
        if contact_id in linked or contact_id in on_matters:
            continue
        key = f"contact:{contact_id}"
        parties.append(
            RegistryParty(
                id=key,
                name=name,
                kind=PartyKind(kind),
                role="related-party",
                matter="",
                aliases=tuple(aliases.get(contact_id, ())),
                status="",
            )
        )
        links[key] = RegistryLink(
            contact_id=contact_id, matter_id=None, via="contact on file, no matter"
        )
    return parties, links


_cache_lock = threading.Lock()
_cache: dict[str, tuple[tuple[object, ...], ConflictIndex, dict[str, RegistryLink]]] = {}


def build_index() -> tuple[ConflictIndex, dict[str, RegistryLink]]:
    """The conflict index over the whole firm, rebuilt only when the records have changed.

    Callers leave out hits on the matter being checked themselves (``RegistryLink.matter_id``).
    """
    fingerprint = registry_fingerprint()
    with _cache_lock:
        cached = _cache.get("firm")
        if cached is not None and cached[0] == fingerprint:
            return cached[1], cached[2]
    parties, links = build_registry()
    index = ConflictIndex.build(parties)
    with _cache_lock:
        _cache["firm"] = (fingerprint, index, links)
    return index, links
