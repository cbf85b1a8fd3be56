"""Benchmark: rendering starter templates, and 100 letters in a batch (render + warm PDF).

Documents, from casedesk's starter library with ``sample_data()``:
- a 3-page letter: the client status letter, its summary filled with paragraphs of a real
  opinion from ``../shared/data/caselaw`` until the PDF has 3 pages;
- a 20-page pleading: the federal notice of motion, its relief filled the same way to 20 pages.
(A fixed paragraph stands in when the shared folder is absent, and the script says so.)

Per document, ``--runs`` renders through ``render_docx`` (sandbox, field check, atomic write)
against the baseline, docxtpl's own ``DocxTemplate.render`` + ``save`` with a plain Jinja
environment and the same filters, alternating, in the same process; medians and the ratio.
Then ``--batch`` engagement letters, each for a different client, rendered and converted to
PDF by one warm LibreOffice: total and per letter.

Usage: .venv/bin/python bench/drafting/bench_render.py [--runs 9] [--batch 100]
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
from typing import Any

from docxtpl import DocxTemplate
from jinja2 import Environment

from casedesk.core.drafting import render_docx, template_fields
from casedesk.core.drafting.convert import WarmConverter
from casedesk.core.drafting.filters import FILTERS
from casedesk.core.drafting.starter import build_starter, sample_data

DATA = (
    Path(__file__).resolve().parents[2].parent / "shared" / "data" / "caselaw" / "scotus-50.jsonl"
)


def _paragraphs() -> list[str]:
    if not DATA.exists():
        print(f"note: {DATA} is absent; using a fixed paragraph")
        return ["The court considered the motion and the papers filed in support of it. " * 8]
    text = json.loads(DATA.read_text(encoding="utf-8").splitlines()[0])["text"]
    clean = re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", text)
    return [p.strip() for p in clean.split("\n\n") if len(p.strip()) > 200]


def _pages(conv: WarmConverter, docx: Path) -> int:
    pdf = docx.with_suffix(".pdf")
    conv.convert(docx, pdf)
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages")))


def _grow(
    conv: WarmConverter,
    template: Path,
    data: dict[str, Any],
    where: tuple[str, str],
    pages: int,
    paras: list[str],
    out: Path,
) -> dict[str, Any]:
    """Add paragraphs to data[where] until the rendered document reaches ``pages`` pages."""
    group, key = where
    count = 1
    while True:
        data[group][key] = "\n".join(paras[i % len(paras)] for i in range(count))
        render_docx(template, data, out)
        if _pages(conv, out) >= pages:
            return data
        count += 1 if pages < 5 else 4


def _baseline(template: Path, data: dict[str, Any], out: Path) -> None:
    env = Environment(autoescape=True)
    env.filters.update(FILTERS)
    tpl = DocxTemplate(str(template))
    tpl.render(data, jinja_env=env, autoescape=True)
    tpl.save(str(out))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--batch", type=int, default=100)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="casedesk-bench-render-"))
    paras = _paragraphs()
    status = folder / "status.docx"
    build_starter("client-status-letter", status)
    motion = folder / "motion.docx"
    build_starter("notice-of-motion-federal", motion)
    engagement = folder / "engagement.docx"
    build_starter("engagement-letter", engagement)
    with WarmConverter() as conv:
        cases = {
            "3-page letter (client status letter)": (
                status,
                _grow(
                    conv, status, sample_data(), ("status", "summary"), 3, paras, folder / "s.docx"
                ),
            ),
            "20-page pleading (federal notice of motion)": (
                motion,
                _grow(
                    conv,
                    motion,
                    sample_data("federal"),
                    ("motion", "relief"),
                    20,
                    paras,
                    folder / "m.docx",
                ),
            ),
        }
        results = {}
        known = {label: template_fields(template) for label, (template, _) in cases.items()}
        for label, (template, data) in cases.items():
            ours, base = [], []
            for run in range(args.runs):
                order = ("ours", "base") if run % 2 == 0 else ("base", "ours")
                for which in order:
                    start = time.perf_counter()
                    if which == "ours":
                        render_docx(template, data, folder / f"o{run}.docx", fields=known[label])
                        ours.append(time.perf_counter() - start)
                    else:
                        _baseline(template, data, folder / f"b{run}.docx")
                        base.append(time.perf_counter() - start)
            results[label] = (statistics.median(ours), statistics.median(base))

        fields = template_fields(engagement)  # as a stored template version keeps them
        start = time.perf_counter()
        render_total = 0.0
        for n in range(args.batch):
            data = sample_data()
            data["client"]["name"] = f"Client {n:03d} Nguyễn"
            out = folder / f"letter{n}.docx"
            t0 = time.perf_counter()
            render_docx(engagement, data, out, fields=fields)
            render_total += time.perf_counter() - t0
            conv.convert(out, out.with_suffix(".pdf"))
        batch = time.perf_counter() - start

    print(f"machine: {platform.platform()}, python {platform.python_version()}")
    print("| document | render_docx (median) | plain docxtpl (baseline) | ours / baseline |")
    print("|---|---:|---:|---:|")
    for label, (ours_s, base_s) in results.items():
        print(
            f"| {label} | {ours_s * 1000:.0f} ms | {base_s * 1000:.0f} ms | {ours_s / base_s:.2f}x |"
        )
    print(
        f"{args.batch} engagement letters, render + warm PDF each: {batch:.1f} s "
        f"({batch / args.batch:.3f} s per letter; rendering {render_total:.1f} s of it)"
    )


if __name__ == "__main__":
    main()
