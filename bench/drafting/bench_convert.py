"""Benchmark: DOCX to PDF, warm LibreOffice (casedesk's converter) against a cold start.

Documents: a 3-page letter and a 20-page pleading, generated with python-docx from the real
opinions in ``../shared/data/caselaw`` (paragraphs of opinion text; falls back to a fixed
paragraph when the folder is absent, and says so). Each is converted ``--runs`` times by the
warm converter (after its first, start-up conversion, which is reported on its own) and by a
cold ``soffice --convert-to pdf`` with a fresh profile, alternating, in the same process.
Reports medians and the ratio cold / warm, plus 100 letters in one batch through the warm
converter.

Usage: .venv/bin/python bench/drafting/bench_convert.py [--runs 5] [--batch 100]
"""

from __future__ import annotations

import argparse
import json
import platform
import re
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

from docx import Document

from casedesk.core.drafting.convert import WarmConverter, convert_cold

DATA = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "caselaw" / "scotus-50.jsonl"
)


def _paragraphs() -> list[str]:
    if not DATA.exists():
        print(f"note: {DATA} is absent; using a fixed paragraph")
        return ["The court considered the motion and the papers filed in support of it. " * 8]
    text = json.loads(DATA.read_text(encoding="utf-8").splitlines()[0])["text"]
    clean = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text)  # form feeds, page marks
    return [p.strip() for p in clean.split("\n\n") if len(p.strip()) > 200]


def _make(folder: Path, name: str, pages: int, paras: list[str]) -> Path:
    doc = Document()
    n = 0
    path = folder / f"{name}.docx"
    while True:
        doc.add_paragraph(paras[n % len(paras)])
        n += 1
        if n % 4 == 0:
            doc.save(path)
            count = _pages(folder, path)
            if count >= pages:
                return path


_converter: WarmConverter | None = None


def _pages(folder: Path, path: Path) -> int:
    global _converter
    if _converter is None:
        _converter = WarmConverter()
    out = folder / "probe.pdf"
    _converter.convert(path, out)
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="casedesk-bench-convert-"))
    paras = _paragraphs()
    docs = {"3-page letter": _make(folder, "letter", 3, paras)}
    docs["20-page pleading"] = _make(folder, "pleading", 20, paras)
    assert _converter is not None
    _converter.close()
    results: dict[str, dict[str, float]] = {}
    with WarmConverter() as warm:
        start = time.perf_counter()
        warm.convert(docs["3-page letter"], folder / "first.pdf")
        first = time.perf_counter() - start
        for label, src in docs.items():
            warm_t, cold_t = [], []
            for run in range(args.runs):
                order = ("warm", "cold") if run % 2 == 0 else ("cold", "warm")
                for which in order:
                    start = time.perf_counter()
                    if which == "warm":
                        warm.convert(src, folder / f"w{run}.pdf")
                        warm_t.append(time.perf_counter() - start)
                    else:
                        convert_cold(src, folder / f"c{run}.pdf")
                        cold_t.append(time.perf_counter() - start)
            results[label] = {
                "warm_s": statistics.median(warm_t),
                "cold_s": statistics.median(cold_t),
                "ratio_cold_over_warm": statistics.median(cold_t) / statistics.median(warm_t),
            }
        start = time.perf_counter()
        for n in range(args.batch):
            warm.convert(docs["3-page letter"], folder / f"batch{n}.pdf")
        batch = time.perf_counter() - start
    print(f"machine: {platform.platform()}, python {platform.python_version()}")
    print(f"first warm conversion (starts LibreOffice): {first:.2f} s")
    print("| document | warm (median) | cold (median) | cold / warm |")
    print("|---|---:|---:|---:|")
    for label, r in results.items():
        print(
            f"| {label} | {r['warm_s']:.3f} s | {r['cold_s']:.3f} s | {r['ratio_cold_over_warm']:.1f}x |"
        )
    print(
        f"{args.batch} letters, warm, one after another: {batch:.1f} s ({batch / args.batch:.3f} s each)"
    )


if __name__ == "__main__":
    main()
