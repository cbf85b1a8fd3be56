"""Benchmark: Bates-stamping a 5,000-page production of mixed documents.

The production (built once per invocation in a temporary folder, not timed):
- text PDFs from the ten Solicitor General briefs in ``../shared/data/briefs/osg``: the
  briefs themselves (twice), two big documents (800 and 600 pages) concatenated from them,
  and hundreds of small documents of 1-6 pages cut from them;
- image-only scans: brief pages rendered by ``pdftoppm`` (150 dpi, grey JPEG) and wrapped
  by img2pdf into documents of 1-5 pages;
- rotated documents: /Rotate 90, 180 or 270, some with a CropBox offset from the origin;
shuffled with a fixed seed, then trimmed so the pages add up to exactly ``--pages``.
(Without the shared folder, synthetic text pages stand in and the script says so.)

Each measurement runs in a fresh process (so its peak RSS is its own), ``--runs`` times,
with the order of the modes rotated from run to run; the table gives medians:
- ``bates_stamp``: casedesk's `bates_stamp` of every document in order (numbering
  continuing), half of them with a confidentiality legend;
- ``pikepdf open+save``: the baseline, ``pikepdf.open(src).save(dst)`` per document, with the
  same (default) save settings, so stream compression is the same in both;
- ``qpdf CLI``: ``qpdf src dst`` per document (a process each: its spawn cost is included).
The ratio is stamp / pikepdf, paired within a run, median over runs. Peak RSS is measured
for the first 1,000 pages of the same mix and for all of it, and for a single 1,000-page
and a single 5,000-page document, to show memory stays flat as pages grow.

Usage: .venv/bin/python -m bench.trial.bench_stamp [--runs 5] [--pages 5000] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import img2pdf  # type: ignore[import-untyped]
import pikepdf

BRIEFS = Path(__file__).resolve().parents[2].parent / "shared" / "data" / "briefs" / "osg"
MODES = ("stamp", "pikepdf", "qpdf")
LABELS = {
    "stamp": "bates_stamp (casedesk)",
    "pikepdf": "pikepdf open+save (baseline)",
    "qpdf": "qpdf CLI rewrite (second baseline)",
}
LEGEND = "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER"


# --- corpus ------------------------------------------------------------------------------------


def _synthetic_sources(folder: Path) -> list[Path]:
    """Ten text PDFs of 20-60 pages, for machines without the shared briefs."""
    paths = []
    for n in range(10):
        pdf = pikepdf.new()
        font = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Times
            )
        )
        for p in range(20 + 4 * n):
            lines = b"".join(
                b"BT /F1 11 Tf 72 %d Td (Synthetic brief %d page %d line %d lorem ipsum) Tj ET\n"
                % (720 - 14 * k, n, p, k)
                for k in range(45)
            )
            page = pikepdf.Dictionary(
                Type=pikepdf.Name.Page,
                MediaBox=[0, 0, 612, 792],
                Contents=pdf.make_stream(lines),
                Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
            )
            pdf.pages.append(pikepdf.Page(page))
        path = folder / f"synthetic{n}.pdf"
        pdf.save(path)
        paths.append(path)
    return paths


class _Cutter:
    """Cuts page runs out of the source briefs, cycling through all their pages."""

    def __init__(self, sources: list[Path]) -> None:
        self.pdfs = [pikepdf.open(p) for p in sources]
        self.pages = [(i, k) for i, pdf in enumerate(self.pdfs) for k in range(len(pdf.pages))]
        self.cursor = 0

    def write(self, dst: Path, count: int, *, rotate: int = 0, crop: bool = False) -> int:
        out = pikepdf.new()
        for _ in range(count):
            source, index = self.pages[self.cursor % len(self.pages)]
            self.cursor += 1
            out.pages.append(self.pdfs[source].pages[index])
            page = out.pages[-1]
            if rotate:
                page.obj.Rotate = rotate
            if crop:
                page.obj.CropBox = pikepdf.Array([36, 24, 590, 770])
        out.save(dst)
        return count


def _scan_images(folder: Path, sources: list[Path], count: int) -> list[Path]:
    """Render ``count`` brief pages to grey JPEGs (the "scanner" output)."""
    images: list[Path] = []
    for n in range(count):
        src = sources[n % len(sources)]
        stem = folder / f"scan{n:03d}"
        subprocess.run(
            ["pdftoppm", "-jpeg", "-gray", "-r", "150", "-f", str(2 + n // len(sources)),
             "-l", str(2 + n // len(sources)), "-singlefile", str(src), str(stem)],
            check=True, capture_output=True,
        )  # fmt: skip
        images.append(stem.with_suffix(".jpg"))
    return images


def build_corpus(folder: Path, total: int) -> tuple[list[Path], str]:
    """The production's documents, in order, with exactly ``total`` pages; and a description."""
    sources = sorted(BRIEFS.glob("*/body.pdf"))
    note = f"{len(sources)} Solicitor General briefs from {BRIEFS}"
    if not sources:
        sources = _synthetic_sources(folder)
        note = "synthetic text pages (the shared briefs were not found)"
    rng = random.Random(7)
    cutter = _Cutter(sources)
    docs: list[tuple[Path, int]] = []

    def add(name: str, pages: int, **options: object) -> None:
        path = folder / f"{len(docs):04d}-{name}.pdf"
        docs.append((path, cutter.write(path, pages, **options)))  # type: ignore[arg-type]

    for copy in range(2):
        for n, source in enumerate(sources):
            path = folder / f"{len(docs):04d}-brief{n}-{copy}.pdf"
            shutil.copyfile(source, path)
            with pikepdf.open(path) as pdf:
                docs.append((path, len(pdf.pages)))
    add("big800", 800)
    add("big600", 600)
    for n in range(40):
        add(f"rotated{n}", rng.randint(5, 15), rotate=(90, 180, 270)[n % 3], crop=n % 2 == 0)
    images = _scan_images(folder, sources, 24)
    for n in range(100):
        count = rng.randint(1, 5)
        path = folder / f"{len(docs):04d}-scan{n}.pdf"
        chosen = [str(images[(n * 5 + k) % len(images)]) for k in range(count)]
        path.write_bytes(img2pdf.convert(chosen))
        docs.append((path, count))
    while sum(p for _, p in docs) < total:
        add(f"small{len(docs)}", rng.randint(1, 6))
    rng.shuffle(docs)
    kept: list[Path] = []
    pages = 0
    for path, count in docs:
        if pages + count > total:
            if pages < total:  # trim the last document to land exactly on the total
                with pikepdf.open(path, allow_overwriting_input=True) as pdf:
                    del pdf.pages[total - pages :]
                    pdf.save()
                kept.append(path)
                pages = total
            continue
        kept.append(path)
        pages += count
    return kept, note


