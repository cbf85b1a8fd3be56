"""The field dictionary: every contract name is listed, labelled and typed; lookups and sources."""

from __future__ import annotations

import pytest

from casedesk.core.deadlines import SERVICE_METHODS
from casedesk.core.drafting import (
    DictionaryEntry,
    TemplateField,
    classify_fields,
    dictionary_version,
    field_dictionary,
    lookup,
)
from casedesk.core.drafting.dictionary import ASKED_SOURCE, ENTRY_TYPES

MEMBERS = {"name", "role", "role_label", "address", "email", "phone"}
CLIENT = ("name", "first_name", "kind", "address", "email", "phone")
COUNSEL = ("name", "firm", "address", "email", "phone")
EVENT = ("title", "date", "time", "location")

# every name of the issue-5 contract, with the type it must have
CONTRACT: dict[str, str] = {
    "firm": "object",
    **{f"firm.{k}": "text" for k in ("name", "phone", "fax", "email", "website")},
    "firm.address": "lines",
    "attorney": "object",
    **{f"attorney.{k}": "text" for k in ("name", "bar_number", "email", "phone")},
    "attorney.signature_block": "lines",
    "author": "object",
    "author.name": "text",
    "author.email": "text",
    "matter": "object",
    **{f"matter.{k}": "text" for k in ("number", "title", "practice_area")},
    "matter.description": "lines",
    "matter.opened_on": "date",
    "matter.decline_reason": "lines",
    "client": "object",
    **{f"client.{k}": "text" for k in ("name", "first_name", "email", "phone")},
    "client.kind": "choice",
    "client.address": "lines",
    "clients": "list",
    **{f"clients[].{k}": "text" for k in ("name", "first_name", "email", "phone")},
    "clients[].kind": "choice",
    "clients[].address": "lines",
    "adverse": "object",
    "adverse.name": "text",
    "adverse.address": "lines",
    "adverse_parties": "list",
    "adverse_parties[].name": "text",
    "adverse_parties[].address": "lines",
    "opposing_counsel": "object",
    **{f"opposing_counsel.{k}": "text" for k in ("name", "firm", "email", "phone")},
    "opposing_counsel.address": "lines",
    "opposing_counsels": "list",
    **{f"opposing_counsels[].{k}": "text" for k in ("name", "firm", "email", "phone")},
    "opposing_counsels[].address": "lines",
    "parties": "list",
    "witnesses": "list",
    **{f"parties[].{k}": "text" for k in MEMBERS - {"address"}},
    **{f"witnesses[].{k}": "text" for k in MEMBERS - {"address"}},
    "parties[].address": "lines",
    "witnesses[].address": "lines",
    "court": "object",
    "court.name": "text",
    "court.family": "choice",
    **{f"court.{k}": "text" for k in ("district", "county", "judicial_district")},
    "case": "object",
    **{f"case.{k}": "text" for k in ("number", "title", "plaintiffs", "defendants")},
    "judge": "object",
    "judge.name": "text",
    "today": "date",
    "deadlines": "list",
    "deadlines[].title": "text",
    "deadlines[].date": "date",
    "deadlines[].rule": "text",
    "next_deadline": "object",
    "next_deadline.title": "text",
    "next_deadline.date": "date",
    "next_deadline.rule": "text",
    "hearings": "list",
    "next_hearing": "object",
    **{f"hearings[].{k}": "date" if k == "date" else "text" for k in EVENT},
    **{f"next_hearing.{k}": "date" if k == "date" else "text" for k in EVENT},
    "documents": "list",
    "documents[].title": "text",
    "documents[].date": "date",
    "documents[].category": "text",
    # asked at generation time
    "hearing": "object",
    "hearing.date": "date",
    "hearing.time": "text",
    "hearing.department": "text",
    "hearing.location": "text",
    "motion": "object",
    "motion.title": "text",
    "motion.relief": "lines",
    "service": "object",
    "service.method": "choice",
    "service.date": "date",
    "service.documents": "lines",
    "service.served": "lines",
    "service.server_name": "text",
    "service.server_address": "lines",
    "stipulation": "object",
    "stipulation.original_date": "date",
    "stipulation.new_date": "date",
    "stipulation.document": "text",
    "fee": "object",
    "fee.retainer": "money",
    "fee.hourly_rate": "money",
    "engagement": "object",
    "engagement.scope": "lines",
    "waiver": "object",
    "waiver.description": "lines",
    "status": "object",
    "status.summary": "lines",
    "status.next_steps": "lines",
    "letter": "object",
    "letter.subject": "text",
    "letter.body": "lines",
    "subpoena": "object",
    "subpoena.witness": "text",
    "subpoena.date": "date",
    "subpoena.documents": "lines",
    "cover": "object",
    **{f"cover.{k}": "text" for k in ("to", "fax", "email", "pages")},
    "cover.message": "lines",
}
ASKED_OBJECTS = (
    "hearing",
    "motion",
    "service",
    "stipulation",
    "fee",
    "engagement",
    "waiver",
    "status",
    "letter",
    "subpoena",
    "cover",
)


