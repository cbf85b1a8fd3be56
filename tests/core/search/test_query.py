"""The query language: table-driven cases, clear errors, and no other exception ever."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.search.query import (
    MAX_NESTING,
    MAX_QUERY_CHARS,
    And,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    QuerySyntaxError,
    Term,
    parse_query,
)

a, b, c = Term("a"), Term("b"), Term("c")


@pytest.mark.parametrize(
    ("text", "tree"),
    [
        ("lease", Term("lease")),
        ("  lease  ", Term("lease")),
        ("lease breach", And((Term("lease"), Term("breach")))),  # implicit AND
        ("a AND b", And((a, b))),
        ("a OR b", Or((a, b))),
        ("a NOT b", And((a, Not(b)))),
        ("a -b", And((a, Not(b)))),
        ("-a", Not(a)),  # only a negation: "everything but"
        ("NOT a", Not(a)),
        ("NOT NOT a", a),
        ("a OR NOT b", Or((a, Not(b)))),
        ('"breach of lease"', Phrase(("breach", "of", "lease"))),
        ("“breach of lease”", Phrase(("breach", "of", "lease"))),  # typographic quotes
        ("„Vertrag“", Phrase(("Vertrag",))),
        ('-"breach of lease"', Not(Phrase(("breach", "of", "lease")))),
        ('a "b c"', And((a, Phrase(("b", "c"))))),
        ("(a OR b) AND c", And((Or((a, b)), c))),
        ("a (b OR c)", And((a, Or((b, c))))),
        ("a b OR c", And((a, Or((b, c))))),  # OR binds tighter than AND (Westlaw, Lexis)
        ("a OR b c", And((Or((a, b)), c))),
        ("a AND b OR c", And((a, Or((b, c))))),
        ("a -(b OR c)", And((a, Not(Or((b, c)))))),
        ("((a))", a),
        ("a (b c)", And((a, b, c))),  # flattened
        ("a OR (b OR c)", Or((a, b, c))),
        ("a a", a),  # duplicates dropped
        ("a and b", And((a, Term("and"), b))),  # lower-case operators are words
        ("a or b", And((a, Term("or"), b))),
        ("not a", And((Term("not"), a))),
        ("And", Term("And")),
        ("e-mail", Term("e-mail")),  # a hyphen inside a word is not NOT
        ("a - b", And((a, b))),  # a lone hyphen is punctuation
        ("smith & jones § 1983", And((Term("smith"), Term("jones"), Term("1983")))),
        ("negligen*", Term("negligen", prefix=True)),
        ("hợp đồng", And((Term("hợp"), Term("đồng")))),
        ("عقد", Term("عقد")),
        ('a"b c"', And((a, Phrase(("b", "c"))))),
    ],
)
def test_parse(text: str, tree: object) -> None:
    assert parse_query(text) == ParsedQuery(root=tree, text=text)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "Type one or more words to search for."),
        ("   ", "Type one or more words to search for."),
        ("!!! --- &", "Type one or more words to search for."),
        ('"', 'Unbalanced quotation mark: close the phrase with ".'),
        ('"breach of', 'Unbalanced quotation mark: close the phrase with ".'),
        ("breach”", 'Unbalanced quotation mark: open the phrase with " as well.'),
        ('""', "The quotation marks contain no words"),
        ("((", "Unbalanced parenthesis: close each ( with )."),
        ("(a OR b", "Unbalanced parenthesis: close each ( with )."),
        (")", "Unbalanced parenthesis: there is a ) without a matching (."),
        ("a OR b)", "Unbalanced parenthesis: there is a ) without a matching (."),
        ("()", "Empty parentheses: put words between ( and )."),
        ("AND", "AND needs a word or phrase on both sides"),
        ("a AND", "AND needs a word or phrase on both sides"),
        ("AND a", "AND needs a word or phrase on both sides"),
        ("a AND AND b", "AND needs a word or phrase on both sides"),
        ("a AND OR b", "AND needs a word or phrase on both sides"),
        ("OR", "OR needs a word or phrase on both sides"),
        ("a OR", "OR needs a word or phrase on both sides"),
        ("OR a", "OR needs a word or phrase on both sides"),
        ("(OR a)", "OR needs a word or phrase on both sides"),
        ("NOT", "NOT needs a word or phrase after it"),
        ("a NOT", "NOT needs a word or phrase after it"),
        ("NOT AND a", "NOT needs a word or phrase after it"),
        ("(" * (MAX_NESTING + 1) + "a" + ")" * (MAX_NESTING + 1), "Too many nested parentheses"),
        ("a " * (MAX_QUERY_CHARS // 2 + 1), "The search is too long"),
    ],
)
def test_syntax_errors_are_sentences(text: str, message: str) -> None:
    with pytest.raises(QuerySyntaxError) as caught:
        parse_query(text)
    assert str(caught.value).startswith(message)
    assert str(caught.value).endswith(".")
    assert isinstance(caught.value, ValueError)


def test_deepest_allowed_nesting_parses() -> None:
    text = "(" * MAX_NESTING + "a" + ")" * MAX_NESTING
    assert parse_query(text).root == a


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a b", ("a", "b")),
        ('a NOT b "c d"', ("a", "c", "d")),
        ("NOT (a OR NOT b)", ("b",)),  # two negations cancel
        ("a OR a", ("a",)),
    ],
)
def test_positive_words(text: str, words: tuple[str, ...]) -> None:
    assert parse_query(text).positive_words() == words


QUERY_ALPHABET = st.sampled_from(
    list('()"“”„-* &§\t\nabcxyzé文عقد') + ["AND", "OR", "NOT", " AND ", " OR ", " NOT ", "and"]
)


@settings(max_examples=500, deadline=None)
@given(st.one_of(st.text(), st.lists(QUERY_ALPHABET, max_size=30).map("".join)))
def test_parse_raises_nothing_but_query_syntax_error(text: str) -> None:
    try:
        parsed = parse_query(text)
    except QuerySyntaxError as error:
        assert str(error)
    else:
        assert parsed.text == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["alpha", "beta", "gamma"]), min_size=1, max_size=5))
def test_plain_words_always_parse_to_their_conjunction(words: list[str]) -> None:
    root = parse_query(" ".join(words)).root
    unique = tuple(dict.fromkeys(Term(word) for word in words))
    assert root == (unique[0] if len(unique) == 1 else And(unique))
