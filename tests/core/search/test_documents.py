"""The documents index: matching, filters, walls, sorting, paging, snippets, writes."""

from __future__ import annotations

import dataclasses
import datetime
from collections.abc import Collection, Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.core.search.documents import DocumentIndex, IndexedDocument
from casedesk.core.search.query import QuerySyntaxError

from .sample_documents import DOCUMENTS

D = datetime.date
EVERYTHING = "NOT zzzqqq"  # matches every document: the filters do the work


def ids(index: DocumentIndex, query: str, **options: object) -> set[int]:
    options.setdefault("matter_ids", None)
    results = index.search(query, limit=100, **options)  # type: ignore[arg-type]
    assert results.total == len(results.hits)
    return {hit.id for hit in results.hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("tenant", {1}),
        ("TENANT", {1}),
        ("negligent", {2}),  # stemming: "negligently", "negligence"
        ("negligence", {2}),
        ("ran", {2}),
        ("run", set()),  # irregular forms are not stemmed together
        ("contract", {1, 3, 7}),
        ("contracts", {1, 3, 7}),
        ('"breach of contract"', {1}),  # phrase
        ('"contract of breach"', set()),  # order matters
        ('"breached by the supplier"', {3}),
        ("breach contract", {1, 3, 7}),  # "breached" stems to "breach"
        ("breach AND client", {3}),
        ("jurisdiction OR negligence", {2, 4}),
        ("contract NOT tenant", {3, 7}),
        ("contract -tenant", {3, 7}),
        ('contract -"breach of contract"', {3, 7}),
        ("NOT contract", {2, 4, 5, 6}),  # only a negation
        ("-contract -lease", {2, 4, 5}),
        ("(lease OR motion) AND tenant", {1}),
        ("lease OR motion tenant", {1}),  # OR binds tighter
        ("tenant OR NOT contract", {1, 2, 4, 5, 6}),
        ("and", {1, 7}),  # lower-case "and" is a word
        ("agreement", {1}),  # title
        ("memo", {2}),  # title only (category is not searched as text)
        ("docx", {1}),  # file name
        ("hợp đồng", {5}),  # Vietnamese
        ("hop dong", {5}),  # ... without its accents
        ('"hợp đồng"', {5}),
        ("عقد", {5}),  # Arabic
        ("MULLER", {6}),
        ("jose cafe", {6}),
        ("script", {6}),
        ("x" * 45, set()),  # a word the index drops finds nothing
        ("tenant " + "x" * 45, set()),
    ],
)
def test_matching(firm_index: DocumentIndex, query: str, expected: set[int]) -> None:
    assert ids(firm_index, query) == expected


@pytest.mark.parametrize(
    ("options", "expected"),
    [
        ({"matter_ids": [1]}, {1, 2}),
        ({"matter_ids": {2, 3}}, {3, 4, 5, 6}),
        ({"matter_ids": [99]}, set()),
        ({"matter_ids": []}, set()),  # sees no matters: nothing, never everything
        ({"category": "memo"}, {2, 7}),
        ({"category": "MEMO "}, {2, 7}),  # case-insensitive, exact
        ({"category": "mem"}, set()),
        ({"category": ""}, {1, 2, 3, 4, 5, 6, 7}),
        ({"tags": ["urgent"]}, {3, 4}),
        ({"tags": ["URGENT", "draft"]}, {4}),  # every tag given
        ({"tags": ["draf"]}, set()),
        ({"date_from": D(2021, 3, 1)}, {2, 3, 6}),  # inclusive
        ({"date_to": D(2020, 1, 15)}, {1, 5, 7}),  # inclusive
        ({"date_from": D(2020, 1, 15), "date_to": D(2020, 1, 15)}, {1, 7}),
        ({"date_from": D(2023, 1, 1), "date_to": D(2020, 1, 1)}, set()),
        ({"matter_ids": [1, 4], "category": "memo", "tags": ["tort"]}, {2, 7}),
    ],
)
def test_filters(firm_index: DocumentIndex, options: dict[str, object], expected: set[int]) -> None:
    assert ids(firm_index, EVERYTHING, **options) == expected


def test_query_and_filter_together(firm_index: DocumentIndex) -> None:
    assert ids(firm_index, "contract", matter_ids=[2]) == {3}
    assert ids(firm_index, "contract", category="memo") == {7}


def test_sort_by_date_newest_first_undated_last(firm_index: DocumentIndex) -> None:
    results = firm_index.search(EVERYTHING, matter_ids=None, sort="date")
    # 1 and 7 share a date: the higher id comes first, so pages are stable.
    assert [hit.id for hit in results.hits] == [6, 3, 2, 7, 1, 5, 4]
    assert all(hit.score == 0.0 for hit in results.hits)