def test_the_dictionary_is_versioned() -> None:
    assert dictionary_version() == "2026.11.1"


def test_the_dictionary_lists_exactly_the_contract_names() -> None:
    assert set(field_dictionary()) == set(CONTRACT)


@pytest.mark.parametrize(("name", "type_"), sorted(CONTRACT.items()))
def test_every_contract_name_resolves_with_its_type(name: str, type_: str) -> None:
    entry = lookup(name)
    assert entry is not None
    assert (entry.name, entry.type) == (name, type_)
    assert entry.type in ENTRY_TYPES
    assert entry.label and entry.label[0].isupper()
    assert entry.group and entry.source
    asked = name.split(".")[0] in ASKED_OBJECTS
    assert entry.asked is asked
    assert (entry.source == ASKED_SOURCE) is asked
    assert bool(entry.example) is (type_ not in ("object", "list"))


@pytest.mark.parametrize(
    ("name", "label"),
    [
        ("client.name", "Client's name"),
        ("case.number", "Case number"),
        ("firm.address", "Firm address"),
        ("hearing.date", "Hearing date"),
        ("fee.retainer", "Retainer amount"),
    ],
)
def test_labels_are_plain_english(name: str, label: str) -> None:
    entry = lookup(name)
    assert entry is not None and entry.label == label


@pytest.mark.parametrize(
    ("name", "source_has"),
    [
        ("case.number", "Matter → Case number"),
        ("firm.name", "Firm profile (Drafting → Firm details)"),
        ("client.address", "Contacts → the matter's first client"),
        ("service.method", "Asked when the document is generated"),
    ],
)
def test_sources_say_where_the_value_comes_from(name: str, source_has: str) -> None:
    entry = lookup(name)
    assert entry is not None and source_has in entry.source


def test_service_methods_are_the_deadline_engine_methods_with_labels() -> None:
    entry = lookup("service.method")
    assert entry is not None and entry.type == "choice"
    assert [value for value, _label in entry.choices] == [m for m in SERVICE_METHODS if m != "none"]
    labels = dict(entry.choices)
    assert labels["personal"] == "Personal delivery"
    assert labels["mail-out-of-state"] == "Mail (out of state)"
    assert labels["other-consented"] == "Other means consented to in writing"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("parties[].name", "parties[].name"),
        ("clients[].email", "clients[].email"),
        ("clients[0].email", "clients[].email"),
        ("witnesses[2].role_label", "witnesses[].role_label"),
        ("client", "client"),
        ("court", "court"),
        ("parties", "parties"),
        (" case.number ", "case.number"),
    ],
)
def test_lookup_matches_list_members_indexes_and_whole_objects(name: str, expected: str) -> None:
    entry = lookup(name)
    assert entry is not None and entry.name == expected


@pytest.mark.parametrize(
    "name",
    ["hearing_room", "client.nickname", "parties[].shoe_size", "parties[]", "", "Client.name"],
)
def test_unknown_names_are_none(name: str) -> None:
    assert lookup(name) is None


@pytest.mark.parametrize(
    ("name", "kind", "status"),
    [
        ("client.name", "value", "matter"),
        ("parties", "list", "matter"),
        ("parties[].role_label", "value", "matter"),
        ("case.plaintiffs", "value", "matter"),
        ("hearing.date", "value", "asked"),
        ("service.method", "condition", "asked"),
        ("hearing_room", "value", "unknown"),
    ],
)
def test_classify_fields(name: str, kind: str, status: str) -> None:
    field = TemplateField(name, kind, "")  # type: ignore[arg-type]
    [source] = classify_fields([field])
    assert source.field == field
    assert source.status == status
    assert (source.entry is None) is (status == "unknown")
    if source.entry is not None:
        assert isinstance(source.entry, DictionaryEntry)


def test_classify_fields_keeps_template_order() -> None:
    names = ["letter.subject", "firm.name", "zzz"]
    fields = [TemplateField(name, "value", "") for name in names]
    assert [s.field.name for s in classify_fields(fields)] == names


def test_field_dictionary_is_a_fresh_copy() -> None:
    first = field_dictionary()
    first.pop("client.name")
    assert "client.name" in field_dictionary()
