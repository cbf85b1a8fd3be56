"""Benchmark: importing the 550 real opinions through casedesk's import path.

What is timed: ``import_start`` + ``import_run`` (the background task's body) on both JSONL files
of ``../shared/data/caselaw`` (50 Supreme Court + 500 New Mexico opinions, about 17 million
characters): reading, citation extraction (eyecite + resolution + normalisation), the citation
graph and the cited-by counts in SQLite, and the Tantivy index. The process has a throw-away
``CASEDESK_DATA_DIR`` (migrated once); the library is emptied (rows and index) between runs.

Baseline: ``eyecite.get_citations`` alone over the same 550 texts in the same process (what any
eyecite-based import pays at least). Reported: opinions per second (median of ``--runs``), the
ratio to the baseline, the split of the import's time, and the index size on disk.

Usage (from the repository root):
  .venv/bin/python -m bench.research.bench_import --runs 3
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
CASELAW = REPO / ".." / "shared" / "data" / "caselaw"
FILES = ("scotus-50.jsonl", "nm-appellate-500.jsonl")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return f"{cpu}, {os.cpu_count()} CPUs, Python {platform.python_version()}, {platform.system()}"


def setup_django(data_dir: Path) -> None:
    os.environ["CASEDESK_DATA_DIR"] = str(data_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casedesk.web.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.exists() else 0


def empty_library() -> None:
    from casedesk.web.research.indexing import index_path
    from casedesk.web.research.models import CitationRef, ImportJob, Opinion, OpinionCitation

    CitationRef.objects.all().delete()
    OpinionCitation.objects.all().delete()
    Opinion.objects.all().delete()
    ImportJob.objects.all().delete()
    shutil.rmtree(index_path(), ignore_errors=True)


def one_import(user: Any, paths: list[Path]) -> dict[str, Any]:
    from casedesk.web.research.import_services import import_run, import_start
    from casedesk.web.research.indexing import index_path
    from casedesk.web.research.models import CitationRef, Opinion

    started = time.perf_counter()
    job = import_start(by=user, files=paths, enqueue=False)
    job = import_run(job.pk)
    seconds = time.perf_counter() - started
    assert job.status == "done", job.message
    return {
        "seconds": seconds,
        "added": job.added,
        "opinions": Opinion.objects.count(),
        "citation_refs": CitationRef.objects.count(),
        "index_bytes": folder_size(index_path()),
        "db_bytes": folder_size(Path(os.environ["CASEDESK_DATA_DIR"])) - folder_size(index_path()),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()
    paths = [(CASELAW / name).resolve() for name in FILES]
    if not all(p.is_file() for p in paths):
        print(f"SKIP: the shared case-law data is not at {CASELAW.resolve()} (../shared/data).")
        return 0
    logging.getLogger("eyecite").setLevel(logging.ERROR)  # "Unknown overlap case" warnings

    data_dir = Path(tempfile.mkdtemp(prefix="casedesk-bench-import-"))
    try:
        setup_django(data_dir)
        from eyecite import get_citations

        from casedesk.web.accounts.models import User

        user = User.objects.create_user(
            username="bench-clerk", password="x", role="clerk", full_name="Bench Clerk"
        )
        texts = [
            json.loads(line)["text"] for p in paths for line in p.open(encoding="utf-8") if line
        ]
        chars = sum(len(t) for t in texts)

        imports: list[dict[str, Any]] = []
        baselines: list[float] = []
        for run in range(args.runs):
            empty_library()
            imports.append(one_import(user, paths))
            started = time.perf_counter()
            found = sum(len(get_citations(t)) for t in texts)
            baselines.append(time.perf_counter() - started)
            print(
                f"run {run + 1}: import {imports[-1]['seconds']:.1f} s, "
                f"eyecite {baselines[-1]:.1f} s ({found} citations)",
                file=sys.stderr,
            )
        imp = statistics.median(r["seconds"] for r in imports)
        base = statistics.median(baselines)
        last = imports[-1]
        n = last["added"]
        rows = [
            ("opinions imported", f"{n} ({chars / 1e6:.1f} M characters)"),
            ("citations stored (graph rows)", f"{last['citation_refs']:,}"),
            (f"import, median of {args.runs}", f"{imp:.1f} s = {n / imp:.1f} opinions/s"),
            (
                f"eyecite.get_citations alone, median of {args.runs}",
                f"{base:.1f} s = {n / base:.1f} opinions/s",
            ),
            ("import / eyecite time", f"{imp / base:.2f}×"),
            ("all runs (import s)", ", ".join(f"{r['seconds']:.1f}" for r in imports)),
            ("all runs (eyecite s)", ", ".join(f"{b:.1f}" for b in baselines)),
            ("Tantivy index on disk", f"{last['index_bytes'] / 1e6:.1f} MB"),
            ("SQLite database (+ WAL)", f"{last['db_bytes'] / 1e6:.1f} MB"),
        ]
        print("\n## Import throughput (550 real opinions)\n")
        print(f"Machine: {machine()}\n")
        print("| measure | value |\n|---|---|")
        for label, value in rows:
            print(f"| {label} | {value} |")
        if args.json:
            args.json.write_text(
                json.dumps(
                    {"machine": machine(), "imports": imports, "eyecite_seconds": baselines},
                    indent=2,
                )
            )
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
