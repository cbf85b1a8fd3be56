"""Benchmark: the calendar page for a firm with 10,000 events (month, week, agenda).

A throw-away data directory is migrated and seeded with bulk_create: 10,000 events over 2027
(about 27 a day, 20% deadlines) on 200 matters, 24 staff, ~15,000 attendee rows, and 5 matters
walled off from the benchmark user (so the wall filter is part of every query). Each page is
rendered through Django's test client (middleware, session, templates: the whole request),
``--runs`` times after one warm-up; the median is reported with the number of SQL queries.

Baseline, in the same process and on the same data: the same pages with a *naive* query
(every visible event loaded, filtered to the range in Python, no select_related, so each event
shown costs one more query for its matter). It is what the page costs without the range
query and the join; the ratio baseline / optimised is reported.

Usage: .venv/bin/python bench/calendar/bench_calendar_page.py [--events 10000] [--runs 7]
       [--output bench/calendar/results-YYYY-MM-DD.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
os.environ["CASEDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="casedesk-bench-calendar-")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casedesk.web.settings")
os.environ.setdefault("CASEDESK_LOG_LEVEL", "ERROR")
# The test client's host; no setup_test_environment(), whose template instrumentation would
# slow every render down and make the figures unlike production.
os.environ["CASEDESK_ALLOWED_HOSTS"] = "testserver,127.0.0.1,localhost"
os.environ["CASEDESK_DEBUG"] = "0"

YEAR = 2027
KINDS = [
    ("appointment", 25),
    ("meeting", 20),
    ("hearing", 15),
    ("deposition", 10),
    ("trial", 3),
    ("reminder", 7),
    ("deadline", 20),
]
PAGES = {
    "firm month": "/calendar/firm/?view=month&date=2027-03-15",
    "firm week": "/calendar/firm/?view=week&date=2027-03-15",
    "firm agenda (page 1 of 30 days)": "/calendar/firm/?view=agenda&date=2027-03-15",
    "my month": "/calendar/?view=month&date=2027-03-15",
}


def seed(n_events: int, rng: random.Random) -> Any:
    """Users, matters (5 walled from the benchmark user), events and attendees."""
    from django.db import transaction
    from django.utils import timezone

    from casedesk.web.accounts.models import User
    from casedesk.web.matters.models import EthicalWall, Matter, MatterTeamMember
    from casedesk.web.scheduling.models import Event, EventAttendee

    with transaction.atomic():
        staff = [
            User.objects.create_user(
                f"user{i}", role="attorney" if i < 10 else "secretary", full_name=f"Staff {i}"
            )
            for i in range(24)
        ]
        me = staff[0]
        matters = Matter.objects.bulk_create(
            [
                Matter(
                    number=f"2027-{i:04}",
                    title=f"Matter {i}",
                    practice_area="litigation",
                    status="open",
                    responsible_attorney=staff[i % 10],
                )
                for i in range(200)
            ]
        )
        MatterTeamMember.objects.bulk_create(
            [MatterTeamMember(matter=m, user=m.responsible_attorney, role="lead") for m in matters]
        )
        EthicalWall.objects.bulk_create(
            [EthicalWall(matter=m, user=me, reason="bench") for m in matters[1:50:10]]
        )
        kinds = [k for k, _ in KINDS]
        weights = [w for _, w in KINDS]
        events = []
        start_of_year = dt.date(YEAR, 1, 1)
        for i in range(n_events):
            kind = rng.choices(kinds, weights)[0]
            day = start_of_year + dt.timedelta(days=rng.randrange(365))
            if kind == "deadline":
                start = timezone.make_aware(dt.datetime.combine(day, dt.time(23, 59)))
                end = None
            else:
                start = timezone.make_aware(
                    dt.datetime.combine(day, dt.time(rng.randrange(8, 17), rng.choice((0, 30))))
                )
                end = start + dt.timedelta(minutes=rng.choice((30, 60, 90, 120)))
            events.append(
                Event(
                    matter=rng.choice(matters) if rng.random() < 0.9 else None,
                    kind=kind,
                    title=f"{kind.title()} {i}",
                    starts_at=start,
                    ends_at=end,
                    location=f"Dept. {rng.randrange(1, 40)}" if kind == "hearing" else "",
                    uid=f"bench-{i}@casedesk",
                    created_by=rng.choice(staff),
                    rule_id="frcp-answer" if kind == "deadline" else "",
                    rule_citation="FRCP 12(a)(1)(A)(i)" if kind == "deadline" else "",
                )
            )
        events = Event.objects.bulk_create(events, batch_size=2000)
        attendees = []
        for event in events:
            if event.kind in ("deadline", "reminder"):
                continue
            for user in rng.sample(staff, rng.choice((1, 2, 2, 3))):
                attendees.append(EventAttendee(event=event, user=user))
        EventAttendee.objects.bulk_create(attendees, batch_size=5000)
    return me, len(attendees)


def naive_calendar_events(
    user: Any, *, start: Any, end: Any, scope: str = "mine", matter: Any = None, kinds: Any = ()
) -> list[Any]:
    """The baseline: every visible event, range and scope filtered in Python, no join."""
    from casedesk.web.access import visible_events
    from casedesk.web.scheduling.models import EventAttendee

    mine_ids = set(EventAttendee.objects.filter(user=user).values_list("event_id", flat=True))
    result = []
    for event in visible_events(user).order_by("starts_at", "id"):
        finish = event.ends_at or event.starts_at
        if not (event.starts_at < end and (event.starts_at >= start or finish > start)):
            continue
        if kinds and event.kind not in kinds:
            continue
        if scope == "matter" and event.matter_id != getattr(matter, "pk", None):
            continue
        if (
            scope == "mine"
            and event.pk not in mine_ids
            and event.created_by_id != user.pk
            and not (
                event.kind == "deadline"
                and event.matter
                and event.matter.responsible_attorney_id == user.pk
            )
        ):
            continue
        result.append(event)
    return result


def measure(client: Any, url: str, runs: int) -> dict[str, Any]:
    """Median, min and max milliseconds of ``runs`` GETs after one warm-up; queries per GET."""
    from django.db import connection

    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    captured: list[str] = []

    def count(execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        client.get(url)
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    return {
        "median_ms": round(statistics.median(times), 2),
        "min_ms": round(min(times), 2),
        "max_ms": round(max(times), 2),
        "queries": len(captured),
        "bytes": len(response.content),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seed", type=int, default=20270315)
    parser.add_argument("--output", type=Path, default=None)
    args = parser.parse_args()

    from casedesk.cli.bootstrap import django_ready

    django_ready()
    from django.test import Client

    from casedesk.web.scheduling import event_selectors

    t0 = time.perf_counter()
    me, n_attendees = seed(args.events, random.Random(args.seed))
    seed_s = time.perf_counter() - t0
    client = Client()
    client.force_login(me)

    optimised = {name: measure(client, url, args.runs) for name, url in PAGES.items()}
    real = event_selectors.calendar_events
    event_selectors.calendar_events = naive_calendar_events  # type: ignore[assignment]
    try:
        baseline = {name: measure(client, url, args.runs) for name, url in PAGES.items()}
    finally:
        event_selectors.calendar_events = real

    result = {
        "date": dt.date.today().isoformat(),
        "machine": f"{platform.platform()} · {os.cpu_count()} CPUs · Python {platform.python_version()}",
        "database": "SQLite (WAL), throw-away data dir",
        "events": args.events,
        "attendee_rows": n_attendees,
        "runs": args.runs,
        "seed_seconds": round(seed_s, 2),
        "pages": {
            name: {
                "url": PAGES[name],
                "optimised": optimised[name],
                "baseline_naive": baseline[name],
                "ratio": round(baseline[name]["median_ms"] / optimised[name]["median_ms"], 1),
            }
            for name in PAGES
        },
    }
    print(f"{args.events:,} events, {n_attendees:,} attendee rows; seeded in {seed_s:.1f} s")
    print(f"{'page':34} {'median':>9} {'queries':>8} {'baseline':>10} {'queries':>8} {'ratio':>6}")
    for name, row in result["pages"].items():
        o, b = row["optimised"], row["baseline_naive"]
        print(
            f"{name:34} {o['median_ms']:>7.1f}ms {o['queries']:>8} {b['median_ms']:>8.1f}ms "
            f"{b['queries']:>8} {row['ratio']:>5.1f}x"
        )
    if args.output:
        args.output.write_text(json.dumps(result, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