def test_sort_by_relevance_puts_title_matches_first(firm_index: DocumentIndex) -> None:
    results = firm_index.search("contract", matter_ids=None)
    assert results.hits[0].id == 7  # in the title
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True) and scores[-1] > 0


@pytest.mark.parametrize("sort", ["relevance", "date"])
def test_paging(firm_index: DocumentIndex, sort: str) -> None:
    whole = firm_index.search(EVERYTHING, matter_ids=None, sort=sort, limit=100)  # type: ignore[arg-type]
    pages = [
        firm_index.search(EVERYTHING, matter_ids=None, sort=sort, limit=3, offset=offset)  # type: ignore[arg-type]
        for offset in (0, 3, 6, 9)
    ]
    assert [page.total for page in pages] == [7, 7, 7, 7]
    assert [len(page.hits) for page in pages] == [3, 3, 1, 0]
    assert [hit.id for page in pages for hit in page.hits] == [hit.id for hit in whole.hits]


def test_total_counts_only_visible_documents(firm_index: DocumentIndex) -> None:
    results = firm_index.search("contract", matter_ids=[1, 2], limit=1)
    assert results.total == 2 and len(results.hits) == 1
    counted = firm_index.search("contract", matter_ids=[4], limit=0)
    assert counted.total == 1 and counted.hits == ()


def test_bad_paging_arguments(firm_index: DocumentIndex) -> None:
    with pytest.raises(ValueError):
        firm_index.search("contract", matter_ids=None, offset=-1)


@pytest.mark.parametrize("garbage", ["((", '"', "AND", "", "a OR", "()"])
def test_garbage_query(firm_index: DocumentIndex, garbage: str) -> None:
    with pytest.raises(QuerySyntaxError):
        firm_index.search(garbage, matter_ids=None)
    with pytest.raises(QuerySyntaxError):  # a syntax error is reported even behind a wall
        firm_index.search(garbage, matter_ids=[])


# --- snippets and titles ----------------------------------------------------------------


def hit(index: DocumentIndex, query: str, doc_id: int) -> tuple[str, str]:
    found = {h.id: h for h in index.search(query, matter_ids=None, limit=100).hits}
    return found[doc_id].title_html, found[doc_id].snippet_html


def test_snippet_marks_stemmed_matches(firm_index: DocumentIndex) -> None:
    title, snippet = hit(firm_index, "negligence", 2)
    assert title == "<mark>Negligence</mark> claim memo"
    assert snippet == (
        "The driver acted <mark>negligently</mark> when he ran the red light. "
        "Damages are sought for <mark>negligence</mark>."
    )


def test_snippet_marks_a_phrase_as_one(firm_index: DocumentIndex) -> None:
    _, snippet = hit(firm_index, '"breach of contract"', 1)
    assert "<mark>Breach of contract</mark> gives" in snippet


def test_negated_words_are_not_marked(firm_index: DocumentIndex) -> None:
    _, snippet = hit(firm_index, "tenant NOT zzzqqq", 1)
    assert "<mark>tenant</mark>" in snippet
    _, snippet = hit(firm_index, "NOT contract", 2)
    assert "<mark>" not in snippet


def test_snippet_escapes_html(firm_index: DocumentIndex) -> None:
    title, snippet = hit(firm_index, "script", 6)
    assert "<script>" not in snippet
    assert "&lt;<mark>script</mark>&gt;alert(&#x27;x&#x27;)&lt;/<mark>script</mark>&gt;" in snippet
    assert "&amp; other notes." in snippet
    assert title == "Note on Müller"


def test_title_only_hit_shows_the_start_of_the_body(firm_index: DocumentIndex) -> None:
    title, snippet = hit(firm_index, "memo", 2)
    assert title == "Negligence claim <mark>memo</mark>"
    assert snippet == DOCUMENTS[1].body  # short body, nothing marked


@pytest.mark.parametrize(
    ("query", "doc_id", "marked"),
    [
        ("hop dong", 5, "<mark>Hợp đồng</mark> này"),
        ("عقد", 5, "<mark>عقد</mark> البيع"),
        ("muller", 6, "José <mark>Müller</mark>"),
    ],
)
def test_unicode_snippets(firm_index: DocumentIndex, query: str, doc_id: int, marked: str) -> None:
    _, snippet = hit(firm_index, query, doc_id)
    assert marked in snippet


