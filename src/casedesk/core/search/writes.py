"""The writes both Tantivy indexes share: replace by id, delete by ids, clear, count.

``DocumentIndex`` and ``CaseLawIndex`` differ in their schema and in how a record becomes a
Tantivy document; taking the single-writer lock, replacing a record under its id in one
commit, and counting what a delete removed are the same, so they live here once.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager
from typing import TypeVar

import tantivy

from casedesk.core.search.locking import writing

R = TypeVar("R")
Key = TypeVar("Key", int, str)


def result_count(result: tantivy.SearchResult) -> int:
    """The number of matches (the stub file does not declare ``SearchResult.count``)."""
    return int(getattr(result, "count", 0) or 0)


class IndexWrites:
    """Mixin: needs ``_index``, ``_schema``, ``path``, ``lock_timeout_s``, ``writer_heap_bytes``."""

    _index: tantivy.Index
    _schema: tantivy.Schema
    path: object
    lock_timeout_s: float
    writer_heap_bytes: int

    def _writing(self) -> AbstractContextManager[tantivy.IndexWriter]:
        return writing(
            self._index,
            self.path,  # type: ignore[arg-type]
            timeout_s=self.lock_timeout_s,
            heap_bytes=self.writer_heap_bytes,
        )

    def _replace(
        self,
        records: Iterable[R],
        key: Callable[[R], int | str],
        to_document: Callable[[R], tantivy.Document],
    ) -> int:
        """Add ``records``, each replacing the one with the same id, in one commit.

        The writer lock is held while ``records`` is read: pass ready batches. If reading them
        raises, nothing of this call is committed.
        """
        iterator = iter(records)
        first = next(iterator, None)
        if first is None:
            return 0
        written = 0
        with self._writing() as writer:
            for record in itertools.chain((first,), iterator):
                writer.delete_documents_by_term("id", key(record))
                writer.add_document(to_document(record))
                written += 1
        return written

    def _delete_ids(self, wanted: Sequence[Key]) -> int:
        """Remove the records with these ids; returns how many were in the index."""
        if not wanted:
            return 0
        with self._writing() as writer:
            # Holding the writer lock, nobody else can commit between counting and deleting.
            self._index.reload()
            found = self._index.searcher().search(
                tantivy.Query.term_set_query(self._schema, "id", list(wanted)), limit=1
            )
            present = result_count(found)
            for value in wanted:
                writer.delete_documents_by_term("id", value)
        return present

    def clear(self) -> None:
        """Remove every record (one commit)."""
        with self._writing() as writer:
            writer.delete_all_documents()

    def count(self) -> int:
        """How many records the index holds (committed ones)."""
        self._index.reload()
        return int(self._index.searcher().num_docs)
