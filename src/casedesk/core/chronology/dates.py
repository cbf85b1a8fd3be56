"""Fuzzy dates: the date of a fact as people know it ("March 2024", "before June 1, 2021").

A fact's date is often not a day. :func:`parse_fuzzy_date` reads what a clerk types and
returns a :class:`FuzzyDate`: a kind, the first and last day it may fall on, and the text typed.

=========  =================================================  ==============================
kind       typed as                                           start / end
=========  =================================================  ==============================
exact      2024-03-05, 3/5/2024, March 5, 2024, 5 March 2024  the day / the day
month      March 2024, Mar. 2024, 3/2024, 2024-03             first / last day of the month
year       2024                                               Jan. 1 / Dec. 31
range      early/mid/late 2024 (Jan.-Apr., May-Aug.,          first / last day of the span
           Sept.-Dec.), early/mid/late March 2024 (days
           1-10, 11-20, 21-end), Q1 2024, first half 2024,
           spring/summer/fall 2024 (Mar.-May, June-Aug.,
           Sept.-Nov.), winter 2024 (Dec. 2023-Feb. 2024),
           the 1990s
before     before 2021-06-01, prior to March 2024,            None / the exclusive bound: the
           on or before June 1, 2021                          day given (June 2 for "on or
                                                              before June 1"), the first day
                                                              of a month or year
after      after Jan 5, 2020, since 2019, on or after ...     the exclusive bound: the day
                                                              given, the last day of a month
                                                              or year / None
between    between 2020-01-01 and 2020-03-01, 2020-01-01 to   first day of the first / last
           2020-03-01, from March to May 2024, 2019-2021,     day of the second
           Jan. 1 - Mar. 1, 2020
circa      c. 2019, circa March 2024, about, around,          a window: +/- 7 days around a
           approximately, on or about March 5, 2024,          day, the month before to the
           in or about 2019                                   month after a month, the year
                                                              before to the year after a year
unknown    "", unknown, undated, TBD, n/a, ?                  None / None (sorts last)
=========  =================================================  ==============================

A weekday in front ("Tuesday, March 5, 2024") and "on"/"in" are ignored. Days are read by
:mod:`casedesk.core.extract.fields.dates` (the data-entry extraction), which also reads
"the 5th day of March, 2024" and two-digit years; years 1800-2199 are accepted. An impossible
day (February 30), a year outside 1800-2199, a span that ends before it starts and anything
else unreadable raise :class:`FuzzyDateError`, whose text is one sentence for the user.

:attr:`FuzzyDate.display` is the canonical text ("Mar. 5, 2024", "Mar. 2024", "2024",
"before June 1, 2021", "c. 2019", "Jan. 1 – Mar. 1, 2020", "Undated"), with Bluebook month
abbreviations; parsing it gives back the same kind, start and end.
:attr:`FuzzyDate.sort_key` orders facts on a timeline: by the day they start (a circa date by
its middle), "before X" just before X, "after X" just after X, undated last.
:attr:`FuzzyDate.sort_date` is the one day a database orders by: the start, the middle of a
circa window, the day before a "before" bound, the day after an "after" bound.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from casedesk.core.extract.fields.dates import MONTHS, month_number, parse_date

EXACT = "exact"
MONTH = "month"
YEAR = "year"
RANGE = "range"
BEFORE = "before"
AFTER = "after"
BETWEEN = "between"
CIRCA = "circa"
UNKNOWN = "unknown"
KINDS = (EXACT, MONTH, YEAR, RANGE, BEFORE, AFTER, BETWEEN, CIRCA, UNKNOWN)

MIN_YEAR = 1800
MAX_YEAR = 2199
CIRCA_DAYS = 7
MAX_TEXT = 100

# Bluebook T12 month abbreviations.
MONTH_ABBR = ("", "Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec.")  # fmt: skip
MONTH_NAMES = tuple(calendar.month_name)
_KIND_RANK = {kind: i for i, kind in enumerate(KINDS)}
_UNKNOWN_WORDS = frozenset(
    {"", "unknown", "undated", "tbd", "tba", "n/a", "na", "none", "no date", "date unknown", "?"}
)
_HINT = 'try "March 5, 2024", "March 2024", "2024", "before 2021-06-01" or "c. 2019".'

__all__ = [
    "KINDS",
    "FuzzyDate",
    "FuzzyDateError",
    "parse_fuzzy_date",
]


class FuzzyDateError(ValueError):
    """A date that cannot be read; ``str()`` is one sentence for the user."""


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _named_spans(year: int) -> dict[str, tuple[dt.date, dt.date]]:
    """The named spans of ``year``, display text -> (first, last day)."""
    d = dt.date
    return {
        f"early {year}": (d(year, 1, 1), d(year, 4, 30)),
        f"mid {year}": (d(year, 5, 1), d(year, 8, 31)),
        f"late {year}": (d(year, 9, 1), d(year, 12, 31)),
        f"Q1 {year}": (d(year, 1, 1), d(year, 3, 31)),
        f"Q2 {year}": (d(year, 4, 1), d(year, 6, 30)),
        f"Q3 {year}": (d(year, 7, 1), d(year, 9, 30)),
        f"Q4 {year}": (d(year, 10, 1), d(year, 12, 31)),
        f"first half {year}": (d(year, 1, 1), d(year, 6, 30)),
        f"second half {year}": (d(year, 7, 1), d(year, 12, 31)),
        f"spring {year}": (d(year, 3, 1), d(year, 5, 31)),
        f"summer {year}": (d(year, 6, 1), d(year, 8, 31)),
        f"fall {year}": (d(year, 9, 1), d(year, 11, 30)),
        f"winter {year}": (d(year - 1, 12, 1), _last_day(year, 2)),
    }


def _month_parts(year: int, month: int) -> dict[str, tuple[dt.date, dt.date]]:
    name = MONTH_ABBR[month]
    return {
        f"early {name} {year}": (dt.date(year, month, 1), dt.date(year, month, 10)),
        f"mid {name} {year}": (dt.date(year, month, 11), dt.date(year, month, 20)),
        f"late {name} {year}": (dt.date(year, month, 21), _last_day(year, month)),
    }


def _day_text(day: dt.date, *, year: bool = True) -> str:
    text = f"{MONTH_ABBR[day.month]} {day.day}"
    return f"{text}, {day.year}" if year else text


def _month_text(day: dt.date) -> str:
    return f"{MONTH_ABBR[day.month]} {day.year}"


def _is_month(start: dt.date, end: dt.date) -> bool:
    return start.day == 1 and end == _last_day(start.year, start.month)


def _is_year(start: dt.date, end: dt.date) -> bool:
    return (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
        start.year == end.year
    )


def _add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _circa_window(start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The window of "c. <the span start..end>" (a day, a month or a year)."""
    if start == end:
        return start - dt.timedelta(days=CIRCA_DAYS), end + dt.timedelta(days=CIRCA_DAYS)
    if _is_year(start, end):
        return dt.date(start.year - 1, 1, 1), dt.date(start.year + 1, 12, 31)
    first = _add_months(start, -1)
    after = _add_months(start, 1)
    return first, _last_day(after.year, after.month)


