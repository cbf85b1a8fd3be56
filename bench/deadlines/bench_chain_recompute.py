"""Benchmark: recomputing a matter's chain of 50 deadlines when its trigger moves.

Run:  cd /work/main && .venv/bin/python bench/deadlines/bench_chain_recompute.py [--runs 15]
Writes bench/deadlines/chain-results-<date>.json (add --output for another name) and prints a summary.

The chain: one trigger (a complaint served by mail in a federal court sitting in California),
50 deadlines from it: every FRCP/FRAP rule with a period in that court (17) plus 33 ad-hoc
periods (calendar days, court days, hours; a quarter counted backward), with mixed service
methods. Each run moves the trigger by a week (alternately forward and back), so every
deadline is really recomputed and rewritten.

Measured, median of ``--runs`` runs:

* ``pure``: the 50 ``casedesk.core.deadlines.compute`` calls alone, calendars cached (the
  steady state of a running server);
* ``cold``: the same with the court-calendar cache cleared before each chain (the first
  recompute after a restart; the baseline asked for: "without the calendar cache");
* ``db``: the whole recompute through the database, as the web app does it: read the 50
  deadline Events of the chain, recompute them, and in one transaction save each changed
  deadline (date, derivation, SEQUENCE), write its audit entry (old and new date) and re-time
  its reminders (4 per deadline: 7 days and 1 day before, for two people). SQLite in WAL mode
  with synchronous=FULL, as configured for production, in a fresh temporary data directory.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
os.environ["CASEDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="casedesk-bench-chain-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casedesk.web.settings")
os.environ.setdefault("CASEDESK_LOG_LEVEL", "ERROR")

from casedesk.core.deadlines import (  # noqa: E402
    Deadline,
    DeadlineRequest,
    Direction,
    Period,
    Unit,
    compute,
    load_rules,
)

court_calendar_module = importlib.import_module("casedesk.core.deadlines.court_calendar")

COURT = "federal-ca"
CHAIN_SIZE = 50


def chain_requests(trigger: dt.date, seed: int = 50) -> list[DeadlineRequest]:
    """50 mixed requests from one trigger: every rule with a period in COURT, then ad-hoc periods."""
    rng = random.Random(seed)
    requests = [
        DeadlineRequest(COURT, trigger, rule_id=rule.id, service="mail")
        for rule in load_rules(COURT)
        if rule.period is not None
    ]
    while len(requests) < CHAIN_SIZE:
        unit = rng.choice([Unit.CALENDAR_DAYS, Unit.CALENDAR_DAYS, Unit.COURT_DAYS, Unit.HOURS])
        amount = rng.randint(1, 72 if unit is Unit.HOURS else 60)
        backward = unit is not Unit.HOURS and rng.random() < 0.25
        requests.append(
            DeadlineRequest(
                COURT,
                trigger,
                period=Period(unit, amount, Direction.BACKWARD if backward else Direction.FORWARD),
                trigger_time=dt.time(9, 0) if unit is Unit.HOURS else None,
                service=rng.choice(["none", "mail", "electronic", "personal"]),
            )
        )
    return requests[:CHAIN_SIZE]


def compute_chain(requests: list[DeadlineRequest]) -> list[Deadline]:
    return [compute(r) for r in requests]


def trigger_for(run: int) -> dt.date:
    return dt.date(2027, 3, 10) + dt.timedelta(days=7 * (run % 2 + 1))


def time_pure(runs: int, *, cold: bool) -> list[float]:
    timings = []
    for run in range(runs):
        requests = chain_requests(trigger_for(run))
        if cold:
            court_calendar_module._built.cache_clear()
        started = time.perf_counter()
        compute_chain(requests)
        timings.append((time.perf_counter() - started) * 1000)
    return timings


# --- through the database ----------------------------------------------------------------------


def setup_db() -> tuple[object, object, object]:
    """Migrate a fresh data directory; create a matter, two people and the 50-deadline chain."""
    from casedesk.cli.bootstrap import django_ready

    django_ready()
    from casedesk.web.accounts.models import User
    from casedesk.web.matters.models import Matter, MatterTeamMember
    from casedesk.web.scheduling.models import DeadlineChain, Event
    from casedesk.web.scheduling.reminder_services import reminders_schedule_defaults

    lead = User.objects.create_user("lead", email="lead@firm.test", role="attorney", password=None)
    sec = User.objects.create_user("sec", email="sec@firm.test", role="secretary", password=None)
    matter = Matter.objects.create(
        number="2027-0050",
        title="Chain benchmark",
        practice_area="litigation",
        status="open",
        responsible_attorney=lead,
    )
    MatterTeamMember.objects.create(matter=matter, user=sec, role="secretary")
    trigger = dt.date(2027, 3, 10)
    chain = DeadlineChain.objects.create(
        matter=matter,
        template="bench",
        label="Complaint served",
        court=COURT,
        trigger_date=trigger,
        service="mail",
        created_by=lead,
    )
    for index, (request, deadline) in enumerate(
        zip(chain_requests(trigger), compute_chain(chain_requests(trigger)), strict=True)
    ):
        starts_at, all_day = _starts_at(deadline)
        event = Event.objects.create(
            matter=matter,
            kind="deadline",
            title=f"Deadline {index + 1}",
            chain=chain,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(days=1) if all_day else None,
            all_day=all_day,
            rule_id=request.rule_id or f"adhoc-{index}",
            rule_citation=deadline.rule or "",
            rule_pack_version=deadline.rule_pack_version or "",
            derivation=list(deadline.steps),
            derivation_notes=list(deadline.notes),
            uid=f"bench-{index}@casedesk",
            created_by=lead,
        )
        reminders_schedule_defaults(event)
    return lead, chain, matter


def _starts_at(deadline: Deadline) -> tuple[dt.datetime, bool]:
    from django.utils import timezone

    if deadline.due_time is not None:
        return timezone.make_aware(dt.datetime.combine(deadline.due_date, deadline.due_time)), False
    return timezone.make_aware(dt.datetime.combine(deadline.due_date, dt.time())), True


def recompute_through_db(by: object, chain_id: int, trigger: dt.date) -> dict[str, float]:
    """Read the chain's deadlines, recompute them from the new trigger, save, audit, re-time."""
    from django.db import transaction
    from django.utils import timezone

    from casedesk.web.audit.services import audit_record
    from casedesk.web.scheduling.models import DeadlineChain, Event
    from casedesk.web.scheduling.reminder_services import reminders_retime

    t0 = time.perf_counter()
    chain = DeadlineChain.objects.get(pk=chain_id)
    events = list(Event.objects.filter(chain=chain).order_by("id"))
    t1 = time.perf_counter()
    results = compute_chain(chain_requests(trigger))
    t2 = time.perf_counter()
    with transaction.atomic():
        chain.trigger_date = trigger
        chain.save(update_fields=["trigger_date", "updated_at"])
        for event, deadline in zip(events, results, strict=True):
            starts_at, all_day = _starts_at(deadline)
            if starts_at == event.starts_at:
                continue
            old = event.starts_at
            event.starts_at = starts_at
            event.ends_at = starts_at + dt.timedelta(days=1) if all_day else None
            event.all_day = all_day
            event.derivation = list(deadline.steps)
            event.derivation_notes = list(deadline.notes)
            event.rule_pack_version = deadline.rule_pack_version or ""
            event.sequence += 1
            event.save()
            audit_record(
                actor=by,
                action="update",
                object_type="event",
                object_id=event.pk,
                matter_id=event.matter_id,
                summary=f"Recomputed {event.title}: {old:%Y-%m-%d} -> {starts_at:%Y-%m-%d}",
                data={
                    "old": timezone.localtime(old).isoformat(),
                    "new": timezone.localtime(starts_at).isoformat(),
                },
            )
            reminders_retime(event)
    t3 = time.perf_counter()
    return {
        "read": (t1 - t0) * 1000,
        "compute": (t2 - t1) * 1000,
        "write": (t3 - t2) * 1000,
        "total": (t3 - t0) * 1000,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--output", type=Path, default=None, help="where to write the JSON")
    args = parser.parse_args()
    compute_chain(chain_requests(trigger_for(0)))  # warm the rule packs and calendars
    pure = time_pure(args.runs, cold=False)
    cold = time_pure(args.runs, cold=True)
    compute_chain(chain_requests(trigger_for(0)))  # re-warm
    lead, chain, _matter = setup_db()
    recompute_through_db(lead, chain.pk, trigger_for(1))  # warm the ORM and SQLite caches
    db_runs = [recompute_through_db(lead, chain.pk, trigger_for(run)) for run in range(args.runs)]
    db_total = [r["total"] for r in db_runs]

    def med(values: list[float]) -> float:
        return round(statistics.median(values), 3)

    result = {
        "date": dt.date.today().isoformat(),
        "machine": subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "command": f"cd /work/main && .venv/bin/python bench/deadlines/bench_chain_recompute.py --runs {args.runs}",
        "chain": f"{CHAIN_SIZE} deadlines, court {COURT}, trigger moved by a week each run",
        "runs": args.runs,
        "pure_ms": [round(v, 3) for v in pure],
        "pure_median_ms": med(pure),
        "cold_calendar_ms": [round(v, 3) for v in cold],
        "cold_calendar_median_ms": med(cold),
        "db_total_ms": [round(v, 3) for v in db_total],
        "db_total_median_ms": med(db_total),
        "db_read_median_ms": med([r["read"] for r in db_runs]),
        "db_compute_median_ms": med([r["compute"] for r in db_runs]),
        "db_write_median_ms": med([r["write"] for r in db_runs]),
        "ratio_db_to_pure": round(statistics.median(db_total) / statistics.median(pure), 2),
        "ratio_cold_to_pure": round(statistics.median(cold) / statistics.median(pure), 2),
        "database": "SQLite (WAL, synchronous=FULL) in a temporary data directory",
    }
    out = args.output or HERE / f"chain-results-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if not isinstance(v, list)}, indent=2))
    print(f"wrote {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
