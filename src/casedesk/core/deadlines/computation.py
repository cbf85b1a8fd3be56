"""The working state of one deadline computation, shared by the jurisdictions' counting code.

Not part of the public API: ``engine.compute`` builds a ``Computation``, hands it to the
court's counting function, and turns it into a frozen ``Deadline``.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from casedesk.core.deadlines.court_calendar import CourtCalendar, CourtInfo
from casedesk.core.deadlines.model import Period, RuleDefinition, ServiceExtension


@dataclass
class Computation:
    """Inputs resolved by the engine, plus the steps and notes being written."""

    court: CourtInfo
    trigger: dt.date
    trigger_time: dt.time | None
    period: Period
    rule: RuleDefinition | None
    service: str
    closed: frozenset[dt.date]
    calendar: CourtCalendar  # the calendar for the period's direction
    extension: ServiceExtension | None  # days the service method adds, if they apply
    steps: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    due_time: dt.time | None = None
    due: dt.date = dt.date.min  # set by the engine once counting is done
    # Later readings found while counting: (date, explanation). The engine keeps them as notes.
    later_readings: list[tuple[dt.date, str]] = field(default_factory=list)

    @property
    def amount(self) -> int:
        return self.period.amount

    @property
    def direction(self) -> str:
        return self.period.direction.value
