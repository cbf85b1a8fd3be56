"""Benchmark: the table of authorities of a 100-page brief, end to end (goal: under 5 s).

The brief: real Supreme Court briefs by the Solicitor General (``../shared/data/briefs/osg``,
read its README). The first ``--pages`` (100) printed body pages are taken from the briefs in
``index.json`` order (appendix pages "1a" left out), joining the next brief when one is
shorter, and written as one PDF with pikepdf (the pages of ``body.pdf``, as filed).

Timed (median of ``--runs``, after one untimed warm-up run in the same process):
``generate_toa`` on the PDF (read, pages, citations, entries), and its parts measured on the
same input: reading the PDF's lines and font sizes (pdfium), pages (labels, footnotes) and the
brief's text, finding and resolving citations (eyecite through the engine's windowed
tokenizer, and the engine's own finders), and building the entries. Baseline: eyecite alone
(``casedesk.core.citations.extract.eyecite_citations``, eyecite's default tokenizer) on the
same text, measured first, before the engine caches eyecite's court lookup for the process.
Also timed once: the command ``casedesk toa BRIEF --json`` in a fresh process (Python
start-up and imports included).

Usage (from the repository root):
  .venv/bin/python -m bench.toa.bench_toa --runs 5
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.osg_brief import OSG, build_brief, median_time

REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args(argv)
    if not OSG.is_dir():
        print(f"The OSG briefs are not here: {OSG}", file=sys.stderr)
        return 1
    logging.disable(logging.WARNING)  # eyecite logs "Unknown overlap case" warnings

    from casedesk.core.citations.extract import eyecite_citations
    from casedesk.core.toa import data, generate_toa
    from casedesk.core.toa.document import BriefText
    from casedesk.core.toa.engine import _references_by_page, build_entries, find_mentions
    from casedesk.core.toa.pages import build_pages
    from casedesk.core.toa.pdftext import read_pdf_lines

    with tempfile.TemporaryDirectory(prefix="casedesk-bench-toa-") as tmp:
        pdf, used, chars = build_brief(Path(tmp) / "brief.pdf", args.pages)
        # The baseline first, before the engine caches eyecite's court lookup for the process.
        text = BriefText(build_pages(read_pdf_lines(pdf))[0]).text
        eyecite_citations(text)  # warm-up
        baseline, citations = median_time(lambda: eyecite_citations(text), args.runs)
        generate_toa(pdf)  # warm-up: imports, data files, compiled expressions
        total, result = median_time(lambda: generate_toa(pdf), args.runs)
        read, raw = median_time(lambda: read_pdf_lines(pdf), args.runs)

        def pages_and_text() -> BriefText:
            return BriefText(build_pages(raw)[0])

        paging, brief = median_time(pages_and_text, args.runs)
        finding, mentions = median_time(lambda: find_mentions(brief.text, brief.stream), args.runs)
        refs = _references_by_page(brief, mentions)
        building, _ = median_time(
            lambda: build_entries(mentions, refs, passim=5, order=data.category_order()),
            args.runs,
        )
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        start = time.perf_counter()
        subprocess.run(
            [str(REPO / ".venv" / "bin" / "casedesk"), "toa", str(pdf), "--json"],
            check=True,
            capture_output=True,
            env=env,
        )
        cold = time.perf_counter() - start

    pages = len(raw)
    rows = [
        ("generate_toa, end to end (warm process)", total),
        ("  read lines and font sizes (pdfium)", read),
        ("  pages, labels, footnotes, text", paging),
        ("  find and resolve citations", finding),
        ("  build entries", building),
        ("baseline: eyecite.get_citations alone", baseline),
        ("`casedesk toa --json`, fresh process", cold),
    ]
    print(f"TOA benchmark: {pages} pages, {chars:,} characters, median of {args.runs} runs")
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print("briefs: " + "; ".join(used))
    print(f"result: {len(result.entries)} entries; eyecite found {len(citations)} citations")
    print()
    print("| step | seconds | ms per page |")
    print("|---|---:|---:|")
    for label, seconds in rows:
        print(f"| {label} | {seconds:.2f} | {1000 * seconds / pages:.1f} |")
    print()
    print(f"goal: 100 pages under 5 s end to end -> {'met' if total < 5 else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
