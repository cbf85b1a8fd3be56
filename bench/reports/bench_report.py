"""Benchmark: the preliminary case report of a matter with 2,000 facts and 5,000 documents.

A throw-away data directory is migrated and seeded with bulk_create: one matter with two
parties, 5,000 documents in six categories (a third with a Bates range), 2,000 facts from 2015
to 2026 (exact, month, year, "c." and undated dates; 10% material, 5% disputed; half with a
source document and page, a third with people and issues), 20 deadlines and 30 open tasks.

Measured, each ``--runs`` times after one warm-up, median reported:
- ``report (PDF + Word), end to end``: ``report_run`` as the worker runs it — records read
  through the selectors as the user, timeline drawn, PDF laid out (parts in parallel on the
  machine's cores), Word written, both stored as blobs, the report row and audit entry written;
- ``PDF only`` and ``Word only``: the same build with one file;
- ``PDF only, one process``: the PDF with every part laid out in this process.

Baseline (``--baseline-runs``, default 1, same process and rows): WeasyPrint rendering a plain
HTML table of the same 7,000 rows (date | text, one row each, default styles, one document) —
what the report would cost laid out as one long table without the cheaper layout.

Usage: .venv/bin/python -m bench.reports.bench_report [--runs 3] [--baseline-runs 1]
       [--output bench/reports/results-YYYY-MM-DD.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

os.environ["CASEDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="casedesk-bench-report-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casedesk.web.settings")
os.environ.setdefault("CASEDESK_LOG_LEVEL", "ERROR")

FACTS = 2_000
DOCUMENTS = 5_000
WORDS = [
    "the",
    "client",
    "warehouse",
    "lease",
    "invoice",
    "notice",
    "damage",
    "roof",
    "shipment",
    "pallets",
    "claim",
    "insurer",
    "inspection",
    "contract",
    "breach",
    "payment",
    "demand",
    "letter",
    "meeting",
    "manager",
    "agreement",
    "Phoenix",
    "Acme",
    "delivery",
    "schedule",
    "storage",
    "water",
    "report",
    "adjuster",
    "estimate",
    "repair",
]


def _sentence(rng: random.Random, low: int, high: int) -> str:
    words = rng.choices(WORDS, k=rng.randint(low, high))
    return (" ".join(words)).capitalize() + "."


def seed(rng: random.Random) -> tuple[Any, Any]:
    """The user and the matter, with its documents, facts, deadlines and tasks."""
    from django.db import transaction
    from django.utils import timezone

    from casedesk.core.chronology.dates import parse_fuzzy_date
    from casedesk.web.accounts.models import User
    from casedesk.web.chronology.models import Fact, Issue
    from casedesk.web.contacts.models import Contact
    from casedesk.web.documents.models import Category, Document
    from casedesk.web.matters.models import Matter, MatterParty, MatterTeamMember
    from casedesk.web.scheduling.models import Event, Task

    with transaction.atomic():
        me = User.objects.create_user("bench", role="attorney", full_name="Bench Attorney")
        matter = Matter.objects.create(
            number="2027-0042",
            title="Delgado v. Acme Holdings",
            practice_area="litigation",
            status="open",
            court="United States District Court\nDistrict of Arizona",
            case_number="2:27-cv-01234",
            responsible_attorney=me,
            opened_on=dt.date(2027, 1, 5),
        )
        MatterTeamMember.objects.create(matter=matter, user=me, role="lead")
        client = Contact.objects.create(name="Nguyễn Thị Minh Khai", kind="person")
        adverse = Contact.objects.create(name="Acme Holdings, Inc.", kind="organization")
        MatterParty.objects.create(matter=matter, contact=client, role="client")
        MatterParty.objects.create(matter=matter, contact=adverse, role="adverse-party")
        categories = list(Category.objects.order_by("position")[:6])
        documents = Document.objects.bulk_create(
            [
                Document(
                    matter=matter,
                    title=_sentence(rng, 2, 8)[:-1],
                    category=categories[i % len(categories)],
                    document_date=dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4300)),
                    bates_start=f"ACME{i * 3 + 1:06d}" if i % 3 == 0 else "",
                    bates_end=f"ACME{i * 3 + 3:06d}" if i % 3 == 0 else "",
                    created_by=me,
                )
                for i in range(DOCUMENTS)
            ],
            batch_size=500,
        )
        issues = [
            Issue.objects.create(name=n)
            for n in ("Notice", "Damages", "Causation", "Limitation clause")
        ]
        facts = []
        for i in range(FACTS):
            day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 4300))
            text = rng.choice(
                [day.isoformat()] * 6
                + [
                    day.strftime("%B %Y"),
                    str(day.year),
                    f"c. {day.year}",
                    f"before {day.isoformat()}",
                    "",
                ]
            )
            fuzzy = parse_fuzzy_date(text)
            source = rng.choice(documents) if i % 2 == 0 else None
            facts.append(
                Fact(
                    matter=matter,
                    date_text=fuzzy.display,
                    date_kind=fuzzy.kind,
                    date_start=fuzzy.start,
                    date_end=fuzzy.end,
                    sort_date=fuzzy.sort_date,
                    description=_sentence(rng, 6, 30),
                    source_document=source,
                    source_page=str(rng.randint(1, 40)) if source else "",
                    material=i % 10 == 0,
                    disputed=i % 20 == 0,
                    created_by=me,
                )
            )
        facts = Fact.objects.bulk_create(facts, batch_size=500)
        people = Fact.people.through
        tags = Fact.issues.through
        people.objects.bulk_create(
            [
                people(fact_id=f.pk, contact_id=rng.choice([client.pk, adverse.pk]))
                for f in facts[::3]
            ]
        )
        tags.objects.bulk_create(
            [tags(fact_id=f.pk, issue_id=rng.choice(issues).pk) for f in facts[::3]]
        )
        now = timezone.now()
        for i in range(20):
            Event.objects.create(
                matter=matter,
                kind="deadline" if i % 2 else "hearing",
                title=f"Deadline {i + 1}",
                starts_at=now + dt.timedelta(days=3 * i + 1),
                all_day=True,
                rule_citation="FRCP 26(a)(3)(B)" if i % 2 else "",
                derivation=[
                    "Trigger: the pretrial conference",
                    "-30 days",
                    "Roll forward to a court day",
                ],
                uid=f"bench-{i}@casedesk",
            )
        Task.objects.bulk_create(
            [
                Task(
                    matter=matter,
                    title=_sentence(rng, 3, 8),
                    assignee=me,
                    due_date=dt.date.today() + dt.timedelta(days=i),
                )
                for i in range(30)
            ]
        )
    return me, matter


def _median(samples: list[float]) -> float:
    return round(statistics.median(samples), 2)


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (the layout workers)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(fn: Any, runs: int, *, warm_up: bool = True) -> dict[str, Any]:
    """Wall and CPU seconds of ``runs`` calls (after one warm-up call), medians."""
    if warm_up:
        fn()  # imports, fonts, the forkserver
    samples, cpu = [], []
    extra: Any = None
    for _ in range(runs):
        started, cpu_started = time.perf_counter(), _cpu()
        extra = fn()
        samples.append(time.perf_counter() - started)
        cpu.append(_cpu() - cpu_started)
    result: dict[str, Any] = {
        "median_s": _median(samples),
        "runs_s": [round(x, 2) for x in samples],
        "median_cpu_s": _median(cpu),
    }
    if isinstance(extra, dict):
        result.update(extra)
    return result


def baseline_table(report: Any) -> dict[str, Any]:
    """WeasyPrint laying out one plain HTML table of the same rows (one document)."""
    from html import escape

    from weasyprint import HTML

    rows = [(f.date, f.description) for f in report.chronology.facts]
    rows += [(d.date.isoformat() if d.date else "", d.title) for d in report.documents]
    body = "".join(f"<tr><td>{escape(a)}</td><td>{escape(b)}</td></tr>" for a, b in rows)
    html = f"<html><body><table><thead><tr><th>Date</th><th>Text</th></tr></thead><tbody>{body}</tbody></table></body></html>"
    document = HTML(string=html).render()
    document.write_pdf()
    return {"rows": len(rows), "pages": len(document.pages)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--baseline-runs", type=int, default=1)
    parser.add_argument("--seed", type=int, default=20270315)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()

    from casedesk.cli.bootstrap import django_ready

    django_ready()
    from casedesk.core.reports.model import SECTION_KEYS
    from casedesk.web.reports import render
    from casedesk.web.reports.selectors import report_data
    from casedesk.web.reports.services import build_files, report_request, report_run

    t0 = time.perf_counter()
    me, matter = seed(random.Random(args.seed))
    seed_s = time.perf_counter() - t0
    folder = Path(tempfile.mkdtemp(prefix="casedesk-bench-report-files-"))

    def end_to_end() -> dict[str, Any]:
        report = report_request(by=me, matter=matter, sections=SECTION_KEYS, enqueue=False)
        done = report_run(report.pk)
        assert done is not None and done.status == "done", done.message if done else "missing"
        return {"pages": done.pages}

    def build(pdf: bool, docx: bool) -> Any:
        def run() -> dict[str, Any]:
            built = build_files(
                by=me,
                matter=matter,
                sections=SECTION_KEYS,
                material_only=False,
                want_pdf=pdf,
                want_docx=docx,
                folder=folder,
            )
            if not built.pages:
                return {}
            return {"pages": built.pages, "pdf_layout_cpu_s": round(built.layout_cpu, 2)}

        return run

    def read_records() -> None:
        report_data(me, matter)

    results: dict[str, Any] = {}
    results["report (PDF + Word), end to end"] = measure(end_to_end, args.runs)
    results["PDF only"] = measure(build(True, False), args.runs)
    results["Word only"] = measure(build(False, True), args.runs)
    results["reading the records (selectors)"] = measure(read_records, args.runs)
    real_workers = render.workers
    render.workers = lambda: 1  # type: ignore[assignment]
    try:
        results["PDF only, one process"] = measure(build(True, False), args.runs)
    finally:
        render.workers = real_workers  # type: ignore[assignment]
    data = report_data(me, matter)
    parts = len(render.plan(data.report))
    if args.baseline_runs > 0:
        results["baseline: WeasyPrint, one plain table of the same rows"] = measure(
            lambda: baseline_table(data.report), args.baseline_runs, warm_up=False
        )

    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.platform()} · {os.cpu_count()} CPUs · Python {platform.python_version()}",
        "load_average_at_end": [round(x, 2) for x in os.getloadavg()],
        "database": "SQLite (WAL), throw-away data dir",
        "facts": FACTS,
        "documents": DOCUMENTS,
        "pdf_parts": parts,
        "workers": render.workers(),
        "runs": args.runs,
        "seed_seconds": round(seed_s, 2),
        "goal_seconds": 10,
        "results": results,
    }
    print(
        f"{FACTS:,} facts, {DOCUMENTS:,} documents; seeded in {seed_s:.1f} s; PDF in {parts} parts, {render.workers()} workers"
    )
    for name, row in results.items():
        pages = f"  {row['pages']} pages" if row.get("pages") else ""
        cpu = f"  (CPU {row['median_cpu_s']:.1f} s)" if "median_cpu_s" in row else ""
        print(f"{name:58} {row['median_s']:>7.2f} s{cpu}{pages}")
    if args.output:
        args.output.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
