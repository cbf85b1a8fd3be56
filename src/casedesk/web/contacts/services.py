"""Writes to contacts. Each service validates, saves and audits in one transaction."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from casedesk.web.access import require_writer
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import (
    AliasKind,
    Contact,
    ContactAddress,
    ContactAlias,
    ContactEmail,
    ContactKind,
    ContactPhone,
    ContactRelationship,
    RelationshipKind,
)
from casedesk.web.errors import ServiceError, clean_name


def _clean_kind(kind: str) -> str:
    if kind not in ContactKind.values:
        raise ServiceError(f"Kind must be person or organization, not {kind!r}.", field="kind")
    return kind


def contact_create(
    *,
    by: Any,
    kind: str,
    name: str,
    aliases: Iterable[tuple[str, str]] = (),
    emails: Iterable[str] = (),
    phones: Iterable[str] = (),
    address: dict[str, str] | None = None,
    notes: str = "",
) -> Contact:
    """Create a person or organization with optional aliases ``(name, kind)``, e-mails, phones."""
    require_writer(by)
    clean = clean_name(name)
    kind = _clean_kind(kind)
    alias_rows = [
        (clean_name(a, field="Alias"), k or AliasKind.OTHER) for a, k in aliases if a and a.strip()
    ]
    for _, alias_kind in alias_rows:
        if alias_kind not in AliasKind.values:
            raise ServiceError(f"Unknown alias kind {alias_kind!r}.", field="aliases")
    email_rows = [e.strip() for e in emails if e and e.strip()]
    for email in email_rows:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ServiceError(f"{email!r} is not a valid e-mail address.", field="emails") from exc
    with transaction.atomic():
        contact = Contact.objects.create(kind=kind, name=clean, notes=notes, created_by=by)
        seen = {clean.casefold()}
        for alias, alias_kind in alias_rows:
            if alias.casefold() in seen:
                continue
            seen.add(alias.casefold())
            ContactAlias.objects.create(contact=contact, name=alias, kind=alias_kind)
        for email in email_rows:
            ContactEmail.objects.create(contact=contact, address=email)
        for phone in phones:
            if phone and phone.strip():
                ContactPhone.objects.create(contact=contact, number=phone.strip()[:40])
        if address and any(v.strip() for v in address.values()):
            ContactAddress.objects.create(
                contact=contact, **{k: v.strip() for k, v in address.items()}
            )
        audit_record(
            actor=by,
            action="create",
            object_type="contact",
            object_id=contact.pk,
            summary=f"Created {kind} {clean}",
            data={"aliases": [a for a, _ in alias_rows]},
        )
    return contact


def contact_update(
    *, by: Any, contact: Contact, name: str | None = None, notes: str | None = None
) -> Contact:
    """Rename a contact or change its notes; the old name is kept as a "former name" alias."""
    require_writer(by)
    changes: dict[str, list[str]] = {}
    with transaction.atomic():
        if name is not None:
            clean = clean_name(name)
            if clean != contact.name:
                changes["name"] = [contact.name, clean]
                ContactAlias.objects.get_or_create(
                    contact=contact, name=contact.name, defaults={"kind": AliasKind.FORMER}
                )
                contact.name = clean
        if notes is not None and notes != contact.notes:
            changes["notes"] = ["(changed)", "(changed)"]
            contact.notes = notes
        if changes:
            contact.save()
            audit_record(
                actor=by,
                action="update",
                object_type="contact",
                object_id=contact.pk,
                summary=f"Updated contact {contact.name}",
                data={"changes": changes},
            )
    return contact


def contact_alias_add(
    *, by: Any, contact: Contact, name: str, kind: str = AliasKind.OTHER
) -> ContactAlias:
    """Record another name the contact is known by (maiden name, d/b/a, abbreviation...)."""
    require_writer(by)
    clean = clean_name(name, field="Alias")
    if kind not in AliasKind.values:
        raise ServiceError(f"Unknown alias kind {kind!r}.", field="kind")
    with transaction.atomic():
        if contact.aliases.filter(name=clean).exists() or clean == contact.name:
            raise ServiceError(f"{contact.name} already has the name {clean!r}.", field="name")
        alias = ContactAlias.objects.create(contact=contact, name=clean, kind=kind)
        audit_record(
            actor=by,
            action="create",
            object_type="alias",
            object_id=alias.pk,
            summary=f"Added alias {clean!r} ({alias.get_kind_display()}) to {contact.name}",
        )
    return alias


def contact_relationship_add(
    *, by: Any, from_contact: Contact, kind: str, to_contact: Contact
) -> ContactRelationship:
    """Record that ``from_contact`` is ``kind`` ``to_contact`` (spouse, officer, subsidiary...)."""
    require_writer(by)
    if kind not in RelationshipKind.values:
        raise ServiceError(f"Unknown relationship {kind!r}.", field="kind")
    if from_contact.pk == to_contact.pk:
        raise ServiceError("A contact cannot be related to itself.", field="to_contact")
    with transaction.atomic():
        rel, created = ContactRelationship.objects.get_or_create(
            from_contact=from_contact, to_contact=to_contact, kind=kind
        )
        if not created:
            raise ServiceError("That relationship is already recorded.")
        audit_record(
            actor=by,
            action="create",
            object_type="relationship",
            object_id=rel.pk,
            summary=f"{from_contact.name} {rel.get_kind_display().lower()} {to_contact.name}",
        )
    return rel


def contact_delete(*, by: Any, contact: Contact) -> None:
    """Delete a contact who is not a party to any matter (parties stay on record for conflicts)."""
    require_writer(by)
    if contact.party_roles.exists():
        raise ServiceError(
            f"{contact.name} is a party to a matter and stays on record for conflict checks."
        )
    with transaction.atomic():
        pk, name = contact.pk, contact.name
        contact.delete()
        audit_record(
            actor=by,
            action="delete",
            object_type="contact",
            object_id=pk,
            summary=f"Deleted contact {name}",
        )
