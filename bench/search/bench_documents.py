"""Benchmark: document search latency, casedesk's Tantivy index against SQLite FTS5.

Run:  cd /work/main && .venv/bin/python bench/search/bench_documents.py [--docs 100000] [--runs 5]

Both engines get the same synthetic documents (``corpus.py``: passages of the real opinions in
``../shared/data/caselaw``) in temporary folders, in this one process, and answer the same
query mix: single words, two-word AND, phrases, OR and NOT (``corpus.Corpus.queries``), each
once for an administrator (no restriction) and once for a user who sees 300 of the 2,000
matters. Every search returns what the results page needs: the total count and the first 20
hits by relevance, each with a highlighted title and a body snippet.

* Tantivy: ``DocumentIndex.search`` as the web app calls it (parse, compile, reload, count,
  top 20 by BM25, snippets with ``<mark>``, HTML-escaped). Built with one ``upsert`` call
  (one commit, 50 MB writer heap, one indexing thread), merges waited for.
* SQLite FTS5 (stdlib ``sqlite3``): ``fts5(title, body, filename, matter_id UNINDEXED,
  tokenize='porter unicode61')``, ``rank`` configured as ``bm25(2.0, 1.0, 0.5)`` (the same
  field weights); the same query text parsed by ``parse_query`` and written in FTS5's
  syntax; ``count(*)`` plus ``ORDER BY rank LIMIT 20`` with ``highlight()`` and
  ``snippet()``; the wall is ``matter_id IN (...)``. Built in one transaction, WAL, then
  ``optimize``. (FTS5's output is not HTML-escaped: a small advantage to FTS5.)

Latency is wall time per search; p50/p95/p99 over the query mix, median over ``--runs``
runs after one warm-up run; the engines alternate query by query.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from corpus import BenchQuery, Corpus, load_corpus_or_exit  # noqa: E402

from casedesk.core.search.documents import DocumentIndex, IndexedDocument  # noqa: E402
from casedesk.core.search.query import (  # noqa: E402
    And,
    Node,
    Not,
    Or,
    Phrase,
    Term,
    parse_query,
)

LIMIT = 20
SNIPPET_TOKENS = 32  # FTS5 counts tokens; ~200 characters, like casedesk's snippets


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def folder_bytes(path: Path) -> int:
    return sum(file.stat().st_size for file in path.rglob("*") if file.is_file())


# --- FTS5 ---------------------------------------------------------------------------------


def fts5_match(node: Node) -> str:
    """The FTS5 query for a casedesk syntax tree (every string quoted, so no FTS5 syntax
    leaks in; FTS5's NOT is binary: ``(a AND b) NOT c``)."""
    if isinstance(node, Term):
        return '"' + node.word.replace('"', '""') + '"'
    if isinstance(node, Phrase):
        return '"' + " ".join(node.words).replace('"', '""') + '"'
    if isinstance(node, Or):
        return "(" + " OR ".join(fts5_match(item) for item in node.items) + ")"
    if isinstance(node, And):
        positive = [fts5_match(i) for i in node.items if not isinstance(i, Not)]
        negative = [fts5_match(i.item) for i in node.items if isinstance(i, Not)]
        if not positive:
            raise ValueError("FTS5 cannot search for a bare NOT")
        return "(" + " AND ".join(positive) + ")" + "".join(f" NOT {n}" for n in negative)
    raise ValueError("FTS5 cannot search for a bare NOT")


class Fts5Engine:
    """The documents in an FTS5 table, searched the way casedesk would with FTS5."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute(
            "CREATE VIRTUAL TABLE docs USING fts5("
            "title, body, filename, matter_id UNINDEXED, tokenize='porter unicode61')"
        )
        self.db.execute("INSERT INTO docs(docs, rank) VALUES ('rank', 'bm25(2.0, 1.0, 0.5)')")

    def build(self, documents: Iterable[IndexedDocument]) -> int:
        count = 0
        self.db.execute("BEGIN")
        for doc in documents:
            self.db.execute(
                "INSERT INTO docs(rowid, title, body, filename, matter_id) VALUES (?, ?, ?, ?, ?)",
                (doc.id, doc.title, doc.body, doc.filename, doc.matter_id),
            )
            count += 1
        self.db.execute("COMMIT")
        self.db.execute("INSERT INTO docs(docs) VALUES ('optimize')")
        self.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return count

    def size(self) -> int:
        return sum(
            Path(f"{self.path}{suffix}").stat().st_size
            for suffix in ("", "-wal", "-shm")
            if Path(f"{self.path}{suffix}").exists()
        )

    def search(self, text: str, matter_ids: frozenset[int] | None) -> tuple[int, list[tuple]]:  # type: ignore[type-arg]
        match = fts5_match(parse_query(text).root)
        where, params = "docs MATCH ?", [match]
        if matter_ids is not None:
            where += f" AND matter_id IN ({','.join('?' * len(matter_ids))})"
            params.extend(sorted(matter_ids))
        (total,) = self.db.execute(f"SELECT count(*) FROM docs WHERE {where}", params).fetchone()
        rows = self.db.execute(
            "SELECT rowid, matter_id, rank, highlight(docs, 0, '<mark>', '</mark>'), "
            f"snippet(docs, 1, '<mark>', '</mark>', '…', {SNIPPET_TOKENS}) "
            f"FROM docs WHERE {where} ORDER BY rank LIMIT {LIMIT}",
            params,
        ).fetchall()
        return total, rows


# --- the run ------------------------------------------------------------------------------


def timed(action: Callable[[], object]) -> tuple[float, object]:
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--per-kind", type=int, default=20, help="queries per kind (x5 x2)")
    parser.add_argument("--seed", type=int, default=20250101)
    parser.add_argument("--keep", help="build in this folder and leave the indexes there")
    args = parser.parse_args()

    corpus = load_corpus_or_exit(seed=args.seed)
    queries = corpus.queries(args.per_kind)
    visible = corpus.visible_matters(300)
    work = Path(args.keep or tempfile.mkdtemp(prefix="casedesk-bench-search-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        run(args, corpus, queries, visible, work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)


def run(
    args: argparse.Namespace,
    corpus: Corpus,
    queries: list[BenchQuery],
    visible: frozenset[int],
    work: Path,
) -> None:
    """Build both engines in ``work``, run the queries, print the tables."""
    print(
        f"{len(corpus.opinions)} opinions; {args.docs:,} documents; work folder {work}",
        file=sys.stderr,
    )

    generate_seconds, _ = timed(lambda: sum(1 for _ in corpus.documents(args.docs)))
    print(f"corpus generated in {generate_seconds:.1f} s", file=sys.stderr)
    tantivy_seconds, _ = timed(
        lambda: DocumentIndex(work / "tantivy").upsert(corpus.documents(args.docs))
    )
    tantivy_index = DocumentIndex(work / "tantivy")
    print(f"tantivy built in {tantivy_seconds:.1f} s", file=sys.stderr)
    fts5 = Fts5Engine(work / "fts5.sqlite3")
    fts5_seconds, _ = timed(lambda: fts5.build(corpus.documents(args.docs)))
    print(f"fts5 built in {fts5_seconds:.1f} s", file=sys.stderr)

    engines: dict[str, Callable[[BenchQuery], int]] = {
        "Tantivy": lambda q: (
            tantivy_index.search(
                q.text, matter_ids=visible if q.restricted else None, limit=LIMIT
            ).total
        ),
        "FTS5": lambda q: fts5.search(q.text, visible if q.restricted else None)[0],
    }
    totals: dict[str, list[int]] = {name: [] for name in engines}
    for query in queries:  # warm-up, and the totals for the sanity line
        for name, engine in engines.items():
            totals[name].append(engine(query))

    runs: dict[str, list[list[float]]] = {name: [] for name in engines}
    for run in range(args.runs):
        latencies: dict[str, list[float]] = {name: [] for name in engines}
        for query in queries:
            for name, engine in engines.items():
                seconds, _ = timed(lambda engine=engine, query=query: engine(query))  # type: ignore[misc]
                latencies[name].append(seconds * 1000)
        for name in engines:
            runs[name].append(latencies[name])
        print(f"run {run + 1}/{args.runs} done", file=sys.stderr)

    def summary(name: str, pick: Callable[[BenchQuery], bool] = lambda q: True) -> list[float]:
        chosen = [i for i, q in enumerate(queries) if pick(q)]
        return [
            statistics.median(percentile([run[i] for i in chosen], f) for run in runs[name])
            for f in (0.5, 0.95, 0.99)
        ]

    sizes = {"Tantivy": folder_bytes(work / "tantivy"), "FTS5": fts5.size()}
    builds = {"Tantivy": tantivy_seconds, "FTS5": fts5_seconds}
    print(
        f"\n### Document search: {args.docs:,} documents, {len(queries)} queries, "
        f"median of {args.runs} runs\n"
    )
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}\n"
    )
    print("| engine | build (s) | index on disk (MB) | p50 (ms) | p95 (ms) | p99 (ms) |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in engines:
        p50, p95, p99 = summary(name)
        print(
            f"| {name} | {builds[name]:.0f} | {sizes[name] / 2**20:,.0f} | "
            f"{p50:.1f} | {p95:.1f} | {p99:.1f} |"
        )
    print(
        f"\nBuild times include generating the documents ({generate_seconds:.0f} s alone); "
        "Tantivy's is one upsert call (one commit, merges waited for), FTS5's one "
        "transaction plus optimize."
    )
    ratio = summary("FTS5")[1] / summary("Tantivy")[1]
    print(f"\np95 ratio FTS5 / Tantivy: **{ratio:.1f}x**\n")

    print("| query kind | wall | Tantivy p50 | Tantivy p95 | FTS5 p50 | FTS5 p95 |")
    print("|---|---|---:|---:|---:|---:|")
    for kind in ("word", "and", "phrase", "or", "not"):
        for restricted in (False, True):

            def pick(q: BenchQuery, kind: str = kind, restricted: bool = restricted) -> bool:
                return q.kind == kind and q.restricted == restricted

            t50, t95, _ = summary("Tantivy", pick)
            f50, f95, _ = summary("FTS5", pick)
            wall = "300 matters" if restricted else "none"
            print(f"| {kind} | {wall} | {t50:.1f} | {t95:.1f} | {f50:.1f} | {f95:.1f} |")

    same = sum(a == b for a, b in zip(totals["Tantivy"], totals["FTS5"], strict=True))
    median_total = {name: statistics.median(values) for name, values in totals.items()}
    print(
        f"\nSanity: both engines report the same total for {same} of {len(queries)} queries "
        f"(stemmers and tokenizers differ); median total Tantivy {median_total['Tantivy']:,.0f}, "
        f"FTS5 {median_total['FTS5']:,.0f}."
    )


if __name__ == "__main__":
    main()
