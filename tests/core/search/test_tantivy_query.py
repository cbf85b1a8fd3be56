"""Compiling the syntax tree: the terms to highlight and the shape of the Tantivy query."""

from __future__ import annotations

import pytest

from casedesk.core.search.documents import SEARCHED_FIELDS, document_schema
from casedesk.core.search.query import parse_query
from casedesk.core.search.tantivy_query import QueryCompiler, positive_terms


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Negligence", {"neglig"}),
        ('"breach of contract" NOT lease', {"breach", "of", "contract"}),
        ("e-mail", {"e", "mail"}),
        ("NOT lease", set()),
        ("Hợp OR Müller", {"hop", "muller"}),
    ],
)
def test_positive_terms(text: str, terms: set[str]) -> None:
    assert positive_terms(parse_query(text)) == terms


def test_compiled_query_searches_every_field_with_its_boost() -> None:
    compiler = QueryCompiler(document_schema(), SEARCHED_FIELDS)
    shown = repr(compiler.compile(parse_query("contracts")))
    assert shown.count('"contract"') == len(SEARCHED_FIELDS)
    assert "boost=2" in shown and "boost=0.5" in shown


def test_a_split_word_becomes_a_phrase() -> None:
    compiler = QueryCompiler(document_schema(), {"body": 1.0})
    assert "Phrase" in repr(compiler.compile(parse_query("e-mail")))


def test_highlight_query_is_none_without_positive_words() -> None:
    compiler = QueryCompiler(document_schema(), {"body": 1.0})
    assert compiler.highlight_query(parse_query("NOT lease"), "body") is None
    assert compiler.highlight_query(parse_query("lease"), "body") is not None
