"""Reads the calendar data files (``calendars/*.toml``) and expands them into dated holidays.

A file has a ``[calendar]`` table, ``[[holiday]]`` rules (a fixed month and day, or the nth
weekday of a month, optionally offset, with ``from``/``until`` years) and ``[[day]]`` entries
(one-off dates). ``status`` is ``holiday``, ``ambiguous`` or ``none``; ``federal`` gives the
status of the same day for a federal court sitting in the state (FRCP 6(a)(6)(C)).
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from casedesk.core.deadlines.model import FIRST_YEAR, LAST_YEAR, Holiday

_PACKAGE = "casedesk.core.deadlines.calendars"
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_STATUSES = ("holiday", "ambiguous", "none")


class CalendarDataError(ValueError):
    """A calendar data file is malformed (a bug in the data, not in the user's request)."""


@dataclass(frozen=True)
class CalendarFile:
    """One parsed calendar data file."""

    id: str
    title: str
    version: str
    source_url: str
    raw: dict[str, Any]


@cache
def calendar_file(name: str) -> CalendarFile:
    """Parse ``calendars/<name>.toml`` once per process."""
    text = resources.files(_PACKAGE).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    raw = tomllib.loads(text)
    head = raw["calendar"]
    return CalendarFile(head["id"], head["title"], head["version"], head["source_url"], raw)


def _nth_weekday(year: int, month: int, weekday: int, nth: int) -> dt.date:
    """The nth (1-based; -1 = last) given weekday of a month."""
    if nth > 0:
        first = dt.date(year, month, 1)
        return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))
    next_month = dt.date(year + month // 12, month % 12 + 1, 1)
    last = next_month - dt.timedelta(days=1)
    return last - dt.timedelta(days=(last.weekday() - weekday) % 7)


def _actual_date(rule: dict[str, Any], year: int) -> dt.date:
    if "day" in rule:
        base = dt.date(year, rule["month"], rule["day"])
    elif "weekday" in rule:
        base = _nth_weekday(year, rule["month"], _WEEKDAYS.index(rule["weekday"]), rule["nth"])
    else:
        raise CalendarDataError(f"holiday {rule.get('name')!r} needs day or weekday")
    return base + dt.timedelta(days=rule.get("offset", 0))


def _status(entry: dict[str, Any], federal_layer: bool) -> str:
    status = str(entry.get("status", "holiday"))
    if federal_layer:
        status = str(entry.get("federal", status))
    if status not in _STATUSES:
        raise CalendarDataError(f"unknown status {status!r} for {entry.get('name')!r}")
    return status


def expand_calendar(name: str, described: str, *, federal_layer: bool = False) -> list[Holiday]:
    """Every holiday (and ambiguous day) of a calendar file, FIRST_YEAR..LAST_YEAR.

    ``federal_layer`` reads the ``federal`` column instead: the state's holidays as a federal
    court sitting in that state counts them for forward periods.
    """
    data = calendar_file(name).raw
    head = data["calendar"]
    prefix = "federal_" if federal_layer else ""
    observed_status = {
        5: head.get(f"{prefix}saturday_observed", head.get("saturday_observed", "none")),
        6: head.get(f"{prefix}sunday_observed", head.get("sunday_observed", "none")),
    }
    observed_why = {
        5: head.get("why_saturday_observed", ""),
        6: head.get("why_sunday_observed", ""),
    }
    found: list[Holiday] = []
    for rule in data.get("holiday", []):
        status = _status(rule, federal_layer)
        if status == "none":
            continue
        first = max(FIRST_YEAR - 1, rule.get("from", FIRST_YEAR - 1))
        last = min(LAST_YEAR + 1, rule.get("until", LAST_YEAR + 1))
        for year in range(first, last + 1):
            actual = _actual_date(rule, year)
            found.append(_holiday(actual, rule, described, status))
            weekday = actual.weekday()
            if weekday < 5 or not rule.get("observed", True):
                continue
            observed_state = observed_status[weekday]
            if observed_state == "none":
                continue
            shift = -1 if weekday == 5 else 1
            observed = actual + dt.timedelta(days=shift)
            observed_state = rule.get("observed_status", observed_state)
            ambiguous = status == "ambiguous" or observed_state == "ambiguous"
            why = rule.get("observed_why", "") or rule.get("why", "") or observed_why[weekday]
            found.append(
                Holiday(
                    observed,
                    f"{rule['name']} (observed)",
                    described,
                    ambiguous,
                    why if ambiguous else "",
                    rule.get("source", ""),
                )
            )
    for entry in data.get("day", []):
        status = _status(entry, federal_layer)
        if status != "none":
            found.append(_holiday(entry["date"], entry, described, status))
    return [h for h in found if FIRST_YEAR <= h.day.year <= LAST_YEAR]


def _holiday(day: dt.date, entry: dict[str, Any], described: str, status: str) -> Holiday:
    ambiguous = status == "ambiguous"
    return Holiday(
        day,
        str(entry["name"]),
        described,
        ambiguous,
        str(entry.get("why", "")) if ambiguous else "",
        str(entry.get("source", "")),
    )
