"""Questions for missing fields, checked answers, and answers put into the render data."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import docx
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.core.drafting import (
    AnswerErrors,
    DraftingError,
    MissingFields,
    Question,
    TemplateField,
    apply_answers,
    build_questions,
    coerce_saved,
    lookup,
    parse_answers,
    render_docx,
    saved_text,
    template_fields,
)
from casedesk.core.drafting.questions import label_from_name, type_from_name

DATA: dict[str, Any] = {
    "client": {"name": "Jordan Roe", "email": ""},
    "clients": [{"name": "Jordan Roe"}, {"name": "Sam Lee"}],
    "adverse_parties": [{"name": "Acme Corp."}],
    "court": {"name": "Superior Court of California, County of Alameda", "county": "Alameda"},
    "case": {"number": "RG26-114523"},
    "parties": [{"name": "Jordan Roe"}],
}


def field(name: str, kind: str = "value", required: bool = True) -> TemplateField:
    return TemplateField(name, kind, "", required)  # type: ignore[arg-type]


def question(name: str, type_: str = "text", **kw: Any) -> Question:
    values: dict[str, Any] = {
        "label": name,
        "help": "",
        "choices": (),
        "suggestion": "",
        "required": True,
    }
    values.update(kw)
    return Question(name=name, type=type_, **values)


# --- build_questions ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "type_"),
    [
        ("hearing.date", "date"),
        ("hearing.time", "text"),
        ("motion.relief", "lines"),
        ("fee.retainer", "money"),
        ("service.method", "choice"),
        ("judge.name", "text"),
        ("court.district", "text"),
        ("letter.subject", "text"),
    ],
)
def test_a_missing_known_field_is_asked_with_the_dictionary_label_and_type(
    name: str, type_: str
) -> None:
    [q] = build_questions([field(name)], DATA)
    entry = lookup(name)
    assert entry is not None
    assert (q.name, q.label, q.type, q.choices) == (name, entry.label, type_, entry.choices)
    assert q.required


@pytest.mark.parametrize(
    "name", ["client.name", "client.email", "case.number", "court.county", "court.name"]
)
def test_a_present_field_is_not_asked(name: str) -> None:
    assert build_questions([field(name)], DATA) == []


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("parties", "list"),
        ("witnesses", "list"),
        ("parties[].role_label", "value"),
        ("witnesses[].name", "value"),
        ("clients[0].phone", "value"),
        ("hearing", "condition"),  # a whole object: its own fields are asked instead
        ("next_hearing", "value"),
    ],
)
def test_lists_loop_members_and_whole_objects_are_never_asked(name: str, kind: str) -> None:
    assert build_questions([field(name, kind)], DATA) == []


def test_optional_fields_are_not_asked() -> None:
    assert build_questions([field("hearing.department", required=False)], DATA) == []


@pytest.mark.parametrize(
    ("name", "kind", "label", "type_"),
    [
        ("hearing_room", "value", "Hearing room", "text"),
        ("filing_date", "value", "Filing date", "date"),
        ("candidate", "value", "Candidate", "text"),
        ("settlement_amount", "value", "Settlement amount", "money"),
        ("expert.fee", "value", "Expert fee", "money"),
        ("billing_rate", "value", "Billing rate", "money"),
        ("corporate", "value", "Corporate", "text"),
        ("jury_demanded", "condition", "Jury demanded", "yesno"),
        ("client.middle_name", "value", "Client middle name", "text"),
    ],
)
def test_an_unknown_field_gets_a_guessed_label_and_type(
    name: str, kind: str, label: str, type_: str
) -> None:
    [q] = build_questions([field(name, kind)], DATA)
    assert (q.name, q.label, q.type, q.choices) == (name, label, type_, ())
    assert q.required is (type_ != "yesno")
    assert (label_from_name(name), type_from_name(name, kind)) == (label, type_)


def test_suggestions_are_carried_and_parties_are_suggested_from_the_data() -> None:
    fields = [field("case.plaintiffs"), field("case.defendants"), field("judge.name")]
    questions = build_questions(fields, DATA, {"judge.name": "Hon. Elena Marquez"})
    assert [(q.name, q.suggestion) for q in questions] == [
        ("case.plaintiffs", "Jordan Roe and Sam Lee"),
        ("case.defendants", "Acme Corp."),
        ("judge.name", "Hon. Elena Marquez"),
    ]
    overridden = build_questions([field("case.plaintiffs")], DATA, {"case.plaintiffs": "X"})
    assert overridden[0].suggestion == "X"


def test_questions_follow_template_order_once_each() -> None:
    fields = [field("letter.subject"), field("hearing.date"), field("letter.subject", "condition")]
    assert [q.name for q in build_questions(fields, {})] == ["letter.subject", "hearing.date"]


def test_each_field_of_a_missing_object_is_asked() -> None:
    fields = [field("hearing", "condition"), field("hearing.date"), field("hearing.time")]
    assert [q.name for q in build_questions(fields, {})] == ["hearing.date", "hearing.time"]


# --- parse_answers ------------------------------------------------------------------------

SERVICE = lookup("service.method")
assert SERVICE is not None
METHOD = question("service.method", "choice", choices=SERVICE.choices)


@pytest.mark.parametrize(
    ("q", "raw", "expected"),
    [
        (question("d", "date"), "2027-02-04", dt.date(2027, 2, 4)),
        (question("d", "date"), " 2028-02-29 ", dt.date(2028, 2, 29)),
        (question("d", "date"), "1900-01-01", dt.date(1900, 1, 1)),
        (question("m", "money"), "5,000", "5000.00"),
        (question("m", "money"), "$1,250.5", "1250.50"),
        (question("m", "money"), "425", "425.00"),
        (question("m", "money"), "1,234,567.89", "1234567.89"),
        (question("y", "yesno"), "yes", True),
        (question("y", "yesno"), "No", False),
        (question("y", "yesno"), "on", True),
        (question("y", "yesno"), "", False),
        (METHOD, "electronic", "electronic"),
        (METHOD, "Mail (out of state)", "mail-out-of-state"),
        (question("t"), "Nguyễn Thị Hồng", "Nguyễn Thị Hồng"),
        (question("t"), "محمد عبد الله", "محمد عبد الله"),
        (question("t"), "  Smith & Jones  ", "Smith & Jones"),
        (question("l", "lines"), "Line one\r\nLine two  \r\n", "Line one\nLine two"),
        (question("l", "lines"), "Trần Văn An\nشركة الأمل", "Trần Văn An\nشركة الأمل"),
    ],
)
def test_answers_are_typed(q: Question, raw: str, expected: object) -> None:
    assert parse_answers([q], {q.name: raw}) == {q.name: expected}


@pytest.mark.parametrize(
    ("q", "raw", "message"),
    [
        (question("d", "date"), "2027-02-30", "Give a date as YYYY-MM-DD."),
        (question("d", "date"), "next Tuesday", "Give a date as YYYY-MM-DD."),
        (question("d", "date"), "02/04/2027", "Give a date as YYYY-MM-DD."),
        (question("d", "date"), "1800-01-01", "Give a date between 1900 and 2100."),
        (question("d", "date"), "2101-01-01", "Give a date between 1900 and 2100."),
        (question("m", "money"), "five thousand", "Give an amount of money like 5,000.00."),
        (question("m", "money"), "-5", "Give an amount of money like 5,000.00."),
        (question("m", "money"), "12.345", "Give an amount of money like 5,000.00."),
        (question("m", "money"), "5,00", "Give an amount of money like 5,000.00."),
        (question("m", "money"), "9" * 40, "Give an amount of money like 5,000.00."),
        (question("y", "yesno"), "maybe", "Answer yes or no."),
        (METHOD, "carrier pigeon", "Pick one of: Personal delivery"),
        (METHOD, "none", "Pick one of:"),
        (question("t"), "   ", "Answer this question."),
        (question("l", "lines"), "\n\n", "Answer this question."),
        (question("d", "date"), "", "Answer this question."),
    ],
)
def test_bad_answers_are_refused(q: Question, raw: str, message: str) -> None:
    with pytest.raises(AnswerErrors) as caught:
        parse_answers([q], {q.name: raw})
    assert list(caught.value.errors) == [q.name]
    assert caught.value.errors[q.name].startswith(message)
    assert isinstance(caught.value, DraftingError)


def test_a_blank_optional_answer_is_left_out() -> None:
    questions = [question("a", required=False), question("b", "date", required=False)]
    assert parse_answers(questions, {"a": "", "b": "  "}) == {}
    assert parse_answers(questions, {}) == {}


def test_a_missing_required_answer_is_an_error() -> None:
    with pytest.raises(AnswerErrors) as caught:
        parse_answers([question("a")], {})
    assert caught.value.errors == {"a": "Answer this question."}


def test_all_errors_are_reported_at_once() -> None:
    questions = [
        question("hearing.date", "date"),
        question("fee.retainer", "money"),
        question("letter.subject"),
        question("ok"),
        METHOD,
    ]
    raw = {"hearing.date": "2027-02-30", "fee.retainer": "lots", "ok": "fine", METHOD.name: "x"}
    with pytest.raises(AnswerErrors) as caught:
        parse_answers(questions, raw)
    assert caught.value.errors == {
        "hearing.date": "Give a date as YYYY-MM-DD.",
        "fee.retainer": "Give an amount of money like 5,000.00.",
        "letter.subject": "Answer this question.",
        "service.method": "Pick one of: Personal delivery, Electronic service, Mail (in state), "
        "Mail (out of state), Mail (international), Leaving with the clerk, "
        "Other means consented to in writing.",
    }
    assert str(caught.value).startswith("4 answers need correcting: hearing.date: ")


# --- apply_answers ------------------------------------------------------------------------


def test_apply_answers_builds_nested_dicts_and_never_overwrites() -> None:
    answers = {
        "hearing.date": dt.date(2027, 2, 4),
        "hearing.time": "9:00 a.m.",
        "client.name": "Someone Else",
        "client.email": "new@example.com",
        "court.district": "Northern District of California",
        "case.number.extra": "x",  # runs through a string: left out
        "parties[].name": "x",  # a loop member: left out
        "a.b.c": True,
    }
    result = apply_answers(DATA, answers)
    assert result["hearing"] == {"date": dt.date(2027, 2, 4), "time": "9:00 a.m."}
    assert result["client"] == {"name": "Jordan Roe", "email": ""}
    assert result["court"]["district"] == "Northern District of California"
    assert result["case"] == {"number": "RG26-114523"}
    assert result["parties"] == [{"name": "Jordan Roe"}]
    assert result["a"] == {"b": {"c": True}}
    assert "district" not in DATA["court"] and "hearing" not in DATA  # data untouched


def test_apply_answers_copies_deeply() -> None:
    result = apply_answers(DATA, {})
    assert result == DATA
    result["clients"][0]["name"] = "changed"
    assert DATA["clients"][0]["name"] == "Jordan Roe"


_keys = st.sampled_from(["client", "hearing", "name", "date", "case", "x"])
_leaf = st.one_of(st.text(max_size=5), st.booleans(), st.none(), st.integers())
_data = st.recursive(
    st.dictionaries(_keys, _leaf, max_size=4),
    lambda inner: st.dictionaries(_keys, st.one_of(_leaf, inner), max_size=4),
    max_leaves=12,
)
_answers = st.dictionaries(st.lists(_keys, min_size=1, max_size=3).map(".".join), _leaf, max_size=6)


def _paths(value: Any, prefix: tuple[str, ...] = ()) -> dict[tuple[str, ...], Any]:
    """Every leaf of nested dicts by its key path."""
    if isinstance(value, dict) and value:
        found: dict[tuple[str, ...], Any] = {}
        for key, item in value.items():
            found.update(_paths(item, (*prefix, key)))
        return found
    return {prefix: value}


@given(_data, _answers)
def test_apply_answers_keeps_every_value_already_in_data(
    data: dict[str, Any], answers: dict[str, Any]
) -> None:
    result = apply_answers(data, answers)
    for path, value in _paths(data).items():
        if not path:
            continue
        node: Any = result
        for key in path:
            node = node[key]
        if isinstance(value, dict):  # an empty object may gain answers
            assert isinstance(node, dict)
        else:
            assert node == value


# --- saved answers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("type_", "text", "expected"),
    [
        ("date", "2027-02-04", dt.date(2027, 2, 4)),
        ("yesno", "yes", True),
        ("yesno", "no", False),
        ("yesno", "True", True),
        ("money", "5000.00", "5000.00"),
        ("money", "5,000", "5000.00"),
        ("text", "Hon. Elena Marquez", "Hon. Elena Marquez"),
        ("lines", "a\nb", "a\nb"),
        ("choice", "electronic", "electronic"),
    ],
)
def test_coerce_saved(type_: str, text: str, expected: object) -> None:
    assert coerce_saved(type_, text) == expected
    assert coerce_saved(type_, saved_text(expected)) == expected


@pytest.mark.parametrize(
    ("type_", "text"), [("date", "not a date"), ("money", "x"), ("yesno", "?")]
)
def test_coerce_saved_refuses_a_value_that_no_longer_parses(type_: str, text: str) -> None:
    with pytest.raises(ValueError):
        coerce_saved(type_, text)


# --- the whole round trip, rendered ---------------------------------------------------------


def test_questions_answers_and_render_fit_together(tmp_path: Path) -> None:
    template = tmp_path / "notice.docx"
    document = docx.Document()
    document.add_paragraph("Hearing on {{ hearing.date|legal_date }} at {{ hearing.time }}")
    document.add_paragraph("Client: {{ client.name }}")
    document.save(str(template))
    data = {"client": {"name": "Nguyễn Thị Hồng"}}
    out = tmp_path / "out.docx"

    fields = template_fields(template)
    with pytest.raises(MissingFields):
        render_docx(template, data, out)
    questions = build_questions(fields, data)
    assert [(q.name, q.type) for q in questions] == [
        ("hearing.date", "date"),
        ("hearing.time", "text"),
    ]
    answers = parse_answers(questions, {"hearing.date": "2027-03-05", "hearing.time": "9:00 a.m."})
    render_docx(template, apply_answers(data, answers), out)
    assert [p.text for p in docx.Document(str(out)).paragraphs] == [
        "Hearing on the 5th day of March, 2027 at 9:00 a.m.",
        "Client: Nguyễn Thị Hồng",
    ]
