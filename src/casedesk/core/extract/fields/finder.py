"""``find_fields``: every kind of field in one pass, de-duplicated and sorted."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace

from casedesk.core.extract.fields.case_numbers import find_case_numbers
from casedesk.core.extract.fields.courts import find_courts
from casedesk.core.extract.fields.dates import DateMatch, find_dates
from casedesk.core.extract.fields.deadlines import find_deadlines
from casedesk.core.extract.fields.hearings import HearingMatch, find_hearings
from casedesk.core.extract.fields.layout import blank_line_numbers, passage
from casedesk.core.extract.fields.model import FieldKind, FoundField
from casedesk.core.extract.fields.parties import find_parties

_DATE_LABELS = (
    ("deadline", r"on\s+or\s+before|no\s+later\s+than|not\s+later\s+than|deadline|due|until|by"),
    ("Dated", r"dated"),
    ("Filed", r"filed|date\s+case\s+filed"),
    ("Signed", r"signed|so\s+ordered"),
    ("Entered", r"entered"),
    ("Issued", r"issued"),
    ("Served", r"served"),
    ("Sent", r"sent"),
    ("Date", r"date"),
)
_DATE_LABEL = re.compile(
    "(?:" + "|".join(f"(?P<l{i}>\\b(?:{p})\\b)" for i, (_, p) in enumerate(_DATE_LABELS)) + ")",
    re.IGNORECASE,
)
_REVISION = re.compile(r"(?:\bRev(?:\.|ised)?|©|\bCopyright)\s*[:.]?\s*$", re.IGNORECASE)
_CITATION_OPEN = re.compile(r"\((?:[A-Z][A-Za-z]*\.\s?)+[^()\n]{0,20}$")


def find_fields(text: str) -> list[FoundField]:
    """Fields found in a document's text, sorted by start; the same kind and value keeps its
    first occurrence (parties compare case- and punctuation-insensitively)."""
    work = blank_line_numbers(text)
    dates = find_dates(work)
    hearings = find_hearings(work, dates)
    fields: list[FoundField] = []
    fields.extend(_case_numbers(work))
    fields.extend(_courts(work))
    fields.extend(_parties(work))
    fields.extend(_hearings(work, hearings))
    fields.extend(_deadlines(work))
    fields.extend(_dates(work, dates, hearings))
    # passages are worked out only for the fields that survive de-duplication
    return [
        f if f.text else replace(f, text=passage(work, f.start, f.end)) for f in _dedupe(fields)
    ]


def _field(
    text: str, kind: FieldKind, value: str, start: int, end: int, detail: dict[str, str | int]
) -> FoundField:
    """A field whose passage is filled in later (``text`` left empty)."""
    return FoundField(kind, value, "", start, end, detail)


def _case_numbers(text: str) -> Iterable[FoundField]:
    for c in find_case_numbers(text):
        yield _field(text, FieldKind.CASE_NUMBER, c.value, c.start, c.end, {"system": c.system})


def _courts(text: str) -> Iterable[FoundField]:
    for c in find_courts(text):
        yield FoundField(FieldKind.COURT, c.value, c.name[:300], c.start, c.end, {"name": c.name})


def _parties(text: str) -> Iterable[FoundField]:
    for p in find_parties(text):
        yield _field(text, FieldKind.PARTY, p.name, p.start, p.end, {"role": p.role})


def _hearings(text: str, hearings: list[HearingMatch]) -> Iterable[FoundField]:
    for h in hearings:
        detail: dict[str, str | int] = {"event": h.event}
        if h.location:
            detail["location"] = h.location
        yield _field(text, FieldKind.HEARING, h.value, h.start, h.end, detail)


def _deadlines(text: str) -> Iterable[FoundField]:
    found = find_deadlines(text)
    counted = {(d.count, d.unit) for d in found if d.trigger}
    for d in found:
        if not d.trigger and (d.count, d.unit) in counted:
            continue  # "within 30 days" beside "30 days after service": the vaguer one adds nothing
        detail: dict[str, str | int] = {
            "count": d.count,
            "unit": d.unit,
            "direction": d.direction,
            "trigger": d.trigger,
        }
        yield _field(text, FieldKind.DEADLINE, d.value, d.start, d.end, detail)


def _dates(text: str, dates: list[DateMatch], hearings: list[HearingMatch]) -> Iterable[FoundField]:
    heard = {h.date for h in hearings}
    for d in dates:
        if d.date in heard or _not_a_date(text, d):
            continue
        detail: dict[str, str | int] = {}
        label = _label(text, d)
        if label:
            detail["label"] = label
        yield _field(text, FieldKind.DATE, d.date.isoformat(), d.start, d.end, detail)


def _not_a_date(text: str, d: DateMatch) -> bool:
    """A form's revision date, or the date inside a citation's parenthetical."""
    before = text[max(0, d.start - 12) : d.start]
    if _REVISION.search(before):
        return True
    if text[d.end : d.end + 1] != ")":
        return False
    line_start = text.rfind("\n", 0, d.start) + 1
    if re.search(r"\(\s*$", text[max(line_start, d.start - 3) : d.start]):
        return True  # "87 Fed. Reg. 24,652 (Apr. 26, 2022)": a citation's date
    return _CITATION_OPEN.search(text, max(line_start, d.start - 40), d.start) is not None


def _label(text: str, d: DateMatch) -> str:
    line_start = text.rfind("\n", 0, d.start) + 1
    window = text[max(line_start, d.start - 40) : d.start]
    found = list(_DATE_LABEL.finditer(window))
    if not found:
        return ""
    last = found[-1]
    group = last.lastgroup or "l0"
    return _DATE_LABELS[int(group[1:])][0]


_FEDERAL = re.compile(r"(?:\d{1,2}:)?(\d{2})-([a-z]{2,3})-0*(\d+)(?:-[a-z]{1,5})*", re.IGNORECASE)


def _key(f: FoundField) -> tuple[FieldKind, str]:
    if f.kind is FieldKind.PARTY:
        return f.kind, re.sub(r"[\W_]+", " ", f.value.casefold()).strip()
    if f.kind is FieldKind.CASE_NUMBER:
        # "1:26-cv-07702-VEC" and "26-cv-7702" are the same federal case printed two ways
        federal = _FEDERAL.fullmatch(f.value)
        if federal is not None:
            return f.kind, "-".join((federal[1], federal[2].lower(), federal[3]))
    return f.kind, f.value


def _dedupe(fields: list[FoundField]) -> list[FoundField]:
    seen: set[tuple[FieldKind, str]] = set()
    out: list[FoundField] = []
    for f in sorted(fields, key=lambda f: (f.start, f.end)):
        key = _key(f)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out
