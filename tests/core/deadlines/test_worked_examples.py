"""The 36 worked examples in ../shared/data/deadlines/worked-examples.json, table-driven.

Each example is read as a CLI user would type it: the court from ``jurisdiction``, the period
from ``period`` ("16 court days before + 5 calendar days"), the service method from
``service_method``. Where the example's ``rule`` names a rule in our packs, it is computed a
second time through ``rule_id``. Facts the file states only in prose (a clerk's office closed,
the hour an order was entered) are listed in ``PROSE_FACTS``.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest

from casedesk.core.deadlines import DeadlineRequest, Direction, Period, Unit, compute

EXAMPLES = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "deadlines"
EXAMPLES_FILE = EXAMPLES / "worked-examples.json"

# Stated only in the explanation text: clerk's office closures and trigger times.
PROSE_FACTS: dict[str, dict[str, Any]] = {
    "FED-28": {"closed": {dt.date(2007, 8, 31)}},  # "clerk's office is inaccessible on Fri Aug 31"
    "FED-29": {"closed": {dt.date(2026, 2, 17)}},  # "inaccessible all day Feb 17 (weather)"
}

# The example's rule, by citation prefix, to our rule ids (first match wins).
RULE_IDS: list[tuple[str, str]] = [
    ("FRCP 12(a)(1)(A)(i)", "frcp-answer"),
    ("FRCP 72(b)(2)", "frcp-objections-rr"),
    ("FRCP 59(b)", "frcp-new-trial"),
    ("FRCP 26(a)(3)(B)", "frcp-pretrial-disclosures"),
    ("FRAP 4(a)(1)(A)", "frap-appeal"),
    ("FRAP 27(a)(4)", "frap-motion-reply"),
    ("CCP 412.20", "ca-answer"),
    ("CCP 2030.260", "ca-interrogatory-response"),
    ("CCP 1005(b) opposition", "ca-opposition"),
    ("CCP 1005(b) reply", "ca-reply"),
    ("CCP 1005(b)", "ca-motion"),
    ("CPLR 320(a)", "ny-answer-personal"),
    ("TRCP 99(b)", "tx-answer"),
    ("TRCP 196.2", "tx-discovery-response"),
]


def _load() -> list[dict[str, Any]]:
    if not EXAMPLES_FILE.exists():
        return []
    data: list[dict[str, Any]] = json.loads(EXAMPLES_FILE.read_text(encoding="utf-8"))
    return data


pytestmark = pytest.mark.skipif(
    not EXAMPLES_FILE.exists(),
    reason=f"shared test data not found at {EXAMPLES_FILE} (the `shared` folder beside the repo)",
)


def court_of(example: dict[str, Any]) -> str:
    name = example["jurisdiction"]
    if name.startswith("California"):
        return "ca"
    if name.startswith("New York"):
        return "ny"
    if name.startswith("Texas"):
        return "tx"
    if "N.D. Cal" in name or "Cal." in name:
        return "federal-ca"
    if "S.D.N.Y" in name or "N.Y." in name:
        return "federal-ny"
    if "Tex." in name:
        return "federal-tx"
    return "federal"


def service_of(text: str) -> str:
    text = text.lower()
    if "mail" in text:
        if "out-of-state" in text or "out of state" in text:
            return "mail-out-of-state"
        if "international" in text or "outside the u.s" in text:
            return "mail-international"
        return "mail"
    if "clerk" in text:
        return "clerk"
    if text.startswith("e-service") or "electronic" in text:
        return "electronic"
    if "consent" in text or "overnight" in text:
        return "other-consented"
    if text.startswith("n/a"):
        return "none"
    return "personal"


_PERIOD = re.compile(r"^(\d+) (calendar days|court days|days|hours)( before)?")


def period_of(example: dict[str, Any]) -> Period | None:
    match = _PERIOD.match(example["period"])
    if match is None:
        return None  # "Monday next after 20 days": only as a rule
    unit = {"hours": Unit.HOURS, "court days": Unit.COURT_DAYS}.get(
        match.group(2), Unit.CALENDAR_DAYS
    )
    backward = match.group(3) or example["direction"] == "backward"
    return Period(unit, int(match.group(1)), Direction.BACKWARD if backward else Direction.FORWARD)


def rule_of(example: dict[str, Any]) -> str | None:
    for prefix, rule_id in RULE_IDS:
        if example["rule"].startswith(prefix):
            return rule_id
    return None


def trigger_time_of(example: dict[str, Any]) -> dt.time | None:
    match = re.search(r"at (\d{4}-\d\d-\d\d) (\d\d:\d\d)", example["explanation"])
    return dt.time.fromisoformat(match.group(2)) if match else None


def expected_time_of(example: dict[str, Any]) -> dt.time | None:
    raw = example.get("expected_time")
    return dt.time.fromisoformat(raw[:5]) if raw else None


def request_of(example: dict[str, Any], *, by_rule: bool) -> DeadlineRequest:
    facts = PROSE_FACTS.get(example["id"], {})
    common: dict[str, Any] = {
        "court": court_of(example),
        "trigger": dt.date.fromisoformat(example["trigger_date"]),
        "trigger_time": trigger_time_of(example),
        "service": service_of(example["service_method"]),
        "closed": frozenset(facts.get("closed", ())),
    }
    if by_rule:
        return DeadlineRequest(rule_id=rule_of(example), **common)
    return DeadlineRequest(period=period_of(example), **common)


ALL = _load()
BY_PERIOD = [e for e in ALL if period_of(e) is not None]
BY_RULE = [e for e in ALL if rule_of(e) is not None]


def _check(example: dict[str, Any], by_rule: bool) -> None:
    deadline = compute(request_of(example, by_rule=by_rule))
    derivation = "\n".join(deadline.steps + deadline.notes)
    assert deadline.due_date.isoformat() == example["expected_date"], (
        f"{example['id']}: {example['explanation']}\n--- engine:\n{derivation}"
    )
    expected_time = expected_time_of(example)
    if expected_time is not None:
        assert deadline.due_time == expected_time, f"{example['id']}\n{derivation}"


def test_every_example_is_computed_one_way_or_another() -> None:
    assert len(ALL) == 36
    assert {e["id"] for e in ALL} == {e["id"] for e in BY_PERIOD} | {e["id"] for e in BY_RULE}


@pytest.mark.parametrize("example", BY_PERIOD, ids=[e["id"] for e in BY_PERIOD])
def test_worked_example_by_period(example: dict[str, Any]) -> None:
    _check(example, by_rule=False)


@pytest.mark.parametrize("example", BY_RULE, ids=[e["id"] for e in BY_RULE])
def test_worked_example_by_rule(example: dict[str, Any]) -> None:
    _check(example, by_rule=True)


@pytest.mark.parametrize(
    "example",
    [e for e in ALL if "AMBIGUITY" in e["explanation"]],
    ids=[e["id"] for e in ALL if "AMBIGUITY" in e["explanation"]],
)
def test_flagged_ambiguities_carry_a_note(example: dict[str, Any]) -> None:
    deadline = compute(request_of(example, by_rule=False))
    assert any("Later reading" in note for note in deadline.notes), deadline.notes
    assert deadline.latest_date > deadline.due_date
