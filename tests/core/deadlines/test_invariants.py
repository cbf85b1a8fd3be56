"""Hypothesis invariants of the engine over random courts, periods, dates and services."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.deadlines import (
    COURTS,
    SERVICE_METHODS,
    DeadlineRequest,
    Direction,
    Period,
    Unit,
    compute,
    court_calendar,
)

triggers = st.dates(min_value=dt.date(2001, 1, 1), max_value=dt.date(2034, 12, 31))
units = st.sampled_from([Unit.CALENDAR_DAYS, Unit.COURT_DAYS])
directions = st.sampled_from(list(Direction))


@st.composite
def requests(draw: st.DrawFn) -> DeadlineRequest:
    unit = draw(units)
    amount = draw(st.integers(1, 60 if unit is Unit.CALENDAR_DAYS else 30))
    return DeadlineRequest(
        court=draw(st.sampled_from(COURTS)),
        trigger=draw(triggers),
        period=Period(unit, amount, draw(directions)),
        service=draw(st.sampled_from(SERVICE_METHODS)),
    )


@settings(max_examples=400, deadline=None)
@given(requests())
def test_due_date_is_a_court_day_for_that_court(request: DeadlineRequest) -> None:
    deadline = compute(request)
    assert request.period is not None
    calendar = court_calendar(request.court, request.period.direction)
    # Forward-period calendars of federal courts include the state's holidays; backward ones
    # do not (FRCP 6(a)(6)(C)); the roll and any 6(d) roll use the direction's calendar.
    assert calendar.is_court_day(deadline.due_date), deadline.steps


@settings(max_examples=400, deadline=None)
@given(requests())
def test_forward_is_after_and_backward_before_the_trigger(request: DeadlineRequest) -> None:
    deadline = compute(request)
    assert request.period is not None
    if request.period.direction is Direction.FORWARD:
        assert deadline.due_date > request.trigger
    else:
        assert deadline.due_date < request.trigger
    assert deadline.latest_date >= deadline.due_date


@settings(max_examples=300, deadline=None)
@given(requests(), st.integers(-3, 40))
def test_a_closed_day_never_makes_a_deadline_earlier(request: DeadlineRequest, offset: int) -> None:
    before = compute(request)
    closed = before.due_date + dt.timedelta(days=offset)
    after = compute(
        DeadlineRequest(
            court=request.court,
            trigger=request.trigger,
            period=request.period,
            service=request.service,
            closed=frozenset({closed}),
        )
    )
    assert after.due_date >= before.due_date


@settings(max_examples=200, deadline=None)
@given(triggers, st.integers(1, 60), st.sampled_from(COURTS))
def test_longer_periods_are_never_earlier(trigger: dt.date, amount: int, court: str) -> None:
    shorter = compute(DeadlineRequest(court, trigger, Period(Unit.CALENDAR_DAYS, amount)))
    longer = compute(DeadlineRequest(court, trigger, Period(Unit.CALENDAR_DAYS, amount + 1)))
    if court == "tx" and amount == 5:
        return  # TRCP 4: 5 days skip weekends and holidays, 6 days do not
    assert longer.due_date >= shorter.due_date