def single_document(folder: Path, sources: list[Path], pages: int) -> Path:
    """One document of ``pages`` pages cut from the briefs (memory within a document)."""
    path = folder / f"single{pages}.pdf"
    _Cutter(sources).write(path, pages)
    return path


def page_count(paths: list[Path]) -> int:
    total = 0
    for path in paths:
        with pikepdf.open(path) as pdf:
            total += len(pdf.pages)
    return total


# --- child: one measurement ---------------------------------------------------------------------


def _work(mode: str, paths: list[Path], out: Path) -> float:
    """Run one mode over ``paths`` writing into ``out``; the seconds it took."""
    if mode == "stamp":
        from casedesk.core.pdf.stamp import StampStyle, bates_stamp

        style = StampStyle()
        started = time.perf_counter()
        number = 1
        for index, path in enumerate(paths):
            result = bates_stamp(
                path, out / path.name, prefix="ACME", first=number, digits=7, style=style,
                legend=LEGEND if index % 2 else "",
            )  # fmt: skip
            number = result.end + 1
        return time.perf_counter() - started
    if mode == "pikepdf":
        started = time.perf_counter()
        for path in paths:
            with pikepdf.open(path) as pdf:
                pdf.save(out / path.name)
        return time.perf_counter() - started
    if mode == "qpdf":
        exe = shutil.which("qpdf") or "qpdf"
        started = time.perf_counter()
        for path in paths:
            subprocess.run([exe, str(path), str(out / path.name)], check=True)
        return time.perf_counter() - started
    raise ValueError(mode)


def child(mode: str, list_file: Path, out: Path) -> None:
    """Entry point of a measurement process: prints seconds and peak RSS as JSON."""
    paths = [Path(line) for line in list_file.read_text().splitlines() if line]
    out.mkdir(parents=True, exist_ok=True)
    before = _cpu_seconds()
    seconds = _work(mode, paths, out)
    cpu = _cpu_seconds() - before
    print(json.dumps({"seconds": seconds, "cpu": cpu, "rss_kb": peak_rss_kb()}))


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (the qpdf processes)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return total


