"""Benchmark: document ingest — upload, text extraction, indexing, and OCR of scanned pages.

The corpus (not timed; see ``make_corpus.py``): by default 100 text PDFs typeset with
WeasyPrint from real court opinions in ``../shared/data/caselaw`` (3-30 pages each, about
1,100 pages in all), and 10 image-only PDFs of 1-3 pages rendered from them at 300 dpi
grayscale (the "scans"). It is built once and cached in a temporary folder.

Each run is a child process with a fresh throw-away ``CASEDESK_DATA_DIR`` (migrated, one
attorney, one matter; SQLite in WAL mode, ``synchronous=FULL`` as configured), so runs are
independent. One warm-up document (a copy of a corpus file with a different hash, in another
matter, trashed afterwards) loads the libraries first. Then, timed:

1. Text PDFs
   (a) upload: ``documents_upload`` of all files in one call (SHA-256, blob copy with fsync,
       DB rows, audit chain, task queued) -> files/s, MB/s. Baselines: ``shutil.copyfile`` +
       SHA-256 of each file (the floor of any store), and the same with ``os.fsync`` of each
       copy (the floor of a durable one).
   (b) extraction: ``casedesk.core.extract.text.extract_text`` per file -> pages/s.
       Baseline: Poppler's ``pdftotext`` (a subprocess per file, text to stdout).
   (c) the background step ``version_extract`` per version (blob copy, extract, save, audit,
       index that one document, data-entry proposals) -> documents/s, pages/s, with the time
       split between its parts.
   (d) indexing alone: ``reindex_all()`` (rebuild of the Tantivy index from the DB) -> docs/s.
2. Scans: upload (not in the table), then ``version_extract`` per scan (which finds no text
   layer and runs OCRmyPDF: Tesseract, then a searchable PDF stored beside the original)
   -> seconds per page. Baseline: the bare ``tesseract PAGE.png stdout`` on the same 300-dpi
   page images, with ``OMP_THREAD_LIMIT=1`` as OCRmyPDF ``--jobs 1`` runs it. The crude word
   recall (share of the source page's distinct words of 5+ letters found in the OCR text) is
   reported for both so a speed is never that of garbage output.

Within a run our step and its baseline run back to back on the same files, in alternating
order from run to run (shared cores drift). Reported: the median over ``--runs`` of each
figure; ratio = our time / baseline time, paired within each run and then the median over
runs (so 3.0x means three times slower than the baseline).

Usage: .venv/bin/python bench/documents/bench_ingest.py [--text-docs 100] [--scan-docs 10]
       [--runs 3] [--quick] [--output bench/documents/results-YYYY-MM-DD-runN.json]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import gc
import hashlib
import importlib.metadata
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import make_corpus  # noqa: E402  (a sibling module, found through the line above)

CHUNK = 1024 * 1024
WORD = re.compile(r"[A-Za-z]{5,}")


# --- helpers used by the child (one run) -------------------------------------------------------


class Split:
    """Accumulated seconds and calls of functions wrapped while a stage runs."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = defaultdict(float)
        self.calls: dict[str, int] = defaultdict(int)

    @contextlib.contextmanager
    def wrap(self, module: Any, name: str, label: str) -> Iterator[None]:
        original = getattr(module, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                self.seconds[label] += time.perf_counter() - started
                self.calls[label] += 1

        setattr(module, name, timed)
        try:
            yield
        finally:
            setattr(module, name, original)

    def as_dict(self) -> dict[str, Any]:
        return {
            label: {"seconds": round(self.seconds[label], 4), "calls": self.calls[label]}
            for label in self.seconds
        }


@contextlib.contextmanager
def count_queries() -> Iterator[list[int]]:
    """Count the SQL statements run inside the block (the list's one element)."""
    from django.db import connection

    counter = [0]

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        counter[0] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield counter


def timed(fn: Callable[[], Any]) -> tuple[float, Any]:
    gc.collect()
    started = time.perf_counter()
    value = fn()
    return time.perf_counter() - started, value


def words(text: str) -> set[str]:
    """Distinct words of five or more letters, lower-cased."""
    return {w.lower() for w in WORD.findall(text)}


def recall(source: str, found: str) -> float:
    wanted = words(source)
    return len(wanted & words(found)) / len(wanted) if wanted else 1.0


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def baseline_copy(paths: list[Path], dest: Path, *, fsync: bool) -> None:
    """The floor of a file store: copy each file and hash it (and fsync the copy)."""
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for number, src in enumerate(paths):
        target = dest / f"{number:05d}"
        if fsync:
            with src.open("rb") as fin, target.open("wb") as fout:
                shutil.copyfileobj(fin, fout, CHUNK)
                fout.flush()
                os.fsync(fout.fileno())
        else:
            shutil.copyfile(src, target)
        sha256_of(src)


def pdftotext(path: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8", "replace")


def tesseract(png: Path) -> str:
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    done = subprocess.run(
        ["tesseract", str(png), "stdout", "-l", "eng"], capture_output=True, check=True, env=env
    )
    return done.stdout.decode("utf-8", "replace")


def child_run(corpus: Path, run: int, out: Path) -> None:
    """One independent run in this (fresh) process and data directory; writes ``out``."""
    manifest = json.loads((corpus / "manifest.json").read_text())
    baseline_first = run % 2 == 1

    def log(message: str) -> None:
        print(f"  [run {run + 1}] {message}", flush=True)

    from casedesk.cli.bootstrap import django_ready

    migrate_s, _ = timed(django_ready)
    from django.conf import settings
    from django.utils import timezone
    from django_tasks_db.backend import DatabaseBackend

    from casedesk.core.extract import text as text_module
    from casedesk.core.extract.kinds import FileKind
    from casedesk.core.search.documents import DocumentIndex
    from casedesk.web.accounts.models import User
    from casedesk.web.documents import document_services, extraction, indexing, proposal_services
    from casedesk.web.documents.document_services import IncomingFile, documents_upload
    from casedesk.web.documents.models import Document, DocumentVersion, Proposal
    from casedesk.web.matters.models import Matter, MatterTeamMember

    user = User.objects.create_user("bench", role="attorney", full_name="Bench Attorney")
    matters = []
    for number in ("2026-0001", "2026-0002"):
        matter = Matter.objects.create(
            number=number,
            title=f"Ingest benchmark {number}",
            practice_area="litigation",
            status="open",
            responsible_attorney=user,
        )
        MatterTeamMember.objects.create(matter=matter, user=user, role="lead")
        matters.append(matter)
    matter, warm_matter = matters
    work = Path(settings.DATA_DIR) / "bench-work"
    work.mkdir()

    text_docs = manifest["text"]
    text_paths = [corpus / d["file"] for d in text_docs]
    text_files = [
        IncomingFile(path=p, name=d["name"]) for p, d in zip(text_paths, text_docs, strict=True)
    ]
    text_pages = sum(d["pages"] for d in text_docs)
    text_bytes = sum(d["bytes"] for d in text_docs)

    # Warm-up: a corpus file with one more byte (so a new hash), through every path once.
    warm = work / "warm-up.pdf"
    warm.write_bytes(text_paths[0].read_bytes() + b"\n% warm-up\n")
    warm_doc = documents_upload(
        by=user, matter=warm_matter, files=[IncomingFile(path=warm, name="warm-up.pdf")]
    ).documents[0]
    extraction.version_extract(warm_doc.current_version_id)
    text_module.extract_text(warm, FileKind.PDF)
    pdftotext(warm)
    baseline_copy([warm], work / "warm-copy", fsync=True)
    Document.objects.filter(pk=warm_doc.pk).update(deleted_at=timezone.now())
    indexing.index_documents([warm_doc.pk])
    stages: dict[str, Any] = {}

    # (a) upload, and its baselines
    def ours_upload() -> None:
        split = Split()
        with (
            split.wrap(document_services, "blob_store_file", "blob_store_file"),
            split.wrap(document_services, "audit_record", "audit_record"),
            split.wrap(DatabaseBackend, "enqueue", "task enqueue (DB row)"),
            count_queries() as queries,
        ):
            seconds, result = timed(
                lambda: documents_upload(by=user, matter=matter, files=text_files)
            )
        assert not result.rejected, result.rejected
        assert len(result.documents) == len(text_files)
        stages["upload"] = {
            "seconds": seconds,
            "files": len(text_files),
            "bytes": text_bytes,
            "queries": queries[0],
            "split": split.as_dict(),
        }
        stages["_version_ids"] = [d.current_version_id for d in result.documents]

    def baselines_upload() -> None:
        for name, fsync in (("copy_sha256", False), ("copy_sha256_fsync", True)):
            seconds, _ = timed(lambda f=fsync: baseline_copy(text_paths, work / "copy", fsync=f))
            stages[f"baseline_{name}"] = {"seconds": seconds, "files": len(text_paths)}
        shutil.rmtree(work / "copy")

    for step in (
        (baselines_upload, ours_upload) if baseline_first else (ours_upload, baselines_upload)
    ):
        step()
    log(
        f"upload {stages['upload']['seconds']:.2f} s; copy+sha256 "
        f"{stages['baseline_copy_sha256']['seconds']:.2f} s"
    )

    # (b) extraction, and pdftotext
    def ours_extract() -> None:
        def run_all() -> tuple[int, int]:
            pages = chars = 0
            for path in text_paths:
                got = text_module.extract_text(path, FileKind.PDF)
                assert not got.needs_ocr and not got.encrypted, path
                pages += got.pages or 0
                chars += len(got.text)
            return pages, chars

        seconds, (pages, chars) = timed(run_all)
        stages["extract_text"] = {"seconds": seconds, "pages": pages, "chars": chars}

    def baseline_extract() -> None:
        seconds, chars = timed(lambda: sum(len(pdftotext(p)) for p in text_paths))
        stages["baseline_pdftotext"] = {"seconds": seconds, "pages": text_pages, "chars": chars}

    for step in (
        (baseline_extract, ours_extract) if baseline_first else (ours_extract, baseline_extract)
    ):
        step()
    log(
        f"extract_text {stages['extract_text']['seconds']:.2f} s; pdftotext "
        f"{stages['baseline_pdftotext']['seconds']:.2f} s"
    )

    # (c) the whole background step
    version_ids = stages.pop("_version_ids")

    def extract_all(ids: list[int]) -> list[str]:
        return [extraction.version_extract(version_id) for version_id in ids]

    split = Split()
    with (
        split.wrap(extraction, "blob_copy_to", "blob_copy_to"),
        split.wrap(extraction, "extract_text", "extract_text"),
        split.wrap(extraction, "audit_record", "audit_record"),
        split.wrap(indexing, "index_documents", "index_documents"),
        split.wrap(proposal_services, "proposals_make", "proposals_make"),
        split.wrap(proposal_services, "find_fields", "find_fields (within proposals_make)"),
        count_queries() as queries,
    ):
        seconds, statuses = timed(lambda: extract_all(version_ids))
    assert statuses == ["done"] * len(version_ids), statuses
    done_pages = sum(
        DocumentVersion.objects.filter(pk__in=version_ids).values_list("pages", flat=True)
    )
    stages["version_extract"] = {
        "seconds": seconds,
        "documents": len(version_ids),
        "pages": done_pages,
        "queries": queries[0],
        "proposals": Proposal.objects.filter(version_id__in=version_ids).count(),
        "split": split.as_dict(),
    }
    log(f"version_extract {seconds:.2f} s")

    # (d) indexing alone
    seconds, indexed = timed(indexing.reindex_all)
    in_index = DocumentIndex(indexing.index_path()).count()
    assert indexed == len(version_ids) == in_index, (indexed, in_index)
    stages["reindex_all"] = {"seconds": seconds, "documents": indexed}
    log(f"reindex_all {seconds:.2f} s")

    # 2. scans
    scans = manifest["scans"]
    if scans and shutil.which("tesseract"):
        scan_files = [IncomingFile(path=corpus / s["file"], name=s["name"]) for s in scans]
        seconds, result = timed(lambda: documents_upload(by=user, matter=matter, files=scan_files))
        assert not result.rejected, result.rejected
        stages["scan_upload"] = {"seconds": seconds, "files": len(scan_files)}
        scan_versions = [d.current_version_id for d in result.documents]

        def ours_ocr() -> None:
            split = Split()
            per_doc = []
            with (
                split.wrap(extraction, "ocr_to_pdf", "ocr_to_pdf"),
                split.wrap(extraction, "extract_text", "extract_text"),
                split.wrap(extraction, "blob_store_file", "blob_store_file (OCR PDF)"),
                split.wrap(indexing, "index_documents", "index_documents"),
                split.wrap(proposal_services, "proposals_make", "proposals_make"),
            ):
                for scan, version_id in zip(scans, scan_versions, strict=True):
                    seconds, status = timed(lambda v=version_id: extraction.version_extract(v))
                    version = DocumentVersion.objects.get(pk=version_id)
                    per_doc.append(
                        {
                            "file": scan["name"],
                            "pages": scan["pages"],
                            "seconds": round(seconds, 3),
                            "status": status,
                            "method": version.text_method,
                            "ocr_pdf": version.ocr_blob_id is not None,
                            "recall": round(
                                recall("\n".join(scan["source_text"]), version.text), 4
                            ),
                        }
                    )
            bad = [d for d in per_doc if d["status"] != "done" or d["method"] != "ocr"]
            assert not bad, bad
            stages["scan_version_extract"] = {
                "seconds": sum(d["seconds"] for d in per_doc),
                "pages": sum(d["pages"] for d in per_doc),
                "documents": len(per_doc),
                "recall": round(statistics.mean(d["recall"] for d in per_doc), 4),
                "per_document": per_doc,
                "split": split.as_dict(),
            }

        def baseline_ocr() -> None:
            per_doc = []
            for scan in scans:
                started = time.perf_counter()
                found = "\n".join(tesseract(corpus / png) for png in scan["pngs"])
                seconds = time.perf_counter() - started
                per_doc.append(
                    {
                        "file": scan["name"],
                        "pages": scan["pages"],
                        "seconds": round(seconds, 3),
                        "recall": round(recall("\n".join(scan["source_text"]), found), 4),
                    }
                )
            stages["baseline_tesseract"] = {
                "seconds": sum(d["seconds"] for d in per_doc),
                "pages": sum(d["pages"] for d in per_doc),
                "recall": round(statistics.mean(d["recall"] for d in per_doc), 4),
                "per_document": per_doc,
            }

        tesseract(corpus / scans[0]["pngs"][0])  # warm-up: language data into the page cache
        startup, _ = timed(
            lambda: subprocess.run(
                [sys.executable, "-m", "ocrmypdf", "--version"], capture_output=True, check=True
            )
        )
        stages["ocrmypdf_version_startup"] = {"seconds": startup}
        for step in (baseline_ocr, ours_ocr) if baseline_first else (ours_ocr, baseline_ocr):
            step()
        log(
            f"scans: version_extract {stages['scan_version_extract']['seconds']:.1f} s; "
            f"tesseract {stages['baseline_tesseract']['seconds']:.1f} s"
        )

    out.write_text(
        json.dumps(
            {
                "run": run + 1,
                "baseline_first": baseline_first,
                "migrate_seconds": round(migrate_s, 2),
                "load_average_end": os.getloadavg(),
                "stages": stages,
            },
            indent=1,
        )
        + "\n"
    )


# --- the parent: corpus, runs, summary ----------------------------------------------------------


def _tool_version(cmd: list[str]) -> str:
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    except OSError:
        return "absent"
    return (
        (done.stdout or done.stderr).strip().splitlines()[0] if (done.stdout or done.stderr) else ""
    )


def _package(name: str) -> str:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "absent"


def _filesystem(path: Path) -> str:
    best = ("", "?")
    with contextlib.suppress(OSError), open("/proc/mounts") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) > 2 and str(path).startswith(parts[1]) and len(parts[1]) > len(best[0]):
                best = (parts[1], parts[2])
    return f"{best[1]} ({best[0]})"


def _median(values: list[float]) -> float:
    return statistics.median(values)


def summarise(runs: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The table rows (medians over runs) and the breakdowns."""

    def stage(name: str) -> list[dict[str, Any]]:
        return [r["stages"][name] for r in runs if name in r["stages"]]

    def rate(name: str, key: str, scale: float = 1.0) -> list[float]:
        return [s[key] * scale / s["seconds"] for s in stage(name)]

    rows: list[dict[str, Any]] = []

    def row(
        label: str, ours: list[float], base: list[float] | None, unit: str, higher_better: bool
    ) -> None:
        ours_m = _median(ours)
        base_m = _median(base) if base else None
        ratio = ratio_of_medians = None
        if base:
            # Paired within each run (same process, back to back), then the median over runs.
            paired = [b / o if higher_better else o / b for o, b in zip(ours, base, strict=True)]
            ratio = _median(paired)
            ratio_of_medians = base_m / ours_m if higher_better else ours_m / base_m
        rows.append(
            {
                "stage": label,
                "median": round(ours_m, 4),
                "baseline_median": None if base_m is None else round(base_m, 4),
                "ratio_time_ours_over_baseline": None if ratio is None else round(ratio, 2),
                "ratio_of_medians": None
                if ratio_of_medians is None
                else round(ratio_of_medians, 2),
                "unit": unit,
                "per_run": [round(v, 4) for v in ours],
                "baseline_per_run": None if base is None else [round(v, 4) for v in base],
            }
        )

    mb = 1 / 1_000_000
    row(
        "(a) upload: documents_upload vs copyfile + SHA-256",
        rate("upload", "files"),
        rate("baseline_copy_sha256", "files"),
        "files/s",
        True,
    )
    row(
        "(a) upload, in MB/s",
        rate("upload", "bytes", mb),
        [
            r["stages"]["upload"]["bytes"] * mb / r["stages"]["baseline_copy_sha256"]["seconds"]
            for r in runs
        ],
        "MB/s",
        True,
    )
    row(
        "(a) upload vs copy + SHA-256 + fsync per file",
        rate("upload", "files"),
        rate("baseline_copy_sha256_fsync", "files"),
        "files/s",
        True,
    )
    row(
        "(b) extraction: extract_text vs pdftotext",
        rate("extract_text", "pages"),
        rate("baseline_pdftotext", "pages"),
        "pages/s",
        True,
    )
    row(
        "(c) version_extract (extract+save+index+proposals)",
        rate("version_extract", "documents"),
        None,
        "documents/s",
        True,
    )
    row("(c) version_extract, in pages/s", rate("version_extract", "pages"), None, "pages/s", True)
    row(
        "(d) indexing alone: reindex_all",
        rate("reindex_all", "documents"),
        None,
        "documents/s",
        True,
    )
    if stage("scan_version_extract"):
        row(
            "scans: version_extract (OCRmyPDF) vs bare tesseract",
            [s["seconds"] / s["pages"] for s in stage("scan_version_extract")],
            [s["seconds"] / s["pages"] for s in stage("baseline_tesseract")],
            "s/page",
            False,
        )
        rows.append(
            {
                "stage": "scans: OCR word recall (5+ letter words of the source page)",
                "median": _median([s["recall"] for s in stage("scan_version_extract")]),
                "baseline_median": _median([s["recall"] for s in stage("baseline_tesseract")]),
                "ratio_time_ours_over_baseline": None,
                "unit": "fraction",
                "per_run": [s["recall"] for s in stage("scan_version_extract")],
                "baseline_per_run": [s["recall"] for s in stage("baseline_tesseract")],
            }
        )

    def split_ms(name: str, per: str) -> dict[str, float]:
        labels = {label for s in stage(name) for label in s.get("split", {})}
        out = {
            label: round(
                _median(
                    [
                        s["split"].get(label, {}).get("seconds", 0) * 1000 / s[per]
                        for s in stage(name)
                    ]
                ),
                2,
            )
            for label in sorted(labels)
        }
        out["total"] = round(_median([s["seconds"] * 1000 / s[per] for s in stage(name)]), 2)
        return out

    breakdown: dict[str, Any] = {
        "upload_ms_per_file": split_ms("upload", "files"),
        "upload_queries_per_file": _median([s["queries"] / s["files"] for s in stage("upload")]),
        "version_extract_ms_per_document": split_ms("version_extract", "documents"),
        "version_extract_queries_per_document": _median(
            [s["queries"] / s["documents"] for s in stage("version_extract")]
        ),
        "reindex_all_ms_per_document": round(
            _median([s["seconds"] * 1000 / s["documents"] for s in stage("reindex_all")]), 2
        ),
        "extract_text_chars_vs_pdftotext": _median(
            [
                r["stages"]["extract_text"]["chars"] / r["stages"]["baseline_pdftotext"]["chars"]
                for r in runs
            ]
        ),
    }
    if stage("scan_version_extract"):
        breakdown["scan_version_extract_ms_per_page"] = split_ms("scan_version_extract", "pages")
        breakdown["scan_seconds_fit_per_document_plus_per_page"] = {
            name: _fit([d for s in stage(name) for d in s["per_document"]])
            for name in ("scan_version_extract", "baseline_tesseract")
        }
        breakdown["ocrmypdf_version_startup_s"] = _median(
            [s["seconds"] for s in stage("ocrmypdf_version_startup")]
        )
    return rows, breakdown


def _fit(per_document: list[dict[str, Any]]) -> dict[str, float]:
    """Least squares seconds = fixed + per_page * pages over every scan of every run."""
    xs = [float(d["pages"]) for d in per_document]
    ys = [float(d["seconds"]) for d in per_document]
    if len(set(xs)) < 2:
        return {}
    slope, intercept = statistics.linear_regression(xs, ys)
    return {"fixed_s_per_document": round(intercept, 2), "s_per_page": round(slope, 2)}


def _fmt(value: float | None, unit: str = "") -> str:
    if value is None:
        return "—"
    if unit == "fraction":
        return f"{value:.4f}"
    if value >= 100:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}" if value < 1 else f"{value:.2f}"


def markdown_table(rows: list[dict[str, Any]]) -> str:
    lines = [
        "| stage | median | baseline median | ratio (our time / baseline, paired per run) | unit |",
        "|---|---:|---:|---:|---|",
    ]
    for r in rows:
        ratio = r["ratio_time_ours_over_baseline"]
        lines.append(
            f"| {r['stage']} | {_fmt(r['median'], r['unit'])} | "
            f"{_fmt(r['baseline_median'], r['unit'])} | "
            f"{'—' if ratio is None else f'{ratio:.2f}x'} | {r['unit']} |"
        )
    return "\n".join(lines)


def _default_output(today: str) -> Path:
    number = 1
    while (HERE / f"results-{today}-run{number}.json").exists():
        number += 1
    return HERE / f"results-{today}-run{number}.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--text-docs", type=int, default=None, help="default 100 (10 quick)")
    parser.add_argument("--scan-docs", type=int, default=None, help="default 10 (2 quick)")
    parser.add_argument("--runs", type=int, default=None, help="default 3 (1 quick)")
    parser.add_argument("--quick", action="store_true", help="a small corpus, one run")
    parser.add_argument("--seed", type=int, default=20261127)
    parser.add_argument("--caselaw", type=Path, default=make_corpus.DEFAULT_CASELAW)
    parser.add_argument("--corpus-dir", type=Path, default=None, help="default: a temp cache")
    parser.add_argument("--data-root", type=Path, default=None, help="where data dirs go")
    parser.add_argument("--output", type=Path, default=None)
    parser.add_argument("--child", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("--run-index", type=int, default=0, help=argparse.SUPPRESS)
    parser.add_argument("--child-output", type=Path, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child is not None:
        child_run(args.child, args.run_index, args.child_output)
        return 0

    n_text = args.text_docs if args.text_docs is not None else (10 if args.quick else 100)
    n_scan = args.scan_docs if args.scan_docs is not None else (2 if args.quick else 10)
    runs = args.runs if args.runs is not None else (1 if args.quick else 3)
    if not args.caselaw.is_dir():
        print(
            f"Skipped: the caselaw data folder {args.caselaw} is absent (see "
            "../shared/data/README.md); the corpus is built from it."
        )
        return 0
    if n_scan and not shutil.which("tesseract"):
        print("Tesseract is not installed: the scanned-page stage is skipped.")
        n_scan = 0
    for tool in ("pdftotext",):
        if not shutil.which(tool):
            print(f"Skipped: {tool} (Poppler) is needed for the extraction baseline.")
            return 0

    corpus_dir = args.corpus_dir or make_corpus.default_cache_dir(n_text, n_scan, args.seed)
    print(f"corpus: {corpus_dir}")
    manifest = make_corpus.build_corpus(
        corpus_dir, n_text=n_text, n_scan=n_scan, seed=args.seed, caselaw=args.caselaw
    )
    pages = [d["pages"] for d in manifest["text"]]
    sizes = [d["bytes"] for d in manifest["text"]]
    scan_pages = [s["pages"] for s in manifest["scans"]]
    print(
        f"{len(pages)} text PDFs: {sum(pages)} pages ({min(pages)}-{max(pages)}, median "
        f"{statistics.median(pages):g}), {sum(sizes) / 1e6:.1f} MB; {len(scan_pages)} scans: "
        f"{sum(scan_pages)} pages, {sum(s['bytes'] for s in manifest['scans']) / 1e6:.1f} MB"
    )

    data_root = args.data_root or Path(tempfile.gettempdir())
    load_start = os.getloadavg()
    results = []
    for run in range(runs):
        data_dir = Path(tempfile.mkdtemp(prefix="casedesk-bench-ingest-", dir=data_root))
        child_out = data_dir.with_name(data_dir.name + "-result.json")
        env = {
            **os.environ,
            "CASEDESK_DATA_DIR": str(data_dir),
            "CASEDESK_LOG_LEVEL": "ERROR",
            "CASEDESK_DEBUG": "0",
            "DJANGO_SETTINGS_MODULE": "casedesk.web.settings",
        }
        started = time.perf_counter()
        try:
            subprocess.run(
                [
                    sys.executable,
                    str(Path(__file__).resolve()),
                    "--child",
                    str(corpus_dir),
                    "--run-index",
                    str(run),
                    "--child-output",
                    str(child_out),
                ],
                env=env,
                check=True,
            )
            results.append(json.loads(child_out.read_text()))
        finally:
            shutil.rmtree(data_dir, ignore_errors=True)
            child_out.unlink(missing_ok=True)
        print(f"run {run + 1}/{runs} took {time.perf_counter() - started:.0f} s")

    rows, breakdown = summarise(results)
    today = dt.date.today().isoformat()
    output = args.output or _default_output(today)
    result = {
        "benchmark": "document ingest (bench/documents/bench_ingest.py)",
        "date": today,
        "machine": {
            "platform": platform.platform(),
            "cpu_count": os.cpu_count(),
            "python": platform.python_version(),
            "load_average_start": load_start,
            "load_average_end": os.getloadavg(),
            "data_filesystem": _filesystem(data_root.resolve()),
            "note": "shared cores: compare medians and ratios, not absolute figures",
        },
        "tools": {
            "pypdfium2": _package("pypdfium2"),
            "tantivy": _package("tantivy"),
            "ocrmypdf": _package("ocrmypdf"),
            "pikepdf": _package("pikepdf"),
            "weasyprint": _package("weasyprint"),
            "django": _package("django"),
            "pdftotext": _tool_version(["pdftotext", "-v"]),
            "tesseract": _tool_version(["tesseract", "--version"]),
            "ghostscript": _tool_version(["gs", "--version"]),
        },
        "database": "SQLite (WAL, synchronous=FULL), fresh throw-away data dir per run",
        "parameters": {
            "text_docs": n_text,
            "scan_docs": n_scan,
            "runs": runs,
            "seed": args.seed,
            "quick": args.quick,
            "corpus_dir": str(corpus_dir),
        },
        "corpus": {
            "how": "see bench/documents/make_corpus.py",
            "text_pages_total": sum(pages),
            "text_pages_min_median_max": [min(pages), statistics.median(pages), max(pages)],
            "text_bytes_total": sum(sizes),
            "scan_pages_total": sum(scan_pages),
            "scan_bytes_total": sum(s["bytes"] for s in manifest["scans"]),
            "files": [
                {k: d[k] for k in ("name", "pages", "bytes", "source_id")} for d in manifest["text"]
            ],
        },
        "table": rows,
        "breakdown": breakdown,
        "runs": results,
    }
    output.write_text(json.dumps(result, indent=1) + "\n")
    print()
    print(markdown_table(rows))
    print()
    print("breakdown (medians):", json.dumps(breakdown, indent=1))
    print(f"results: {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
