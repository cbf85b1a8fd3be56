"""Benchmark: case-law search over 100,000 and 1,000,000 opinions, against SQLite FTS5.

Corpus: ``bench/research/corpus.py`` (synthetic opinions assembled from paragraphs of the 550
real opinions; read its docstring). For each size, the same opinions go into casedesk's
``CaseLawIndex`` (Tantivy) and into an SQLite FTS5 table (``fts5_baseline.py``), in the same
process. Each query of ``QUERIES`` then runs ``--runs`` times on both, alternating which goes
first; a run returns the total, the top 20 with scores and highlighted snippets (what the
search page shows). Reported: p50 and p95 over all query runs, per engine, and their ratio;
build time; size on disk; the process's peak memory.

Usage (from the repository root):
  .venv/bin/python -m bench.research.bench_search --sizes 100000 1000000 --runs 5
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import resource
import shutil
import statistics
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from bench.research import fts5_baseline
from bench.research.corpus import opinions, pool_stats
from casedesk.core.citations import normalize_citation
from casedesk.core.search.caselaw import CaseLawIndex, IndexedOpinion

# (label, casedesk query, court filter, year range, FTS5 MATCH expression)
QUERIES: list[tuple[str, str, str | None, tuple[int, int] | None, str]] = [
    ("two words", "summary judgment", None, None, "summary judgment"),
    ("phrase", '"due process"', None, None, '"due process"'),
    ("phrase + court", '"probable cause"', "nm", None, '"probable cause"'),
    ("OR", "negligence OR recklessness", None, None, "negligence OR recklessness"),
    ("NOT", "contract NOT insurance", None, None, "contract NOT insurance"),
    ("prefix", "negligen*", None, None, "negligen*"),
    ("proximity w/5", "fourth w/5 amendment", None, None, "NEAR(fourth amendment, 5)"),
    ("years", "habeas", None, (1990, 2000), "habeas"),
    ("rare word", "estoppel", "scotus", None, "estoppel"),
    ("three words", "workers compensation benefits", None, None, "workers compensation benefits"),
    ("cites:", 'cites:"466 U.S. 668"', None, None, 'cites:"466 U.S. 668"'),
]


def _indexed(count: int) -> Iterator[IndexedOpinion]:
    for o in opinions(count):
        yield IndexedOpinion(
            id=o.id,
            case_name=o.case_name,
            court=o.court,
            date_filed=dt.date(o.year, 6, 1),
            text=o.text,
            cites=o.cites,
        )


def _batches(count: int, size: int = 10_000) -> Iterator[list[IndexedOpinion]]:
    batch: list[IndexedOpinion] = []
    for record in _indexed(count):
        batch.append(record)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _du(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def run(count: int, runs: int, folder: Path) -> dict[str, float]:
    index_path = folder / f"tantivy-{count}"
    shutil.rmtree(index_path, ignore_errors=True)
    started = time.perf_counter()
    index = CaseLawIndex(index_path, normalize_citation=normalize_citation)
    for batch in _batches(count):
        index.add(batch)
    tantivy_build = time.perf_counter() - started
    started = time.perf_counter()
    con = fts5_baseline.build(folder / f"fts5-{count}.db", opinions(count))
    fts_build = time.perf_counter() - started

    ours: list[float] = []
    theirs: list[float] = []
    totals: dict[str, tuple[int, int]] = {}
    for run_no in range(runs):
        for label, query, court, years, match in QUERIES:
            order = ("ours", "fts") if run_no % 2 == 0 else ("fts", "ours")
            for which in order:
                t0 = time.perf_counter()
                if which == "ours":
                    res = index.search(
                        query,
                        court=(court,) if court else (),
                        year_from=years[0] if years else None,
                        year_to=years[1] if years else None,
                        limit=20,
                    )
                    ours.append(time.perf_counter() - t0)
                    totals[label] = (res.total, totals.get(label, (0, 0))[1])
                else:
                    total, _ = fts5_baseline.search(
                        con,
                        match,
                        court=court,
                        year_from=years[0] if years else None,
                        year_to=years[1] if years else None,
                    )
                    theirs.append(time.perf_counter() - t0)
                    totals[label] = (totals.get(label, (0, 0))[0], total)
    con.close()
    result = {
        "count": count,
        "tantivy_build_s": tantivy_build,
        "fts5_build_s": fts_build,
        "tantivy_p50_ms": _pct(ours, 0.5) * 1000,
        "tantivy_p95_ms": _pct(ours, 0.95) * 1000,
        "fts5_p50_ms": _pct(theirs, 0.5) * 1000,
        "fts5_p95_ms": _pct(theirs, 0.95) * 1000,
        "tantivy_mb": _du(index_path) / 1e6,
        "fts5_mb": _du(folder / f"fts5-{count}.db") / 1e6,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "median_query_ms_ours": statistics.median(ours) * 1000,
    }
    print(f"\n{count:,} opinions: totals per query (casedesk, FTS5):")
    for label, (a, b) in totals.items():
        print(f"  {label:16} {a:>9,} {b:>9,}")
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=None)
    args = parser.parse_args()
    folder = args.folder or Path(tempfile.mkdtemp(prefix="casedesk-bench-search-"))
    folder.mkdir(parents=True, exist_ok=True)
    print(f"machine: {platform.platform()}, python {platform.python_version()}")
    print(f"corpus pool: {pool_stats()}")
    rows = [run(n, args.runs, folder) for n in args.sizes]
    print(
        "\n| opinions | casedesk p50 / p95 | FTS5 p50 / p95 | FTS5 / casedesk (p50, p95) "
        "| build casedesk / FTS5 | size casedesk / FTS5 |"
    )
    print("|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['count']:,} | {r['tantivy_p50_ms']:.1f} / {r['tantivy_p95_ms']:.1f} ms "
            f"| {r['fts5_p50_ms']:.1f} / {r['fts5_p95_ms']:.1f} ms "
            f"| {r['fts5_p50_ms'] / r['tantivy_p50_ms']:.1f}× / "
            f"{r['fts5_p95_ms'] / r['tantivy_p95_ms']:.1f}× "
            f"| {r['tantivy_build_s']:.0f} s / {r['fts5_build_s']:.0f} s "
            f"| {r['tantivy_mb']:.0f} MB / {r['fts5_mb']:.0f} MB |"
        )
        print(f"  peak RSS so far: {r['peak_rss_mb']:.0f} MB")


if __name__ == "__main__":
    main()
