"""Periods stated in hours (FRCP 6(a)(2); the states' rules read the same way).

Counting starts immediately at the trigger; every hour counts; if the period ends on a
Saturday, Sunday or holiday it runs until the same time on the next court day (backward
periods: the previous one). An inaccessible clerk's office extends it to the same time on the
first accessible court day.
"""

from __future__ import annotations

import datetime as dt

from casedesk.core.deadlines.computation import Computation
from casedesk.core.deadlines.counting import (
    add_calendar_days,
    fmt,
    roll,
    roll_past_closures,
)
from casedesk.core.deadlines.court_calendar import check_in_range
from casedesk.core.deadlines.model import Direction

HOURS_CITATION = {
    "federal": "FRCP 6(a)(2)",
    "california": "CCP 12, 12a",
    "new-york": "GCL 25-a",
    "texas": "TRCP 4",
}


def count_hours(job: Computation) -> dt.date:
    """Due date of an hours period; sets ``job.due_time`` to the clock time it ends."""
    cite = HOURS_CITATION[job.court.family]
    start_time = job.trigger_time
    if start_time is None:
        start_time = dt.time(0, 0)
        job.notes.append(
            "No time of day was given for the trigger: counted from 12:00 a.m. (the earliest "
            "reading); give --from DATETHH:MM for the exact end."
        )
    start = dt.datetime.combine(job.trigger, start_time)
    end = start + dt.timedelta(hours=job.amount * job.period.direction.sign)
    check_in_range(end.date())
    when = "after" if job.period.direction is Direction.FORWARD else "before"
    job.steps.append(
        f"Start counting at {fmt(start.date())} {start:%H:%M} ({cite}); "
        f"{job.amount} hours {when}, every hour counted: {fmt(end.date())} "
        f"at {end:%H:%M}."
    )
    day = roll(
        job.calendar,
        end.date(),
        job.period.direction,
        job.steps,
        label="",
        citation=f"{cite}: the same time on that day",
    )
    day = roll_past_closures(job.calendar, day, job.closed, job.steps, citation=cite)
    if job.extension is not None and job.period.direction is Direction.FORWARD:
        extended = add_calendar_days(day, job.extension.amount, Direction.FORWARD)
        job.steps.append(
            f"The period would otherwise expire {fmt(day)}; {job.extension.citation} adds "
            f"{job.extension.amount} days: {fmt(extended)}."
        )
        day = roll(
            job.calendar,
            extended,
            Direction.FORWARD,
            job.steps,
            label="",
            citation=job.extension.citation,
        )
        day = roll_past_closures(job.calendar, day, job.closed, job.steps, citation=cite)
    job.due_time = end.time()
    return day
