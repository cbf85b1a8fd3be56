"""One writer at a time: how several processes share an index folder.

Tantivy allows a single ``IndexWriter`` per index folder; it takes an advisory ``flock`` on
``.tantivy-writer.lock`` and a second writer (in this process or another) fails at once with
``ValueError("Failed to acquire Lockfile: LockBusy ...")``. casedesk's web server only reads;
the background worker and ``casedesk reindex`` write. Every write therefore opens a writer,
commits, waits for the segment merges it started, and lets go, so the lock is held only for
the length of one write call. A writer that finds the lock taken retries with a growing pause
until ``timeout_s`` is spent, then raises :class:`IndexBusy`.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Final

import tantivy

WRITER_LOCK_FILE: Final = ".tantivy-writer.lock"
_FIRST_PAUSE_S: Final = 0.02
_LONGEST_PAUSE_S: Final = 0.5


class SearchIndexError(RuntimeError):
    """Base class of the search index's own errors."""


class IndexBusy(SearchIndexError):
    """Another writer kept the index locked for longer than we were willing to wait."""


def _is_lock_busy(error: ValueError) -> bool:
    return "LockBusy" in str(error)


def _busy(path: Path, timeout_s: float) -> IndexBusy:
    return IndexBusy(
        f"The search index is busy: another process has been updating it for more than "
        f"{timeout_s:g} seconds. Try again in a minute. (Index folder: {path})"
    )


def _pauses(timeout_s: float) -> Iterator[float]:
    """Pauses between attempts, growing, never past the deadline; ends when time is up."""
    deadline = time.monotonic() + timeout_s
    pause = _FIRST_PAUSE_S
    while (left := deadline - time.monotonic()) > 0:
        yield min(pause, left)
        pause = min(pause * 2, _LONGEST_PAUSE_S)


def acquire_writer(
    index: tantivy.Index, path: Path, *, timeout_s: float, heap_bytes: int, num_threads: int
) -> tantivy.IndexWriter:
    """A writer on ``index``, retrying while another writer holds the lock."""
    try:
        return index.writer(heap_size=heap_bytes, num_threads=num_threads)
    except ValueError as error:
        if not _is_lock_busy(error):
            raise
        last = error
    for pause in _pauses(timeout_s):
        time.sleep(pause)
        try:
            return index.writer(heap_size=heap_bytes, num_threads=num_threads)
        except ValueError as error:
            if not _is_lock_busy(error):
                raise
            last = error
    raise _busy(path, timeout_s) from last


@contextmanager
def writing(
    index: tantivy.Index, path: Path, *, timeout_s: float, heap_bytes: int, num_threads: int = 1
) -> Iterator[tantivy.IndexWriter]:
    """Open a writer, yield it, commit; roll back on error; always release the lock."""
    writer = acquire_writer(
        index, path, timeout_s=timeout_s, heap_bytes=heap_bytes, num_threads=num_threads
    )
    try:
        yield writer
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    finally:
        # Finishes the merges this commit started and drops the writer: the lock is free.
        writer.wait_merging_threads()


@contextmanager
def exclusive(path: Path, *, timeout_s: float) -> Iterator[None]:
    """Hold the writer lock of ``path`` without a writer (to replace the index's files).

    Uses the same advisory lock as Tantivy, so no Tantivy writer can start meanwhile.
    """
    path.mkdir(parents=True, exist_ok=True)
    descriptor = os.open(path / WRITER_LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if not _try_flock(descriptor):
            for pause in _pauses(timeout_s):
                time.sleep(pause)
                if _try_flock(descriptor):
                    break
            else:
                raise _busy(path, timeout_s)
        yield
    finally:
        os.close(descriptor)  # closing the descriptor releases the flock


def _try_flock(descriptor: int) -> bool:
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True
