"""Fixtures for the drafting app: a private blob store per test, a matter with parties, court
and calendar, and Word templates made on the fly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from django.utils import timezone

from casedesk.web.contacts.models import (
    Contact,
    ContactAddress,
    ContactEmail,
    ContactPhone,
    ContactRelationship,
)
from casedesk.web.matters.models import EthicalWall, MatterParty
from tests.web.matters.factories import make_matter

CLIENT_NAME = "Nguyễn Thị Minh"
ADVERSE_NAME = "شركة الأمل للتجارة"


@pytest.fixture(autouse=True)
def doc_storage(file_storage: Path) -> Path:
    """Every test here stores its files under its own folder (tests/conftest.py)."""
    return file_storage


def _contact(name: str, kind: str, *, street: str = "", city: str = "", email: str = "") -> Contact:
    contact = Contact.objects.create(name=name, kind=kind)
    if street:
        ContactAddress.objects.create(
            contact=contact, street=street, city=city, region="CA", postal_code="94607"
        )
    if email:
        ContactEmail.objects.create(contact=contact, address=email)
        ContactPhone.objects.create(contact=contact, number="(510) 555-0190")
    return contact


@pytest.fixture
def matter(attorney: Any) -> Any:
    """An open matter of the attorney in Alameda superior court, with parties and a hearing."""
    attorney.bar_number = "187654"
    attorney.email = "ada@firm.example"
    attorney.save()
    m = make_matter("2027-0301", "Minh employment dispute", attorney=attorney)
    m.court = "Superior Court of California, County of Alameda"
    m.case_number = "RG27-000123"
    m.save()
    client = _contact(
        CLIENT_NAME, "person", street="1844 Linden Street", city="Oakland", email="minh@example.com"
    )
    adverse = _contact(ADVERSE_NAME, "organization", street="100 Industrial Way", city="Fremont")
    counsel = _contact("Morgan Blake", "person", email="mblake@blake.example")
    counsel_firm = _contact("Blake Whitfield LLP", "organization")
    ContactRelationship.objects.create(
        from_contact=counsel, to_contact=counsel_firm, kind="employee-of"
    )
    witness = _contact("Sam Ortiz", "person")
    for contact, role in (
        (client, "client"),
        (adverse, "adverse-party"),
        (counsel, "opposing-counsel"),
        (witness, "witness"),
    ):
        MatterParty.objects.create(matter=m, contact=contact, role=role)
    from casedesk.web.scheduling.models import Event

    soon = timezone.localtime() + dt.timedelta(days=20)
    Event.objects.create(
        matter=m,
        kind="hearing",
        title="Hearing on motion to compel",
        starts_at=soon.replace(hour=17, minute=0),
        location="Department 17",
        uid="h1@test",
    )
    Event.objects.create(
        matter=m,
        kind="deadline",
        title="Opposition due",
        starts_at=soon - dt.timedelta(days=5),
        all_day=True,
        rule_citation="CCP § 1005(b)",
        uid="d1@test",
    )
    return m


@pytest.fixture
def screened(make_user: Callable[..., Any], matter: Any, admin_user: Any) -> Any:
    """A secretary walled off from the matter."""
    user = make_user("secretary", "screened", "Screened Secretary")
    EthicalWall.objects.create(
        matter=matter, user=user, reason="lateral hire", created_by=admin_user
    )
    return user


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """A Word file with one paragraph per string."""
    folder = tmp_path / "templates"
    folder.mkdir()
    counter = iter(range(1_000_000))

    def factory(paragraphs: list[str], name: str = "template.docx") -> Path:
        path = folder / f"{next(counter)}-{name}"
        document = docx.Document()
        for text in paragraphs:
            document.add_paragraph(text)
        document.save(str(path))
        return path

    return factory


LETTER = [
    "{{ firm.name }}",
    "{{ today|long_date }}",
    "{{ client.name }}",
    "{{ client.address }}",
    "Re: {{ case.title }} ({{ matter.number }})",
    "Dear {{ client.first_name }}:",
    "The hearing is on {{ hearing.date|long_date }} in {{ hearing.department }}.",
    "Opposing counsel: {{ opposing_counsel.name }} of {{ opposing_counsel.firm }}.",
    "{{ attorney.signature_block }}",
]


@pytest.fixture
def letter_template(make_docx: Callable[..., Path], attorney: Any) -> Any:
    """A letter template uploaded by the attorney; asks for the hearing date and department."""
    from casedesk.web.drafting.template_services import template_upload

    return template_upload(
        by=attorney,
        name="Hearing letter",
        path=make_docx(LETTER),
        filename="hearing-letter.docx",
        kind="letter",
    )
