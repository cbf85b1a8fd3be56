"""Full-text search over court opinions: a Tantivy index in one folder.

What is indexed (one Tantivy document per opinion, replaced whole on change):

==================  =====================================================================
``id``              raw string, indexed (the key for replace and delete), stored
``case_name``       text, analyzed, positions, stored; boost 2
``text``            text, analyzed (``casedesk_text_v1``), positions, stored (snippets)
``court``           raw string, lower-cased, stored, fast (the court filter and facet)
``year``            u64, indexed, stored, fast (the year filter and facet); absent if undated
``date_filed``      date, indexed, stored (``date_filed:[2000 TO 2010]``)
``sort_date``       i64, fast: the day's ordinal, 0 when undated ("newest first")
``cites``           raw strings: the normalised citations this opinion cites
``own``             raw strings: the opinion's own normalised citations
``cited_by_count``  u64, indexed, stored, fast: how many opinions cite this one
==================  =====================================================================

The query language is :mod:`casedesk.core.search.query` with its proximity, prefix and field
syntax; the fields users may name are :data:`CASELAW_FIELDS` (``case_name:``, ``court:``,
``date_filed:``, ``cites:``, ``citation:`` for the opinion's own citations, ``text:``).
``cites:`` and ``citation:`` values go through the ``normalize_citation`` callable given to
the index (``casedesk.core.citations.normalize_citation`` in the application); without one
the value is only whitespace-collapsed.

Ranking. ``sort="relevance"`` is BM25. ``boost_recent`` and ``boost_cited`` re-rank the top
``max(RERANK_WINDOW, offset + limit)`` hits by BM25 multiplied by ``1 + 0.5 / (1 + age / 10)``
(age in years from the newest year in the index; undated opinions get no bonus) and by
``1 + 0.25 * ln(1 + cited_by_count)``; hits past the window keep their BM25 order, which only
matters for paging beyond it (each page re-ranks a window that covers it, so pages agree).
``sort="date"`` is newest first (undated last), ``sort="cited"`` most cited first; their
scores are 0.0.

Facets are computed by Tantivy's terms aggregation over every match of the query and filters
(exact counts, not a sample): the courts by count (most first, at most
:data:`MAX_COURT_FACETS`) and the years, newest first.

Snippets and locking work as in :mod:`casedesk.core.search.documents`: an HTML-escaped window of
about 200 characters with the matched words (prefix matches included) in ``<mark>``; writers
take the single-writer lock per call (:mod:`casedesk.core.search.locking`), each call commits.
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

import tantivy

from casedesk.core.search.analysis import TEXT_TOKENIZER, register_text_tokenizer
from casedesk.core.search.documents import (
    _TANTIVY_FILE,
    SchemaChanged,
    _open_index,
)
from casedesk.core.search.locking import (
    WRITER_LOCK_FILE,
    IndexBusy,
    SearchIndexError,
    exclusive,
)
from casedesk.core.search.snippets import SNIPPET_CHARS, body_snippet_html, find_anchor
from casedesk.core.search.tantivy_query import (
    CitationNormalizer,
    FieldSpec,
    QueryCompiler,
    expand_prefixes,
    positive_terms,
)
from casedesk.core.search.writes import IndexWrites, result_count

__all__ = [
    "CASELAW_FIELDS",
    "CaseLawHit",
    "CaseLawIndex",
    "CaseLawResults",
    "IndexBusy",
    "IndexedOpinion",
    "SchemaChanged",
    "caselaw_schema",
]

SEARCHED_FIELDS: Final = {"case_name": 2.0, "text": 1.0}
CASELAW_FIELDS: Final = {
    "case_name": FieldSpec("text", "case_name"),
    "text": FieldSpec("text", "text"),
    "court": FieldSpec("keyword", "court"),
    "date_filed": FieldSpec("year-range", "date_filed"),
    "cites": FieldSpec("citation", "cites"),
    "citation": FieldSpec("citation", "own"),
}
DEFAULT_WRITER_HEAP_BYTES: Final = 100_000_000
RERANK_WINDOW: Final = 200
RECENT_WEIGHT: Final = 0.5
RECENT_HALF_LIFE_YEARS: Final = 10.0
CITED_WEIGHT: Final = 0.25
MAX_COURT_FACETS: Final = 50
MAX_YEAR_FACETS: Final = 1_000

Sort = Literal["relevance", "date", "cited"]


@dataclass(frozen=True)
class IndexedOpinion:
    """What the index needs to know about one opinion (the adapter builds it from the row).

    ``cites`` and ``own`` are normalised citations ("410 U.S. 113").
    """

    id: str
    case_name: str
    court: str
    date_filed: datetime.date | None
    text: str
    cites: tuple[str, ...] = ()
    own: tuple[str, ...] = ()
    cited_by_count: int = 0


@dataclass(frozen=True)
class CaseLawHit:
    """One found opinion; ``snippet_html`` is HTML-escaped with the matches in ``<mark>``."""

    id: str
    case_name: str
    court: str
    date_filed: datetime.date | None
    score: float
    snippet_html: str


@dataclass(frozen=True)
class CaseLawResults:
    """One page of hits, the number of matches in all, and the facets of every match."""

    total: int
    hits: tuple[CaseLawHit, ...]
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)


def caselaw_schema() -> tantivy.Schema:
    """The schema of the case-law index (see the module docstring)."""
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("id", stored=True, tokenizer_name="raw", index_option="basic")
    builder.add_text_field("case_name", stored=True, tokenizer_name=TEXT_TOKENIZER)
    builder.add_text_field("text", stored=True, tokenizer_name=TEXT_TOKENIZER)
    builder.add_text_field(
        "court", stored=True, fast=True, tokenizer_name="raw", index_option="basic"
    )
    builder.add_unsigned_field("year", stored=True, indexed=True, fast=True)
    builder.add_date_field("date_filed", stored=True, indexed=True, fast=True)
    builder.add_integer_field("sort_date", fast=True)
    builder.add_text_field("cites", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("own", tokenizer_name="raw", index_option="basic")
    builder.add_unsigned_field("cited_by_count", stored=True, indexed=True, fast=True)
    return builder.build()


def _keyword(value: str) -> str:
    return value.strip().lower()


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _stored_date(doc: tantivy.Document) -> datetime.date | None:
    value = doc.get_first("date_filed")
    if isinstance(value, datetime.datetime):
        return value.date()
    return value if isinstance(value, datetime.date) else None


class CaseLawIndex(IndexWrites):
    """The case-law index in one folder (created, with its parents, when missing)."""

    def __init__(
        self,
        path: Path,
        *,
        normalize_citation: CitationNormalizer | None = None,
        lock_timeout_s: float = 30.0,
        writer_heap_bytes: int = DEFAULT_WRITER_HEAP_BYTES,
    ) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.lock_timeout_s = lock_timeout_s
        self.writer_heap_bytes = writer_heap_bytes
        self.normalize_citation = normalize_citation
        self._schema = caselaw_schema()
        self._index = _open_index(self.path, self._schema)
        register_text_tokenizer(self._index)
        self._index.config_reader(reload_policy="manual")
        self._compiler = QueryCompiler(
            self._schema, SEARCHED_FIELDS, CASELAW_FIELDS, normalize_citation
        )

    @classmethod
    def recreate(
        cls,
        path: Path,
        *,
        normalize_citation: CitationNormalizer | None = None,
        lock_timeout_s: float = 30.0,
    ) -> CaseLawIndex:
        """Delete the index in ``path`` (whatever its schema) and open an empty one."""
        path = Path(path)
        with exclusive(path, timeout_s=lock_timeout_s):
            for entry in path.iterdir():
                if entry.name != WRITER_LOCK_FILE and _TANTIVY_FILE.match(entry.name):
                    entry.unlink()
            tantivy.Index(caselaw_schema(), path=str(path), reuse=False)
        return cls(path, normalize_citation=normalize_citation, lock_timeout_s=lock_timeout_s)

    # --- writing -----------------------------------------------------------------------

    def add(self, records: Iterable[IndexedOpinion]) -> int:
        """Add the opinions, replacing any with the same id; one commit; returns the count.

        As with ``DocumentIndex.upsert``, the writer lock is held while ``records`` is read:
        pass ready batches. If reading them raises, nothing of this call is committed.
        """
        return self._replace(records, lambda record: record.id, self._tantivy_document)

    def delete(self, ids: Iterable[str]) -> int:
        """Remove the opinions with these ids; returns how many were in the index."""
        return self._delete_ids(sorted({str(opinion_id) for opinion_id in ids}))

    def _tantivy_document(self, record: IndexedOpinion) -> tantivy.Document:
        doc = tantivy.Document()
        doc.add_text("id", record.id)
        doc.add_text("case_name", record.case_name)
        doc.add_text("text", record.text)
        if court := _keyword(record.court):
            doc.add_text("court", court)
        if record.date_filed is not None:
            doc.add_unsigned("year", record.date_filed.year)
            doc.add_date("date_filed", _midnight(record.date_filed))
            doc.add_integer("sort_date", record.date_filed.toordinal())
        else:
            doc.add_integer("sort_date", 0)
        for citation in dict.fromkeys(record.cites):
            doc.add_text("cites", citation)
        for citation in dict.fromkeys(record.own):
            doc.add_text("own", citation)
        doc.add_unsigned("cited_by_count", max(0, record.cited_by_count))
        return doc

    # --- searching ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        court: Sequence[str] = (),
        year_from: int | None = None,
        year_to: int | None = None,
        sort: Sort = "relevance",
        boost_recent: bool = False,
        boost_cited: bool = False,
        offset: int = 0,
        limit: int = 20,
    ) -> CaseLawResults:
        """One page of the opinions matching ``query`` and the filters, with facets.

        Raises :class:`~casedesk.core.search.query.QuerySyntaxError` for a query it cannot
        read (including an unknown field). ``court`` keeps opinions of any of the courts
        given (ignoring case); ``year_from``/``year_to`` are inclusive and leave undated
        opinions out. ``limit=0`` only counts (and computes facets).
        """
        if offset < 0 or limit < 0:
            raise ValueError("limit and offset must not be negative")
        if sort not in ("relevance", "date", "cited"):
            raise ValueError(f"Unknown sort {sort!r}: use relevance, date or cited.")
        parsed = self._compiler.parse(query)
        clauses = [(tantivy.Occur.Must, self._compiler.compile(parsed))]
        for restriction in self._filters(court, year_from, year_to):
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(restriction, 0.0)))
        tantivy_query = tantivy.Query.boolean_query(clauses)

        self._index.reload()
        searcher = self._index.searcher()
        facets = self._facets(searcher, tantivy_query)
        rerank = sort == "relevance" and (boost_recent or boost_cited)
        if sort == "relevance" and not rerank:
            result = searcher.search(tantivy_query, limit=max(limit, 1), count=True, offset=offset)
            page = [(float(score), address) for score, address in result.hits]
        elif sort in ("date", "cited"):
            result = searcher.search(
                tantivy_query,
                limit=max(limit, 1),
                count=True,
                offset=offset,
                order_by_field="sort_date" if sort == "date" else "cited_by_count",
                order=tantivy.Order.Desc,
            )
            page = [(0.0, address) for _, address in result.hits]
        else:
            window = max(RERANK_WINDOW, offset + limit)
            result = searcher.search(tantivy_query, limit=window, count=True)
            ranked = self._rerank(searcher, result.hits, boost_recent, boost_cited)
            page = ranked[offset : offset + limit]
        total = result_count(result)
        if limit == 0:
            return CaseLawResults(total=total, hits=(), facets=facets)
        return CaseLawResults(
            total=total, hits=self._hits(searcher, parsed, page[:limit]), facets=facets
        )

    def _filters(
        self, court: Sequence[str], year_from: int | None, year_to: int | None
    ) -> list[tantivy.Query]:
        filters: list[tantivy.Query] = []
        courts = sorted({_keyword(value) for value in court} - {""})
        if courts:
            filters.append(tantivy.Query.term_set_query(self._schema, "court", courts))
        if year_from is not None or year_to is not None:
            filters.append(
                tantivy.Query.range_query(
                    self._schema,
                    "year",
                    tantivy.FieldType.Unsigned,
                    max(0, year_from) if year_from is not None else None,
                    max(0, year_to) if year_to is not None else None,
                )
            )
        return filters

    def _facets(
        self, searcher: tantivy.Searcher, query: tantivy.Query
    ) -> dict[str, list[tuple[Any, int]]]:
        aggregations = searcher.aggregate(
            query,
            {
                "court": {"terms": {"field": "court", "size": MAX_COURT_FACETS}},
                "year": {"terms": {"field": "year", "size": MAX_YEAR_FACETS}},
            },
        )

        def buckets(name: str) -> list[tuple[Any, int]]:
            found = aggregations.get(name, {}).get("buckets", [])
            return [(bucket["key"], int(bucket["doc_count"])) for bucket in found]

        courts = sorted(buckets("court"), key=lambda pair: (-pair[1], str(pair[0])))
        years = sorted(
            ((int(key), count) for key, count in buckets("year")), key=lambda pair: -pair[0]
        )
        return {"court": [(str(key), count) for key, count in courts], "year": list(years)}

    def _rerank(
        self,
        searcher: tantivy.Searcher,
        hits: Sequence[tuple[Any, tantivy.DocAddress]],
        boost_recent: bool,
        boost_cited: bool,
    ) -> list[tuple[float, tantivy.DocAddress]]:
        addresses = [address for _, address in hits]
        years = searcher.fast_field_values("year", addresses) if boost_recent else []
        cited = searcher.fast_field_values("cited_by_count", addresses) if boost_cited else []
        newest = max((int(year) for year in years if year), default=0)
        ranked: list[tuple[float, int, tantivy.DocAddress]] = []
        for position, (score, address) in enumerate(hits):
            value = float(score)
            if boost_recent and (year := years[position]):
                age = max(0, newest - int(year))
                value *= 1 + RECENT_WEIGHT / (1 + age / RECENT_HALF_LIFE_YEARS)
            if boost_cited and (count := cited[position]):
                value *= 1 + CITED_WEIGHT * math.log1p(max(0, int(count)))
            ranked.append((value, position, address))
        ranked.sort(key=lambda item: (-item[0], item[1]))
        return [(value, address) for value, _, address in ranked]

    def _hits(
        self,
        searcher: tantivy.Searcher,
        parsed: Any,
        page: Sequence[tuple[float, tantivy.DocAddress]],
    ) -> tuple[CaseLawHit, ...]:
        terms = positive_terms(parsed) | expand_prefixes(
            searcher, "text", parsed.positive_prefixes()
        )
        generator = None
        if terms:
            highlight = tantivy.Query.boolean_query(
                [
                    (tantivy.Occur.Should, tantivy.Query.term_query(self._schema, "text", term))
                    for term in sorted(terms)
                ]
            )
            generator = tantivy.SnippetGenerator.create(searcher, highlight, self._schema, "text")
            generator.set_max_num_chars(SNIPPET_CHARS)
        hits: list[CaseLawHit] = []
        for score, address in page:
            stored = searcher.doc(address)
            opinion_id = stored.get_first("id")
            if not isinstance(opinion_id, str):
                raise SearchIndexError("A stored opinion lacks its id: rebuild the index.")
            text = str(stored.get_first("text") or "")
            anchor = find_anchor(generator, "text", text) if generator else None
            hits.append(
                CaseLawHit(
                    id=opinion_id,
                    case_name=str(stored.get_first("case_name") or ""),
                    court=str(stored.get_first("court") or ""),
                    date_filed=_stored_date(stored),
                    score=score,
                    snippet_html=body_snippet_html(text, terms, anchor),
                )
            )
        return tuple(hits)
