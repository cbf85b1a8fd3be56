"""Chronology selectors: the table's order (undated last) and date-range filter as
invariants over random fuzzy dates, timeline items, groups and counts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.core.chronology.timeline import TimelineItem
from casedesk.web.chronology.models import Fact
from casedesk.web.chronology.selectors import (
    FactFilter,
    filtered_facts,
    matter_facts,
    matter_issues,
    matter_people,
    party_contacts,
    suggestion_counts,
    timeline_items,
)
from casedesk.web.chronology.services import FactInput, fact_create

pytestmark = pytest.mark.django_db

days = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2030, 12, 31))
typed_dates = st.one_of(
    st.just(""),
    days.map(lambda d: d.isoformat()),
    days.map(lambda d: f"{d:%B} {d.year}"),
    days.map(lambda d: str(d.year)),
    days.map(lambda d: f"c. {d.year}"),
    days.map(lambda d: f"before {d.isoformat()}"),
    days.map(lambda d: f"after {d.isoformat()}"),
    st.tuples(days, days).map(lambda p: f"between {min(p).isoformat()} and {max(p).isoformat()}"),
)
SLOW = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@SLOW
@given(dates=st.lists(typed_dates, min_size=1, max_size=12))
def test_table_order_is_by_date_with_undated_last(
    attorney: Any, matter: Any, dates: list[str]
) -> None:
    Fact.objects.filter(matter=matter).delete()
    for n, typed in enumerate(dates):
        fact_create(by=attorney, matter=matter, data=FactInput(date_text=typed, description=str(n)))
    rows = list(matter_facts(attorney, matter))
    assert len(rows) == len(dates)
    keys = [(f.sort_date is None, f.sort_date or dt.date.max) for f in rows]
    assert keys == sorted(keys)
    newest_first = list(filtered_facts(attorney, matter, FactFilter(sort="-date")))
    dated = [f.sort_date for f in newest_first if f.sort_date is not None]
    assert dated == sorted(dated, reverse=True)
    assert all(f.sort_date is None for f in newest_first[len(dated) :])


@SLOW
@given(dates=st.lists(typed_dates, min_size=1, max_size=10), window=st.tuples(days, days))
def test_date_range_keeps_exactly_the_facts_that_overlap_it(
    attorney: Any, matter: Any, dates: list[str], window: tuple[dt.date, dt.date]
) -> None:
    Fact.objects.filter(matter=matter).delete()
    start, end = min(window), max(window)
    for n, typed in enumerate(dates):
        fact_create(by=attorney, matter=matter, data=FactInput(date_text=typed, description=str(n)))
    kept = set(filtered_facts(attorney, matter, FactFilter(date_from=start, date_to=end)))
    for fact in Fact.objects.filter(matter=matter):
        lo = fact.date_start or dt.date.min
        hi = fact.date_end or dt.date.max
        overlaps = fact.date_kind != "unknown" and lo <= end and hi >= start
        assert (fact in kept) == overlaps, (fact.date_text, start, end)


def test_timeline_items_and_groups(attorney: Any, matter: Any, people: Any) -> None:
    long = "A very long description " * 10
    fact_create(
        by=attorney,
        matter=matter,
        data=FactInput(
            date_text="March 2024",
            description=long,
            new_issues="Notice; Damages",
            people=[people["client"].pk],
            material=True,
        ),
    )
    fact_create(by=attorney, matter=matter, data=FactInput(description="undated", disputed=True))
    items = timeline_items(matter_facts(attorney, matter))
    assert isinstance(items[0], TimelineItem)
    assert items[0].date.kind == "month" and items[0].date.start == dt.date(2024, 3, 1)
    assert len(items[0].label) <= 80 and items[0].label.endswith("…")
    assert items[0].material and items[0].group in ("Damages", "Notice")
    assert items[1].disputed and items[1].date.kind == "unknown"
    assert {i.name: i.count for i in matter_issues(matter)} == {"Damages": 1, "Notice": 1}
    assert [(c.name, c.count) for c in matter_people(attorney, matter)] == [
        (people["client"].name, 1)
    ]
    assert len(party_contacts(matter)) == 3
    assert suggestion_counts(matter) == {"pending": 0, "accepted": 0, "dismissed": 0}
