"""Counting primitives shared by every jurisdiction: add days, count court days, roll.

Each function returns the resulting date and appends its derivation, in words, to ``steps``.
"""

from __future__ import annotations

import datetime as dt
from functools import cache

from casedesk.core.deadlines.court_calendar import CourtCalendar, check_in_range
from casedesk.core.deadlines.model import Direction

_ONE_DAY = dt.timedelta(days=1)


@cache
def fmt(day: dt.date) -> str:
    """'Wed Mar 31, 2027' (cached: at most some 13,000 days in the calendars' years)."""
    return f"{day:%a %b} {day.day}, {day.year}"


def fmt_time(moment: dt.time) -> str:
    """'11:59 p.m.', '10:00 a.m.'."""
    hour = moment.hour % 12 or 12
    return f"{hour}:{moment.minute:02d} {'a.m.' if moment.hour < 12 else 'p.m.'}"


def why_not_court_day(calendar: CourtCalendar, day: dt.date) -> str:
    """'Cesar Chavez Day, a California court holiday' or 'a Saturday'."""
    holiday = calendar.holiday(day)
    if holiday:
        return f"{holiday.name}, {holiday.described}"
    return f"a {day:%A}"


def add_calendar_days(start: dt.date, days: int, direction: Direction) -> dt.date:
    """``start`` plus (or minus) ``days`` calendar days, inside the calendars' years."""
    result = start + dt.timedelta(days=days * direction.sign)
    check_in_range(result)
    return result


def count_court_days(
    calendar: CourtCalendar,
    start: dt.date,
    days: int,
    direction: Direction,
    steps: list[str],
    *,
    label: str = "court days",
) -> dt.date:
    """Count ``days`` court days from ``start`` (excluded), skipping non-court days."""
    step = _ONE_DAY * direction.sign
    day = start
    counted = 0
    skipped_holidays: list[str] = []
    while counted < days:
        day += step
        if calendar.is_court_day(day):
            counted += 1
        else:
            holiday = calendar.holiday(day)
            if holiday:
                skipped_holidays.append(f"{fmt(day)} ({holiday.name})")
    where = "after" if direction is Direction.FORWARD else "before"
    skipped = "weekends"
    if skipped_holidays:
        skipped += " and " + ", ".join(skipped_holidays)
    steps.append(f"{days} {label} {where} {fmt(start)}, skipping {skipped}: {fmt(day)}.")
    return day


def roll(
    calendar: CourtCalendar,
    day: dt.date,
    direction: Direction,
    steps: list[str],
    *,
    label: str,
    citation: str,
) -> dt.date:
    """Move ``day`` to the nearest court day in ``direction`` if it is not one.

    The step reads "day 21 = Wed Mar 31, 2027 = Cesar Chavez Day, a California holiday:
    next court day Thu Apr 1, 2027 (FRCP 6(a)(1)(C))"; an empty ``label`` starts at the date.
    """
    if calendar.is_court_day(day):
        return day
    reasons: list[str] = []
    result = day
    step = _ONE_DAY * direction.sign
    while not calendar.is_court_day(result):
        reasons.append(f"{fmt(result)} = {why_not_court_day(calendar, result)}")
        result += step
    which = "next" if direction is Direction.FORWARD else "previous"
    said = "; ".join(reasons)
    if label:
        said = f"{label} = {said}"
    steps.append(f"{said}: {which} court day {fmt(result)} ({citation}).")
    return result


def roll_past_closures(
    calendar: CourtCalendar,
    day: dt.date,
    closed: frozenset[dt.date],
    steps: list[str],
    *,
    citation: str,
) -> dt.date:
    """If the clerk's office is closed on ``day``, move FORWARD to the first accessible court day.

    Inaccessibility always extends time forward, even for periods counted backward
    (FRCP 6(a)(3) and the 2009 Committee Note; CCP 12b).
    """
    if day not in closed:
        return day
    result = day
    passed: list[str] = []
    while result in closed or not calendar.is_court_day(result):
        if result in closed:
            passed.append(f"{fmt(result)} (clerk's office inaccessible)")
        else:
            passed.append(f"{fmt(result)} ({why_not_court_day(calendar, result)})")
        result += _ONE_DAY
    steps.append(
        f"The clerk's office is inaccessible on {fmt(day)}: the time extends forward past "
        f"{', '.join(passed)} to the first accessible court day, {fmt(result)} ({citation})."
    )
    return result


def next_court_day_after(calendar: CourtCalendar, day: dt.date) -> dt.date:
    """The first court day strictly after ``day``."""
    result = day + _ONE_DAY
    while not calendar.is_court_day(result):
        result += _ONE_DAY
    return result
