"""Court calendars: which days are court days for each court, and why the others are not.

A federal court counts the federal legal holidays; for periods measured forward (after an
event) it also counts the holidays of the state it sits in (FRCP 6(a)(6)(C), FRAP
26(a)(6)(C)). State courts count their own judicial or public holidays. Saturdays and Sundays
are never court days.

``CalendarProvider`` is the port the engine uses; ``default_calendars`` builds each calendar
once per process from the data files. Pass another provider (say, with a court's own closure
orders) to ``compute``.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Protocol

from casedesk.core.deadlines.calendar_data import expand_calendar
from casedesk.core.deadlines.model import (
    COURTS,
    FIRST_YEAR,
    LAST_YEAR,
    CalendarRangeError,
    Direction,
    Holiday,
    UnknownCourtError,
)

_FIRST_DAY = dt.date(FIRST_YEAR, 1, 1)
_LAST_DAY = dt.date(LAST_YEAR, 12, 31)


@dataclass(frozen=True)
class CourtInfo:
    """A court id's name, its family of computing rules, and its calendar files."""

    id: str
    name: str
    family: str  # federal, california, new-york, texas
    state_calendar: str | None  # the state's calendar file, if any
    state_name: str | None


COURT_INFO: dict[str, CourtInfo] = {
    "federal": CourtInfo(
        "federal", "U.S. district court or court of appeals", "federal", None, None
    ),
    "federal-ca": CourtInfo(
        "federal-ca", "U.S. district court in California", "federal", "california", "California"
    ),
    "federal-ny": CourtInfo(
        "federal-ny", "U.S. district court in New York", "federal", "new_york", "New York"
    ),
    "federal-tx": CourtInfo(
        "federal-tx", "U.S. district court in Texas", "federal", "texas", "Texas"
    ),
    "ca": CourtInfo("ca", "California superior court", "california", "california", "California"),
    "ny": CourtInfo("ny", "New York supreme court", "new-york", "new_york", "New York"),
    "tx": CourtInfo("tx", "Texas district or county court", "texas", "texas", "Texas"),
}


def court_info(court: str) -> CourtInfo:
    """The court's description, or UnknownCourtError naming the valid ids."""
    try:
        return COURT_INFO[court]
    except KeyError:
        raise UnknownCourtError(
            f"unknown court {court!r}: use one of {', '.join(COURTS)}"
        ) from None


def check_in_range(day: dt.date) -> None:
    """Raise CalendarRangeError for a day the calendars do not cover."""
    if not _FIRST_DAY <= day <= _LAST_DAY:
        raise CalendarRangeError(
            f"{day.isoformat()} is outside the court calendars' years ({FIRST_YEAR}-{LAST_YEAR})"
        )


class CourtCalendar:
    """One court's calendar for one direction of counting.

    ``is_court_day`` is False on Saturdays, Sundays and holidays. Ambiguous days (see
    ``Holiday``) are court days unless the calendar was built with ``strict=True``.
    """

    def __init__(self, court: str, holidays: Iterable[Holiday], *, strict: bool = False) -> None:
        self.court = court
        self.strict = strict
        table: dict[dt.date, Holiday] = {}
        for holiday in holidays:
            current = table.get(holiday.day)
            # A firm holiday wins over an ambiguous one; otherwise the first listed wins.
            if current is None or (current.ambiguous and not holiday.ambiguous):
                table[holiday.day] = holiday
        self._all = table
        self._closed = {
            day: h for day, h in table.items() if strict or not h.ambiguous
        }  # days that are not court days (besides weekends)
        self._ambiguous_days = sorted(day for day, h in table.items() if h.ambiguous)

    def holiday(self, day: dt.date) -> Holiday | None:
        """The holiday that makes ``day`` a non-court day, if any (weekends aside)."""
        check_in_range(day)
        return self._closed.get(day)

    def holiday_name(self, day: dt.date) -> str | None:
        """The name of the holiday on ``day`` (None on ordinary days and plain weekends)."""
        holiday = self.holiday(day)
        return holiday.name if holiday else None

    def is_court_day(self, day: dt.date) -> bool:
        """True unless ``day`` is a Saturday, a Sunday or a holiday of this court."""
        if not _FIRST_DAY <= day <= _LAST_DAY:
            check_in_range(day)
        return day.weekday() < 5 and day not in self._closed

    def ambiguous_days(self, start: dt.date, end: dt.date) -> list[Holiday]:
        """Ambiguous days between ``start`` and ``end`` inclusive (in either order)."""
        low, high = min(start, end), max(start, end)
        days = self._ambiguous_days
        first = bisect.bisect_left(days, low)
        last = bisect.bisect_right(days, high)
        return [self._all[day] for day in days[first:last]]

    def with_strict_reading(self) -> CourtCalendar:
        """The same calendar with every ambiguous day treated as a holiday."""
        return CourtCalendar(self.court, self._all.values(), strict=True)


class CalendarProvider(Protocol):
    """The port: a court's calendar for a direction of counting."""

    def calendar(
        self, court: str, direction: Direction, *, strict: bool = False
    ) -> CourtCalendar: ...


def _layers(info: CourtInfo, direction: Direction) -> list[Holiday]:
    if info.family != "federal":
        assert info.state_calendar is not None
        return expand_calendar(info.state_calendar, f"a {info.state_name} court holiday")
    holidays = expand_calendar("federal", "a federal legal holiday")
    if info.state_calendar and direction is Direction.FORWARD:
        holidays += expand_calendar(
            info.state_calendar,
            f"a {info.state_name} state holiday (counted for periods after an event, "
            "FRCP 6(a)(6)(C))",
            federal_layer=True,
        )
    return holidays


@cache
def _built(court: str, direction: Direction, strict: bool) -> CourtCalendar:
    info = court_info(court)
    return CourtCalendar(court, _layers(info, direction), strict=strict)


class DefaultCalendars:
    """Calendars from the packaged data files, built once per process and cached."""

    def calendar(self, court: str, direction: Direction, *, strict: bool = False) -> CourtCalendar:
        return _built(court, direction, strict)


default_calendars = DefaultCalendars()


def court_calendar(court: str, direction: Direction = Direction.FORWARD) -> CourtCalendar:
    """The calendar ``compute`` uses for ``court`` when counting in ``direction``.

    For ``federal-ca``/``-ny``/``-tx`` the forward calendar includes the state's holidays and
    the backward one does not (FRCP 6(a)(6)(C)).
    """
    return default_calendars.calendar(court, direction)
