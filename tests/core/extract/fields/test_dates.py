"""Dates and times in US legal formats; impossible dates rejected."""

from __future__ import annotations

import datetime as dt

import pytest

from casedesk.core.extract.fields.dates import find_dates, find_times, parse_date, parse_time


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("January 5, 2027", "2027-01-05"),
        ("Jan. 5, 2027", "2027-01-05"),
        ("JANUARY 5, 2027", "2027-01-05"),
        ("Sept. 9, 2021", "2021-09-09"),
        ("MAR 3 2026", "2026-03-03"),
        ("5 January 2027", "2027-01-05"),
        ("5th January, 2027", "2027-01-05"),
        ("1/5/2027", "2027-01-05"),
        ("01/05/27", "2027-01-05"),
        ("1-5-2027", "2027-01-05"),
        ("2027-01-05", "2027-01-05"),
        ("the 5th day of January, 2027", "2027-01-05"),
        ("this 10th day of November 2025", "2025-11-10"),
        ("February 29, 2028", "2028-02-29"),
        ("12/31/99", "1999-12-31"),
    ],
)
def test_one_date(text: str, expected: str) -> None:
    assert parse_date(text) == dt.date.fromisoformat(expected)


@pytest.mark.parametrize(
    "text",
    [
        "February 30, 2027",
        "February 29, 2027",
        "13/01/2027",
        "2027-02-31",
        "April 31, 2026",
        "the 32nd day of May, 2026",
        "January 5, 1850",
    ],
)
def test_impossible_dates_are_rejected(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Index No. 654321/2024",
        "Case No. 30-2024-01234567-CU-BC-CJC",
        "2:24-cv-01234-ABC",
        "AO 440 (Rev. 06/12)",
        "Official Form 309A 12/24",
        "a flood in 2021",
        "March 2027",
        "Tel. (213) 555-0123",
        "$1,250.00",
    ],
)
def test_things_that_are_not_dates(text: str) -> None:
    assert find_dates(text) == []


def test_a_list_of_days_gives_each_date() -> None:
    found = find_dates("available on October 29 and 30, 2026")
    assert [d.date.isoformat() for d in found] == ["2026-10-29", "2026-10-30"]


def test_offsets_cover_the_printed_date() -> None:
    text = "Dated: November 18, 2026 at San Francisco"
    (d,) = find_dates(text)
    assert text[d.start : d.end] == "November 18, 2026"


def test_a_date_broken_across_lines() -> None:
    (d,) = find_dates("originally set for November 4,\n     2026, has been continued")
    assert d.date == dt.date(2026, 11, 4)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("9:00 a.m.", "09:00"),
        ("9 a.m.", "09:00"),
        ("9:00 AM", "09:00"),
        ("8:45 am", "08:45"),
        ("1:30 p.m.", "13:30"),
        ("12:00 p.m.", "12:00"),
        ("12:15 a.m.", "00:15"),
        ("14:30", "14:30"),
        ("10:00 o'clock a.m.", "10:00"),
        ("9:30 o'clock in the forenoon", "09:30"),
        ("2 o'clock in the afternoon", "14:00"),
        ("noon", "12:00"),
    ],
)
def test_times(text: str, expected: str) -> None:
    assert parse_time(text) == dt.time.fromisoformat(expected)


@pytest.mark.parametrize("text", ["3:24-cv-05871", "Page ID #:412", "25:99", "13 p.m.", "9"])
def test_things_that_are_not_times(text: str) -> None:
    assert find_times(text) == []
