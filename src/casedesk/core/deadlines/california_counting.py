"""California periods in days: CCP 12, 12a, 12b, 12c, 1005(b), 1010.6, 1013.

- Calendar days forward: the mail days of CCP 1013(a) are added to the period, counted as one
  period, with one roll at the end (CCP 12a). CA-13 shows how this differs from federal 6(d).
- Electronic service (CCP 1010.6) and overnight/fax (1013(c), (e)) add 2 court days, counted
  from the last day of the period. Counting them from the unrolled last day gives the earlier
  date (calendared); rolling first is the later reading, named in a note.
- Before a hearing (CCP 12c): count back from the hearing (excluded), then the service days
  further back. A backward count that lands on a non-court day goes to the preceding court
  day (conservative); the other readings are named in a note.
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


def count_california_days(job: Computation) -> dt.date:
    """Due date of a California period in calendar or court days."""
    day = _forward(job) if job.period.direction is Direction.FORWARD else _backward(job)
    return roll_past_closures(job.calendar, day, job.closed, job.steps, citation="CCP 12b")


def _forward(job: Computation) -> dt.date:
    ext = job.extension
    calendar_ext = ext.amount if ext and ext.unit is Unit.CALENDAR_DAYS else 0
    if job.period.unit is Unit.COURT_DAYS:
        job.steps.append(f"Exclude the day of the event, {fmt(job.trigger)} (CCP 12).")
        last = count_court_days(job.calendar, job.trigger, job.amount, Direction.FORWARD, job.steps)
        if calendar_ext:
            assert ext is not None
            extended = add_calendar_days(last, calendar_ext, Direction.FORWARD)
            job.steps.append(
                f"{ext.citation} extends it by {calendar_ext} calendar days: {fmt(extended)}."
            )
            last = roll(
                job.calendar,
                extended,
                Direction.FORWARD,
                job.steps,
                label="",
                citation="CCP 12a",
            )
    else:
        total = job.amount + calendar_ext
        last = add_calendar_days(job.trigger, total, Direction.FORWARD)
        if calendar_ext:
            assert ext is not None
            job.steps.append(
                f"Exclude the day of the event, {fmt(job.trigger)} (CCP 12); {job.amount} days "
                f"+ {calendar_ext} calendar days ({ext.citation}) = {total} days, counted as "
                f"one period: day {total} = {fmt(last)}."
            )
        else:
            job.steps.append(
                f"Exclude the day of the event, {fmt(job.trigger)} (CCP 12); count "
                f"{job.amount} calendar days: day {job.amount} = {fmt(last)}."
            )
        unrolled = last
        last = roll(
            job.calendar,
            last,
            Direction.FORWARD,
            job.steps,
            label=f"day {total}",
            citation="CCP 12, 12a: Saturdays, Sundays and judicial holidays (CCP 135)",
        )
        if ext and ext.unit is Unit.COURT_DAYS:
            return _court_day_extension(job, unrolled, last)
    if ext and ext.unit is Unit.COURT_DAYS:
        return _court_day_extension(job, last, last)
    return last


def _court_day_extension(job: Computation, unrolled: dt.date, rolled: dt.date) -> dt.date:
    """CCP 1010.6 / 1013(c): 2 court days after the last day of the period."""
    ext = job.extension
    assert ext is not None
    job.steps.append(
        f"{ext.citation}: the period is extended by {ext.amount} court days after its last day."
    )
    day = count_court_days(job.calendar, unrolled, ext.amount, Direction.FORWARD, job.steps)
    if rolled != unrolled:
        later = count_court_days(job.calendar, rolled, ext.amount, Direction.FORWARD, [])
        if later != day:
            job.later_readings.append(
                (
                    later,
                    f"counting the {ext.amount} court days from the rolled last day "
                    f"{fmt(rolled)} instead of {fmt(unrolled)} gives {fmt(later)}",
                )
            )
    return day


def _backward(job: Computation) -> dt.date:
    ext = job.extension
    if job.period.unit is Unit.COURT_DAYS:
        job.steps.append(
            f"Count backward from the hearing or event, {fmt(job.trigger)} (excluded; CCP 12c(a))."
        )
        day = count_court_days(job.calendar, job.trigger, job.amount, Direction.BACKWARD, job.steps)
    else:
        day = add_calendar_days(job.trigger, job.amount, Direction.BACKWARD)
        job.steps.append(
            f"Count backward from the hearing or event, {fmt(job.trigger)} (excluded; "
            f"CCP 12c(a)): {job.amount} calendar days before = {fmt(day)}."
        )
    if ext is not None:
        if ext.unit is Unit.COURT_DAYS:
            job.steps.append(f"{ext.citation}: count {ext.amount} more court days backward.")
            day = count_court_days(job.calendar, day, ext.amount, Direction.BACKWARD, job.steps)
        else:
            extended = add_calendar_days(day, ext.amount, Direction.BACKWARD)
            job.steps.append(
                f"CCP 12c(b), {ext.citation}: count {ext.amount} more calendar days backward: "
                f"{fmt(extended)}."
            )
            day = extended
    if job.calendar.is_court_day(day):
        return day
    raw = day
    earlier = roll(
        job.calendar,
        raw,
        Direction.BACKWARD,
        job.steps,
        label="",
        citation="conservative reading: extending a backward period means acting earlier",
    )
    later = roll(job.calendar, raw, Direction.FORWARD, [], label="", citation="")
    job.later_readings.append(
        (
            later,
            f"{fmt(raw)} is not a court day; some practitioners treat that day itself as the "
            f"last day (mail can be deposited then), others the next court day {fmt(later)} "
            "(CCP 12a)",
        )
    )
    return earlier
