"""Hearings, trials, conferences and other settings the office calendars.

Three shapes are recognised:

* a form or caption box: "Date: January 5, 2027  Time: 9:00 a.m.  Dept.: 12", "Hearing Date:
  01/05/2027 Time: 8:30 a.m.";
* a schedule line: "Jury Trial (Tuesday at 8:30 a.m.) ........ September 14, 2027";
* a sentence: an event word ("hearing", "trial", "status conference", "deposition", "oral
  argument", ...) and a scheduling verb ("is set for", "scheduled for", "continued to", "will be
  heard", "will take place") before the date, with nothing else dated in between; "PLEASE TAKE
  NOTICE that on March 3, 2027, at 10:00 a.m., or as soon thereafter ...".

A setting that is no longer on calendar ("originally set for", "was set for", "... is
ADJOURNED") is not a hearing, and neither is any other mention of that date; nor is the
Date/Time box of a minute order (the proceeding it records). The time follows the date ("at
9:00 a.m.", "beginning at", "commencing at") or precedes it ("at 10:00 a.m. on ..."); the
location ("Department 12", "Courtroom 4B", "Part 41") is looked for in the same sentence.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from casedesk.core.extract.fields.dates import DateMatch, TimeMatch, find_dates, find_times
from casedesk.core.extract.fields.layout import line_bounds, sentence_end, sentence_start

_EVENTS = (
    r"meeting\s+of\s+creditors|oral\s+argument|(?:initial\s+)?(?:status|case\s+management"
    r"|mandatory\s+settlement|settlement|(?:final\s+)?pre-?trial|compliance|preliminary"
    r"|scheduling|initial\s+pretrial)\s+conference|conference|(?:jury|bench|non-jury|court)\s+trial"
    r"|trial|(?:oral\s+)?hearing|deposition|mediation|arbitration\s+status\s+review"
    r"|status\s+review|sentencing|arraignment|docket\s+call|calendar\s+call|calendar|return\s+date"
)
_EVENT = re.compile(r"\b(?:" + _EVENTS + r")\b", re.IGNORECASE)
_VERB = re.compile(
    r"\b(?:sets?|scheduled|calendared|continued|continue|adjourned|rescheduled|reset|moved|heard"
    r"|hold|held|take\s+place|go\s+forward|commenc\w*|appear|noticed|returnable|will\s+take"
    r"|will\s+be\s+conducted|will\s+move)\b",
    re.IGNORECASE,
)
_DIRECT = re.compile(
    r"(?:(?:continued|adjourned|rescheduled|reset|moved)\s+(?:to|until|for)"
    r"|\bhearing\s*(?:on|:)|\bcalendar)[\s,]*(?:\w+day,?\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
_HEARD = re.compile(r"\bwill\s+be\s+heard\b", re.IGNORECASE)
_SOON = re.compile(r"[^;]{0,70}?\bor\s+as\s+soon\s+thereafter\b", re.IGNORECASE)
_BOX = re.compile(
    r"(?:^|[\s\]])(?:(?:new\s+)?hearing\s+)?(?:date|on\s*\(date\))\s*[:.]?\s*$", re.IGNORECASE
)
_TRIAL_BOX = re.compile(r"\btrial\s+date\s*:\s*$", re.IGNORECASE)
_BOX_NOT = re.compile(r"(?:issued|filed|case|signed|served|entered)\s+date|original", re.IGNORECASE)
_TIME_LABEL = re.compile(r"\b(?:at\s*\()?time\)?\s*:", re.IGNORECASE)
_TABLE = re.compile(r"\.{4,}|…")
_CUTOFF = re.compile(r"deadline|last\s+da(?:y|te)|cut-?off|complete|disclosure|\bby\b", re.I)
_FORMER_BEFORE = re.compile(
    r"\b(?:originally|previously|formerly|original|previous\s+order"
    r"|(?:was|were|had\s+been)\s+(?:set|scheduled|calendared|noticed|returnable))\b[^.;]{0,30}$",
    re.IGNORECASE,
)
_FORMER_AFTER = re.compile(
    r"[\s,]*(?:at\s+[^,;.]{0,20}?)?(?:(?:is|are|was|has\s+been|have\s+been)\s+(?:hereby\s+)?"
    r"(?:adjourned|continued|vacated|off\s+calendar|rescheduled|cancel+ed|reset|taken\s+off)"
    r"|(?:the\s+)?court\s+(?:heard|granted|denied|ruled|entered|took)|(?:was|were)\s+heard"
    r"|came\s+on\s+(?:regularly\s+)?for\s+hearing)",
    re.IGNORECASE,
)
_DATE_FIRST_ROW = re.compile(r"^\s*(?:\d{1,2}[.)]\s*)?$")
_TIME_GAP_AFTER = re.compile(
    r"^[\s,]*(?:\(?\w+day\)?,?\s*)?(?:(?:at|@|from|beginning|commencing|starting|begins)\s*)*$",
    re.I,
)
_TIME_GAP_BEFORE = re.compile(r"^\s*,?\s*(?:on\s+)?(?:\w+day,?\s+)?(?:the\s+)?$", re.IGNORECASE)
_PLACE = re.compile(
    r"\b(?P<kind>Department|Dept\.?|Courtroom|Ctrm\.?|Part|Room)\s*[:.]?\s*"
    r"(?P<id>[A-Z]{0,3}\d+[A-Z]?\b|[A-Z][a-z]+(?=[\s,.;)])|[A-Z](?=[\s,.;]))"
)


@dataclass(frozen=True)
class HearingMatch:
    """A setting: its date, time (None when not printed), event and location."""

    start: int
    end: int
    date: dt.date
    time: dt.time | None
    event: str
    location: str | None
    date_start: int
    date_end: int

    @property
    def value(self) -> str:
        """ "YYYY-MM-DDTHH:MM", or "YYYY-MM-DD" without a time."""
        day = self.date.isoformat()
        return f"{day}T{self.time.strftime('%H:%M')}" if self.time else day


def find_hearings(text: str, dates: list[DateMatch] | None = None) -> list[HearingMatch]:
    """Settings found in ``text``, sorted by position (the same value may repeat)."""
    all_dates = find_dates(text) if dates is None else dates
    former = {d.date for d in all_dates if _is_former(text, d)}
    out: list[HearingMatch] = []
    for i, d in enumerate(all_dates):
        if d.date in former:
            continue
        previous_end = all_dates[i - 1].end if i else 0
        match = _box(text, d) or _table(text, d) or _sentence(text, d, previous_end)
        if match is not None:
            out.append(match)
    return out


def _is_former(text: str, d: DateMatch) -> bool:
    before = text[max(sentence_start(text, d.start), d.start - 45) : d.start]
    return bool(_FORMER_BEFORE.search(before) or _FORMER_AFTER.match(text, d.end, d.end + 60))


def _box(text: str, d: DateMatch) -> HearingMatch | None:
    ls, le = line_bounds(text, d.start)
    label = text[max(ls, d.start - 30) : d.start]
    if _TRIAL_BOX.search(label):
        times = find_times(text, d.end, le)
        t = times[0] if times and not text[d.end : times[0].start].strip(" ,at") else None
        return HearingMatch(
            d.start,
            t.end if t else d.end,
            d.date,
            t.time if t else None,
            "trial",
            None,
            d.start,
            d.end,
        )
    if not _BOX.search(label) or _BOX_NOT.search(text[max(ls, d.start - 40) : d.start]):
        return None
    if re.search(r"minute\s+order", text[max(0, d.start - 400) : d.start], re.IGNORECASE):
        return None
    window = text[d.end : d.end + 160]
    label_at = _TIME_LABEL.search(window)
    if label_at is None:
        return None
    times = find_times(text, d.end + label_at.end(), d.end + label_at.end() + 20)
    if not times:
        return None
    t = times[0]
    event = _nearest_event(text[max(0, d.start - 200) : d.start]) or "hearing"
    place = _place(text[d.end : d.end + 220]) or _place(text[max(ls, d.start - 80) : d.start])
    return HearingMatch(d.start, t.end, d.date, t.time, event, place, d.start, d.end)


def _table(text: str, d: DateMatch) -> HearingMatch | None:
    """A schedule line: "Jury Trial ....... September 14, 2027" or "8.  August 23, 2027  Trial."."""
    ls, le = line_bounds(text, d.start)
    line = text[ls:le]
    if _DATE_FIRST_ROW.match(text[ls : d.start]) and re.match(r"\s{2,}\S", text[d.end : le]):
        head = text[d.end : le]
    elif _TABLE.search(line) and not text[d.end : le].strip():
        head = text[ls : d.start]
    else:
        return None
    event = _EVENT.search(head)
    if event is None or _CUTOFF.search(head):
        return None
    times = find_times(text, ls, le)
    t = times[0].time if times else None
    return HearingMatch(d.start, d.end, d.date, t, _event_name(event.group()), None, d.start, d.end)


def _sentence(text: str, d: DateMatch, previous_end: int) -> HearingMatch | None:
    start = max(sentence_start(text, d.start, 260), previous_end)
    context = text[start : d.start]
    near = text[max(start, d.start - 40) : d.start]
    soon = _SOON.match(text, d.end, d.end + 80)
    direct = _DIRECT.search(near)
    event = _nearest_event(context)
    verb = _VERB.search(context)
    end = sentence_end(text, d.end, 260)
    if event is None and verb is not None:
        # "You are commanded to appear ... on March 18, 2026 at 9:30 a.m., for the trial ..."
        later = _EVENT.search(text, d.end, min(end, d.end + 80))
        event = _event_name(later.group()) if later else None
    scheduled = event is not None and verb is not None
    if not (direct or soon or scheduled or _HEARD.search(context)):
        return None
    t = _time_after(text, d) or _time_before(text, d, start)
    tail_from = t.end if t and t.start > d.end else d.end
    place = _place(text[tail_from:end]) or _place(context)
    if direct and event is None and "hearing" in direct.group().lower():
        event = "hearing"
    hi = t.end if t and t.start > d.end else d.end
    lo = t.start if t and t.start < d.start else d.start
    return HearingMatch(
        lo, hi, d.date, t.time if t else None, event or "hearing", place, d.start, d.end
    )


def _time_after(text: str, d: DateMatch) -> TimeMatch | None:
    for t in find_times(text, d.end, d.end + 60):
        if _TIME_GAP_AFTER.match(text[d.end : t.start]):
            return t
        break
    return None


def _time_before(text: str, d: DateMatch, start: int) -> TimeMatch | None:
    times = find_times(text, max(start, d.start - 40), d.start)
    if times and _TIME_GAP_BEFORE.match(text[times[-1].end : d.start]):
        before = text[max(0, times[-1].start - 4) : times[-1].start]
        if re.search(r"\bat\s*$", before, re.IGNORECASE):
            return times[-1]
    return None


def _nearest_event(context: str) -> str | None:
    found = list(_EVENT.finditer(context))
    return _event_name(found[-1].group()) if found else None


def _event_name(word: str) -> str:
    name = " ".join(word.lower().split()).replace("pre-trial", "pretrial")
    if name in ("calendar", "return date", "oral hearing"):
        return "hearing"
    if name.endswith("trial") or name == "trial.":
        return "trial"
    return name


def _place(window: str) -> str | None:
    m = _PLACE.search(window)
    if m is None:
        return None
    kind = m["kind"].rstrip(".")
    kind = {"Dept": "Department", "Ctrm": "Courtroom"}.get(kind, kind)
    return f"{kind} {m['id']}"
