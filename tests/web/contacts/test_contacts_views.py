"""Contacts pages: list/search/sort/paging, names in any script, bad input, walls, clients."""

from __future__ import annotations

import pytest
from django.test import Client

from casedesk.web.accounts.models import User
from casedesk.web.audit.models import AuditEntry
from casedesk.web.contacts.models import Contact, ContactAlias, ContactRelationship
from casedesk.web.matters.services import wall_create
from tests.web.contacts.factories import make_contact, make_matter

pytestmark = pytest.mark.django_db

NAMES = ["Nguyễn Thị Minh Khai", "محمد بن علي", "王小明"]


def _create(client: Client, name: str, kind: str = "person", **extra: str):
    data = {
        "kind": kind,
        "name": name,
        "alias_kind_1": "other",
        "alias_kind_2": "other",
        "alias_kind_3": "other",
    }
    data.update(extra)
    return client.post("/contacts/new/", data)


def test_list_search_sort_and_paging(client: Client, secretary: User) -> None:
    for i in range(30):
        make_contact(f"Person {i:02d}")
    acme = make_contact("Acme Widgets Inc.", "organization")
    ContactAlias.objects.create(contact=acme, name="AWI", kind="abbreviation")
    client.force_login(secretary)
    page1 = client.get("/contacts/").content.decode()
    assert "31 results" in page1 and "page 1 of 2" in page1
    assert "Acme Widgets Inc." in page1 and "Person 23" in page1 and "Person 24" not in page1
    page2 = client.get("/contacts/?page=2").content.decode()
    assert "Person 29" in page2
    desc = client.get("/contacts/?sort=-name").content.decode()
    assert desc.index("Person 29") < desc.index("Person 28")
    kind = client.get("/contacts/?sort=kind").content.decode()
    assert kind.index("Acme Widgets") < kind.index("Person 00")
    created = client.get("/contacts/?sort=-created").content.decode()
    assert created.index("Acme Widgets") < created.index("Person 29")
    assert 'aria-sort="descending"' in created
    found = client.get("/contacts/?q=awi").content.decode()
    assert "Acme Widgets Inc." in found and "Person 01" not in found and "1 result" in found
    assert "Acme Widgets Inc." in client.get("/contacts/?q=ACME").content.decode()
    assert "No contact matches" in client.get("/contacts/?q=zzzz").content.decode()
    assert client.get("/contacts/?sort=evil&page=999").status_code == 200
    partial = client.get("/contacts/?q=acme", HTTP_HX_REQUEST="true").content.decode()
    assert "Acme Widgets Inc." in partial and "<html" not in partial


@pytest.mark.parametrize("name", NAMES)
def test_names_in_any_script(client: Client, secretary: User, name: str) -> None:
    client.force_login(secretary)
    response = _create(client, name)
    assert response.status_code == 302, response.content.decode()[:2000]
    contact = Contact.objects.get(name=name)
    assert client.get("/contacts/").content.decode().count(name) >= 1
    assert name in client.get("/contacts/", {"q": name}).content.decode()
    detail = client.get(f"/contacts/{contact.pk}/").content.decode()
    assert f'<span dir="auto">{name}</span>' in detail


def test_search_ignores_accents(client: Client, secretary: User) -> None:
    make_contact("Nguyễn Thị Minh Khai")
    make_contact("José Álvarez")
    client.force_login(secretary)
    assert "Nguyễn Thị Minh Khai" in client.get("/contacts/?q=nguyen thi").content.decode()
    assert "José Álvarez" in client.get("/contacts/?q=jose alvarez").content.decode()
    assert "王小明" not in client.get("/contacts/?q=nguyen").content.decode()


