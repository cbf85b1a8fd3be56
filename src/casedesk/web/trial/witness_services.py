"""Writes of a matter's witness list (FRCP 26(a)(3)(A)(i)-(ii)): add, edit, reorder, remove.

A witness may be one of the firm's contacts: the name, address, telephone and e-mail are then
filled from the contact when left blank (and can be changed on the list). Every write checks
the role and the matter's visibility and is audited in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Max

from casedesk.web.access import visible_contacts
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import Contact
from casedesk.web.errors import ServiceError, clean_name
from casedesk.web.matters.models import Matter
from casedesk.web.trial.common import clean_proceeding, lines, one_line, require_matter_writer
from casedesk.web.trial.models import Party, WillCall, Witness


@dataclass(frozen=True)
class WitnessInput:
    """What the witness form holds (blank name/contact details come from ``contact_id``)."""

    name: str = ""
    contact_id: int | None = None
    address: str = ""
    phone: str = ""
    email: str = ""
    party: str = Party.PLAINTIFF
    will_call: str = WillCall.WILL
    by_deposition: bool = False
    deposition_designations: str = ""
    notes: str = ""
    proceeding: str = ""


def contact_details(contact: Contact) -> dict[str, str]:
    """A contact's name, first address, phone and e-mail, as the witness list shows them."""
    address = contact.addresses.first()
    phone = contact.phones.first()
    email = contact.emails.first()
    street = ""
    if address is not None:
        city_line = " ".join(
            p for p in (f"{address.city}," if address.city else "", address.region) if p
        )
        city_line = f"{city_line} {address.postal_code}".strip()
        street = "\n".join(p for p in (address.street, city_line) if p)
    return {
        "name": contact.name,
        "address": street,
        "phone": phone.number if phone is not None else "",
        "email": email.address if email is not None else "",
    }


def _values(by: Any, data: WitnessInput) -> dict[str, Any]:
    contact = None
    if data.contact_id:
        contact = visible_contacts(by).filter(pk=data.contact_id).first()
        if contact is None:
            raise ServiceError("No such contact.", field="contact")
    filled = contact_details(contact) if contact is not None else {}
    name_raw = data.name or filled.get("name", "")
    if not str(name_raw).strip():
        raise ServiceError("Name the witness (or choose a contact).", field="name")
    if data.party not in Party.values:
        raise ServiceError("Choose the party offering the witness.", field="party")
    if data.will_call not in WillCall.values:
        raise ServiceError("Choose will call or may call.", field="will_call")
    email = one_line(
        data.email or filled.get("email", ""), label="E-mail", field="email", limit=254
    )
    if email:
        try:
            validate_email(email)
        except ValidationError as exc:
            raise ServiceError(f"{email} is not an e-mail address.", field="email") from exc
    return {
        "name": clean_name(name_raw, field="Name"),
        "contact": contact,
        "address": lines(
            data.address or filled.get("address", ""),
            label="Address",
            field="address",
            limit=1_000,
        ),
        "phone": one_line(
            data.phone or filled.get("phone", ""), label="Telephone", field="phone", limit=60
        ),
        "email": email,
        "party": data.party,
        "will_call": data.will_call,
        "by_deposition": bool(data.by_deposition),
        "deposition_designations": lines(
            data.deposition_designations,
            label="Deposition designations",
            field="deposition_designations",
        ),
        "notes": lines(data.notes, label="Notes", field="notes"),
        "proceeding": clean_proceeding(data.proceeding),
    }


def witness_create(*, by: Any, matter: Matter, data: WitnessInput) -> Witness:
    """Add a witness at the end of the party's list for the proceeding."""
    require_matter_writer(by, matter)
    values = _values(by, data)
    with transaction.atomic():
        last = Witness.objects.filter(
            matter=matter, proceeding=values["proceeding"], party=values["party"]
        ).aggregate(top=Max("position"))["top"]
        witness = Witness.objects.create(
            matter=matter, position=(last or 0) + 1, created_by=by, **values
        )
        audit_record(
            actor=by,
            action="trial.witness_create",
            summary=f"Added {witness.name} to the {witness.proceeding} witness list of "
            f"{matter.number}",
            object_type="witness",
            object_id=witness.pk,
            matter_id=matter.pk,
        )
    return witness


def witness_update(*, by: Any, witness: Witness, data: WitnessInput) -> Witness:
    """Change a witness's details (a new party or proceeding puts them at the end of it)."""
    require_matter_writer(by, witness.matter)
    values = _values(by, data)
    with transaction.atomic():
        witness = (
            Witness.objects.select_for_update(of=("self",))
            .select_related("matter")
            .get(pk=witness.pk)
        )
        moved = (values["party"], values["proceeding"]) != (witness.party, witness.proceeding)
        for key, value in values.items():
            setattr(witness, key, value)
        if moved:
            last = Witness.objects.filter(
                matter=witness.matter, proceeding=witness.proceeding, party=witness.party
            ).aggregate(top=Max("position"))["top"]
            witness.position = (last or 0) + 1
        witness.save()
        audit_record(
            actor=by,
            action="trial.witness_update",
            summary=f"Edited witness {witness.name} on {witness.matter.number}",
            object_type="witness",
            object_id=witness.pk,
            matter_id=witness.matter_id,
        )
    return witness


def witness_move(*, by: Any, witness: Witness, direction: str) -> Witness:
    """Move a witness one place up or down in their party's list."""
    require_matter_writer(by, witness.matter)
    if direction not in ("up", "down"):
        raise ServiceError("Move the witness up or down.")
    with transaction.atomic():
        rows = list(
            Witness.objects.select_for_update()
            .filter(matter=witness.matter, proceeding=witness.proceeding, party=witness.party)
            .order_by("position", "id")
        )
        index = next((i for i, w in enumerate(rows) if w.pk == witness.pk), None)
        if index is None:
            raise ServiceError("No such witness.")
        other = index - 1 if direction == "up" else index + 1
        if 0 <= other < len(rows):
            rows[index], rows[other] = rows[other], rows[index]
        for position, row in enumerate(rows, start=1):
            if row.position != position:
                row.position = position
                row.save(update_fields=["position"])
        audit_record(
            actor=by,
            action="trial.witness_move",
            summary=f"Moved witness {witness.name} {direction} on {witness.matter.number}",
            object_type="witness",
            object_id=witness.pk,
            matter_id=witness.matter_id,
        )
    return witness


def witness_delete(*, by: Any, witness: Witness) -> None:
    """Take a witness off the list."""
    require_matter_writer(by, witness.matter)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="trial.witness_delete",
            summary=f"Removed witness {witness.name} from {witness.matter.number}",
            object_type="witness",
            object_id=witness.pk,
            matter_id=witness.matter_id,
        )
        witness.delete()
