"""The fact CSV import: a preview that writes nothing, errors by line, people matched to the
matter's parties (unmatched ones reported, never created), issues made on confirm; bad files
(empty, garbage bytes, wrong columns, 2 MB of junk, too big) get a clear sentence."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from casedesk.web.audit.models import AuditEntry
from casedesk.web.chronology.models import Fact, Issue
from casedesk.web.chronology.selectors import matter_facts
from casedesk.web.chronology.services import (
    FactInput,
    fact_create,
    facts_export_csv,
    facts_import,
    facts_import_plan,
)
from casedesk.web.contacts.models import Contact
from casedesk.web.errors import ServiceError
from tests.web.chronology.conftest import ADVERSE, CLIENT, WITNESS

pytestmark = pytest.mark.django_db

GOOD = (
    "Date,Description,People,Issues,Source,Page,Bates,Material,Disputed,Entered by\n"
    f'March 2024,Roof collapsed,"{CLIENT}; {ADVERSE}",Liability; Thiệt hại,Warehouse lease,4,'
    "AN000101,yes,no,Someone\n"
    f"2024-02-30,Impossible date,{WITNESS},,,,,,,\n"
    f'"on or about March 7, 2024",{ADVERSE} was told,"Jane Stranger; {WITNESS}",liability,'
    "Unknown memo,,,x,1,\n"
    ",Undated fact,,,,,,,,\n"
).encode()


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _upload(client: Client, matter: Any, data: bytes, name: str = "facts.csv") -> Any:
    return client.post(
        reverse("chronology:import", args=[matter.pk]),
        {"file": SimpleUploadedFile(name, data, content_type="text/csv")},
    )


def test_plan_reports_without_writing(attorney: Any, matter: Any, file_doc: Any) -> None:
    lease = file_doc("lease.txt", "Lease", title="Warehouse lease")
    Issue.objects.create(name="Liability")
    before = AuditEntry.objects.count()
    plan = facts_import_plan(by=attorney, matter=matter, data=GOOD)
    assert len(plan.facts) == 3
    assert [e.line for e in plan.errors] == [3] and "2024-02-30" in plan.errors[0].message
    assert plan.unmatched_people == {"Jane Stranger": 1}
    assert plan.new_issues == ["Thiệt hại"]
    assert plan.unmatched_sources == {"Unknown memo": 1}
    first = plan.facts[0]
    assert [c.name for c in first.people] == [CLIENT, ADVERSE]
    assert first.source_document == lease
    assert plan.facts[1].issue_names == ["Liability"]  # matched the existing one, any case
    assert not Fact.objects.exists() and Issue.objects.count() == 1
    assert AuditEntry.objects.count() == before


def test_import_enters_the_rows_and_makes_issues(attorney: Any, matter: Any, file_doc: Any) -> None:
    file_doc("lease.txt", "Lease", title="Warehouse lease")
    contacts = Contact.objects.count()
    result = facts_import(by=attorney, matter=matter, data=GOOD)
    assert result.created == 3 and result.issues_created == ["Liability", "Thiệt hại"]
    facts = list(matter_facts(attorney, matter))
    assert [f.date_text for f in facts] == ["Mar. 2024", "on or about Mar. 7, 2024", "Undated"]
    roof = facts[0]
    assert roof.material and not roof.disputed and roof.source_page == "4"
    assert roof.source_bates == "AN000101" and roof.created_by == attorney
    assert {p.name for p in roof.people.all()} == {CLIENT, ADVERSE}
    told = facts[1]
    assert told.material and told.disputed and told.date_kind in ("circa", "exact")
    assert [p.name for p in told.people.all()] == [WITNESS]
    assert "Jane Stranger" in told.notes and "Unknown memo" in told.notes
    assert Contact.objects.count() == contacts  # unmatched people are not created
    entry = AuditEntry.objects.filter(action="chronology.import").get()
    assert entry.data["facts"] == 3 and entry.data["errors"] == 1


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"\x00\xff\xfe\x00garbage\x00" * 100, ""),
        (b"Name,Phone\nAda,555\n", ""),
        (b"Date,Description\n2024-13-45,bad month\n", "2024-13-45"),
    ],
)
def test_bad_files_import_nothing(attorney: Any, matter: Any, data: bytes, words: str) -> None:
    try:
        plan = facts_import_plan(by=attorney, matter=matter, data=data)
    except ServiceError as exc:
        assert exc.message.endswith(".")
        return
    assert not plan.facts and plan.errors
    assert all(e.message for e in plan.errors)
    assert words in " ".join(e.message for e in plan.errors)
    with pytest.raises(ServiceError, match="no fact to import"):
        facts_import(by=attorney, matter=matter, data=data)
    assert not Fact.objects.exists()


def test_two_megabytes_of_junk(attorney: Any, matter: Any) -> None:
    rng = random.Random(3)
    junk = bytes(rng.getrandbits(8) for _ in range(2 * 1024 * 1024))
    response = _upload(_client(attorney), matter, junk)
    body = response.content.decode()
    assert response.status_code in (200, 400)
    assert "Import " not in body.split("Preview")[0] or "nothing to import" in body
    assert not Fact.objects.exists()


def test_too_big_is_refused(attorney: Any, matter: Any, monkeypatch: Any) -> None:
    from casedesk.web.chronology import services, views

    monkeypatch.setattr(services, "MAX_IMPORT_BYTES", 1000)
    monkeypatch.setattr(views, "MAX_IMPORT_BYTES", 1000)
    response = _upload(_client(attorney), matter, b"Date,Description\n" + b"2024,x\n" * 500)
    assert response.status_code == 400 and "may be at most" in response.content.decode()


def test_cp1252_from_excel(attorney: Any, matter: Any) -> None:
    data = "Date,Description\n2024,Café owner’s notice\n".encode("cp1252")
    plan = facts_import_plan(by=attorney, matter=matter, data=data)
    assert plan.facts[0].row.description == "Café owner’s notice"


def test_preview_then_confirm_in_the_browser_flow(
    attorney: Any, matter: Any, make_user: Any
) -> None:
    client = _client(attorney)
    response = _upload(client, matter, GOOD)
    body = response.content.decode()
    assert response.status_code == 200
    assert "Line 3" in body and "Jane Stranger" in body and "Thiệt hại" in body
    assert "Import 3 facts" in body and CLIENT in body
    assert not Fact.objects.exists()
    token = body.split('name="token" value="')[1].split('"')[0]
    other = _client(make_user("attorney", "other"))
    stolen = other.post(
        reverse("chronology:import_confirm", args=[matter.pk]), {"token": token}, follow=True
    )
    assert "expired" in stolen.content.decode() and not Fact.objects.exists()
    bad = client.post(
        reverse("chronology:import_confirm", args=[matter.pk]), {"token": "x" + token}, follow=True
    )
    assert "expired" in bad.content.decode()
    done = client.post(
        reverse("chronology:import_confirm", args=[matter.pk]), {"token": token}, follow=True
    )
    assert "Imported 3 facts" in done.content.decode()
    assert Fact.objects.count() == 3
    again = client.post(
        reverse("chronology:import_confirm", args=[matter.pk]), {"token": token}, follow=True
    )
    assert "expired" in again.content.decode() and Fact.objects.count() == 3


def test_export_then_import_round_trips(attorney: Any, matter: Any, other_matter: Any) -> None:
    from casedesk.web.matters.models import MatterParty

    people = {p.contact.name: p.contact for p in matter.parties.select_related("contact")}
    for contact in people.values():
        MatterParty.objects.create(matter=other_matter, contact=contact, role="witness")
    fact_create(
        by=attorney,
        matter=matter,
        data=FactInput(
            date_text="between 2020-01-01 and 2020-03-01",
            description="=cmd|' /C calc'!A0 is not a formula",
            people=[people[CLIENT].pk, people[ADVERSE].pk],
            new_issues="Đất; أرض",
            disputed=True,
        ),
    )
    fact_create(by=attorney, matter=matter, data=FactInput(date_text="c. 2019", description="b"))
    data = facts_export_csv(by=attorney, matter=matter, facts=matter_facts(attorney, matter))
    assert b"'=cmd" in data
    result = facts_import(by=attorney, matter=other_matter, data=data)
    assert result.created == 2
    copied = list(matter_facts(attorney, other_matter))
    original = list(matter_facts(attorney, matter))
    for a, b in zip(original, copied, strict=True):
        assert (a.date_kind, a.date_start, a.date_end, a.date_text) == (
            b.date_kind,
            b.date_start,
            b.date_end,
            b.date_text,
        )
        assert {p.name for p in a.people.all()} == {p.name for p in b.people.all()}
        assert {i.name for i in a.issues.all()} == {i.name for i in b.issues.all()}
        assert a.disputed == b.disputed
    assert copied[0].description.lstrip("'") == original[0].description
