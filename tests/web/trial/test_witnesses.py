"""The witness list: witnesses from contacts, order, edits, who may write."""

from __future__ import annotations

from typing import Any

import pytest

from casedesk.web.access import AccessDenied
from casedesk.web.contacts.models import Contact, ContactAddress, ContactEmail, ContactPhone
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import MatterParty
from casedesk.web.trial.models import Witness
from casedesk.web.trial.witness_services import (
    WitnessInput,
    witness_create,
    witness_delete,
    witness_move,
    witness_update,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def expert(matter: Any) -> Contact:
    contact = Contact.objects.create(name="Dr. Layla Haddad", kind="person")
    ContactAddress.objects.create(
        contact=contact, street="12 Mesa Dr.", city="Tempe", region="AZ", postal_code="85281"
    )
    ContactPhone.objects.create(contact=contact, number="(480) 555-0199")
    ContactEmail.objects.create(contact=contact, address="layla@example.com")
    MatterParty.objects.create(matter=matter, contact=contact, role="expert")
    return contact


def test_a_witness_from_a_contact(clerk: Any, matter: Any, expert: Contact) -> None:
    witness = witness_create(
        by=clerk, matter=matter, data=WitnessInput(contact_id=expert.pk, will_call="may")
    )
    assert witness.name == "Dr. Layla Haddad"
    assert witness.address == "12 Mesa Dr.\nTempe, AZ 85281"
    assert (witness.phone, witness.email) == ("(480) 555-0199", "layla@example.com")
    assert (witness.will_call, witness.party, witness.proceeding) == ("may", "plaintiff", "Trial")
    # What is typed wins over the contact's details.
    other = witness_create(
        by=clerk,
        matter=matter,
        data=WitnessInput(contact_id=expert.pk, name="Layla Haddad, Ph.D.", phone="555-0100"),
    )
    assert (other.name, other.phone, other.email) == (
        "Layla Haddad, Ph.D.",
        "555-0100",
        "layla@example.com",
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (WitnessInput(), "Name the witness"),
        (WitnessInput(name="A", party="court"), "Choose the party"),
        (WitnessInput(name="A", will_call="must"), "Choose will call or may call"),
        (WitnessInput(name="A", email="not an address"), "is not an e-mail address"),
        (WitnessInput(name="A", contact_id=999_999), "No such contact"),
    ],
)
def test_bad_input(clerk: Any, matter: Any, data: WitnessInput, message: str) -> None:
    with pytest.raises(ServiceError, match=message):
        witness_create(by=clerk, matter=matter, data=data)


def test_order_and_moves(clerk: Any, matter: Any) -> None:
    names = ["Rosa Delgado", "محمد الأحمد", "Nguyễn Văn An"]
    rows = [witness_create(by=clerk, matter=matter, data=WitnessInput(name=n)) for n in names]
    assert [w.position for w in rows] == [1, 2, 3]
    witness_move(by=clerk, witness=rows[2], direction="up")
    witness_move(by=clerk, witness=rows[0], direction="up")  # already first: no change
    order = list(Witness.objects.order_by("position").values_list("name", flat=True))
    assert order == ["Rosa Delgado", "Nguyễn Văn An", "محمد الأحمد"]
    # A defendant's witness has a list of its own.
    theirs = witness_create(
        by=clerk, matter=matter, data=WitnessInput(name="Acme CFO", party="defendant")
    )
    assert theirs.position == 1
    moved = witness_update(
        by=clerk, witness=rows[0], data=WitnessInput(name="Rosa Delgado", party="defendant")
    )
    assert moved.position == 2


def test_deposition_and_who_may_write(
    clerk: Any, readonly: Any, screened: Any, matter: Any
) -> None:
    witness = witness_create(
        by=clerk,
        matter=matter,
        data=WitnessInput(
            name="Tom Brandt", by_deposition=True, deposition_designations="12:3-14:22\n40:1-41:9"
        ),
    )
    assert witness.by_deposition and witness.deposition_designations == "12:3-14:22\n40:1-41:9"
    for user in (readonly, screened):
        with pytest.raises(AccessDenied):
            witness_create(by=user, matter=matter, data=WitnessInput(name="X"))
        with pytest.raises(AccessDenied):
            witness_delete(by=user, witness=witness)
    witness_delete(by=clerk, witness=witness)
    assert not Witness.objects.exists()
