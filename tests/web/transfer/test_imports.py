"""CSV imports: good files, Clio's layout, every bad row listed, all-or-nothing, bad files."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

import pytest
from django.test import override_settings

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.contacts.models import Contact, ContactRelationship
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.transfer.services import contacts_import, matters_import

pytestmark = pytest.mark.django_db

HEADER = "kind,name,aliases,email,phone,street,city,region,postal_code,country,notes"
MATTER_HEADER = (
    "number,title,practice_area,status,client,client_kind,court,case_number,judge,"
    "responsible_attorney,opened_on,closed_on,adverse_parties,parties"
)
NAMES = ["Nguyễn Thị Bích Ngọc", "محمد الراشد", "王秀英", "María José García López"]


def test_good_contacts_file_imports_everything_and_is_audited(
    secretary: object, csv_bytes: Callable[..., bytes]
) -> None:
    data = csv_bytes(
        HEADER,
        'person,Margaret Whitfield,"maiden:Margaret Caldwell; nickname:Peggy Whitfield",mw@example.com,(415) 555-0101,1 Main St,Oakland,CA,94601,USA,',
        'organization,"Harborline Logistics, Inc.",dba:Harborline Freight;abbreviation:HLI,info@harborline.example,,,,,,,Key client',
    )
    dry = contacts_import(by=secretary, data=data, layout="casedesk", dry_run=True)
    assert dry.ok and dry.ready == 2 and dry.summary == "2 contacts ready to import."
    assert Contact.objects.count() == 0
    report = contacts_import(by=secretary, data=data, layout="casedesk", dry_run=False)
    assert report.ok and report.imported == 2
    margaret = Contact.objects.get(name="Margaret Whitfield")
    assert sorted(margaret.aliases.values_list("name", "kind")) == [
        ("Margaret Caldwell", "maiden"),
        ("Peggy Whitfield", "nickname"),
    ]
    assert margaret.addresses.get().city == "Oakland"
    assert Contact.objects.get(kind="organization").aliases.count() == 2
    assert AuditEntry.objects.filter(action="import", object_type="contact").count() == 1
    assert AuditEntry.objects.filter(action="create", object_type="contact").count() == 2


def test_names_in_every_script_are_kept_exactly(
    secretary: object, csv_bytes: Callable[..., bytes]
) -> None:
    lines = [HEADER] + [f"person,{name},,,,,,,,," for name in NAMES]
    data = b"\xef\xbb\xbf" + csv_bytes(*lines)  # Excel's "CSV UTF-8" adds a byte-order mark
    assert contacts_import(by=secretary, data=data, dry_run=False).imported == 4
    stored = set(Contact.objects.values_list("name", flat=True))
    assert stored == {unicodedata.normalize("NFC", n) for n in NAMES}


def test_clio_layout(secretary: object, csv_bytes: Callable[..., bytes]) -> None:
    data = csv_bytes(
        '"Prefix","First Name","Middle Name","Last Name","Suffix","Company","Title","Email Address",'
        '"Primary Phone Number","Street","City","State","Zip","Country","Notes"',
        "Dr.,Trần,Thị,Mai,,Bluestem Foods LLC,Chief Financial Officer,mai@bluestem.example,(408) 555-0123,"
        "12 Alder St,San Jose,CA,95112,USA,Met at intake",
        ",Robert,,Ashworth,Jr.,,,,,,,,,,",
        ",,,,,Copperfield Holdings Corp.,,info@copperfield.example,,,,,,,",
        ",Lee,,Wong,,Bluestem Foods LLC,Paralegal,,,,,,,,",
    )
    report = contacts_import(by=secretary, data=data, layout="clio", dry_run=False)
    assert report.ok, report.errors
    mai = Contact.objects.get(name="Trần Thị Mai")
    assert (
        mai.kind == "person"
        and "Prefix: Dr." in mai.notes
        and "Chief Financial Officer" in mai.notes
    )
    assert (
        mai.emails.get().address == "mai@bluestem.example"
        and mai.phones.get().number == "(408) 555-0123"
    )
    assert mai.addresses.get().postal_code == "95112"
    assert Contact.objects.filter(name="Robert Ashworth, Jr.", kind="person").exists()
    assert Contact.objects.filter(name="Copperfield Holdings Corp.", kind="organization").exists()
    bluestem = Contact.objects.get(name="Bluestem Foods LLC")
    rels = set(
        ContactRelationship.objects.filter(to_contact=bluestem).values_list(
            "from_contact__name", "kind"
        )
    )
    assert rels == {("Trần Thị Mai", "officer-of"), ("Lee Wong", "employee-of")}


def test_dry_run_lists_every_bad_row_and_nothing_is_imported(
    secretary: object, csv_bytes: Callable[..., bytes]
) -> None:
    data = csv_bytes(
        HEADER,
        "person,Good Person,,,,,,,,,",
        "person,,,,,,,,,,",
        "robot,R2 Unit,,,,,,,,,",
        "person,Bad Mail,,not-an-email,,,,,,,",
        f"person,{'x' * 10_000},,,,,,,,,",
        "organization,Fine Company LLC,,,,,,,,,",
        ",No Kind,,,,,,,,,",
    )
    for dry_run in (True, False):
        report = contacts_import(by=secretary, data=data, dry_run=dry_run)
        assert [e.line for e in report.errors] == [3, 4, 5, 6, 8]
        messages = " | ".join(e.message for e in report.errors)
        assert "Name is required" in messages
        assert "unknown kind 'robot'" in messages
        assert "'not-an-email' is not a valid e-mail address" in messages
        assert "10,000 characters long; the limit is 500" in messages
        assert "kind is missing" in messages
        assert report.imported == 0 and "nothing was imported" in report.summary
    assert Contact.objects.count() == 0
    assert not AuditEntry.objects.filter(action="import").exists()


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (b"", "empty"),
        (b"   \r\n", "empty"),
        (HEADER.encode() + b"\r\n", "only the line of column names"),
        ("kind,name\r\nperson,José Müller\r\n".encode("latin-1"), "not UTF-8"),
        (b"PK\x03\x04\x14\x00\x06\x00rest-of-an-xlsx", "Excel"),
        (b"%PDF-1.7\n...", "PDF"),
        (b"id\x00name\x00", "binary"),
        (b"foo,bar\r\n1,2\r\n", "Missing"),
    ],
)
def test_bad_files_get_a_clear_message_and_change_nothing(
    secretary: object, data: bytes, words: str
) -> None:
    with pytest.raises(ServiceError) as caught:
        contacts_import(by=secretary, data=data, dry_run=False)
    assert words in caught.value.message
    assert "Save As" in caught.value.message or words in (
        "empty",
        "only the line of column names",
        "Missing",
    )
    assert Contact.objects.count() == 0


@override_settings(CASEDESK_MAX_IMPORT_BYTES=100)
def test_too_big_file(secretary: object, csv_bytes: Callable[..., bytes]) -> None:
    with pytest.raises(ServiceError, match="the limit is"):
        contacts_import(
            by=secretary, data=csv_bytes(HEADER, *["person,A Person,,,,,,,,,"] * 10), dry_run=True
        )


def test_read_only_users_cannot_import(readonly: object, csv_bytes: Callable[..., bytes]) -> None:
    with pytest.raises(AccessDenied):
        contacts_import(by=readonly, data=csv_bytes(HEADER, "person,A B,,,,,,,,,"), dry_run=True)


def test_matters_import_good_file(
    secretary: object, attorney: object, csv_bytes: Callable[..., bytes]
) -> None:
    contacts_import(
        by=secretary,
        data=csv_bytes(HEADER, "organization,Copperfield Holdings Corp.,,,,,,,,,"),
        dry_run=False,
    )
    data = csv_bytes(
        MATTER_HEADER,
        "2021-0001,Copperfield v. Ironbridge,litigation,closed,Copperfield Holdings Corp.,,"
        "U.S. District Court for the Northern District of California,3:21-cv-01234,Hon. A. Judge,ada,2021-02-01,2022-06-30,"
        "Ironbridge Staffing Solutions Inc.,witness:Nguyễn Văn An; judge:Eleanor Pryce",
        "2024-0007,Estate plan: Lucía Peña,Wills trusts and estates,open,Lucía Peña,person,,,,ada,03/15/2024,,,",
        ",Whitfield tenancy,LT,intake,Margaret Whitfield,person,,,,,,,Stonegate Residential Properties LLC,",
        "2023-0002,Old intake,family,declined,Robert Ashworth,,,,,,,,,",
    )
    dry = matters_import(by=secretary, data=data, dry_run=True)
    assert dry.ok and dry.ready == 4, dry.errors
    report = matters_import(by=secretary, data=data, dry_run=False)
    assert report.ok and report.imported == 4, report.errors
    closed = Matter.objects.get(number="2021-0001")
    assert (
        closed.status == "closed"
        and str(closed.opened_on) == "2021-02-01"
        and str(closed.closed_on) == "2022-06-30"
    )
    assert closed.parties.get(role="client").contact.kind == "organization"
    assert closed.parties.filter(role="adverse-party", contact__kind="organization").exists()
    assert closed.parties.filter(role="witness", contact__name="Nguyễn Văn An").exists()
    assert (
        Contact.objects.filter(name="Copperfield Holdings Corp.").count() == 1
    )  # reused, not duplicated
    assert Matter.objects.get(number="2024-0007").practice_area == "estate"
    assert Matter.objects.get(title="Whitfield tenancy").status == "intake"
    assert Matter.objects.get(number="2023-0002").status == "declined"
    assert AuditEntry.objects.filter(action="import", object_type="matter").count() == 1


def test_matters_every_bad_row_listed(
    secretary: object, attorney: object, csv_bytes: Callable[..., bytes]
) -> None:
    matters_import(
        by=secretary,
        data=csv_bytes(MATTER_HEADER, "2020-0001,Existing,family,intake,Ann Lee,person,,,,,,,,"),
        dry_run=False,
    )
    data = csv_bytes(
        MATTER_HEADER,
        "2025-0001,Fine,family,intake,Ana Ruiz,person,,,,,,,,",
        "2025-0002,Bad area,astrology,intake,Bo Li,person,,,,,,,,",
        "2025-0003,Bad date,family,open,Bo Li,person,,,,ada,2024-13-45,,,",
        "2025-0001,Repeated number,family,intake,Cy Young,person,,,,,,,,",
        "2020-0001,Taken number,family,intake,Di Sun,person,,,,,,,,",
        "2025-0006,Unknown lawyer,family,open,Ed Poe,person,,,,nobody,2024-01-02,,,",
        "2025-0007,Bad status,family,pending-ish,Fay Wu,person,,,,,,,,",
        f"2025-0008,Long,family,intake,{'y' * 10_000},person,,,,,,,,",
        "2025-0009,Bad party,family,intake,Gil Ames,person,,,,,,,,spectator:Hal Ames",
    )
    report = matters_import(by=secretary, data=data, dry_run=False)
    lines = {e.line: e.message for e in report.errors}
    assert sorted(lines) == [3, 4, 5, 6, 7, 8, 9, 10]
    assert "unknown practice area 'astrology'" in lines[3]
    assert "is not a date" in lines[4]
    assert "already used on line 2" in lines[5]
    assert "already exists in the firm" in lines[6]
    assert "unknown attorney 'nobody'" in lines[7]
    assert "unknown status" in lines[8]
    assert "10,000 characters" in lines[9]
    assert "role:name" in lines[10]
    assert Matter.objects.count() == 1
