"""The deadline engine's vocabulary: requests, results, rules, holidays and errors.

All frozen dataclasses; nothing here does any computing.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import StrEnum

FIRST_YEAR = 2000
LAST_YEAR = 2035

COURTS: tuple[str, ...] = ("federal", "federal-ca", "federal-ny", "federal-tx", "ca", "ny", "tx")
SERVICE_METHODS: tuple[str, ...] = (
    "none",
    "personal",
    "electronic",
    "mail",
    "mail-out-of-state",
    "mail-international",
    "clerk",
    "other-consented",
)


class Direction(StrEnum):
    """Which way a period is counted from its trigger."""

    FORWARD = "forward"
    BACKWARD = "backward"

    @property
    def sign(self) -> int:
        return 1 if self is Direction.FORWARD else -1


class Unit(StrEnum):
    """What a period is measured in."""

    CALENDAR_DAYS = "calendar-days"
    COURT_DAYS = "court-days"
    HOURS = "hours"
    MONDAY_NEXT_AFTER = "monday-next-after"  # TRCP 99(b): the Monday next after N days


class DeadlineError(ValueError):
    """A request the engine cannot compute; the message is one line for the user."""


class UnknownCourtError(DeadlineError):
    """The court id is not one of ``COURTS``."""


class UnknownRuleError(DeadlineError):
    """The rule id is in no rule pack, or the rule is not for that court."""


class CalendarRangeError(DeadlineError):
    """A date falls outside the years the court calendars cover."""


class InvalidRequestError(DeadlineError):
    """The request is malformed (period of zero days, unknown service method...)."""


@dataclass(frozen=True)
class Period:
    """A period to count: ``amount`` units in ``direction`` from the trigger."""

    unit: Unit
    amount: int
    direction: Direction = Direction.FORWARD


@dataclass(frozen=True)
class DeadlineRequest:
    """What to compute: either an explicit ``period`` or a ``rule_id`` (not both).

    ``trigger_time`` matters for periods in hours (FRCP 6(a)(2)); without it they count from
    the start of the trigger day, the earliest reading. ``closed`` lists days the clerk's office
    was inaccessible (FRCP 6(a)(3), CCP 12b): a deadline on such a day moves forward.
    ``direction`` with a rule must agree with the rule's own direction.
    """

    court: str
    trigger: dt.date
    period: Period | None = None
    rule_id: str | None = None
    trigger_time: dt.time | None = None
    service: str = "none"
    closed: frozenset[dt.date] = frozenset()
    direction: Direction | None = None


@dataclass(frozen=True)
class Deadline:
    """A computed deadline and how it was derived.

    ``due_date`` is the earliest defensible date; where sources disagree, ``notes`` name the
    later readings and ``latest_date`` is the outer bound (equal to ``due_date`` when none).
    """

    due_date: dt.date
    due_time: dt.time | None
    court: str
    rule: str | None
    steps: tuple[str, ...]
    notes: tuple[str, ...]
    rule_pack_version: str
    latest_date: dt.date

    def as_json(self) -> dict[str, object]:
        """The CLI's ``--json`` object (also handy for the web and the API)."""
        return {
            "due_date": self.due_date.isoformat(),
            "due_time": self.due_time.strftime("%H:%M") if self.due_time else None,
            "court": self.court,
            "rule": self.rule,
            "steps": list(self.steps),
            "notes": list(self.notes),
        }


@dataclass(frozen=True)
class ServiceExtension:
    """Days a service method adds to a period (e.g. CCP 1013(a): mail in-state, 5 days)."""

    method: str
    amount: int
    unit: Unit
    citation: str


@dataclass(frozen=True)
class RulePack:
    """One versioned rule-pack file (FRCP, FRAP, CCP, CPLR, TRCP)."""

    id: str
    title: str
    version: str
    courts: tuple[str, ...]
    source_url: str
    family: str
    extensions: dict[str, ServiceExtension] = field(default_factory=dict, hash=False)


@dataclass(frozen=True)
class RuleDefinition:
    """One rule from a pack. ``period`` is None for rules about computing (FRCP 6(d))."""

    id: str
    pack: str
    pack_version: str
    courts: tuple[str, ...]
    title: str
    citation: str
    text: str
    source_url: str
    trigger: str | None
    period: Period | None
    runs_from_service: bool
    no_extension_reason: str | None
    due_time: dt.time | None
    note: str | None


@dataclass(frozen=True)
class Holiday:
    """A day a calendar knows about.

    ``ambiguous`` days (presidential closures, partial-staffing Texas holidays, New York's
    Friday before a Saturday holiday...) are court days for the calendared date; the engine
    notes the later date a court treating them as holidays would give.
    """

    day: dt.date
    name: str
    described: str  # "a California holiday", "a federal legal holiday"
    ambiguous: bool = False
    why: str = ""
    source: str = ""
