"""Benchmark: cite-checking a 50-page brief end to end, against the 550 real opinions.

The brief: the body of real Supreme Court briefs by the Solicitor General
(``../shared/data/briefs/osg``, read its README). Pages are counted as in the README's
``body_pages.jsonl``: one page per entry with a printed page number (appendix pages "1a" are
not counted). The first ``--pages`` (50) printed body pages are taken from the briefs in
``index.json`` order, joining the next brief when one is shorter, and written as one PDF with
pikepdf (the pages of ``body.pdf``, as filed).

The library: the 550 opinions of ``../shared/data/caselaw`` written as library rows (the
``Opinion`` rows the import makes; cite-check reads nothing else but their own citations).
Those records carry no citations of their own (their README: "citations": [] ), so a second
library (B) is also measured: the same opinions given, round-robin, the brief's own distinct
case citations plus 20,000 made-up "F.2d/F.3d" citations as "own" citations (synthetic: only
so that the lookup table has a realistic size and the brief's citations hit; the statuses in
(B) are therefore mostly name mismatches and mean nothing).

Timed (median of ``--runs``): ``cite_check_start`` + ``cite_check_run`` (the task's body: PDF
text, citations, lookup, statuses, report rows stored), and its parts measured separately on
the same input: text extraction from the PDF (``read_draft``), citation extraction
(``extract_citations``), the library lookup (one batched ``OrmCitationLibrary.lookup``).
Baseline: ``eyecite.get_citations`` on the same text.

Usage (from the repository root):
  .venv/bin/python -m bench.research.bench_cite_check --runs 5
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

from bench.osg_brief import OSG, build_brief, median_time
from bench.research.bench_import import machine, setup_django

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO / ".." / "shared" / "data"
CASELAW = SHARED / "caselaw"
FILES = ("scotus-50.jsonl", "nm-appellate-500.jsonl")


def make_library(records: list[dict[str, Any]], user: Any) -> None:
    """The 550 opinions as library rows (what the import writes for them, graph aside)."""
    import datetime as dt

    from casedesk.web.research.models import Opinion

    rows = []
    for r in records:
        date = dt.date.fromisoformat(r["date_filed"]) if r.get("date_filed") else None
        rows.append(
            Opinion(
                source_id=r["id"],
                case_name=r.get("case_name") or "",
                court=r.get("court") or "",
                jurisdiction=r.get("jurisdiction") or "",
                date_filed=date,
                year=date.year if date else None,
                text=r["text"],
                own_citations=list(r.get("citations") or []),
                imported_by=user,
            )
        )
    Opinion.objects.bulk_create(rows, batch_size=200)


def add_synthetic_citations(brief_text: str, filler: int = 20_000) -> int:
    """Give the library, round-robin, the brief's case citations plus ``filler`` made-up ones."""
    from casedesk.core.citations import extract_citations
    from casedesk.web.research.models import Opinion, OpinionCitation

    norms: dict[str, None] = {}
    for c in extract_citations(brief_text):
        if c.kind == "full" and c.normalized:
            norms.setdefault(c.normalized[:200])
    for i in range(filler):
        norms.setdefault(f"{100 + i % 900} F.{1 + i % 3}d {1 + i // 900}")
    pks = list(Opinion.objects.order_by("pk").values_list("pk", flat=True))
    OpinionCitation.objects.bulk_create(
        [OpinionCitation(opinion_id=pks[i % len(pks)], normalized=n) for i, n in enumerate(norms)],
        batch_size=1000,
    )
    return len(norms)


