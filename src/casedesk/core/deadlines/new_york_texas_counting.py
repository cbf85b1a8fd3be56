"""New York (GCL 20, 25-a; CPLR 2103(b)(2)) and Texas (TRCP 4, 21a, 99(b)) periods in days.

Both add their mail days to the prescribed period and count it as one period with a single
roll at the end. Texas differs in two ways: periods of five days or less skip Saturdays,
Sundays and legal holidays (the 3 mail days of Rule 21a still count them), and the answer to a
citation is due at 10:00 a.m. on the Monday next after the expiration of 20 days (TRCP 99(b)).
A period counted backward that ends on a non-court day is calendared on the court day before
(the earliest reading); a note names the later reading (the next court day).
"""

from __future__ import annotations

import datetime as dt

from casedesk.core.deadlines.computation import Computation
from casedesk.core.deadlines.counting import (
    add_calendar_days,
    count_court_days,
    fmt,
    next_court_day_after,
    roll,
    roll_past_closures,
    why_not_court_day,
)
from casedesk.core.deadlines.model import Direction, Unit

_STYLE = {
    # family: (counting rule, roll rule, what a non-weekend non-court day is called)
    "new-york": ("GCL 20", "GCL 25-a: the next succeeding business day", "business days"),
    "texas": ("TRCP 4", "TRCP 4", "days (Saturdays, Sundays and legal holidays not counted)"),
}
TEXAS_SHORT_PERIOD = 5
TEXAS_ANSWER_TIME = dt.time(10, 0)


def count_ny_tx_days(job: Computation) -> dt.date:
    """Due date of a New York or Texas period in calendar or court days."""
    count_rule, roll_rule, court_day_label = _STYLE[job.court.family]
    direction = job.period.direction
    ext = job.extension
    ext_days = ext.amount if ext else 0
    short_texas = job.court.family == "texas" and job.amount <= TEXAS_SHORT_PERIOD
    if job.period.unit is Unit.COURT_DAYS or short_texas:
        job.steps.append(f"Exclude the day of the event, {fmt(job.trigger)} ({count_rule}).")
        label = court_day_label if short_texas else "court days"
        if short_texas:
            job.steps.append(
                f"A period of {TEXAS_SHORT_PERIOD} days or less: Saturdays, Sundays and legal "
                "holidays are not counted (TRCP 4)."
            )
        day = count_court_days(
            job.calendar, job.trigger, job.amount, direction, job.steps, label=label
        )
        if ext is not None:
            day = add_calendar_days(day, ext_days, direction)
            job.steps.append(
                f"{ext.citation}: {ext_days} more calendar days, weekends counted: {fmt(day)}."
            )
    else:
        total = job.amount + ext_days
        day = add_calendar_days(job.trigger, total, direction)
        when = "after" if direction is Direction.FORWARD else "before"
        added = f" + {ext_days} days ({ext.citation})" if ext else ""
        job.steps.append(
            f"Exclude the day of the event, {fmt(job.trigger)} ({count_rule}); "
            f"{job.amount} days{added} {when} it, weekends and holidays counted: "
            f"day {total} = {fmt(day)}."
        )
    raw = day
    day = roll(job.calendar, raw, direction, job.steps, label="", citation=roll_rule)
    if direction is Direction.BACKWARD and day != raw:
        later = roll(job.calendar, raw, Direction.FORWARD, [], label="", citation="")
        job.later_readings.append(
            (
                later,
                f"{fmt(raw)} is not a court day; rolled backward here (the earliest date), "
                f"but {roll_rule.split(':')[0]} reads as moving to the next court day, "
                f"{fmt(later)}",
            )
        )
    return roll_past_closures(job.calendar, day, job.closed, job.steps, citation=roll_rule)


def count_texas_answer(job: Computation) -> dt.date:
    """TRCP 99(b): 10:00 a.m. on the Monday next after the expiration of 20 days."""
    day_n = add_calendar_days(job.trigger, job.amount, Direction.FORWARD)
    days_to_monday = (0 - day_n.weekday()) % 7 or 7
    monday = add_calendar_days(day_n, days_to_monday, Direction.FORWARD)
    job.steps.append(
        f"Exclude the day of service, {fmt(job.trigger)} (TRCP 4); day {job.amount} = "
        f"{fmt(day_n)}, not rolled (Texas Supreme Court advisory opinion under Rule 4)."
    )
    same = " (day 20 is itself a Monday, so the following one)" if day_n.weekday() == 0 else ""
    job.steps.append(
        f"The Monday next after the expiration of {job.amount} days{same}: {fmt(monday)} "
        "(TRCP 99(b))."
    )
    day = monday
    if not job.calendar.is_court_day(monday):
        reason = why_not_court_day(job.calendar, monday)
        day = next_court_day_after(job.calendar, monday)
        job.steps.append(
            f"{fmt(monday)} = {reason}: the answer is due the next day that is not a Saturday, "
            f"Sunday or legal holiday, {fmt(day)} (TRCP 4)."
        )
        job.notes.append(
            "The answer Monday is a holiday: sources disagree on the hour on the next day. "
            "10:00 a.m. is calendared (courtdeadlines.com); Judge Sudderth reads Rule 4 as "
            "extending it to the end of that day."
        )
    day = roll_past_closures(job.calendar, day, job.closed, job.steps, citation="TRCP 4")
    job.due_time = job.rule.due_time if job.rule and job.rule.due_time else TEXAS_ANSWER_TIME
    return day
