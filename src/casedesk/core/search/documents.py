"""Full-text search over the firm's documents: a Tantivy index in one folder.

What is indexed (one Tantivy document per casedesk document, replaced whole on change):

==============  =========================================================================
``id``          i64, indexed (the key for replace and delete), stored, fast
``matter_id``   i64, indexed (the ethical-wall filter), stored, fast
``title``       text, analyzed (see below), positions, stored; boost 2
``body``        text, analyzed, positions (phrases), stored (snippets); boost 1
``filename``    text, analyzed, positions; boost 0.5
``category``    raw string, lower-cased: exact, case-insensitive filter
``tags``        raw strings, lower-cased: exact, case-insensitive filter (all given tags)
``doc_date``    date, indexed and fast: the date-range filter
``sort_key``    i64, fast: date then id, for "newest first" with undated documents last
==============  =========================================================================

Text analysis (:mod:`casedesk.core.search.analysis`) is Tantivy's ``en_stem`` (split on
non-alphanumerics, lower-case, Snowball English stemmer) plus ASCII folding: "negligent",
"negligence" and "negligently" all find each other; "Müller" = "muller"; case never matters;
no stop words. The query language is :mod:`casedesk.core.search.query`.

Visibility: ``matter_ids`` is part of the Tantivy query (a term-set clause every hit must
match), so hidden documents are neither returned nor counted in ``total``. ``None`` means
"no restriction" (administrative tools only); an empty collection means "sees no matters"
and finds nothing.

Several processes share the folder: readers call ``reload()`` before each search and so see
every committed write; writers take Tantivy's single-writer lock per call
(:mod:`casedesk.core.search.locking`). The schema, including the analyzer's version, is
checked on opening: a folder built by an older casedesk raises :class:`SchemaChanged`, and
:meth:`DocumentIndex.recreate` empties it for a rebuild.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import tantivy

from casedesk.core.search.analysis import TEXT_TOKENIZER, register_text_tokenizer
from casedesk.core.search.locking import (
    WRITER_LOCK_FILE,
    IndexBusy,
    SearchIndexError,
    exclusive,
)
from casedesk.core.search.query import parse_query
from casedesk.core.search.snippets import (
    SNIPPET_CHARS,
    body_snippet_html,
    find_anchor,
    mark_html,
)
from casedesk.core.search.tantivy_query import QueryCompiler, positive_terms
from casedesk.core.search.writes import IndexWrites, result_count

__all__ = [
    "DocumentHit",
    "DocumentIndex",
    "DocumentResults",
    "IndexBusy",
    "IndexedDocument",
    "SchemaChanged",
    "document_schema",
]

SEARCHED_FIELDS: Final = {"title": 2.0, "body": 1.0, "filename": 0.5}
DEFAULT_WRITER_HEAP_BYTES: Final = 50_000_000
_ID_BITS: Final = 32
# Files Tantivy keeps in an index folder; recreate() deletes only these.
_TANTIVY_FILE: Final = re.compile(r"^(meta\.json|\.managed\.json|[0-9a-f]{32}(\.\d+)?\.[a-z]+)$")


class SchemaChanged(SearchIndexError):
    """The index folder was built with another schema or analyzer: rebuild it."""


@dataclass(frozen=True)
class IndexedDocument:
    """What the index needs to know about one document (the adapter builds it from the row)."""

    id: int
    matter_id: int
    title: str
    body: str
    category: str
    tags: tuple[str, ...]
    doc_date: datetime.date | None
    filename: str = ""


@dataclass(frozen=True)
class DocumentHit:
    """One found document.

    ``title_html`` and ``snippet_html`` are HTML-escaped with the matched words in
    ``<mark>...</mark>``. The snippet is about 200 characters of the body around the best
    match, or the start of the body when the words matched only the title or file name.
    ``score`` is the BM25 relevance for ``sort="relevance"`` and 0.0 for ``sort="date"``.
    """

    id: int
    matter_id: int
    score: float
    title_html: str
    snippet_html: str


@dataclass(frozen=True)
class DocumentResults:
    """One page of hits and the number of visible documents that match in all."""

    total: int
    hits: tuple[DocumentHit, ...]


def document_schema() -> tantivy.Schema:
    """The schema of the documents index (see the module docstring)."""
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("matter_id", stored=True, indexed=True, fast=True)
    builder.add_text_field("title", stored=True, tokenizer_name=TEXT_TOKENIZER)
    builder.add_text_field("body", stored=True, tokenizer_name=TEXT_TOKENIZER)
    builder.add_text_field("filename", tokenizer_name=TEXT_TOKENIZER)
    builder.add_text_field("category", tokenizer_name="raw", index_option="basic")
    builder.add_text_field("tags", tokenizer_name="raw", index_option="basic")
    builder.add_date_field("doc_date", indexed=True, fast=True)
    builder.add_integer_field("sort_key", fast=True)
    return builder.build()


def _keyword(value: str) -> str:
    """Category and tag values as stored and as searched."""
    return value.strip().lower()


def _midnight(day: datetime.date) -> datetime.datetime:
    return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC)


def _sort_key(doc: IndexedDocument) -> int:
    """Newest first under descending order; same day: higher id first; no date: last."""
    day = doc.doc_date.toordinal() if doc.doc_date is not None else 0
    return (day << _ID_BITS) | (doc.id & ((1 << _ID_BITS) - 1))


def _stored_int(doc: tantivy.Document, field: str) -> int:
    value = doc.get_first(field)
    if not isinstance(value, int):
        raise SearchIndexError(f"A stored document lacks its {field}: rebuild the index.")
    return value


def _open_index(path: Path, schema: tantivy.Schema) -> tantivy.Index:
    folder = str(path)
    if tantivy.Index.exists(folder):
        if not tantivy.Index.is_compatible(folder):
            raise SchemaChanged(
                f"The search index in {path} was written by another version of Tantivy: "
                "rebuild it (casedesk reindex)."
            )
        index = tantivy.Index.open(folder)
    else:
        index = tantivy.Index(schema, path=folder, reuse=True)
    if index.schema != schema:
        raise SchemaChanged(
            f"The search index in {path} was built with another schema: "
            "rebuild it (casedesk reindex)."
        )
    return index


class DocumentIndex(IndexWrites):
    """The documents index in one folder (created, with its parents, when missing)."""

    def __init__(
        self,
        path: Path,
        *,
        lock_timeout_s: float = 30.0,
        writer_heap_bytes: int = DEFAULT_WRITER_HEAP_BYTES,
    ) -> None:
        self.path = Path(path)
        self.path.mkdir(parents=True, exist_ok=True)
        self.lock_timeout_s = lock_timeout_s
        self.writer_heap_bytes = writer_heap_bytes
        self._schema = document_schema()
        self._index = _open_index(self.path, self._schema)
        register_text_tokenizer(self._index)
        # We reload before every search; no need for Tantivy's polling thread.
        self._index.config_reader(reload_policy="manual")
        self._compiler = QueryCompiler(self._schema, SEARCHED_FIELDS)

    @classmethod
    def recreate(cls, path: Path, *, lock_timeout_s: float = 30.0) -> DocumentIndex:
        """Delete the index in ``path`` (whatever its schema) and open an empty one.

        For ``casedesk reindex`` after :class:`SchemaChanged`. Holds the writer lock while it
        works; only Tantivy's own files are deleted. Processes that had the old index open
        must open it again.
        """
        path = Path(path)
        with exclusive(path, timeout_s=lock_timeout_s):
            for entry in path.iterdir():
                if entry.name != WRITER_LOCK_FILE and _TANTIVY_FILE.match(entry.name):
                    entry.unlink()
            tantivy.Index(document_schema(), path=str(path), reuse=False)
        return cls(path, lock_timeout_s=lock_timeout_s)

    # --- writing -----------------------------------------------------------------------

    def upsert(self, docs: Iterable[IndexedDocument]) -> int:
        """Add the documents, replacing any with the same id; one commit; returns the count.

        The single-writer lock is held while ``docs`` is consumed: pass ready documents (a list
        or batches of a few thousand), not a generator that extracts text on the way. If
        reading ``docs`` raises, nothing of this call is committed.
        """
        return self._replace(docs, lambda doc: doc.id, self._tantivy_document)

    def delete(self, ids: Iterable[int]) -> int:
        """Remove the documents with these ids; returns how many were in the index."""
        return self._delete_ids(sorted({int(doc_id) for doc_id in ids}))

    def _tantivy_document(self, doc: IndexedDocument) -> tantivy.Document:
        result = tantivy.Document()
        result.add_integer("id", doc.id)
        result.add_integer("matter_id", doc.matter_id)
        result.add_text("title", doc.title)
        result.add_text("body", doc.body)
        if doc.filename:
            result.add_text("filename", doc.filename)
        if category := _keyword(doc.category):
            result.add_text("category", category)
        for tag in dict.fromkeys(_keyword(tag) for tag in doc.tags):
            if tag:
                result.add_text("tags", tag)
        if doc.doc_date is not None:
            result.add_date("doc_date", _midnight(doc.doc_date))
        result.add_integer("sort_key", _sort_key(doc))
        return result

    # --- searching ---------------------------------------------------------------------

    def search(
        self,
        query: str,
        *,
        matter_ids: Collection[int] | None,
        category: str | None = None,
        tags: Collection[str] = (),
        date_from: datetime.date | None = None,
        date_to: datetime.date | None = None,
        sort: Literal["relevance", "date"] = "relevance",
        limit: int = 20,
        offset: int = 0,
    ) -> DocumentResults:
        """One page of the visible documents matching ``query`` and every filter.

        ``query`` follows :func:`~casedesk.core.search.query.parse_query` (raises
        :class:`~casedesk.core.search.query.QuerySyntaxError`). ``category`` and each of
        ``tags`` match exactly, ignoring case; a document must carry every tag given.
        ``date_from``/``date_to`` are inclusive; with either, undated documents are left out.
        ``sort="date"`` is newest first, undated last. ``limit=0`` only counts.
        """
        parsed = parse_query(query)
        if offset < 0 or limit < 0:
            raise ValueError("limit and offset must not be negative")
        if matter_ids is not None and not matter_ids:
            return DocumentResults(total=0, hits=())

        clauses = [(tantivy.Occur.Must, self._compiler.compile(parsed))]
        for restriction in self._filters(matter_ids, category, tags, date_from, date_to):
            clauses.append((tantivy.Occur.Must, tantivy.Query.const_score_query(restriction, 0.0)))
        tantivy_query = tantivy.Query.boolean_query(clauses)

        self._index.reload()
        searcher = self._index.searcher()
        if sort == "date":
            result = searcher.search(
                tantivy_query,
                limit=max(limit, 1),
                count=True,
                offset=offset,
                order_by_field="sort_key",
                order=tantivy.Order.Desc,
            )
        else:
            result = searcher.search(tantivy_query, limit=max(limit, 1), count=True, offset=offset)
        total = result_count(result)
        if limit == 0:
            return DocumentResults(total=total, hits=())

        terms = positive_terms(parsed)
        generator = None
        highlight = self._compiler.highlight_query(parsed, "body")
        if highlight is not None:
            generator = tantivy.SnippetGenerator.create(searcher, highlight, self._schema, "body")
            generator.set_max_num_chars(SNIPPET_CHARS)
        hits = []
        for value, address in result.hits:
            stored = searcher.doc(address)
            body = str(stored.get_first("body") or "")
            anchor = find_anchor(generator, "body", body) if generator else None
            hits.append(
                DocumentHit(
                    id=_stored_int(stored, "id"),
                    matter_id=_stored_int(stored, "matter_id"),
                    score=float(value) if sort != "date" else 0.0,
                    title_html=mark_html(str(stored.get_first("title") or ""), terms),
                    snippet_html=body_snippet_html(body, terms, anchor),
                )
            )
        return DocumentResults(total=total, hits=tuple(hits))

    def _filters(
        self,
        matter_ids: Collection[int] | None,
        category: str | None,
        tags: Collection[str],
        date_from: datetime.date | None,
        date_to: datetime.date | None,
    ) -> list[tantivy.Query]:
        filters: list[tantivy.Query] = []
        if matter_ids is not None:
            wanted = sorted({int(matter_id) for matter_id in matter_ids})
            filters.append(tantivy.Query.term_set_query(self._schema, "matter_id", wanted))
        if category is not None and (value := _keyword(category)):
            filters.append(tantivy.Query.term_query(self._schema, "category", value))
        for tag in sorted({_keyword(tag) for tag in tags} - {""}):
            filters.append(tantivy.Query.term_query(self._schema, "tags", tag))
        if date_from is not None or date_to is not None:
            filters.append(
                tantivy.Query.range_query(
                    self._schema,
                    "doc_date",
                    tantivy.FieldType.Date,
                    _midnight(date_from) if date_from is not None else None,
                    _midnight(date_to) if date_to is not None else None,
                )
            )
        return filters