def _circa_center(start: dt.date, end: dt.date) -> tuple[str, dt.date]:
    """What a circa window was drawn around: ("day"|"month"|"year", its first day)."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and (
        end.year - start.year == 2
    ):
        return "year", dt.date(start.year + 1, 1, 1)
    if start.day == 1 and end == _last_day(end.year, end.month):
        middle = _add_months(start, 1)
        if _add_months(middle, 1) == dt.date(end.year, end.month, 1):
            return "month", middle
    return "day", start + (end - start) // 2


@dataclass(frozen=True)
class FuzzyDate:
    """When a fact happened, as precisely as it is known.

    ``start`` and ``end`` are the first and last day it may fall on (``end`` only for
    "before": the exclusive bound; ``start`` only for "after": the exclusive bound; neither
    for "unknown"). ``text`` is what was typed.
    """

    kind: str
    start: dt.date | None
    end: dt.date | None
    text: str

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Unknown kind of date {self.kind!r}.")
        if self.start is not None and self.end is not None and self.start > self.end:
            raise ValueError(f"A date cannot end ({self.end}) before it starts ({self.start}).")

    @property
    def is_dated(self) -> bool:
        """True unless the fact has no date at all."""
        return self.kind != UNKNOWN and (self.start is not None or self.end is not None)

    @property
    def anchor(self) -> dt.date | None:
        """The day a timeline places the fact at (see the module docstring)."""
        if not self.is_dated:
            return None
        if self.kind == BEFORE:
            return self.end
        if self.kind == CIRCA and self.start is not None and self.end is not None:
            return _circa_center(self.start, self.end)[1]
        return self.start if self.start is not None else self.end

    @property
    def sort_key(self) -> tuple[int, int, int, int, int, int, str]:
        """A key that orders every fuzzy date (a total order: equal keys, equal dates)."""
        anchor = self.anchor
        rank = _KIND_RANK[self.kind]
        start = self.start.toordinal() if self.start else 0
        end = self.end.toordinal() if self.end else 0
        if anchor is None:
            return (1, 0, 0, 0, rank, 0, self.text)
        phase = 0 if self.kind == BEFORE else 2 if self.kind == AFTER else 1
        return (0, anchor.toordinal(), phase, end, rank, start, self.text)

    @property
    def sort_date(self) -> dt.date | None:
        """The single day a database orders this date by (None when undated)."""
        anchor = self.anchor
        if anchor is None:
            return None
        if self.kind == BEFORE:
            return anchor - dt.timedelta(days=1)
        if self.kind == AFTER:
            return anchor + dt.timedelta(days=1)
        return anchor

    @property
    def display(self) -> str:
        """The canonical text ("Mar. 5, 2024", "c. 2019", "Undated")."""
        start, end = self.start, self.end
        if not self.is_dated:
            return "Undated"
        if self.kind == BEFORE and end is not None:
            return "before " + _day_text(end)
        if self.kind == AFTER and start is not None:
            return "after " + _day_text(start)
        if start is None or end is None:  # made by hand with one side missing
            one = start if start is not None else end
            return _day_text(one) if one is not None else "Undated"
        if self.kind == CIRCA:
            grain, center = _circa_center(start, end)
            point = {"year": str(center.year), "month": _month_text(center)}.get(
                grain, _day_text(center)
            )
            lead = "on or about" if self.text.lower().startswith("on or about") else "c."
            return f"{lead} {point}"
        if start == end and self.kind in (EXACT, BETWEEN, RANGE):
            return _day_text(start)
        if self.kind in (MONTH, RANGE, BETWEEN) and _is_month(start, end):
            return _month_text(start)
        if self.kind in (YEAR, RANGE, BETWEEN) and _is_year(start, end):
            return str(start.year)
        if self.kind == RANGE:
            named = _span_name(start, end)
            if named:
                return named
        return _between_text(start, end)

    def to_dict(self) -> dict[str, str | None]:
        """JSON-ready: kind, start and end as ISO dates (or None), text."""
        return {
            "kind": self.kind,
            "start": self.start.isoformat() if self.start else None,
            "end": self.end.isoformat() if self.end else None,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> FuzzyDate:
        """The inverse of :meth:`to_dict`."""

        def day(key: str) -> dt.date | None:
            value = data.get(key)
            if value is None or value == "":
                return None
            if isinstance(value, dt.date):
                return value
            return dt.date.fromisoformat(str(value))

        return cls(
            str(data.get("kind") or UNKNOWN), day("start"), day("end"), str(data.get("text") or "")
        )

    @classmethod
    def unknown(cls, text: str = "") -> FuzzyDate:
        """No date."""
        return cls(UNKNOWN, None, None, text)

    @classmethod
    def exact(cls, day: dt.date) -> FuzzyDate:
        """One known day."""
        return cls(EXACT, day, day, _day_text(day))


def _span_name(start: dt.date, end: dt.date) -> str:
    for year in {start.year, end.year}:
        for name, span in _named_spans(year).items():
            if span == (start, end):
                return name
    if start.year == end.year and start.month == end.month:
        for name, span in _month_parts(start.year, start.month).items():
            if span == (start, end):
                return name
    if (
        start.year % 10 == 0
        and (start.month, start.day) == (1, 1)
        and end == dt.date(start.year + 9, 12, 31)
    ):
        return f"{start.year}s"
    return ""


def _between_text(start: dt.date, end: dt.date) -> str:
    if start.year == end.year:
        return f"{_day_text(start, year=False)} – {_day_text(end)}"
    return f"{_day_text(start)} – {_day_text(end)}"


# ---------------------------------------------------------------- parsing

_SPACE = re.compile(r"\s+")
_WEEKDAY = re.compile(
    r"^(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+", re.IGNORECASE
)
_YEAR_TOKEN = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_JUN_JUL = re.compile(r"\b(jun|jul)\.", re.I)
_LOOSE_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_BIG_NUMBER = re.compile(r"(?<!\d)(\d{4})(?!\d)")
_MONTH_WORD = (
    r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|jun(?:e|\.)?|jul(?:y|\.)?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_MONTH_YEAR = re.compile(r"^" + _MONTH_WORD + r"(?![a-z])\s*(?:,|of)?\s*(?P<year>\d{4})$", re.I)
_NUM_MONTH_YEAR = re.compile(r"^(?P<month>\d{1,2})[/.-](?P<year>\d{4})$")
_ISO_MONTH = re.compile(r"^(?P<year>\d{4})-(?P<month>\d{1,2})$")
_YEAR_ONLY = re.compile(r"^(?:the\s+year\s+)?(?P<year>\d{4})$", re.I)
_DECADE = re.compile(r"^(?:the\s+)?(?P<year>\d{3}0)['’]?s$", re.I)
_PART = re.compile(
    r"^(?P<part>early|beginning\s+of|start\s+of|mid|middle\s+of|late|end\s+of)[\s-]+"
    r"(?:(?P<month>[a-z.]+)\s+)?(?P<year>\d{4})$",
    re.I,
)
_QUARTER = re.compile(
    r"^(?:q(?P<q1>[1-4])|(?P<q2>[1-4])q|(?P<q3>first|second|third|fourth|1st|2nd|3rd|4th)\s+quarter"
    r"(?:\s+of)?),?\s*(?P<year>\d{4})$|^(?P<year2>\d{4})\s*-?\s*q(?P<q4>[1-4])$",
    re.I,
)
_HALF = re.compile(
    r"^(?:(?P<h>first|second|1st|2nd)\s+half(?:\s+of)?|h(?P<n>[12]))\s*(?P<year>\d{4})$", re.I
)
_SEASON = re.compile(
    r"^(?P<season>spring|summer|fall|autumn|winter)(?:\s+of)?\s+(?P<year>\d{4})$", re.I
)
_BEFORE = re.compile(
    r"^(?:(?P<incl>on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|by)\s+"
    r"|(?:before|prior\s+to|earlier\s+than|until|till)\s+|pre-\s*)",
    re.I,
)
_AFTER = re.compile(
    r"^(?:(?P<incl>on\s+or\s+after|no\s+earlier\s+than|not\s+earlier\s+than|since|from)\s+"
    r"|(?:after|later\s+than|subsequent\s+to)\s+|post-\s*)",
    re.I,
)
_CIRCA = re.compile(
    r"^(?P<lead>(?:on|in)\s+or\s+(?:about|around)|(?:some\s*time\s+)?(?:about|around)\s"
    r"|approx(?:imately\s|\.)|circa\s|ca\.|ca\s|c\.|c\s|~)\s*",
    re.I,
)
_BETWEEN = re.compile(
    r"^(?:between\s+(?P<a1>.+?)\s+and\s+(?P<b1>.+)|from\s+(?P<a2>.+?)\s+(?:to|through|thru|until|till)\s+(?P<b2>.+)"
    r"|(?P<a3>.+?)\s+(?:to|through|thru|until|till)\s+(?P<b3>.+)|(?P<a4>.+?)\s*[–—]\s*(?P<b4>.+)"
    r"|(?P<a5>.+?)\s+-\s+(?P<b5>.+)|(?P<a6>\d{4})-(?P<b6>\d{4}))$",
    re.I,
)
_QUARTER_WORDS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}  # fmt: skip
_DAY_OF_MONTH = re.compile(
    r"^(?:(?P<y1>\d{4})-(?P<m1>\d{1,2})-(?P<d1>\d{1,2})|(?P<m2>\d{1,2})[/-](?P<d2>\d{1,2})[/-](?P<y2>\d{4})"
    r"|" + _MONTH_WORD + r"\s*(?P<d3>\d{1,2})(?:st|nd|rd|th)?,?\s*(?P<y3>\d{4})"
    r"|(?P<d4>\d{1,2})(?:st|nd|rd|th)?\s+(?P<month2>[a-z.]+),?\s*(?P<y4>\d{4}))$",
    re.I,
)

Span = tuple[dt.date, dt.date, str]  # first day, last day, grain ("day", "month", "year", "span")


def _clean(text: str) -> str:
    text = _SPACE.sub(" ", text.replace("\u2013", "–").replace("\u2014", "—")).strip()
    return text.strip(" ,;")


def _check_year(year: int, text: str) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise FuzzyDateError(
            f'"{text}" has the year {year}; casedesk takes years {MIN_YEAR} to {MAX_YEAR}.'
        )


def _proxy_year(year: int) -> int:
    """A year 1900-2099 with the same calendar leap rules (18xx -> 19xx, 21xx -> 19xx)."""
    if MIN_YEAR <= year < 1900:
        return year + 100
    if 2099 < year <= MAX_YEAR:
        return year - 200
    return year


def _exact(text: str) -> dt.date | None:
    """One day in ``text`` (the whole of it), through the data-entry date reader."""
    text = _WEEKDAY.sub("", text)
    text = re.sub(r"^(?:on|the)\s+", "", text, flags=re.I)
    text = _JUN_JUL.sub(r"\1", text)  # "Jul. 5" (the extraction reads "Jul 5")
    iso = _LOOSE_ISO.match(text)
    if iso:  # 2024-3-5
        text = f"{iso[1]}-{int(iso[2]):02d}-{int(iso[3]):02d}"
    years = [int(y) for y in _YEAR_TOKEN.findall(text)]
    real = years[0] if len(years) == 1 else None
    if real is not None and _proxy_year(real) != real:
        text = _YEAR_TOKEN.sub(str(_proxy_year(real)), text)
    day = parse_date(text)
    if day is None:
        return None
    if real is not None and day.year != real and _proxy_year(real) == day.year:
        day = day.replace(year=real)
    return day


def _impossible_day(text: str) -> str:
    """The sentence for a day that looks like a date but is not one ("February 30")."""
    m = _DAY_OF_MONTH.match(_WEEKDAY.sub("", text))
    if not m:
        return ""
    if m["y1"]:
        year, month, day = int(m["y1"]), int(m["m1"]), int(m["d1"])
    elif m["y2"]:
        year, month, day = int(m["y2"]), int(m["m2"]), int(m["d2"])
    elif m["y3"]:
        year, month, day = int(m["y3"]), month_number(m["month"]), int(m["d3"])
    else:
        year, month, day = int(m["y4"]), month_number(m["month2"]), int(m["d4"])
        if month == 0:
            return ""
    _check_year(year, text)
    if not 1 <= month <= 12:
        return f'"{text}" is not a date: there is no month {month}.'
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        return f'"{text}" is not a date: {MONTH_NAMES[month]} {year} has {last} days.'
    return ""


def _month(year: int, month: int, text: str) -> Span:
    _check_year(year, text)
    if not 1 <= month <= 12:
        raise FuzzyDateError(f'"{text}" is not a date: there is no month {month}.')
    return dt.date(year, month, 1), _last_day(year, month), "month"


def _point(text: str) -> Span | None:
    """A day, a month or a year ("March 5, 2024", "Mar. 2024", "2024"), or None."""
    text = _clean(re.sub(r"^(?:on|in|during)\s+", "", text, flags=re.I))
    day = _exact(text)
    if day is not None:
        return day, day, "day"
    for pattern in (_MONTH_YEAR, _NUM_MONTH_YEAR, _ISO_MONTH):
        m = pattern.match(text)
        if m:
            month = int(m["month"]) if m["month"].isdigit() else month_number(m["month"])
            return _month(int(m["year"]), month, text)
    m = _YEAR_ONLY.match(text)
    if m:
        year = int(m["year"])
        _check_year(year, text)
        return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    problem = _impossible_day(text)
    if problem:
        raise FuzzyDateError(problem)
    return None


def _named_range(text: str) -> tuple[dt.date, dt.date] | None:
    """early/mid/late, quarters, halves, seasons, decades."""
    m = _PART.match(text)
    if m:
        year = int(m["year"])
        _check_year(year, text)
        part = m["part"].lower().split()[0]
        which = {"beginning": "early", "start": "early", "middle": "mid", "end": "late"}.get(
            part, part
        )
        if m["month"]:
            month = month_number(m["month"])
            if month == 0 or m["month"].lower().rstrip(".") not in _month_spellings():
                return None
            return _month_parts(year, month)[f"{which} {MONTH_ABBR[month]} {year}"]
        return _named_spans(year)[f"{which} {year}"]
    m = _QUARTER.match(text)
    if m:
        year = int(m["year"] or m["year2"])
        _check_year(year, text)
        q = m["q1"] or m["q2"] or m["q4"]
        quarter = int(q) if q else _QUARTER_WORDS[m["q3"].lower()]
        return _named_spans(year)[f"Q{quarter} {year}"]
    m = _HALF.match(text)
    if m:
        year = int(m["year"])
        _check_year(year, text)
        first = (m["n"] or "1") == "1" if m["n"] else m["h"].lower() in ("first", "1st")
        return _named_spans(year)[f"{'first' if first else 'second'} half {year}"]
    m = _SEASON.match(text)
    if m:
        year = int(m["year"])
        _check_year(year, text)
        season = m["season"].lower().replace("autumn", "fall")
        return _named_spans(year)[f"{season} {year}"]
    m = _DECADE.match(text)
    if m:
        year = int(m["year"])
        _check_year(year, text)
        _check_year(year + 9, text)
        return dt.date(year, 1, 1), dt.date(year + 9, 12, 31)
    return None


def _month_spellings() -> frozenset[str]:
    words = {name.lower() for name in MONTH_NAMES if name} | set(MONTHS) | {"sept", "june", "july"}
    return frozenset(words)


def _between(text: str) -> tuple[dt.date, dt.date] | None:
    m = _BETWEEN.match(text)
    if not m:
        return None
    for i in range(1, 7):
        left, right = m[f"a{i}"], m[f"b{i}"]
        if left is None:
            continue
        second = _point(right)
        if second is None:
            return None
        first = _point(left)
        if first is None:
            # "Jan. 1 – Mar. 1, 2020", "March to May 2024": the year of the second side.
            first = _point(f"{_clean(left)}, {second[1].year}") or _point(
                f"{_clean(left)} {second[1].year}"
            )
            if first is None:
                return None
        if first[0] > second[1]:
            raise FuzzyDateError(f'"{text}" ends before it starts.')
        return first[0], second[1]
    return None


def _parse(text: str) -> FuzzyDate:
    if text.lower().rstrip(".") in _UNKNOWN_WORDS:
        return FuzzyDate(UNKNOWN, None, None, text)
    point = _point(text)
    if point is not None:
        start, end, grain = point
        kind = {"day": EXACT, "month": MONTH, "year": YEAR}[grain]
        return FuzzyDate(kind, start, end, text)
    named = _named_range(text)
    if named is not None:
        return FuzzyDate(RANGE, named[0], named[1], text)
    for pattern, build in _PREFIXED:
        m = pattern.match(text)
        if m and m.end() < len(text):
            rest = text[m.end() :]
            result = build(m, rest, text)
            if result is not None:
                return result
    span = _between(text)
    if span is not None:
        start, end = span
        kind = (
            EXACT
            if start == end
            else MONTH
            if _is_month(start, end)
            else YEAR
            if _is_year(start, end)
            else BETWEEN
        )
        return FuzzyDate(kind, start, end, text)
    for number in _BIG_NUMBER.findall(text):
        _check_year(int(number), text)
    raise FuzzyDateError(f'"{text}" is not a date casedesk can read; {_HINT}')


def _inner(rest: str, text: str) -> Span:
    span = _point(rest)
    if span is None:
        named = _named_range(_clean(rest))
        if named is None:
            raise FuzzyDateError(f'"{text}" is not a date casedesk can read; {_HINT}')
        return named[0], named[1], "span"
    return span


def _build_before(m: re.Match[str], rest: str, text: str) -> FuzzyDate | None:
    start, end, _grain = _inner(rest, text)
    # "before March 2024": before March 1; "on or before / by March 2024": before April 1.
    bound = end + dt.timedelta(days=1) if m["incl"] else start
    return FuzzyDate(BEFORE, None, bound, text)


def _build_after(m: re.Match[str], rest: str, text: str) -> FuzzyDate | None:
    if m["incl"] and m["incl"].lower() == "from" and _between(text) is not None:
        return None
    start, end, _grain = _inner(rest, text)
    bound = start - dt.timedelta(days=1) if m["incl"] else end
    return FuzzyDate(AFTER, bound, None, text)


def _build_circa(m: re.Match[str], rest: str, text: str) -> FuzzyDate | None:
    start, end, grain = _inner(rest, text)
    if grain == "span":  # "about early 2024": the span is already approximate
        return FuzzyDate(RANGE, start, end, text)
    first, last = _circa_window(start, end)
    return FuzzyDate(CIRCA, first, last, text)


_PREFIXED: tuple[
    tuple[re.Pattern[str], Callable[[re.Match[str], str, str], FuzzyDate | None]], ...
] = (
    (_CIRCA, _build_circa),
    (_BEFORE, _build_before),
    (_AFTER, _build_after),
)


def parse_fuzzy_date(text: str) -> FuzzyDate:
    """Read a fact date as typed (see the module docstring); raise :class:`FuzzyDateError`."""
    cleaned = _clean(text)
    if len(cleaned) > MAX_TEXT:
        raise FuzzyDateError(
            f"A date is at most {MAX_TEXT} characters; this one has {len(cleaned)}."
        )
    return _parse(cleaned)
