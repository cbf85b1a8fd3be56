"""Export: only what the user may see (no trace of a walled matter), audited; JSON round trip."""

from __future__ import annotations

import io
import json
import zipfile
from collections import Counter

import pytest

from casedesk.web.accounts.models import User
from casedesk.web.audit.models import AuditEntry
from casedesk.web.contacts.models import Contact
from casedesk.web.demo.loader import demo_reset
from casedesk.web.matters.models import EthicalWall, Matter
from casedesk.web.transfer.services import contacts_import, firm_export, firm_import

pytestmark = pytest.mark.django_db


def _zip_text(payload: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(payload)) as archive:
        assert set(archive.namelist()) >= {
            "contacts.csv",
            "aliases.csv",
            "matters.csv",
            "parties.csv",
            "relationships.csv",
        }
        return "\n".join(archive.read(n).decode("utf-8-sig") for n in archive.namelist())


def test_screened_user_export_has_no_trace_of_the_walled_matter(small_firm: object) -> None:
    wall = EthicalWall.objects.select_related("matter").get()
    walled = wall.matter
    secrets = [
        walled.number,
        walled.title,
        "Meridian Biotech",
        "Castellano Pharmaceuticals",
        walled.case_number,
    ]
    chloe = User.objects.get(username="chloe.attorney")
    admin = User.objects.get(username="hana.admin")
    for fmt in ("json", "csv"):
        mine = firm_export(by=chloe, fmt=fmt)
        text = mine.decode("utf-8") if fmt == "json" else _zip_text(mine)
        for secret in secrets:
            assert secret not in text, f"{secret!r} leaked into chloe's {fmt} export"
        full = firm_export(by=admin, fmt=fmt)
        full_text = full.decode("utf-8") if fmt == "json" else _zip_text(full)
        assert all(secret in full_text for secret in secrets)
    assert AuditEntry.objects.filter(action="export", actor=chloe).count() == 2


def test_csv_export_contacts_file_imports_again(small_firm: object) -> None:
    admin = User.objects.get(username="hana.admin")
    with zipfile.ZipFile(io.BytesIO(firm_export(by=admin, fmt="csv"))) as archive:
        contacts_csv = archive.read("contacts.csv")
    report = contacts_import(by=admin, data=contacts_csv, dry_run=True)
    assert report.ok and report.ready == Contact.objects.count()


def _firm_state() -> tuple[Counter[tuple[object, ...]], list[tuple[object, ...]]]:
    contacts = Counter(
        (
            c.kind,
            c.name,
            tuple(sorted(c.aliases.values_list("name", "kind"))),
            tuple(sorted(c.emails.values_list("address", flat=True))),
        )
        for c in Contact.objects.all()
    )
    matters = [
        (
            m.number,
            m.title,
            m.practice_area,
            m.status,
            m.court,
            m.case_number,
            m.judge,
            m.responsible_attorney_id,
            m.intake_on,
            m.opened_on,
            m.closed_on,
            tuple(sorted((p.role, p.contact.name) for p in m.parties.select_related("contact"))),
            tuple(sorted(m.walls.values_list("user__username", flat=True))),
        )
        for m in Matter.objects.order_by("number")
    ]
    return contacts, matters


def test_json_round_trip_into_an_empty_firm(small_firm: object) -> None:
    admin = User.objects.get(username="hana.admin")
    before = _firm_state()
    payload = firm_export(by=admin, fmt="json")
    assert json.loads(payload)["format"] == "casedesk-firm-export"
    demo_reset(by=admin)  # documents first: a matter with documents cannot just be deleted
    dry = firm_import(by=admin, data=payload, dry_run=True)
    assert dry.ok, dry.errors
    report = firm_import(by=admin, data=payload, dry_run=False)
    assert report.ok, report.errors
    after = _firm_state()
    assert after[0] == before[0]
    assert after[1] == before[1]
    assert AuditEntry.objects.filter(action="import", object_type="firm", actor=admin).exists()
