"""Deadline language: a period counted from an event, for the deadline engine.

"within 21 days after service of this order", "no later than fourteen (14) days before the
hearing", "within ten court days", "within 48 hours of", "at least 3 business days before
trial", "no later than one week before the conference", "You have 30 CALENDAR DAYS after this
summons ... is served". Number words run one to sixty ("twenty-one", "twenty one"), with or
without the figure in parentheses. Weeks become days; business days become court days.

The value is "21 days after service" (count, unit, direction, trigger); "14 days" when the
text names no trigger. A fixed date ("on or before March 1, 2027") is not a deadline here:
it is a DATE whose detail label is "deadline" (see ``finder``), because the deadline engine
counts periods and a fixed date needs no counting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNITS = [
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60}
NUMBER_WORDS: dict[str, int] = {word: i + 1 for i, word in enumerate(_UNITS)}
for _tens_word, _tens in _TENS.items():
    NUMBER_WORDS[_tens_word] = _tens
    if _tens < 60:
        for _i, _unit in enumerate(_UNITS[:9]):
            NUMBER_WORDS[f"{_tens_word}-{_unit}"] = _tens + _i + 1
            NUMBER_WORDS[f"{_tens_word} {_unit}"] = _tens + _i + 1
NUMBER_WORDS["a"] = 1

_WORD = "|".join(sorted((re.escape(w) for w in NUMBER_WORDS if w != "a"), key=len, reverse=True))
_PERIOD = re.compile(
    r"(?P<lead>\b(?:within|no\s+later\s+than|not\s+later\s+than|at\s+least|no\s+(?:less|fewer)\s+than"
    r"|not\s+(?:less|fewer)\s+than|(?:are|is|be)\s+due|due|expire|(?:you|i|we)\s+(?:only\s+)?have"
    r"|until|by)\s+)?"
    r"(?P<count>\b(?:\d{1,3}|" + _WORD + r"|a|one))(?:\s*\((?P<figure>\d{1,3})\))?\s+"
    r"(?P<kind>calendar\s+|court\s+|business\s+|judicial\s+)?(?P<unit>days?|hours?|weeks?)\b'?"
    r"(?P<direction>\s+(?:after|from|of|following|before|prior\s+to|in\s+advance\s+of))?",
    re.IGNORECASE,
)
_HABIT = re.compile(
    r"\b(?:usually|typically|generally|normally|often|sometimes|historically|on\s+average)\b"
    r"[^.;]*$",
    re.IGNORECASE,
)
_UNIT = re.compile(r"\b(?:days?|hours?|weeks?)\b", re.IGNORECASE)
_TRIGGERS = (
    ("meeting of creditors", r"meeting\s+of\s+creditors"),
    ("notice of entry", r"notice\s+of\s+entry"),
    ("service", r"serv(?:ice|ed|ing)"),
    ("entry", r"entry|entered"),
    ("filing", r"fil(?:ing|ed)"),
    ("receipt", r"receipt|receiv(?:ing|ed)"),
    ("hearing", r"hearings?|return\s+date|heard|docket\s+call|calendar\s+call"),
    ("trial", r"trials?"),
    ("conference", r"conferences?"),
    ("deposition", r"depositions?"),
    ("signing", r"sign(?:ed|ing)"),
    ("notice", r"notice"),
    ("order", r"order"),
    ("letter", r"letter"),
    ("mailing", r"mail(?:ing|ed)"),
)
_TRIGGER = re.compile(
    "|".join(f"(?P<t{i}>\\b(?:{p})\\b)" for i, (_, p) in enumerate(_TRIGGERS)), re.I
)


@dataclass(frozen=True)
class DeadlineMatch:
    """A period: ``count`` ``unit`` ("days", "court_days", "hours") ``direction`` ("after" or
    "before") ``trigger`` ("" when the text names none)."""

    start: int
    end: int
    count: int
    unit: str
    direction: str
    trigger: str

    @property
    def value(self) -> str:
        """ "21 days after service", "10 court days before hearing", "14 days"."""
        unit = {"court_days": "court days"}.get(self.unit, self.unit)
        if self.unit == "hours" and self.count == 1:
            unit = "hour"
        elif self.unit != "hours" and self.count == 1:
            unit = unit[:-1]
        head = f"{self.count} {unit}"
        return f"{head} {self.direction} {self.trigger}" if self.trigger else head


def number_value(word: str) -> int | None:
    """1-60 for "one".."sixty", "twenty-one", "21"; None otherwise."""
    key = " ".join(word.lower().split())
    if key.isdigit():
        return int(key)
    return NUMBER_WORDS.get(key)


def find_deadlines(text: str) -> list[DeadlineMatch]:
    """Every period with a lead ("within", "no later than", "at least", "due", ...) or with a
    direction and a named trigger ("seven days after service"); sorted by position. A period
    with a lead but no trigger ("within 14 days") counts unless the sentence describes a habit
    ("usually come back within one business day")."""
    out: dict[int, DeadlineMatch] = {}
    for unit in _UNIT.finditer(text):
        words = text[max(0, unit.start() - 40) : unit.start()].lower().replace("(", " ").split()
        if not any(w.rstrip(")").isdigit() or w in NUMBER_WORDS or w == "one" for w in words[-3:]):
            continue  # no count just before the unit ("the 5th day of"): skip the big pattern
        # the period ends at the unit word: match only in a window just before it
        lo = max(0, unit.start() - 60)
        lo = lo if lo == 0 or text[lo - 1].isspace() else max(0, text.rfind(" ", 0, lo) + 1)
        for m in _PERIOD.finditer(text, lo, min(len(text), unit.end() + 40)):
            if m.start("unit") != unit.start():
                continue
            match = _deadline(text, m)
            if match is not None and match.start not in out:
                out[match.start] = match
            break
    return sorted(out.values(), key=lambda d: d.start)


def _deadline(text: str, m: re.Match[str]) -> DeadlineMatch | None:
    count = number_value(m["figure"] or m["count"])
    if count is None or count == 0 or count > 999:
        return None
    if text[m.start("count") - 1 : m.start("count")] in ("-", "$", "."):
        return None
    unit = m["unit"].lower().rstrip("s")
    kind = (m["kind"] or "").strip().lower()
    if unit == "week":
        count, unit = count * 7, "days"
    elif unit == "hour":
        unit = "hours"
    else:
        unit = "court_days" if kind in ("court", "business", "judicial") else "days"
    raw_direction = " ".join((m["direction"] or "").split()).lower()
    direction = "before" if raw_direction in ("before", "prior to", "in advance of") else "after"
    lead = " ".join((m["lead"] or "").split()).lower()
    trigger, end = _trigger(text, m.end()) if raw_direction else ("", m.end("unit"))
    if not trigger:
        end = m.end("unit")
        if not lead or lead in ("by", "until"):
            return None  # "six weeks after it discovered", "by 30 days": not a deadline
        if _HABIT.search(text, max(0, m.start() - 200), m.start()):
            return None  # "checks usually come back within one business day": no one must act
    return DeadlineMatch(m.start(), end, count, unit, direction, trigger)


def _trigger(text: str, pos: int) -> tuple[str, int]:
    """The event named right after the period (within about 60 characters)."""
    window_end = min(len(text), pos + 70)
    stop = re.search(r"[.;:](?:\s|$)|\n\s*\n", text[pos:window_end])
    if stop is not None:
        window_end = pos + stop.start()
    m = _TRIGGER.search(text, pos, window_end)
    if m is None or m.lastgroup is None:
        return "", pos
    return _TRIGGERS[int(m.lastgroup[1:])][0], m.end()
