"""``compute``: validate a request, pick the court's counting rules, apply the ambiguity policy.

Ambiguity policy: some days are holidays on one defensible reading and court days on another
(presidential closures, Texas partial-staffing holidays, New York's Friday before a Saturday
holiday, Diwali in California...). The engine computes both readings when such a day is near
the deadline and calendars the EARLIEST date; notes name the later reading and its reason.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from casedesk.core.deadlines.california_counting import count_california_days
from casedesk.core.deadlines.computation import Computation
from casedesk.core.deadlines.counting import fmt, fmt_time
from casedesk.core.deadlines.court_calendar import (
    CalendarProvider,
    CourtInfo,
    check_in_range,
    court_info,
    default_calendars,
)
from casedesk.core.deadlines.federal_counting import count_federal_days
from casedesk.core.deadlines.hours_counting import count_hours
from casedesk.core.deadlines.model import (
    SERVICE_METHODS,
    Deadline,
    DeadlineRequest,
    Direction,
    InvalidRequestError,
    Period,
    RuleDefinition,
    RulePack,
    ServiceExtension,
    Unit,
    UnknownRuleError,
)
from casedesk.core.deadlines.new_york_texas_counting import count_ny_tx_days, count_texas_answer
from casedesk.core.deadlines.rule_packs import get_rule, pack_for

_DAY_COUNTERS: dict[str, Callable[[Computation], dt.date]] = {
    "federal": count_federal_days,
    "california": count_california_days,
    "new-york": count_ny_tx_days,
    "texas": count_ny_tx_days,
}
_NO_DAYS_FOR_SERVICE = ("none", "personal")
_AMBIGUITY_MARGIN = dt.timedelta(days=7)


def compute(
    request: DeadlineRequest, *, calendars: CalendarProvider = default_calendars
) -> Deadline:
    """Compute one deadline, with its derivation in words; raise DeadlineError if invalid."""
    info = court_info(request.court)
    rule, period = _resolve(request)
    if rule is not None and request.court not in rule.courts:
        raise UnknownRuleError(
            f"rule {rule.id!r} is for {', '.join(rule.courts)}, not {request.court!r}"
        )
    if request.service not in SERVICE_METHODS:
        raise InvalidRequestError(
            f"unknown service method {request.service!r}: use one of {', '.join(SERVICE_METHODS)}"
        )
    check_in_range(request.trigger)
    for day in request.closed:
        check_in_range(day)
    pack = pack_for(rule, info.family)

    job = _run(request, info, rule, period, pack, calendars, strict=False)
    due = job_due = job.due
    readings = list(job.later_readings)
    calendar = calendars.calendar(request.court, period.direction)
    window = calendar.ambiguous_days(
        min(request.trigger, due) - _AMBIGUITY_MARGIN, max(request.trigger, due) + _AMBIGUITY_MARGIN
    )
    if window:
        strict = _run(request, info, rule, period, pack, calendars, strict=True)
        strict_due = strict.due
        if strict_due != job_due:
            named = ", ".join(f"{fmt(h.day)} ({h.name})" for h in window)
            whys = "; ".join(dict.fromkeys(h.why for h in window if h.why))
            if strict_due < job_due:
                readings.append((job_due, f"{fmt(job_due)} if {named} are court days ({whys})"))
                job, due = strict, strict_due
            else:
                readings.append((strict_due, f"{fmt(strict_due)} if {named} are holidays ({whys})"))
    notes = list(job.notes)
    for later, why in readings:
        if later != due:
            notes.append(f"Later reading: {why}. Calendared on the earliest date, {fmt(due)}.")
    due_time = job.due_time if job.due_time else (rule.due_time if rule else None)
    steps = list(job.steps)
    steps.append(f"Due {fmt(due)} at {fmt_time(due_time)}" if due_time else f"Due {fmt(due)}.")
    return Deadline(
        due_date=due,
        due_time=due_time,
        court=request.court,
        rule=rule.id if rule else None,
        steps=tuple(steps),
        notes=tuple(notes),
        rule_pack_version=pack.version,
        latest_date=max([due, *(later for later, _ in readings)]),
    )


def _resolve(request: DeadlineRequest) -> tuple[RuleDefinition | None, Period]:
    """The rule (if any) and the period to count."""
    if (request.period is None) == (request.rule_id is None):
        raise InvalidRequestError("give exactly one of a period or a rule id")
    if request.rule_id is not None:
        rule = get_rule(request.rule_id)
        if rule.period is None:
            raise InvalidRequestError(
                f"rule {rule.id!r} ({rule.citation}) says how periods are computed; "
                "it has no period of its own"
            )
        if request.direction is not None and request.direction is not rule.period.direction:
            raise InvalidRequestError(
                f"rule {rule.id!r} counts {rule.period.direction.value}, not "
                f"{request.direction.value}"
            )
        return rule, rule.period
    assert request.period is not None
    if request.period.amount <= 0:
        raise InvalidRequestError(f"the period must be at least 1, not {request.period.amount}")
    if request.period.unit is Unit.MONDAY_NEXT_AFTER:
        raise InvalidRequestError("the 'Monday next after' period needs --rule tx-answer")
    return None, request.period


def _extension(
    request: DeadlineRequest,
    info: CourtInfo,
    rule: RuleDefinition | None,
    period: Period,
    pack: RulePack,
    notes: list[str],
) -> ServiceExtension | None:
    """The days the service method adds, if any apply; explains itself in ``notes``."""
    method = request.service
    if method in _NO_DAYS_FOR_SERVICE:
        return None
    if rule is not None and not rule.runs_from_service:
        reason = rule.no_extension_reason or "the period does not run from service"
        notes.append(f"No days added for service by {method}: {reason}.")
        return None
    extension = pack.extensions.get(method)
    if extension is None:
        citations = sorted({e.citation for e in pack.extensions.values()})
        notes.append(
            f"Service by {method} adds no days ({'; '.join(citations)} name other methods)."
        )
        if info.family == "federal" and method == "electronic":
            notes.append("Electronic service lost the 3 added days on Dec 1, 2016 (FRCP 6(d)).")
        return None
    if info.family == "federal" and period.direction is Direction.BACKWARD:
        notes.append(
            f"{extension.citation} adds days only to periods that run after service; "
            "none added to a period counted backward."
        )
        return None
    if info.family == "new-york":
        notes.append(
            "CPLR 2103(b)(2) adds the 5 days only for the party served by mail, not for the "
            "party who mailed (HSBC Bank USA v Maniatopoulos, 2d Dept 2019)."
        )
    return extension


def _run(
    request: DeadlineRequest,
    info: CourtInfo,
    rule: RuleDefinition | None,
    period: Period,
    pack: RulePack,
    calendars: CalendarProvider,
    *,
    strict: bool,
) -> Computation:
    notes: list[str] = []
    extension = _extension(request, info, rule, period, pack, notes)
    job = Computation(
        court=info,
        trigger=request.trigger,
        trigger_time=request.trigger_time,
        period=period,
        rule=rule,
        service=request.service,
        closed=request.closed,
        calendar=calendars.calendar(request.court, period.direction, strict=strict),
        extension=extension,
        notes=notes,
    )
    job.steps.append(_headline(info, rule, period, request))
    if rule is not None and rule.note:
        job.notes.append(rule.note)
    if period.unit is Unit.HOURS:
        due = count_hours(job)
    elif period.unit is Unit.MONDAY_NEXT_AFTER:
        due = count_texas_answer(job)
    else:
        due = _DAY_COUNTERS[info.family](job)
    job.due = due
    return job


def _headline(
    info: CourtInfo, rule: RuleDefinition | None, period: Period, request: DeadlineRequest
) -> str:
    unit = {
        Unit.CALENDAR_DAYS: "days",
        Unit.COURT_DAYS: "court days",
        Unit.HOURS: "hours",
        Unit.MONDAY_NEXT_AFTER: "days (then the Monday next after)",
    }[period.unit]
    when = "after" if period.direction is Direction.FORWARD else "before"
    served = "" if request.service == "none" else f"; served by {request.service}"
    if rule is None:
        return f"{info.name}: {period.amount} {unit} {when} {fmt(request.trigger)}{served}."
    trigger = rule.trigger or "the event"
    return (
        f"{rule.citation} ({rule.title}), {info.name}: {period.amount} {unit} {when} "
        f"{trigger}, {fmt(request.trigger)}{served}."
    )