def measure(user: Any, pdf: Path, runs: int) -> dict[str, Any]:
    from eyecite import get_citations

    from casedesk.core.citations import extract_citations
    from casedesk.web.research.adapters import OrmCitationLibrary
    from casedesk.web.research.services import cite_check_run, cite_check_start, read_draft

    def end_to_end() -> Any:
        check = cite_check_start(by=user, path=pdf, filename=pdf.name, enqueue=False)
        check = cite_check_run(check.pk)
        assert check.status == "done", check.message
        return check

    total, check = median_time(end_to_end, runs)
    t_text, text = median_time(lambda: read_draft(pdf, pdf.name), runs)
    t_extract, found = median_time(lambda: extract_citations(text), runs)
    keys = sorted({c.normalized for c in found if c.kind == "full" and c.normalized})
    t_lookup, hits = median_time(lambda: OrmCitationLibrary().lookup(keys), runs)
    t_eyecite, plain = median_time(lambda: get_citations(text), runs)
    statuses: dict[str, int] = {}
    for row in check.result["citations"]:
        statuses[row["status"]] = statuses.get(row["status"], 0) + 1
    return {
        "total": total,
        "text": t_text,
        "extract": t_extract,
        "lookup": t_lookup,
        "rest": max(0.0, total - t_text - t_extract - t_lookup),
        "eyecite": t_eyecite,
        "chars": len(text),
        "found": len(found),
        "eyecite_found": len(plain),
        "checked": len(check.result["citations"]),
        "lookup_keys": len(keys),
        "lookup_hits": sum(1 for v in hits.values() if v),
        "statuses": statuses,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--pages", type=int, default=50)
    args = parser.parse_args()
    sources = [CASELAW / name for name in FILES]
    if not (all(p.is_file() for p in sources) and (OSG / "index.json").is_file()):
        print(f"SKIP: the shared data is not at {SHARED.resolve()} (../shared/data).")
        return 0
    logging.getLogger("eyecite").setLevel(logging.ERROR)

    data_dir = Path(tempfile.mkdtemp(prefix="casedesk-bench-cite-check-"))
    try:
        setup_django(data_dir)
        from casedesk.web.accounts.models import User

        user = User.objects.create_user(
            username="bench-clerk", password="x", role="clerk", full_name="Bench Clerk"
        )
        records = [json.loads(line) for p in sources for line in p.open(encoding="utf-8") if line]
        pdf, used, _chars = build_brief(data_dir / "brief-50-pages.pdf", args.pages)
        make_library(records, user)
        plain = measure(user, pdf, args.runs)
        print("library as imported: done", file=sys.stderr)
        from casedesk.web.research.services import read_draft

        added = add_synthetic_citations(read_draft(pdf, pdf.name))
        rich = measure(user, pdf, args.runs)

        def ms(x: float) -> str:
            return f"{x * 1000:,.0f} ms"

        print(f"\n## Cite-check of a {args.pages}-page brief (PDF) end to end\n")
        print(f"Machine: {machine()}\n")
        print(f"Brief: {'; '.join(used)} — {plain['chars']:,} characters of text.  ")
        print(
            f"Library: (A) the 550 real opinions (no own citations); (B) the same plus {added:,} "
            f"synthetic own citations (the brief's + filler, spread round-robin).  "
        )
        print(f"Median of {args.runs} runs each.\n")
        print("| measure | (A) 550 opinions as imported | (B) with citation table |")
        print("|---|---|---|")
        lines = [
            ("end to end (start + run)", "total"),
            ("· text extraction from PDF", "text"),
            ("· citation extraction", "extract"),
            ("· library lookup (1 batched query)", "lookup"),
            ("· the rest (statuses, storing the report)", "rest"),
            ("eyecite.get_citations alone (baseline)", "eyecite"),
        ]
        for label, key in lines:
            print(f"| {label} | {ms(plain[key])} | {ms(rich[key])} |")
        print(
            f"| end to end / eyecite | {plain['total'] / plain['eyecite']:.2f}× | "
            f"{rich['total'] / rich['eyecite']:.2f}× |"
        )
        print(
            f"| citations found (eyecite) | {plain['found']} ({plain['eyecite_found']}) | "
            f"{rich['found']} ({rich['eyecite_found']}) |"
        )
        print(f"| case citations checked | {plain['checked']} | {rich['checked']} |")
        print(
            f"| lookup keys / hits | {plain['lookup_keys']} / {plain['lookup_hits']} | "
            f"{rich['lookup_keys']} / {rich['lookup_hits']} |"
        )
        print(f"| statuses | {plain['statuses']} | {rich['statuses']} |")
    finally:
        shutil.rmtree(data_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casedesk.web.settings")
    raise SystemExit(main())