def test_create_with_alias_email_and_address(client: Client, secretary: User) -> None:
    client.force_login(secretary)
    response = _create(
        client,
        "Margaret Smith",
        alias_1="Margaret Jones",
        alias_kind_1="maiden",
        email="m@example.com",
        phone="555-0100",
        city="Portland",
        region="OR",
    )
    contact = Contact.objects.get(name="Margaret Smith")
    assert response["Location"] == f"/contacts/{contact.pk}/"
    body = client.get(response["Location"]).content.decode()
    assert "Margaret Jones" in body and "Maiden name" in body and "m@example.com" in body
    assert "Portland" in body and "Created Margaret Smith" in body


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"name": "N" * 10_000}, "Name is 10,000 characters long; the limit is 500."),
        ({"name": "   "}, "This field is required."),
        ({"name": "Ok Name", "alias_1": "A" * 10_000}, "Alias is 10,000 characters long"),
        ({"name": "Ok Name", "email": "not-an-email"}, "not a valid e-mail address"),
        ({"name": "Ok Name", "kind": "robot"}, "Select a valid choice"),
    ],
)
def test_bad_input_is_refused_and_nothing_created(
    client: Client, secretary: User, data: dict, message: str
) -> None:
    client.force_login(secretary)
    response = _create(client, **{"kind": "person", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Contact.objects.count() == 0


def test_readonly_cannot_create(client: Client, readonly: User) -> None:
    client.force_login(readonly)
    response = _create(client, "Someone")
    assert response.status_code == 400 and "read-only" in response.content.decode()
    assert Contact.objects.count() == 0


def test_detail_alias_edit_and_relationship(
    client: Client, secretary: User, attorney: User
) -> None:
    jane = make_contact("Jane Roe")
    acme = make_contact("Acme Inc.", "organization")
    client_contact = make_contact("Client Person")
    make_matter(
        "2025-0001",
        title="Roe v. Acme",
        client=client_contact,
        parties=[(jane, "adverse-party")],
        responsible=attorney,
    )
    client.force_login(secretary)
    detail = client.get(f"/contacts/{jane.pk}/").content.decode()
    assert "2025-0001" in detail and "Adverse party" in detail
    client.post(f"/contacts/{jane.pk}/aliases/", {"name": "Jane Doe", "kind": "maiden"})
    assert ContactAlias.objects.filter(contact=jane, name="Jane Doe").exists()
    dup = client.post(f"/contacts/{jane.pk}/aliases/", {"name": "Jane Doe", "kind": "maiden"})
    assert dup.status_code == 400 and "already has the name" in dup.content.decode()
    cands = client.get(f"/contacts/{jane.pk}/relationships/candidates/?rel_q=acme").content.decode()
    assert f'value="{acme.pk}"' in cands
    nopick = client.post(
        f"/contacts/{jane.pk}/relationships/",
        {"direction": "out", "kind": "officer-of", "rel_q": "acme"},
    )
    assert nopick.status_code == 400 and "Pick the other contact" in nopick.content.decode()
    assert f'value="{acme.pk}"' in nopick.content.decode()
    client.post(
        f"/contacts/{jane.pk}/relationships/",
        {"direction": "out", "kind": "officer-of", "to_contact": acme.pk},
    )
    assert ContactRelationship.objects.filter(
        from_contact=jane, to_contact=acme, kind="officer-of"
    ).exists()
    assert "Officer of" in client.get(f"/contacts/{jane.pk}/").content.decode()
    assert "Has as officer" in client.get(f"/contacts/{acme.pk}/").content.decode()
    client.post(f"/contacts/{jane.pk}/edit/", {"name": "Jane Q. Roe", "notes": "Prefers e-mail."})
    jane.refresh_from_db()
    assert jane.name == "Jane Q. Roe" and jane.notes == "Prefers e-mail."
    long = client.post(f"/contacts/{jane.pk}/edit/", {"name": "x" * 10_000, "notes": ""})
    assert long.status_code == 400 and "the limit is 500" in long.content.decode()


def test_client_page_view_is_audited(client: Client, secretary: User) -> None:
    person = make_contact("Paying Client")
    other = make_contact("Not A Client")
    make_matter("2025-0002", client=person)
    client.force_login(secretary)
    client.get(f"/contacts/{person.pk}/")
    client.get(f"/contacts/{other.pk}/")
    entries = AuditEntry.objects.filter(action="view", object_type="contact")
    assert [e.object_id for e in entries] == [str(person.pk)]


def test_clients_list_with_status(client: Client, secretary: User) -> None:
    current = make_contact("Current Carla")
    former = make_contact("Former Fred")
    prospect = make_contact("Prospective Pat")
    make_contact("Never A Client")
    make_matter("2025-0010", client=current, status="open")
    make_matter("2025-0011", client=current, status="closed")
    make_matter("2025-0012", client=former, status="closed")
    make_matter("2025-0013", client=prospect, status="intake")
    client.force_login(secretary)
    body = client.get("/contacts/clients/").content.decode()
    assert "Never A Client" not in body and "3 results" in body
    for name, label in [
        ("Current Carla", "Current client"),
        ("Former Fred", "Former client"),
        ("Prospective Pat", "Prospective client"),
    ]:
        row = body[body.index(name) :]
        assert label in row[: row.index("</tr>")]
    only_former = client.get("/contacts/clients/?status=former").content.decode()
    assert "Former Fred" in only_former and "Current Carla" not in only_former


def test_walled_contact_leaves_no_trace(
    client: Client, admin_user: User, attorney: User, clerk: User
) -> None:
    hidden = make_contact("Zebulon Hiddenparty")
    shared = make_contact("Shared Sharon")
    walled = make_matter(
        "2025-0099",
        title="Walled Affair",
        client=hidden,
        parties=[(shared, "witness")],
        responsible=attorney,
    )
    make_matter("2025-0100", title="Open Affair", client=shared, responsible=attorney)
    wall_create(by=admin_user, matter=walled, user=clerk, reason="lateral hire")
    client.force_login(clerk)
    listing = client.get("/contacts/").content.decode()
    assert "Zebulon" not in listing and "Shared Sharon" in listing
    assert "Zebulon" not in client.get("/contacts/?q=zebulon").content.decode()
    assert "Zebulon" not in client.get("/contacts/clients/").content.decode()
    assert client.get(f"/contacts/{hidden.pk}/").status_code == 404
    assert client.get(f"/contacts/{hidden.pk}/edit/").status_code == 404
    assert (
        client.post(f"/contacts/{hidden.pk}/aliases/", {"name": "X", "kind": "other"}).status_code
        == 404
    )
    sharon = client.get(f"/contacts/{shared.pk}/").content.decode()
    assert "2025-0099" not in sharon and "Walled Affair" not in sharon and "2025-0100" in sharon
    cands = client.get(
        f"/contacts/{shared.pk}/relationships/candidates/?rel_q=zeb"
    ).content.decode()
    assert "Zebulon" not in cands
    # The attorney on the matter still sees everything.
    client.force_login(attorney)
    assert "Zebulon" in client.get("/contacts/?q=zebulon").content.decode()
