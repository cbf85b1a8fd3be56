"""Benchmark: a 2,000-page trial binder from 40 mixed documents.

The documents (built once in a temporary folder):
- text PDFs cut from the ten Solicitor General briefs in ``../shared/data/briefs/osg`` (page
  ranges of one brief, and a few big ones concatenated from several briefs);
- image-only scans: brief pages rendered by ``pdftoppm`` at 100 dpi and wrapped by img2pdf;
- rotated documents (/Rotate 90 on every page) and landscape ones.
(Without the shared folder, synthetic text pages stand in, and the script says so.)

Each measurement runs in a fresh process (so peak RSS is its own), ``--runs`` times,
alternating; the table gives medians:
- ``binder (full)``: `build_binder` with index, dividers, bookmarks, page labels, binder page
  numbers and Bates labels;
- ``binder (no stamps)``: index, dividers, bookmarks and page labels only;
- ``pikepdf concatenation``: the baseline, ``pikepdf.new()`` + ``pages.extend`` of every
  document + ``save``, with the same save settings;
- ``qpdf --empty --pages``: qpdf's own command-line concatenation (peak RSS is qpdf's).
The same three for the first 20 documents (1,000 pages) show whether memory stays flat.

Usage: .venv/bin/python -m bench.trial.bench_binder [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import img2pdf
import pikepdf

BRIEFS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "briefs" / "osg"
TARGET_PAGES = 2_000
DOCUMENTS = 40
MODES = ("full", "plain", "concat", "qpdf")
LABELS = {
    "full": "binder (full: index, dividers, Bates, page numbers)",
    "plain": "binder (no stamps: index, dividers, bookmarks, labels)",
    "concat": "pikepdf concatenation (baseline)",
    "qpdf": "qpdf --empty --pages (second baseline)",
}


def _synthetic(path: Path, pages: int, label: str) -> None:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    for n in range(pages):
        lines = b"".join(
            b"BT /F1 10 Tf 72 %d Td (%s page %d line %d of a synthetic document.) Tj ET\n"
            % (740 - 14 * k, label.encode(), n + 1, k)
            for k in range(45)
        )
        pdf.pages.append(
            pikepdf.Page(
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Page,
                    MediaBox=pikepdf.Array([0, 0, 612, 792]),
                    Contents=pdf.make_stream(lines),
                    Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
                )
            )
        )
    pdf.save(path)


def _scan(folder: Path, brief: Path, pages: int, dst: Path) -> None:
    """An image-only PDF of ``pages`` pages rendered from the brief (cycled)."""
    shots = folder / f"{dst.stem}-img"
    shots.mkdir()
    subprocess.run(
        ["pdftoppm", "-r", "100", "-gray", "-png", "-f", "1", "-l", str(min(pages, 6)),
         str(brief), str(shots / "p")],
        check=True,
    )  # fmt: skip
    images = sorted(shots.glob("*.png"))
    chosen = [str(images[n % len(images)]) for n in range(pages)]
    dst.write_bytes(img2pdf.convert(chosen))
    shutil.rmtree(shots)


def _cut(sources: list[pikepdf.Pdf], pages: int, start: int, dst: Path, *, rotate: int = 0) -> None:
    """A text PDF of ``pages`` pages taken in order through the briefs from ``start``."""
    total = sum(len(s.pages) for s in sources)
    out = pikepdf.new()
    for n in range(pages):
        at = (start + n) % total
        for src in sources:
            if at < len(src.pages):
                out.pages.append(src.pages[at])
                break
            at -= len(src.pages)
    if rotate:
        for page in out.pages:
            page.obj.Rotate = rotate
    out.save(dst)


def build_corpus(folder: Path) -> list[Path]:
    """40 documents, 2,000 pages in all: many small, a few big, scans, rotated."""
    # the first 20 documents hold 1,000 pages and so do the last 20
    sizes = [250] + [40] * 18 + [30] + [300] + [20] * 9 + [45] * 9 + [115]
    assert len(sizes) == DOCUMENTS and sum(sizes) == TARGET_PAGES
    paths = [folder / f"doc{n:02d}.pdf" for n in range(DOCUMENTS)]
    briefs = sorted(BRIEFS.glob("*/body.pdf"))
    if not briefs:
        print(f"note: {BRIEFS} is absent; synthetic text pages stand in for the briefs")
        for n, (path, size) in enumerate(zip(paths, sizes, strict=True)):
            _synthetic(path, size, f"Document {n}")
        return paths
    sources = [pikepdf.open(b) for b in briefs]
    try:
        offset = 0
        for n, (path, size) in enumerate(zip(paths, sizes, strict=True)):
            if n % 8 == 5:
                _scan(folder, briefs[n % len(briefs)], size, path)
            else:
                _cut(sources, size, offset, path, rotate=90 if n % 8 == 3 else 0)
            offset += size
    finally:
        for src in sources:
            src.close()
    return paths


def _work(mode: str, paths: list[Path], dst: Path) -> float:
    """One measurement in this process: seconds taken."""
    from casedesk.core.pdf.binder import BatesOptions, BinderPart, build_binder

    started = time.perf_counter()
    if mode == "qpdf":
        subprocess.run(["qpdf", "--empty", "--pages", *map(str, paths), "--", str(dst)], check=True)
    elif mode == "concat":
        with pikepdf.new() as out:
            opened = [pikepdf.open(p) for p in paths]
            for src in opened:
                out.pages.extend(src.pages)
            out.save(dst)
            for src in opened:
                src.close()
    else:
        parts = [BinderPart(p, f"Exhibit {n + 1}: {p.stem}") for n, p in enumerate(paths)]
        full = mode == "full"
        build_binder(
            parts, dst, title="Trial Binder", subtitle="Bench v. Mark",
            bates=BatesOptions("BENCH", 1) if full else None, page_numbers=full,
        )  # fmt: skip
    return time.perf_counter() - started


def _measure(mode: str, paths: list[Path], dst: Path) -> dict[str, float]:
    """Run `_work` in a fresh interpreter; its time and peak RSS."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.trial.bench_binder", "--worker", mode, str(dst),
         *map(str, paths)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        mode, dst, *files = args.worker
        seconds = _work(mode, [Path(f) for f in files], Path(dst))
        who = resource.RUSAGE_CHILDREN if mode == "qpdf" else resource.RUSAGE_SELF
        rss = resource.getrusage(who).ru_maxrss / 1024
        print(json.dumps({"seconds": seconds, "rss_mb": rss}))
        return

    with tempfile.TemporaryDirectory(prefix="bench-binder-") as tmp:
        folder = Path(tmp)
        started = time.perf_counter()
        paths = build_corpus(folder)
        pages = [len(pikepdf.open(p).pages) for p in paths]
        print(f"corpus: {len(paths)} documents, {sum(pages):,} pages "
              f"(built in {time.perf_counter() - started:.1f} s)")  # fmt: skip
        results: dict[tuple[int, str], list[dict[str, float]]] = {}
        for count in (DOCUMENTS // 2, DOCUMENTS):
            for _ in range(args.runs):
                for mode in MODES:
                    dst = folder / f"out-{mode}.pdf"
                    results.setdefault((count, mode), []).append(_measure(mode, paths[:count], dst))
                    if count == DOCUMENTS and mode == "full" and _ == 0:
                        check = subprocess.run(["qpdf", "--check", str(dst)], capture_output=True)
                        print(f"qpdf --check of the full binder: exit {check.returncode}")
        print()
        print(f"Python {platform.python_version()}, pikepdf {pikepdf.__version__}, "
              f"{args.runs} runs each, medians")  # fmt: skip
        print()
        print("| Documents | Input pages | What | Median s | Pages/s | Ratio to baseline "
              "| Peak RSS MB |")  # fmt: skip
        print("|---|---|---|---|---|---|---|")
        for count in (DOCUMENTS // 2, DOCUMENTS):
            n_pages = sum(pages[:count])
            base = statistics.median(r["seconds"] for r in results[(count, "concat")])
            for mode in MODES:
                runs = results[(count, mode)]
                median = statistics.median(r["seconds"] for r in runs)
                rss = max(r["rss_mb"] for r in runs)
                print(f"| {count} | {n_pages:,} | {LABELS[mode]} | {median:.2f} | "
                      f"{n_pages / median:,.0f} | {median / base:.2f}x | {rss:.0f} |")  # fmt: skip


if __name__ == "__main__":
    main()
