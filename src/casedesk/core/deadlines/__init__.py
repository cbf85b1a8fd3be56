"""Court-rule deadlines: pure Python, no Django.

Public API::

    compute(request: DeadlineRequest, *, calendars: CalendarProvider = default_calendars)
        -> Deadline
    load_rules(court: str | None = None) -> list[RuleDefinition]
    court_calendar(court: str, direction: Direction = FORWARD) -> CourtCalendar

``DeadlineRequest(court, trigger, period=Period(Unit, amount, Direction) | rule_id=...,
trigger_time=None, service="none", closed=frozenset(), direction=None)``.

``Deadline`` has ``due_date``, ``due_time`` (11:59 p.m. for federal e-filing, the clock time
for hours, 10:00 for the Texas answer, else None), ``court``, ``rule``, ``steps`` (the
derivation in words), ``notes`` (ambiguities: the calendared date is the earliest defensible
one and a note names each later reading), ``rule_pack_version`` and ``latest_date`` (the outer
bound). ``Deadline.as_json()`` is the CLI's ``--json`` object.

``CourtCalendar`` has ``is_court_day(date)``, ``holiday_name(date)``, ``holiday(date)``.
Calendars cover 2000-2035 (``FIRST_YEAR``..``LAST_YEAR``); other dates raise
``CalendarRangeError``. Every error is a ``DeadlineError`` (a ``ValueError``) with a one-line
message.

Data: ``calendars/*.toml`` (federal legal holidays and executive closures; California
judicial holidays; New York public holidays; Texas legal holidays: each with its source and
the years it applies) and ``rules/*.toml`` (FRCP, FRAP, CCP, CPLR, TRCP: rule text, citation,
source URL, pack version, period, and the days each service method adds).

Modules: ``model`` (dataclasses, errors), ``calendar_data`` / ``court_calendar`` (calendars),
``rule_packs`` (rules), ``counting`` (add, count court days, roll), ``federal_counting``,
``california_counting``, ``new_york_texas_counting``, ``hours_counting`` (each jurisdiction's
order of operations), ``engine`` (``compute`` and the ambiguity policy).
"""

from casedesk.core.deadlines.court_calendar import (
    COURT_INFO,
    CalendarProvider,
    CourtCalendar,
    CourtInfo,
    DefaultCalendars,
    court_calendar,
    default_calendars,
)
from casedesk.core.deadlines.engine import compute
from casedesk.core.deadlines.model import (
    COURTS,
    FIRST_YEAR,
    LAST_YEAR,
    SERVICE_METHODS,
    CalendarRangeError,
    Deadline,
    DeadlineError,
    DeadlineRequest,
    Direction,
    Holiday,
    InvalidRequestError,
    Period,
    RuleDefinition,
    RulePack,
    ServiceExtension,
    Unit,
    UnknownCourtError,
    UnknownRuleError,
)
from casedesk.core.deadlines.rule_packs import get_rule, load_packs, load_rules

__all__ = [
    "COURTS",
    "COURT_INFO",
    "FIRST_YEAR",
    "LAST_YEAR",
    "SERVICE_METHODS",
    "CalendarProvider",
    "CalendarRangeError",
    "CourtCalendar",
    "CourtInfo",
    "Deadline",
    "DeadlineError",
    "DeadlineRequest",
    "DefaultCalendars",
    "Direction",
    "Holiday",
    "InvalidRequestError",
    "Period",
    "RuleDefinition",
    "RulePack",
    "ServiceExtension",
    "Unit",
    "UnknownCourtError",
    "UnknownRuleError",
    "compute",
    "court_calendar",
    "default_calendars",
    "get_rule",
    "load_packs",
    "load_rules",
]
