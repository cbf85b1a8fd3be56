"""Federal periods in days: FRCP 6(a)(1), (3), (5), 6(d); FRAP 26(a), 26(c).

Order of operations (6(d): "3 days are added after the period would otherwise expire under
Rule 6(a)"): count, roll the last day, then add 3 days, then roll again. A period counted
backward rolls backward (6(a)(5)); an inaccessible clerk's office always moves the date
forward (6(a)(3)). Electronic filing is due by 11:59 p.m. in the court's time zone (6(a)(4)(A)).
"""

from __future__ import annotations

import datetime as dt

from casedesk.core.deadlines.computation import Computation
from casedesk.core.deadlines.counting import (
    add_calendar_days,
    count_court_days,
    fmt,
    roll,
    roll_past_closures,
)
from casedesk.core.deadlines.model import Direction, Unit

E_FILING_TIME = dt.time(23, 59)


def _rule_set(job: Computation) -> str:
    return "FRAP 26(a)" if job.rule is not None and job.rule.pack == "frap" else "FRCP 6(a)"


def count_federal_days(job: Computation) -> dt.date:
    """Due date of a federal period in calendar or court days."""
    base = _rule_set(job)
    direction = job.period.direction
    if job.period.unit is Unit.COURT_DAYS:
        job.steps.append(f"Exclude the day of the event, {fmt(job.trigger)} ({base}(1)(A)).")
        day = count_court_days(job.calendar, job.trigger, job.amount, direction, job.steps)
    else:
        day = add_calendar_days(job.trigger, job.amount, direction)
        when = "after" if direction is Direction.FORWARD else "before"
        job.steps.append(
            f"Exclude the day of the event, {fmt(job.trigger)} ({base}(1)(A)); count "
            f"{job.amount} days {when} it, intermediate weekends and holidays included "
            f"({base}(1)(B)): day {job.amount} = {fmt(day)}."
        )
        citation = f"{base}(1)(C)"
        if direction is Direction.BACKWARD:
            citation += f" and {base}(5): for a period before an event, count on backward"
        day = roll(
            job.calendar, day, direction, job.steps, label=f"day {job.amount}", citation=citation
        )
    day = roll_past_closures(job.calendar, day, job.closed, job.steps, citation=f"{base}(3)(A)")
    if job.extension is not None:
        extension = job.extension
        extended = add_calendar_days(day, extension.amount, Direction.FORWARD)
        job.steps.append(
            f"The period would otherwise expire {fmt(day)}; {extension.citation} adds "
            f"{extension.amount} days after that: {fmt(extended)}."
        )
        day = roll(
            job.calendar,
            extended,
            Direction.FORWARD,
            job.steps,
            label=f"day +{extension.amount}",
            citation=f"{base}(1)(C) again after {extension.citation}",
        )
        day = roll_past_closures(job.calendar, day, job.closed, job.steps, citation=f"{base}(3)(A)")
    job.due_time = E_FILING_TIME
    job.notes.append(
        "Due by 11:59 p.m. in the court's time zone for electronic filing "
        f"({base}(4)(A)); a paper filing is due when the clerk's office is scheduled to close "
        f"({base}(4)(B))."
    )
    return day
