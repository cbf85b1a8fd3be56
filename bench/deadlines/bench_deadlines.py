"""Benchmark: 100,000 deadline computations over mixed rules and courts.

Run:  cd /work/main && .venv/bin/python bench/deadlines/bench_deadlines.py [--n 100000] [--runs 5]
Writes bench/deadlines/results-<date>.json (gitignored) and prints a summary.

Workload: a fixed, seeded mix of requests: every rule with a period (federal, CA, NY, TX
rules), plus ad-hoc periods in calendar days, court days and hours, forward and backward, with
every service method, triggers 2001-2034, and a closed day on 1 request in 20.

Baseline (same process, same triggers): a naive forward calendar-day loop that asks the
`holidays` package directly (holidays.US(subdiv=...)) day by day whether the last day is a
weekend or holiday, and rolls. It is what a simple implementation costs for the cheapest kind
of period, without rules, service, court days, derivation text or ambiguity checks: a floor to
compare the engine against, not an equivalent computation (its answers are often wrong for
courts: see deadline-rules.md section 5).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import statistics
import subprocess
import time
from pathlib import Path

import holidays

from casedesk.core.deadlines import (
    COURTS,
    SERVICE_METHODS,
    DeadlineRequest,
    Direction,
    Period,
    Unit,
    compute,
    load_rules,
)

HERE = Path(__file__).resolve().parent


def workload(n: int, seed: int = 2026) -> list[DeadlineRequest]:
    """``n`` mixed requests, reproducible from ``seed``."""
    rng = random.Random(seed)
    rules = [r for r in load_rules() if r.period is not None]
    start = dt.date(2001, 1, 1).toordinal()
    end = dt.date(2034, 6, 30).toordinal()
    requests: list[DeadlineRequest] = []
    for index in range(n):
        trigger = dt.date.fromordinal(rng.randint(start, end))
        service = rng.choice(SERVICE_METHODS)
        closed = (
            frozenset({trigger + dt.timedelta(days=rng.randint(1, 40))})
            if index % 20 == 0
            else frozenset()
        )
        if rng.random() < 0.5:
            rule = rng.choice(rules)
            court = rng.choice(rule.courts)
            requests.append(
                DeadlineRequest(court, trigger, rule_id=rule.id, service=service, closed=closed)
            )
            continue
        unit = rng.choice([Unit.CALENDAR_DAYS, Unit.CALENDAR_DAYS, Unit.COURT_DAYS, Unit.HOURS])
        amount = rng.randint(1, 72 if unit is Unit.HOURS else 60)
        direction = Direction.BACKWARD if rng.random() < 0.25 else Direction.FORWARD
        requests.append(
            DeadlineRequest(
                rng.choice(COURTS),
                trigger,
                period=Period(unit, amount, direction),
                trigger_time=dt.time(rng.randint(0, 23), 0) if unit is Unit.HOURS else None,
                service=service,
                closed=closed,
            )
        )
    return requests


_SUBDIV = {
    "ca": "CA",
    "ny": "NY",
    "tx": "TX",
    "federal-ca": "CA",
    "federal-ny": "NY",
    "federal-tx": "TX",
}


def naive_baseline(requests: list[DeadlineRequest]) -> list[dt.date]:
    """Forward calendar days + day-by-day roll, asking `holidays` directly."""
    calendars = {
        court: holidays.US(subdiv=_SUBDIV.get(court), years=range(2000, 2036)) for court in COURTS
    }
    results: list[dt.date] = []
    for request in requests:
        table = calendars[request.court]
        amount = request.period.amount if request.period else 21
        day = request.trigger + dt.timedelta(days=amount)
        while day.weekday() >= 5 or day in table:
            day += dt.timedelta(days=1)
        results.append(day)
    return results


def time_runs(label: str, func: object, requests: list[DeadlineRequest], runs: int) -> list[float]:
    per_call: list[float] = []
    for run in range(runs):
        started = time.perf_counter()
        func(requests)  # type: ignore[operator]
        elapsed = time.perf_counter() - started
        per_call.append(elapsed / len(requests) * 1e6)
        print(
            f"  {label} run {run + 1}: {elapsed:.2f} s total, {per_call[-1]:.2f} us per computation"
        )
    return per_call


def engine(requests: list[DeadlineRequest]) -> list[dt.date]:
    return [compute(request).due_date for request in requests]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    requests = workload(args.n)
    engine(requests[:200])  # warm the calendar and rule-pack caches (built once per process)
    print(f"{args.n} computations, {args.runs} runs each")
    engine_us = time_runs("engine", engine, requests, args.runs)
    baseline_us = time_runs("naive holidays-package loop", naive_baseline, requests, args.runs)
    ambiguous = sum(1 for r in requests[:5000] if len(compute(r).notes) > 1)
    result = {
        "date": dt.date.today().isoformat(),
        "machine": subprocess.run(["uname", "-a"], capture_output=True, text=True).stdout.strip(),
        "python": platform.python_version(),
        "holidays": holidays.__version__,
        "command": "cd /work/main && .venv/bin/python bench/deadlines/bench_deadlines.py "
        f"--n {args.n} --runs {args.runs}",
        "computations": args.n,
        "runs": args.runs,
        "engine_us_per_computation": engine_us,
        "engine_median_us": statistics.median(engine_us),
        "baseline": "naive forward calendar-day loop over holidays.US(subdiv) (built once per court)",
        "baseline_us_per_computation": baseline_us,
        "baseline_median_us": statistics.median(baseline_us),
        "ratio_engine_to_baseline": statistics.median(engine_us) / statistics.median(baseline_us),
        "share_with_notes_beyond_default_in_first_5000": ambiguous / 5000,
    }
    out = HERE / f"results-{result['date']}.json"
    out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if not isinstance(v, list)}, indent=2))
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
