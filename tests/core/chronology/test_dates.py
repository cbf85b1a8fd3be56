"""Fuzzy dates: what the clerk types, what it means, how it reads back and how it sorts."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.chronology import FuzzyDate, FuzzyDateError, parse_fuzzy_date
from casedesk.core.chronology.dates import KINDS

D = dt.date


@pytest.mark.parametrize(
    ("text", "kind", "start", "end", "display"),
    [
        # exact days, in the forms of US legal writing
        ("2024-03-05", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("2024-3-5", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("3/5/2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("03/05/24", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("March 5, 2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("Mar. 5, 2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("March 5th, 2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("5 March 2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("Tuesday, March 5, 2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("on March 5, 2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("the 5th day of March, 2024", "exact", D(2024, 3, 5), D(2024, 3, 5), "Mar. 5, 2024"),
        ("  June   1,  2021 ", "exact", D(2021, 6, 1), D(2021, 6, 1), "June 1, 2021"),
        ("Jul. 4, 2024", "exact", D(2024, 7, 4), D(2024, 7, 4), "July 4, 2024"),
        ("Sept. 9, 2024", "exact", D(2024, 9, 9), D(2024, 9, 9), "Sept. 9, 2024"),
        ("2024-02-29", "exact", D(2024, 2, 29), D(2024, 2, 29), "Feb. 29, 2024"),
        ("March 3, 1850", "exact", D(1850, 3, 3), D(1850, 3, 3), "Mar. 3, 1850"),
        ("3/5/2150", "exact", D(2150, 3, 5), D(2150, 3, 5), "Mar. 5, 2150"),
        ("2199-12-31", "exact", D(2199, 12, 31), D(2199, 12, 31), "Dec. 31, 2199"),
        # months
        ("March 2024", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        ("Mar. 2024", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        ("Mar 2024", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        ("March of 2024", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        ("in March 2024", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        ("3/2024", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        ("2024-03", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        ("February 1900", "month", D(1900, 2, 1), D(1900, 2, 28), "Feb. 1900"),
        ("Jun. 2024", "month", D(2024, 6, 1), D(2024, 6, 30), "June 2024"),
        ("Sept. 2024", "month", D(2024, 9, 1), D(2024, 9, 30), "Sept. 2024"),
        # years
        ("2024", "year", D(2024, 1, 1), D(2024, 12, 31), "2024"),
        ("1850", "year", D(1850, 1, 1), D(1850, 12, 31), "1850"),
        # named spans
        ("early 2024", "range", D(2024, 1, 1), D(2024, 4, 30), "early 2024"),
        ("mid 2024", "range", D(2024, 5, 1), D(2024, 8, 31), "mid 2024"),
        ("mid-2024", "range", D(2024, 5, 1), D(2024, 8, 31), "mid 2024"),
        ("late 2024", "range", D(2024, 9, 1), D(2024, 12, 31), "late 2024"),
        ("end of 2024", "range", D(2024, 9, 1), D(2024, 12, 31), "late 2024"),
        ("early March 2024", "range", D(2024, 3, 1), D(2024, 3, 10), "early Mar. 2024"),
        ("mid-March 2024", "range", D(2024, 3, 11), D(2024, 3, 20), "mid Mar. 2024"),
        ("late Feb. 2024", "range", D(2024, 2, 21), D(2024, 2, 29), "late Feb. 2024"),
        ("Q1 2024", "range", D(2024, 1, 1), D(2024, 3, 31), "Q1 2024"),
        ("2Q 2024", "range", D(2024, 4, 1), D(2024, 6, 30), "Q2 2024"),
        ("third quarter of 2024", "range", D(2024, 7, 1), D(2024, 9, 30), "Q3 2024"),
        ("2024-Q4", "range", D(2024, 10, 1), D(2024, 12, 31), "Q4 2024"),
        ("first half of 2024", "range", D(2024, 1, 1), D(2024, 6, 30), "first half 2024"),
        ("H2 2024", "range", D(2024, 7, 1), D(2024, 12, 31), "second half 2024"),
        ("spring 2024", "range", D(2024, 3, 1), D(2024, 5, 31), "spring 2024"),
        ("Summer of 2024", "range", D(2024, 6, 1), D(2024, 8, 31), "summer 2024"),
        ("autumn 2024", "range", D(2024, 9, 1), D(2024, 11, 30), "fall 2024"),
        ("winter 2024", "range", D(2023, 12, 1), D(2024, 2, 29), "winter 2024"),
        ("the 1990s", "range", D(1990, 1, 1), D(1999, 12, 31), "1990s"),
        # before / after: the exclusive bound
        ("before 2021-06-01", "before", None, D(2021, 6, 1), "before June 1, 2021"),
        ("prior to March 2024", "before", None, D(2024, 3, 1), "before Mar. 1, 2024"),
        ("before 2020", "before", None, D(2020, 1, 1), "before Jan. 1, 2020"),
        ("on or before June 1, 2021", "before", None, D(2021, 6, 2), "before June 2, 2021"),
        ("by March 2024", "before", None, D(2024, 4, 1), "before Apr. 1, 2024"),
        ("pre-2020", "before", None, D(2020, 1, 1), "before Jan. 1, 2020"),
        ("after Jan 5, 2020", "after", D(2020, 1, 5), None, "after Jan. 5, 2020"),
        ("after March 2024", "after", D(2024, 3, 31), None, "after Mar. 31, 2024"),
        ("after 2020", "after", D(2020, 12, 31), None, "after Dec. 31, 2020"),
        ("on or after Jan. 5, 2020", "after", D(2020, 1, 4), None, "after Jan. 4, 2020"),
        ("since 2019", "after", D(2018, 12, 31), None, "after Dec. 31, 2018"),
        # between
        (
            "between 2020-01-01 and 2020-03-01",
            "between",
            D(2020, 1, 1),
            D(2020, 3, 1),
            "Jan. 1 – Mar. 1, 2020",
        ),
        (
            "2020-01-01 to 2020-03-01",
            "between",
            D(2020, 1, 1),
            D(2020, 3, 1),
            "Jan. 1 – Mar. 1, 2020",
        ),
        (
            "2020-01-01 - 2020-03-01",
            "between",
            D(2020, 1, 1),
            D(2020, 3, 1),
            "Jan. 1 – Mar. 1, 2020",
        ),
        ("Jan. 1 – Mar. 1, 2020", "between", D(2020, 1, 1), D(2020, 3, 1), "Jan. 1 – Mar. 1, 2020"),
        (
            "Dec. 1, 2019 through Mar. 1, 2020",
            "between",
            D(2019, 12, 1),
            D(2020, 3, 1),
            "Dec. 1, 2019 – Mar. 1, 2020",
        ),
        (
            "from March to May 2024",
            "between",
            D(2024, 3, 1),
            D(2024, 5, 31),
            "Mar. 1 – May 31, 2024",
        ),
        ("2019-2021", "between", D(2019, 1, 1), D(2021, 12, 31), "Jan. 1, 2019 – Dec. 31, 2021"),
        ("2019–2021", "between", D(2019, 1, 1), D(2021, 12, 31), "Jan. 1, 2019 – Dec. 31, 2021"),
        ("March 1, 2024 to March 31, 2024", "month", D(2024, 3, 1), D(2024, 3, 31), "Mar. 2024"),
        (
            "between 2024-03-05 and 2024-03-05",
            "exact",
            D(2024, 3, 5),
            D(2024, 3, 5),
            "Mar. 5, 2024",
        ),
        # circa: a window around a day, a month or a year
        ("c. 2019", "circa", D(2018, 1, 1), D(2020, 12, 31), "c. 2019"),
        ("circa 2019", "circa", D(2018, 1, 1), D(2020, 12, 31), "c. 2019"),
        ("ca. 2019", "circa", D(2018, 1, 1), D(2020, 12, 31), "c. 2019"),
        ("about 2019", "circa", D(2018, 1, 1), D(2020, 12, 31), "c. 2019"),
        ("in or about 2019", "circa", D(2018, 1, 1), D(2020, 12, 31), "c. 2019"),
        ("around March 2024", "circa", D(2024, 2, 1), D(2024, 4, 30), "c. Mar. 2024"),
        ("approximately June 2020", "circa", D(2020, 5, 1), D(2020, 7, 31), "c. June 2020"),
        ("c. Jan. 2024", "circa", D(2023, 12, 1), D(2024, 2, 29), "c. Jan. 2024"),
        ("circa March 5, 2024", "circa", D(2024, 2, 27), D(2024, 3, 12), "c. Mar. 5, 2024"),
        (
            "on or about March 5, 2024",
            "circa",
            D(2024, 2, 27),
            D(2024, 3, 12),
            "on or about Mar. 5, 2024",
        ),
        ("around early 2024", "range", D(2024, 1, 1), D(2024, 4, 30), "early 2024"),
        # no date
        ("", "unknown", None, None, "Undated"),
        ("   ", "unknown", None, None, "Undated"),
        ("unknown", "unknown", None, None, "Undated"),
        ("Undated", "unknown", None, None, "Undated"),
        ("TBD", "unknown", None, None, "Undated"),
        ("n/a", "unknown", None, None, "Undated"),
    ],
)
def test_parse(text: str, kind: str, start: D | None, end: D | None, display: str) -> None:
    date = parse_fuzzy_date(text)
    assert (date.kind, date.start, date.end, date.display) == (kind, start, end, display)
    again = parse_fuzzy_date(date.display)
    assert (again.kind, again.start, again.end) == (kind, start, end)


def test_text_is_kept() -> None:
    assert parse_fuzzy_date("  c.   2019 ").text == "c. 2019"
    assert parse_fuzzy_date("on or about March 5, 2024").text == "on or about March 5, 2024"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("2024-02-30", '"2024-02-30" is not a date: February 2024 has 29 days.'),
        ("Feb 30, 2023", '"Feb 30, 2023" is not a date: February 2023 has 28 days.'),
        ("April 31, 2024", '"April 31, 2024" is not a date: April 2024 has 30 days.'),
        ("2/29/2100", '"2/29/2100" is not a date: February 2100 has 28 days.'),
        ("13/5/2024", '"13/5/2024" is not a date: there is no month 13.'),
        ("13/2024", '"13/2024" is not a date: there is no month 13.'),
        ("2300", '"2300" has the year 2300; casedesk takes years 1800 to 2199.'),
        ("1799", '"1799" has the year 1799; casedesk takes years 1800 to 2199.'),
        ("March 5, 2300", '"March 5, 2300" has the year 2300; casedesk takes years 1800 to 2199.'),
        ("c. 1650", '"1650" has the year 1650; casedesk takes years 1800 to 2199.'),
        ("2020-03-01 to 2020-01-01", '"2020-03-01 to 2020-01-01" ends before it starts.'),
        ("blah", '"blah" is not a date casedesk can read; try "March 5, 2024"'),
        ("Christmas 2019", "is not a date casedesk can read"),
        ("before", "is not a date casedesk can read"),
        ("c.", "is not a date casedesk can read"),
        ("5.3.2024", "is not a date casedesk can read"),
        ("x" * 101, "A date is at most 100 characters; this one has 101."),
    ],
)
def test_errors_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(FuzzyDateError) as caught:
        parse_fuzzy_date(text)
    assert message in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_error_is_one_sentence() -> None:
    with pytest.raises(FuzzyDateError) as caught:
        parse_fuzzy_date("garbage")
    text = str(caught.value)
    assert text.endswith(".")
    assert ". " not in text.replace("c. 2019", "")


def test_sort_order() -> None:
    texts = [
        "before Mar. 1, 2024",
        "Mar. 2024",
        "Mar. 1, 2024",
        "after Mar. 1, 2024",
        "Mar. 2, 2024",
        "c. Mar. 2024",
        "2023",
        "c. 2023",
        "before 2023",
        "Q1 2024",
        "winter 2024",
        "",
        "after Mar. 31, 2024",
        "Apr. 1, 2024",
    ]
    ordered = sorted((parse_fuzzy_date(t) for t in texts), key=lambda d: d.sort_key)
    assert [d.display for d in ordered] == [
        "before Jan. 1, 2023",
        "2023",
        "c. 2023",
        "winter 2024",
        "Q1 2024",
        "before Mar. 1, 2024",
        "Mar. 1, 2024",
        "Mar. 2024",
        "c. Mar. 2024",
        "after Mar. 1, 2024",
        "Mar. 2, 2024",
        "after Mar. 31, 2024",
        "Apr. 1, 2024",
        "Undated",
    ]


@pytest.mark.parametrize(
    ("text", "sort_date"),
    [
        ("Mar. 5, 2024", D(2024, 3, 5)),
        ("Mar. 2024", D(2024, 3, 1)),
        ("2024", D(2024, 1, 1)),
        ("before June 1, 2021", D(2021, 5, 31)),
        ("after Jan. 5, 2020", D(2020, 1, 6)),
        ("c. 2019", D(2019, 1, 1)),
        ("c. Mar. 2024", D(2024, 3, 1)),
        ("on or about Mar. 5, 2024", D(2024, 3, 5)),
        ("winter 2024", D(2023, 12, 1)),
        ("", None),
    ],
)
def test_sort_date(text: str, sort_date: D | None) -> None:
    assert parse_fuzzy_date(text).sort_date == sort_date


def test_dict_round_trip_and_helpers() -> None:
    for text in ("c. 2019", "before June 1, 2021", "", "Q1 2024", "Mar. 5, 2024"):
        date = parse_fuzzy_date(text)
        assert FuzzyDate.from_dict(date.to_dict()) == date
    assert FuzzyDate.from_dict(
        {"kind": "exact", "start": D(2024, 1, 2), "end": "2024-01-02"}
    ).display == ("Jan. 2, 2024")
    assert FuzzyDate.unknown().display == "Undated"
    assert FuzzyDate.exact(D(2024, 6, 7)).display == "June 7, 2024"
    with pytest.raises(ValueError, match="Unknown kind"):
        FuzzyDate("someday", None, None, "")
    with pytest.raises(ValueError, match="cannot end"):
        FuzzyDate("between", D(2024, 2, 1), D(2024, 1, 1), "")


def test_hand_made_half_dates_still_display() -> None:
    assert FuzzyDate("exact", D(2024, 1, 2), None, "").display == "Jan. 2, 2024"
    assert FuzzyDate("between", D(2024, 1, 2), D(2024, 3, 4), "").display == "Jan. 2 – Mar. 4, 2024"
    assert FuzzyDate("range", D(2024, 1, 2), D(2024, 3, 4), "").display == "Jan. 2 – Mar. 4, 2024"


# ---------------------------------------------------------------- properties

days = st.dates(min_value=D(1801, 1, 1), max_value=D(2198, 12, 31))
years = st.integers(min_value=1801, max_value=2198)
months = st.integers(min_value=1, max_value=12)
month_names = st.sampled_from(
    [
        "January",
        "Feb.",
        "Mar",
        "April",
        "May",
        "June",
        "Jul.",
        "August",
        "Sept.",
        "Oct",
        "Nov.",
        "December",
    ]
)


def _month_text(year: int, month: int, style: int) -> str:
    return [f"{D(year, month, 1):%B} {year}", f"{month}/{year}", f"{year}-{month:02d}"][style]


@st.composite
def typed_dates(draw: st.DrawFn) -> str:
    day = draw(days)
    other = draw(days)
    lo, hi = min(day, other), max(day, other)
    year = draw(years)
    month = draw(months)
    style = draw(st.integers(0, 2))
    forms = [
        day.isoformat(),
        f"{day.month}/{day.day}/{day.year}",
        f"{day:%B} {day.day}, {day.year}",
        f"{draw(month_names)} {year}",
        _month_text(year, month, style),
        str(year),
        f"{draw(st.sampled_from(['early', 'mid', 'late']))} {year}",
        f"Q{draw(st.integers(1, 4))} {year}",
        f"{draw(st.sampled_from(['spring', 'summer', 'fall', 'winter']))} {year}",
        f"before {day.isoformat()}",
        f"after {day:%B} {day.day}, {day.year}",
        f"on or about {day:%B} {day.day}, {day.year}",
        f"c. {year}",
        f"circa {_month_text(year, month, 0)}",
        f"between {lo.isoformat()} and {hi.isoformat()}",
        f"{lo.isoformat()} to {hi.isoformat()}",
        f"{draw(st.sampled_from(['', 'unknown', 'undated']))}",
    ]
    return draw(st.sampled_from(forms))


@settings(max_examples=400)
@given(typed_dates())
def test_display_round_trips(text: str) -> None:
    date = parse_fuzzy_date(text)
    assert date.kind in KINDS
    again = parse_fuzzy_date(date.display)
    assert (again.kind, again.start, again.end) == (date.kind, date.start, date.end)
    assert again.display == date.display
    assert FuzzyDate.from_dict(date.to_dict()) == date
    if date.start and date.end:
        assert date.start <= date.end


@settings(max_examples=300)
@given(st.lists(typed_dates(), min_size=1, max_size=6))
def test_sort_key_is_a_total_order(texts: list[str]) -> None:
    dates = [parse_fuzzy_date(t) for t in texts]
    for a in dates:
        for b in dates:
            assert (a.sort_key == b.sort_key) == (a == b)
            assert (a.sort_key < b.sort_key) != (b.sort_key < a.sort_key) or a == b
    ordered = sorted(dates, key=lambda d: d.sort_key)
    dated = [d for d in ordered if d.is_dated]
    assert ordered[: len(dated)] == dated  # undated last
    sort_days = [d.sort_date for d in dated]
    assert all(s is not None for s in sort_days)


@settings(max_examples=300)
@given(st.text(max_size=40))
def test_anything_typed_parses_or_says_why(text: str) -> None:
    try:
        date = parse_fuzzy_date(text)
    except FuzzyDateError as exc:
        assert str(exc).endswith(".")
        assert "\n" not in str(exc)
    else:
        assert date.display
        assert len(date.display) <= 100
