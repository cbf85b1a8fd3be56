"""Holiday tables checked against known dates and, for the federal calendar, against the
`holidays` package (which matches FRCP 6(a)(6)(A) exactly, per deadline-rules.md section 5)."""

from __future__ import annotations

import datetime as dt

import holidays
import pytest

from casedesk.core.deadlines import (
    FIRST_YEAR,
    LAST_YEAR,
    CalendarRangeError,
    Direction,
    court_calendar,
)

D = dt.date


def test_federal_calendar_matches_the_holidays_package_2000_2035() -> None:
    calendar = court_calendar("federal")
    package = holidays.US(years=range(FIRST_YEAR, LAST_YEAR + 1))
    day = D(FIRST_YEAR, 1, 1)
    while day <= D(LAST_YEAR, 12, 31):
        if day.weekday() < 5:
            name = package.get(day)
            ours = calendar.holiday_name(day)
            if name and "Juneteenth" in name and "observed" in name:
                # Flagged, not rolled: see calendars/federal.toml.
                assert ours is None and not calendar.with_strict_reading().is_court_day(day)
            else:
                assert (name is None) == (ours is None), (day, name, ours)
        day += dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("court", "day", "name"),
    [
        ("federal", D(2021, 6, 18), None),  # Juneteenth observed 2021: flagged only
        ("federal", D(2026, 6, 19), "Juneteenth National Independence Day"),
        ("federal", D(2026, 7, 3), "Independence Day (observed)"),
        ("federal", D(2027, 12, 24), "Christmas Day (observed)"),
        ("federal", D(2027, 12, 31), "New Year's Day (observed)"),
        ("ca", D(2027, 3, 31), "Cesar Chavez Day"),
        ("ca", D(2026, 2, 12), "Lincoln Day"),
        ("ca", D(2028, 2, 11), "Lincoln Day (observed)"),
        ("ca", D(2026, 9, 25), "Native American Day"),
        ("ca", D(2026, 11, 27), "Day after Thanksgiving"),
        ("ca", D(2023, 6, 19), "Juneteenth"),
        ("ny", D(2026, 2, 12), "Lincoln's Birthday"),
        ("ny", D(2026, 11, 3), "Election Day"),
        ("ny", D(2026, 10, 12), "Columbus Day"),
        ("tx", D(2026, 11, 27), "Friday after Thanksgiving"),
        ("tx", D(2026, 6, 19), "Emancipation Day in Texas / Juneteenth"),
    ],
)
def test_known_holidays(court: str, day: dt.date, name: str | None) -> None:
    calendar = court_calendar(court)
    assert calendar.holiday_name(day) == name
    assert calendar.is_court_day(day) is (name is None)


@pytest.mark.parametrize(
    ("court", "day"),
    [
        ("federal", D(2020, 6, 19)),  # Juneteenth only from 2021
        ("ca", D(2022, 6, 20)),  # California courts observe Juneteenth from 2023
        ("ca", D(2026, 10, 12)),  # Columbus Day: not a judicial holiday since AB 855
        ("ca", D(2026, 12, 24)),  # Christmas Eve
        ("ca", D(2026, 4, 3)),  # Good Friday
        ("ny", D(2026, 11, 27)),  # the day after Thanksgiving is not a NY holiday
        ("ny", D(2028, 2, 15)),  # Susan B. Anthony Day (the holidays package lists it)
        ("tx", D(2026, 10, 12)),  # Columbus Day is not a Texas holiday
        ("tx", D(2026, 4, 21)),  # San Jacinto Day: partial staffing, flagged only
        ("tx", D(2026, 3, 31)),  # Cesar Chavez Day: optional in Texas
        ("federal-ny", D(2027, 3, 31)),  # Chavez Day is not a New York holiday
    ],
)
def test_court_days_that_look_like_holidays(court: str, day: dt.date) -> None:
    assert court_calendar(court).is_court_day(day)


def test_state_holidays_count_for_federal_courts_only_forward() -> None:
    chavez = D(2027, 3, 31)
    assert not court_calendar("federal-ca", Direction.FORWARD).is_court_day(chavez)
    assert court_calendar("federal-ca", Direction.BACKWARD).is_court_day(chavez)
    assert court_calendar("federal", Direction.FORWARD).is_court_day(chavez)


def test_ambiguous_days_are_court_days_unless_strict() -> None:
    calendar = court_calendar("tx")
    san_jacinto = D(2026, 4, 21)
    assert calendar.is_court_day(san_jacinto)
    assert not calendar.with_strict_reading().is_court_day(san_jacinto)
    assert [h.name for h in calendar.ambiguous_days(D(2026, 4, 1), D(2026, 4, 30))] == [
        "San Jacinto Day"
    ]


@pytest.mark.parametrize("day", [D(1999, 12, 31), D(2036, 1, 1)])
def test_outside_the_years_is_a_clear_error(day: dt.date) -> None:
    with pytest.raises(CalendarRangeError, match="2000-2035"):
        court_calendar("ca").is_court_day(day)
