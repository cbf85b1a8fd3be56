"""Several processes, one folder: readers see commits, one writer at a time, schema checks."""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import tantivy

from casedesk.core.search.documents import (
    DocumentIndex,
    IndexedDocument,
    SchemaChanged,
    document_schema,
)
from casedesk.core.search.locking import IndexBusy

from .sample_documents import DOCUMENTS


def other_writer(path: Path) -> tantivy.IndexWriter:
    """A writer held by "another process" (the lock is per open file, so this is the same)."""
    return tantivy.Index.open(str(path)).writer(heap_size=15_000_000, num_threads=1)


def test_two_index_objects_on_one_folder(tmp_path: Path) -> None:
    writer_side = DocumentIndex(tmp_path / "idx")
    reader_side = DocumentIndex(tmp_path / "idx")
    assert reader_side.search("tenant", matter_ids=None).total == 0
    writer_side.upsert(DOCUMENTS)
    assert reader_side.search("tenant", matter_ids=None).total == 1  # reloaded before search
    assert reader_side.count() == len(DOCUMENTS)
    reader_side.delete([1])  # either side may write
    assert writer_side.search("tenant", matter_ids=None).total == 0


def test_index_busy_when_the_lock_stays_taken(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "idx", lock_timeout_s=0.3)
    held = other_writer(index.path)
    started = time.monotonic()
    with pytest.raises(IndexBusy) as caught:
        index.upsert(DOCUMENTS)
    waited = time.monotonic() - started
    assert 0.3 <= waited < 3
    assert "busy" in str(caught.value) and "0.3 seconds" in str(caught.value)
    for write in (lambda: index.delete([1]), index.clear):
        with pytest.raises(IndexBusy):
            write()
    assert index.upsert([]) == 0  # nothing to write: no lock needed
    assert index.search("tenant", matter_ids=None).total == 0  # reading never waits
    held.wait_merging_threads()  # releases the lock
    assert index.upsert(DOCUMENTS) == len(DOCUMENTS)


def test_writer_waits_for_the_lock_to_be_released(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "idx", lock_timeout_s=10)
    held = other_writer(index.path)
    releaser = threading.Timer(0.4, held.wait_merging_threads)
    releaser.start()
    started = time.monotonic()
    try:
        assert index.upsert(DOCUMENTS) == len(DOCUMENTS)
    finally:
        releaser.join()
    assert 0.3 <= time.monotonic() - started < 5
    assert index.count() == len(DOCUMENTS)


def test_other_schema_raises_schema_changed_and_recreate_rebuilds(tmp_path: Path) -> None:
    folder = tmp_path / "idx"
    folder.mkdir()
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=True)
    old = tantivy.Index(builder.build(), path=str(folder))
    writer = old.writer(heap_size=15_000_000, num_threads=1)
    writer.add_document(tantivy.Document(body="old"))
    writer.commit()
    writer.wait_merging_threads()
    (folder / "notes.txt").write_text("not Tantivy's")

    with pytest.raises(SchemaChanged, match="rebuild"):
        DocumentIndex(folder)

    index = DocumentIndex.recreate(folder)
    assert index.count() == 0
    assert (folder / "notes.txt").read_text() == "not Tantivy's"  # only Tantivy's files go
    index.upsert(DOCUMENTS)
    assert DocumentIndex(folder).count() == len(DOCUMENTS)


def test_recreate_waits_for_writers(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "idx")
    index.upsert(DOCUMENTS)
    held = other_writer(index.path)
    with pytest.raises(IndexBusy):
        DocumentIndex.recreate(index.path, lock_timeout_s=0.2)
    held.wait_merging_threads()
    assert DocumentIndex(index.path).count() == len(DOCUMENTS)  # untouched


def test_same_schema_reopens(tmp_path: Path) -> None:
    DocumentIndex(tmp_path / "idx").upsert(DOCUMENTS[:1])
    assert tantivy.Index.open(str(tmp_path / "idx")).schema == document_schema()
    assert DocumentIndex(tmp_path / "idx").count() == 1


def test_creates_missing_parents(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "a" / "b" / "c")
    assert index.count() == 0
    assert (tmp_path / "a" / "b" / "c" / "meta.json").exists()


def test_a_failed_write_keeps_what_was_committed(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "idx")
    index.upsert(DOCUMENTS)

    def changes() -> Iterator[IndexedDocument]:
        yield dataclasses.replace(DOCUMENTS[0], body="rewritten")
        raise OSError("disk full")

    with pytest.raises(OSError):
        index.upsert(changes())
    assert index.count() == len(DOCUMENTS)
    assert index.search("tenant", matter_ids=None).total == 1  # the old version is still there


WRITER_PROCESS = """
import sys, time
from pathlib import Path
from casedesk.core.search.documents import DocumentIndex, IndexedDocument
index = DocumentIndex(Path(sys.argv[1]))
index.upsert([IndexedDocument(42, 9, "From the worker", "indexed by another process", "", (), None)])
import tantivy
writer = tantivy.Index.open(sys.argv[1]).writer(heap_size=15_000_000, num_threads=1)
print("holding", flush=True)
time.sleep(float(sys.argv[2]))
"""


def test_another_process_writes_and_holds_the_lock(tmp_path: Path) -> None:
    index = DocumentIndex(tmp_path / "idx", lock_timeout_s=0.3)
    process = subprocess.Popen(
        [sys.executable, "-c", WRITER_PROCESS, str(index.path), "30"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None and process.stdout.readline().strip() == "holding"
        (found,) = index.search("worker", matter_ids=[9]).hits
        assert found.id == 42
        with pytest.raises(IndexBusy):
            index.upsert(DOCUMENTS)
    finally:
        process.kill()
        process.wait()
    assert index.upsert(DOCUMENTS) == len(DOCUMENTS)  # the lock died with the process
