"""The case-law additions to the query language: proximity, prefixes, fields, ranges."""

from __future__ import annotations

import pytest

from casedesk.core.search.query import (
    And,
    Field,
    Near,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    QuerySyntaxError,
    Range,
    Term,
    parse_query,
)

FIELDS = ("case_name", "court", "date_filed", "cites")
a, b, c = Term("a"), Term("b"), Term("c")


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("negligen*", Term("negligen", prefix=True)),
        ("Négligen*", Term("Négligen", prefix=True)),
        ("duty w/5 care", Near(Term("duty"), Term("care"), 5)),
        ("duty W/5 care", Near(Term("duty"), Term("care"), 5)),
        ("duty pre/3 care", Near(Term("duty"), Term("care"), 3, ordered=True)),
        ('"due process" w/10 notice', Near(Phrase(("due", "process")), Term("notice"), 10)),
        ("negligen* w/3 duty", Near(Term("negligen", prefix=True), Term("duty"), 3)),
        (
            "(duty OR obligation) w/3 care",
            Near(Or((Term("duty"), Term("obligation"))), Term("care"), 3),
        ),
        (
            "duty OR obligation w/3 care",
            Near(Or((Term("duty"), Term("obligation"))), Term("care"), 3),
        ),
        ("a w/5 b w/3 c", And((Near(a, b, 5), Near(b, c, 3)))),
        ("x a w/5 b", And((Term("x"), Near(a, b, 5)))),
        ("court:nm", Field("court", Term("nm"))),
        ('case_name:"Roe v. Wade"', Field("case_name", Phrase(("Roe", "v.", "Wade")))),
        ("case_name:smith*", Field("case_name", Term("smith", prefix=True))),
        ("date_filed:[2000 TO 2010]", Field("date_filed", Range("2000", "2010"))),
        ("date_filed:[2000-01-01 to *]", Field("date_filed", Range("2000-01-01", None))),
        ("date_filed:[* TO 1999]", Field("date_filed", Range(None, "1999"))),
        ('cites:"410 U.S. 113"', Field("cites", Phrase(("410", "U.S.", "113")))),
        ("trespass -court:nm", And((Term("trespass"), Not(Field("court", Term("nm")))))),
        ("court: nm", And((Term("court:"), Term("nm")))),  # a colon before a space is a word's
        ("10:30", Term("10:30")),
    ],
)
def test_parse_with_fields(text: str, tree: object) -> None:
    assert parse_query(text, fields=FIELDS) == ParsedQuery(root=tree, text=text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("court:nm", Term("court:nm")),  # without fields, a colon is punctuation
        ("[draft]", Term("[draft]")),  # and brackets too
        ("duty w/5 care", Near(Term("duty"), Term("care"), 5)),
        ("negligen*", Term("negligen", prefix=True)),
    ],
)
def test_parse_without_fields(text: str, tree: object) -> None:
    assert parse_query(text).root == tree


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "judge:smith",
            "There is no field judge: here. This search knows case_name:, cites:, court: and date_filed:.",
        ),
        ('case_name:"Roe', "Unbalanced quotation mark"),
        ("date_filed:[2000 TO 2010", "Unbalanced bracket: close the range with ]."),
        ("2010]", "Unbalanced bracket: there is a ] without a matching [."),
        ("date_filed:[2000 2010]", "Write a range as [low TO high]"),
        ("[2000 TO 2010]", "A range needs a field before it"),
        ("court:(nm OR ca)", "court: needs a word"),
        ("(duty w/5 care", "Unbalanced parenthesis"),
        ("duty w/5", "w/N and pre/N need a word or phrase on both sides"),
        ("w/5 care", "w/N and pre/N need a word or phrase on both sides"),
        ("duty w/0 care", "w/0 is out of range"),
        ("duty w/101 care", "w/101 is out of range"),
        ("duty w/5 NOT care", "w/N and pre/N connect words"),
        ("(a b) w/5 c", "w/N and pre/N connect words"),
        ("court:nm w/5 c", "w/N and pre/N connect words"),
        ("ne*", "Put at least 3 letters before *"),
    ],
)
def test_errors_are_sentences(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(text, fields=FIELDS)
    assert str(caught.value).startswith(message)
    assert str(caught.value).endswith(".")


def test_positive_words_and_prefixes() -> None:
    parsed = parse_query("negligen* w/3 duty court:nm NOT reckless*", fields=FIELDS)
    assert parsed.positive_words() == ("duty",)
    assert parsed.positive_prefixes() == ("negligen",)
