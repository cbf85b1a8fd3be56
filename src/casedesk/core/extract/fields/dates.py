"""Dates and clock times in US legal writing.

Dates: "January 5, 2027", "Jan. 5, 2027", "JAN 5 2027", "5 January 2027", "the 5th day of
January, 2027", "October 29 and 30, 2026", "1/5/2027", "01/05/27", "1-5-2027", "2027-01-05".
Times: "9:00 a.m.", "9 a.m.", "8:30 AM", "14:30", "10:00 o'clock a.m.", "9:30 o'clock in the
forenoon", "noon". Impossible dates (February 30) and years outside 1900-2099 are rejected.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

MONTHS: dict[str, int] = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
    "jul": 7, "aug": 8, "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<month>jan(?:uary|\.)?|feb(?:ruary|\.)?|mar(?:ch|\.)?|apr(?:il|\.)?|may|june?|july?"
    r"|aug(?:ust|\.)?|sep(?:t(?:ember)?)?\.?|oct(?:ober|\.)?|nov(?:ember|\.)?|dec(?:ember|\.)?)"
)
_ORD = r"(?:st|nd|rd|th|d)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)(?!\d)"
_DAY_LIST = (
    r"(?P<days>\d{1,2}"
    + _ORD
    + r"(?:(?:[ \t]*,[ \t]*|[ \t]+(?:and|or|&)[ \t]+)\d{1,2}"
    + _ORD
    + r"){0,4})"
)

_MONTH_FIRST = re.compile(
    r"(?<![\w.])" + _MONTH + r"(?![a-z])\s{0,3}" + _DAY_LIST + r"(?!\d)(?:\s*,\s*|\s{1,3})" + _YEAR,
    re.IGNORECASE,
)
_DAY_FIRST = re.compile(
    r"(?<![\w/.:-])(?P<day>\d{1,2})" + _ORD + r"\s{1,3}" + _MONTH + r"(?![a-z]),?\s{1,3}" + _YEAR,
    re.IGNORECASE,
)
_DAY_OF = re.compile(
    r"(?<!\d)(?P<day>\d{1,2})(?:st|nd|rd|th|d)\s+day\s+of\s+"
    + _MONTH
    + r"(?![a-z]),?\s{1,3}(?:in\s+the\s+year\s+)?"
    + _YEAR,
    re.IGNORECASE,
)
_THE = re.compile(r"\b(?:the|this)\s+$", re.IGNORECASE)
_NUMERIC = re.compile(
    r"(?<![\w/.:-])(?P<month>\d{1,2})(?P<sep>[/-])(?P<day>\d{1,2})(?P=sep)"
    r"(?P<year>(?:19|20)\d\d|\d\d)(?![\w/-]|\.\d)"
)
_ISO = re.compile(r"(?<![\w/.:-])(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)(?![\w/-])")

_TIME = re.compile(
    r"(?<![\d:.$])(?P<hour>\d{1,2})(?::(?P<minute>[0-5]\d))?\s{0,2}"
    r"(?:o['’]?\s?clock\s{0,2}(?:in\s+the\s+(?P<noon>forenoon|morning|afternoon|evening))?\s{0,2})?"
    r"(?P<ampm>[ap]\.\s?m\.?|[ap]m\b|[AP]\.?M\b\.?)?",
    re.IGNORECASE,
)
_NOON = re.compile(r"\b(?:12:00\s+)?noon\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateMatch:
    """A date found in text: ``text[start:end]`` printed it."""

    start: int
    end: int
    date: dt.date


@dataclass(frozen=True)
class TimeMatch:
    """A clock time found in text."""

    start: int
    end: int
    time: dt.time


def make_date(year: int, month: int, day: int) -> dt.date | None:
    """The date, or None when it is impossible or outside 1900-2099."""
    if year < 100:
        year += 2000 if year < 70 else 1900
    if not 1900 <= year <= 2099:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def month_number(name: str) -> int:
    """1-12 for a month name or abbreviation ("Sept.", "JANUARY")."""
    key = name.lower().rstrip(".")
    return MONTHS.get(key[:4] if key.startswith("sept") else key[:3], 0)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[DateMatch]:
    """Every date in ``text[start:end]``, sorted, overlapping matches removed."""
    stop = len(text) if end is None else end
    found: list[DateMatch] = []
    for m in _MONTH_FIRST.finditer(text, start, stop):
        found.extend(_month_first(m))
    for pattern in (_DAY_FIRST, _DAY_OF):
        for m in pattern.finditer(text, start, stop):
            d = make_date(int(m["year"]), month_number(m["month"]), int(m["day"]))
            if d is not None:
                the = _THE.search(text, max(start, m.start() - 6), m.start())
                found.append(DateMatch(the.start() if the else m.start(), m.end(), d))
    for pattern in (_NUMERIC, _ISO):
        for m in pattern.finditer(text, start, stop):
            d = make_date(int(m["year"]), int(m["month"]), int(m["day"]))
            if d is not None:
                found.append(DateMatch(m.start(), m.end(), d))
    return _without_overlaps(found)


def _month_first(m: re.Match[str]) -> list[DateMatch]:
    month = month_number(m["month"])
    year = int(m["year"])
    days = [(d.start(), d.end(), int(d.group())) for d in re.finditer(r"\d+", m["days"])]
    base = m.start("days")
    out: list[DateMatch] = []
    for i, (ds, de, day) in enumerate(days):
        d = make_date(year, month, day)
        if d is None:
            continue
        first, last = i == 0, i == len(days) - 1
        s = m.start() if first else base + ds
        e = m.end() if last else base + de
        out.append(DateMatch(s, e, d))
    return out


def _without_overlaps(found: list[DateMatch]) -> list[DateMatch]:
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[DateMatch] = []
    for d in found:
        if out and d.start < out[-1].end and d.date != out[-1].date:
            continue
        if out and d.start < out[-1].end:
            continue
        out.append(d)
    return out


def parse_date(text: str) -> dt.date | None:
    """The one date ``text`` holds (whole string), or None."""
    stripped = text.strip()
    found = find_dates(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped):
        return found[0].date
    return None


def find_times(text: str, start: int = 0, end: int | None = None) -> list[TimeMatch]:
    """Clock times in ``text[start:end]``: with a.m./p.m., o'clock, "noon", or 24-hour HH:MM."""
    stop = len(text) if end is None else end
    out: list[TimeMatch] = []
    for m in _NOON.finditer(text, start, stop):
        out.append(TimeMatch(m.start(), m.end(), dt.time(12, 0)))
    for m in _TIME.finditer(text, start, stop):
        t = _time(m)
        if t is not None and not any(o.start <= m.start() < o.end for o in out):
            out.append(TimeMatch(m.start(), m.end(), t))
    return sorted(out, key=lambda t: t.start)


def _time(m: re.Match[str]) -> dt.time | None:
    hour = int(m["hour"])
    minute = int(m["minute"]) if m["minute"] else 0
    marker = (m["ampm"] or "").lower().replace(".", "").replace(" ", "")
    noon = (m["noon"] or "").lower()
    if noon:
        marker = "am" if noon in ("forenoon", "morning") else "pm"
    if marker:
        if not 1 <= hour <= 12:
            return None
        if marker == "pm" and hour != 12:
            hour += 12
        elif marker == "am" and hour == 12:
            hour = 0
        return dt.time(hour, minute)
    if m["minute"] is None or hour > 23:
        return None
    after = m.string[m.end() : m.end() + 1]
    if after in ("-", "/") or m.string[m.start() - 1 : m.start()] in ("-", "/", "#"):
        return None
    return dt.time(hour, minute)


def parse_time(text: str) -> dt.time | None:
    """The one time ``text`` holds (whole string), or None."""
    stripped = text.strip()
    found = find_times(stripped)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(stripped.rstrip()):
        return found[0].time
    return None