def test_snippet_finds_a_match_far_into_a_multibyte_body(empty_index: DocumentIndex) -> None:
    body = "Hợp đồng mua bán được ký kết. " * 300 + "The indemnity clause applies. " + "عقد " * 300
    empty_index.upsert([IndexedDocument(1, 1, "Long", body, "", (), None)])
    (found,) = empty_index.search("indemnity", matter_ids=None).hits
    assert "<mark>indemnity</mark> clause applies." in found.snippet_html
    assert found.snippet_html.startswith("… ") and found.snippet_html.endswith(" …")
    assert len(found.snippet_html) < 260


# --- writes -------------------------------------------------------------------------------


def test_upsert_replaces_by_id(empty_index: DocumentIndex) -> None:
    first = DOCUMENTS[0]
    assert empty_index.upsert([first]) == 1
    assert empty_index.upsert([dataclasses.replace(first, title="Sublease", body="Rewritten")]) == 1
    assert empty_index.count() == 1
    assert ids(empty_index, "tenant") == set()
    assert ids(empty_index, "sublease rewritten") == {1}


def test_upsert_the_same_id_twice_in_one_call_keeps_the_last(empty_index: DocumentIndex) -> None:
    first = DOCUMENTS[0]
    empty_index.upsert([first, dataclasses.replace(first, body="Second version")])
    assert empty_index.count() == 1
    assert ids(empty_index, "second") == {1}


def test_upsert_accepts_a_generator_and_nothing(empty_index: DocumentIndex) -> None:
    assert empty_index.upsert(doc for doc in DOCUMENTS) == len(DOCUMENTS)
    assert empty_index.upsert([]) == 0
    assert empty_index.count() == len(DOCUMENTS)


def test_failed_upsert_writes_nothing(empty_index: DocumentIndex) -> None:
    def documents() -> Iterator[IndexedDocument]:
        yield DOCUMENTS[0]
        raise RuntimeError("the database went away")

    with pytest.raises(RuntimeError):
        empty_index.upsert(documents())
    assert empty_index.count() == 0
    assert empty_index.upsert(DOCUMENTS[:2]) == 2  # and the lock was released


def test_delete(empty_index: DocumentIndex) -> None:
    empty_index.upsert(DOCUMENTS)
    assert empty_index.delete([1, 3, 99]) == 2
    assert empty_index.delete([1]) == 0
    assert empty_index.delete([]) == 0
    assert empty_index.count() == len(DOCUMENTS) - 2
    assert ids(empty_index, "contract") == {7}


def test_clear(empty_index: DocumentIndex) -> None:
    empty_index.upsert(DOCUMENTS)
    empty_index.clear()
    assert empty_index.count() == 0
    assert ids(empty_index, EVERYTHING) == set()


def test_datetime_dates_and_big_ids(empty_index: DocumentIndex) -> None:
    docs = [
        IndexedDocument(2**40, 1, "a", "word", "", (), datetime.datetime(2024, 5, 6, 23, 59)),
        IndexedDocument(5, 1, "b", "word", "", (), D(2024, 5, 5)),
    ]
    empty_index.upsert(docs)
    results = empty_index.search("word", matter_ids=None, sort="date", date_to=D(2024, 5, 6))
    assert [hit.id for hit in results.hits] == [2**40, 5]


# --- the wall, whatever the query -----------------------------------------------------------

WORDS = ["contract", "breach", "tenant", "claim", "lease", "the", "jurisdiction", "müller"]
QUERY = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(WORDS).map(lambda word: f"-{word}"),
        st.lists(st.sampled_from(WORDS), min_size=2, max_size=3).map(
            lambda words: '"' + " ".join(words) + '"'
        ),
        st.sampled_from(["OR", "AND", "(", ")", "NOT"]),
    ),
    min_size=1,
    max_size=6,
).map(" ".join)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=QUERY, visible=st.sets(st.integers(min_value=0, max_value=5)))
def test_never_a_document_outside_the_visible_matters(
    firm_index: DocumentIndex, query: str, visible: Collection[int]
) -> None:
    try:
        restricted = firm_index.search(query, matter_ids=visible, limit=100)
    except QuerySyntaxError:
        return
    everything = firm_index.search(query, matter_ids=None, limit=100)
    assert {hit.matter_id for hit in restricted.hits} <= set(visible)
    expected = [hit.id for hit in everything.hits if hit.matter_id in visible]
    assert restricted.total == len(expected)
    assert sorted(hit.id for hit in restricted.hits) == sorted(expected)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(query=st.text(max_size=60))
def test_search_raises_nothing_but_query_syntax_error(
    firm_index: DocumentIndex, query: str
) -> None:
    try:
        results = firm_index.search(query, matter_ids=[1, 2, 3])
    except QuerySyntaxError:
        return
    assert results.total >= len(results.hits)