def peak_rss_kb() -> int:
    """This process's peak resident set size (VmHWM: not inherited across fork/exec, unlike
    ``ru_maxrss``, which would report the parent's size when it was larger)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(mode: str, paths: list[Path], work: Path) -> dict[str, float]:
    """Run one measurement in a fresh Python process; its output folder is removed after."""
    list_file = work / f"list-{mode}-{len(paths)}.txt"
    list_file.write_text("\n".join(str(p) for p in paths))
    out = work / f"out-{mode}"
    shutil.rmtree(out, ignore_errors=True)
    done = subprocess.run(
        [sys.executable, "-m", "bench.trial.bench_stamp", "--child", mode, str(list_file), str(out)],
        check=True, capture_output=True, text=True, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    shutil.rmtree(out, ignore_errors=True)
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def measure_median(mode: str, paths: list[Path], work: Path, reps: int) -> dict[str, float]:
    """`measure` ``reps`` times; the median of each figure."""
    results = [measure(mode, paths, work) for _ in range(reps)]
    return {key: statistics.median(r[key] for r in results) for key in results[0]}


def verify(paths: list[Path], work: Path) -> str:
    """Stamp a sample and check it: qpdf --check passes, labels contiguous, text kept."""
    from casedesk.core.pdf.inputs import qpdf_check
    from casedesk.core.pdf.stamp import bates_stamp

    out = work / "verify"
    out.mkdir(exist_ok=True)
    number, checked = 1, 0
    for path in paths[:25]:
        dst = out / path.name
        result = bates_stamp(path, dst, prefix="ACME", first=number, digits=7, legend=LEGEND)
        ok, report = qpdf_check(dst)
        if not ok:
            raise SystemExit(f"qpdf --check failed on {dst}: {report}")
        last = subprocess.run(
            ["pdftotext", "-f", str(result.pages), "-l", str(result.pages), str(dst), "-"],
            capture_output=True, text=True, check=True,
        ).stdout  # fmt: skip
        if result.end_label not in last:
            raise SystemExit(f"{result.end_label} missing from the last page of {dst}")
        number = result.end + 1
        checked += result.pages
    shutil.rmtree(out)
    return f"verified {checked} stamped pages of 25 documents (qpdf --check, labels in text)"


# --- main ---------------------------------------------------------------------------------------


def _first_pages(paths: list[Path], pages: int) -> list[Path]:
    chosen, total = [], 0
    for path in paths:
        if total >= pages:
            break
        with pikepdf.open(path) as pdf:
            total += len(pdf.pages)
        chosen.append(path)
    return chosen


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--child", nargs=3, metavar=("MODE", "LIST", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child[0], Path(args.child[1]), Path(args.child[2]))
        return

    work = Path(tempfile.mkdtemp(prefix="bench-stamp-"))
    try:
        corpus = work / "corpus"
        corpus.mkdir()
        started = time.perf_counter()
        paths, note = build_corpus(corpus, args.pages)
        pages = page_count(paths)
        print(f"corpus: {len(paths)} documents, {pages:,} pages ({note}); built in "
              f"{time.perf_counter() - started:.1f} s", file=sys.stderr)  # fmt: skip
        print(verify(paths, work), file=sys.stderr)

        runs: dict[str, list[dict[str, float]]] = {mode: [] for mode in MODES}
        for run in range(args.runs):
            order = MODES[run % len(MODES) :] + MODES[: run % len(MODES)]
            for mode in order:
                runs[mode].append(measure(mode, paths, work))
            print(f"run {run + 1}/{args.runs}: " + ", ".join(
                f"{m} {runs[m][-1]['seconds']:.2f} s" for m in MODES), file=sys.stderr)  # fmt: skip

        subset = _first_pages(paths, 1000)
        subset_pages = page_count(subset)
        sources = sorted(BRIEFS.glob("*/body.pdf")) or sorted(corpus.glob("synthetic*.pdf"))
        single = {n: single_document(work, sources, n) for n in (1000, 5000)}
        memory: dict[str, dict[str, float]] = {}
        reps = min(3, args.runs)
        for mode in ("stamp", "pikepdf"):
            memory[f"{mode}-mix-subset"] = measure_median(mode, subset, work, reps)
            memory[f"{mode}-mix-all"] = {
                "rss_kb": statistics.median(r["rss_kb"] for r in runs[mode])
            }
            for n, path in single.items():
                memory[f"{mode}-single-{n}"] = measure_median(mode, [path], work, reps)
        report(args, paths, pages, note, runs, memory, subset, subset_pages)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _ratio(runs: dict[str, list[dict[str, float]]], mode: str, key: str) -> list[float]:
    """stamp ÷ ``mode`` for each run (paired: both measured in the same run)."""
    return [s[key] / o[key] for s, o in zip(runs["stamp"], runs[mode], strict=True)]


def report(
    args: argparse.Namespace,
    paths: list[Path],
    pages: int,
    note: str,
    runs: dict[str, list[dict[str, float]]],
    memory: dict[str, dict[str, float]],
    subset: list[Path],
    subset_pages: int,
) -> None:
    """Print the markdown tables (and write JSON when asked)."""
    med = statistics.median
    mb = {k: v["rss_kb"] / 1024 for k, v in memory.items()}
    lines = [
        f"Bates stamping {pages:,} pages in {len(paths)} documents ({note}); median of "
        f"{args.runs} runs, each mode in a fresh process; {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}, pikepdf "
        f"{pikepdf.__version__} (qpdf {pikepdf.__libqpdf_version__}).",
        "",
        "| what | wall s | pages/s | CPU s | stamp ÷ this (wall) | stamp ÷ this (CPU) | peak RSS |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for mode in MODES:
        wall = med(r["seconds"] for r in runs[mode])
        cpu = med(r["cpu"] for r in runs[mode])
        if mode == "stamp":
            ratio_wall = ratio_cpu = "—"
        else:
            ratio_wall = f"{med(_ratio(runs, mode, 'seconds')):.2f}×"
            ratio_cpu = f"{med(_ratio(runs, mode, 'cpu')):.2f}×"
        rss = "—" if mode == "qpdf" else f"{med(r['rss_kb'] for r in runs[mode]) / 1024:.0f} MB"
        lines.append(
            f"| {LABELS[mode]} | {wall:.2f} | {pages / wall:,.0f} | {cpu:.2f} | {ratio_wall} "
            f"| {ratio_cpu} | {rss} |"
        )
    per_run = ", ".join(f"{r:.2f}" for r in _ratio(runs, "pikepdf", "seconds"))
    single = {n: memory[f"stamp-single-{n}"]["cpu"] / memory[f"pikepdf-single-{n}"]["cpu"]
              for n in (1000, 5000)}  # fmt: skip
    lines += [
        "",
        f"Per-run stamp ÷ pikepdf (wall): {per_run} (the limit is 3). qpdf CLI: one process per "
        "document, so its figures include process start-up; its peak RSS is not measured.",
        "",
        "| peak RSS (VmHWM) | bates_stamp | pikepdf open+save |",
        "|---|---:|---:|",
        f"| first {subset_pages:,} pages of the mix ({len(subset)} documents) | "
        f"{mb['stamp-mix-subset']:.0f} MB | {mb['pikepdf-mix-subset']:.0f} MB |",
        f"| all {pages:,} pages ({len(paths)} documents) | {mb['stamp-mix-all']:.0f} MB | "
        f"{mb['pikepdf-mix-all']:.0f} MB |",
        f"| one 1,000-page document | {mb['stamp-single-1000']:.0f} MB | "
        f"{mb['pikepdf-single-1000']:.0f} MB |",
        f"| one 5,000-page document | {mb['stamp-single-5000']:.0f} MB | "
        f"{mb['pikepdf-single-5000']:.0f} MB |",
        "",
        f"Single documents (median of 3, CPU time): 1,000 pages stamp ÷ pikepdf {single[1000]:.2f}×, "
        f"5,000 pages {single[5000]:.2f}× (stamp "
        f"{memory['stamp-single-5000']['cpu']:.2f} s, pikepdf "
        f"{memory['pikepdf-single-5000']['cpu']:.2f} s).",
    ]
    print("\n".join(lines))
    if args.json:
        args.json.write_text(json.dumps({"pages": pages, "documents": len(paths), "runs": runs,
                                         "memory": memory}, indent=1))  # fmt: skip


if __name__ == "__main__":
    main()
