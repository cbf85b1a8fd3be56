"""Deadline language: count, unit, direction and trigger for the deadline engine."""

from __future__ import annotations

import pytest

from casedesk.core.extract.fields.deadlines import find_deadlines, number_value


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("within 21 days after service of this order", "21 days after service", "days"),
        ("no later than fourteen (14) days before the hearing", "14 days before hearing", "days"),
        ("within ten court days", "10 court days", "court_days"),
        ("within 48 hours of receipt of the notice", "48 hours after receipt", "hours"),
        (
            "must be filed no later than twenty-one (21) days before the Final Pretrial Conference",
            "21 days before conference",
            "days",
        ),  # fmt: skip
        (
            "shall file a response within thirty days after entry of judgment",
            "30 days after entry",
            "days",
        ),
        (
            "at least nine court days before the hearing",
            "9 court days before hearing",
            "court_days",
        ),
        ("at least 3 business days before trial", "3 court days before trial", "court_days"),
        ("no later than one week before the conference", "7 days before conference", "days"),
        ("within fourteen days of the date of this Order", "14 days after order", "days"),
        ("within ten (10) days of receipt of this letter", "10 days after receipt", "days"),
        ("no later than seven days after the brief is filed", "7 days after filing", "days"),
        (
            "within 30 days after the conclusion of the meeting of creditors",
            "30 days after meeting of creditors",
            "days",
        ),  # fmt: skip
        (
            "This order shall expire fourteen days after the date it is signed",
            "14 days after signing",
            "days",
        ),
        (
            "You have 30 CALENDAR DAYS after this summons and legal papers are served on you",
            "30 days after service",
            "days",
        ),  # fmt: skip
        ("It says I have 5 days to answer", "5 days", "days"),
        ("within sixty days after notice of entry", "60 days after notice of entry", "days"),
        ("within twenty one days after service", "21 days after service", "days"),
        (
            "Oppositions are due seven (7) days after service of the motion.",
            "7 days after service",
            "days",
        ),
    ],
)
def test_deadlines(text: str, value: str, unit: str) -> None:
    (found,) = find_deadlines(text)
    assert (found.value, found.unit) == (value, unit)


@pytest.mark.parametrize(
    "text",
    [
        "Defendant did not notify users until April 4, 2025, more than six weeks after it discovered the breach.",
        "a written three-day notice to pay rent or quit",
        "The demurrer is SUSTAINED WITH 20 DAYS' LEAVE TO AMEND.",
        "Each side will have two hours to present its case.",
        "Each side will be allowed 15 minutes.",
        "Conflict checks usually come back within one business day.",
        "on or before March 1, 2027",
        "the 30 days if you are the United States",
    ],
)
def test_not_deadlines(text: str) -> None:
    assert find_deadlines(text) == []


def test_detail_parts() -> None:
    (found,) = find_deadlines("no later than 10 days before the hearing")
    assert (found.count, found.unit, found.direction, found.trigger) == (
        10,
        "days",
        "before",
        "hearing",
    )


@pytest.mark.parametrize(
    ("word", "value"),
    [
        ("one", 1),
        ("twelve", 12),
        ("twenty-one", 21),
        ("thirty five", 35),
        ("sixty", 60),
        ("21", 21),
        ("seventy", None),
    ],
)
def test_number_words(word: str, value: int | None) -> None:
    assert number_value(word) == value
