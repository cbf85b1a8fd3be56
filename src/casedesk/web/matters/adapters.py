"""ORM rows -> the conflict engine's registry (``casedesk.core.conflicts``).

Everyone the firm knows becomes a :class:`RegistryParty`: every party on every matter (clients
as current, former or prospective clients by the matter's status), every contact's aliases,
and people and companies related to a party (officers, spouses, parents and subsidiaries).
"""

from __future__ import annotations

from dataclasses import dataclass

from casedesk.core.conflicts import ConflictIndex, PartyKind, RegistryParty
from casedesk.web.contacts.models import Contact, ContactRelationship
from casedesk.web.matters.models import MatterParty, MatterStatus, PartyRole

_CLIENT_ROLE_BY_STATUS = {
    MatterStatus.OPEN: "client",
    MatterStatus.CLOSED: "former-client",
    MatterStatus.INTAKE: "prospective-client",
    MatterStatus.DECLINED: "prospective-client",
}


@dataclass(frozen=True, slots=True)
class RegistryLink:
    """Where a registry entry points back into the database, and any relationship to explain."""

    contact_id: int
    matter_id: int | None
    via: str  # "" or e.g. "officer of Acme Holdings Inc. (client on 2025-0042)"


def registry_role(party: MatterParty) -> str:
    """The conflict role of a party: clients split by the matter's status (Model Rule 1.18)."""
    if party.role == PartyRole.CLIENT:
        return _CLIENT_ROLE_BY_STATUS[MatterStatus(party.matter.status)]
    return str(party.role)


def build_registry(
    *, exclude_matter_id: int | None = None
) -> tuple[list[RegistryParty], dict[str, RegistryLink]]:
    """Everyone the firm knows, as registry parties, with links back to contacts and matters."""
    aliases: dict[int, tuple[str, ...]] = {}
    for contact in Contact.objects.prefetch_related("aliases").only("id"):
        aliases[contact.pk] = tuple(a.name for a in contact.aliases.all())
    parties: list[RegistryParty] = []
    links: dict[str, RegistryLink] = {}
    on_matters: dict[int, list[MatterParty]] = {}
    rows = MatterParty.objects.select_related("contact", "matter")
    if exclude_matter_id is not None:
        rows = rows.exclude(matter_id=exclude_matter_id)
    for row in rows:
        key = f"party:{row.pk}"
        parties.append(
            RegistryParty(
                id=key,
                name=row.contact.name,
                kind=PartyKind(row.contact.kind),
                role=registry_role(row),
                matter=row.matter.number,
                aliases=aliases.get(row.contact_id, ()),
                status=row.matter.status,
            )
        )
        links[key] = RegistryLink(contact_id=row.contact_id, matter_id=row.matter_id, via="")
        on_matters.setdefault(row.contact_id, []).append(row)
    for rel in ContactRelationship.objects.select_related("from_contact", "to_contact"):
        for person, other, words in (
            (rel.from_contact, rel.to_contact, rel.get_kind_display().lower()),
            (rel.to_contact, rel.from_contact, _inverse_words(rel.kind)),
        ):
            for anchor in on_matters.get(other.pk, []):
                key = f"rel:{rel.pk}:{person.pk}:{anchor.pk}"
                parties.append(
                    RegistryParty(
                        id=key,
                        name=person.name,
                        kind=PartyKind(person.kind),
                        role="related-party",
                        matter=anchor.matter.number,
                        aliases=aliases.get(person.pk, ()),
                        status=anchor.matter.status,
                    )
                )
                links[key] = RegistryLink(
                    contact_id=person.pk,
                    matter_id=anchor.matter_id,
                    via=f"{words} {other.name} ({registry_role(anchor).replace('-', ' ')} on {anchor.matter.number})",
                )
    # Contacts on no matter at all (parties of the excluded matter are not "on file" twice).
    for contact in (
        Contact.objects.exclude(party_roles__isnull=False)
        .exclude(id__in={link.contact_id for link in links.values()})
        .only("id", "name", "kind")
    ):
        key = f"contact:{contact.pk}"
        parties.append(
            RegistryParty(
                id=key,
                name=contact.name,
                kind=PartyKind(contact.kind),
                role="related-party",
                matter="",
                aliases=aliases.get(contact.pk, ()),
                status="",
            )
        )
        links[key] = RegistryLink(
            contact_id=contact.pk, matter_id=None, via="contact on file, no matter"
        )
    return parties, links


def _inverse_words(kind: str) -> str:
    return {
        "parent-of": "subsidiary of",
        "subsidiary-of": "parent company of",
        "spouse-of": "spouse of",
        "officer-of": "has as officer",
        "employee-of": "employer of",
        "affiliate-of": "affiliate of",
    }.get(kind, "related to")


def build_index(
    *, exclude_matter_id: int | None = None
) -> tuple[ConflictIndex, dict[str, RegistryLink]]:
    """Build the conflict index over the whole firm (optionally leaving out one matter)."""
    parties, links = build_registry(exclude_matter_id=exclude_matter_id)
    return ConflictIndex.build(parties), links
