"""Table-driven cases per rule and per trap in deadline-rules.md, built for this suite
(not in the shared sample). Each expected date was counted by hand; the comment says how."""

from __future__ import annotations

import datetime as dt

import pytest

from casedesk.core.deadlines import (
    CalendarRangeError,
    DeadlineRequest,
    Direction,
    InvalidRequestError,
    Period,
    Unit,
    UnknownCourtError,
    UnknownRuleError,
    compute,
    load_rules,
)

D = dt.date
FWD, BACK = Direction.FORWARD, Direction.BACKWARD


def days(n: int, direction: Direction = FWD) -> Period:
    return Period(Unit.CALENDAR_DAYS, n, direction)


def court_days(n: int, direction: Direction = FWD) -> Period:
    return Period(Unit.COURT_DAYS, n, direction)


def hours(n: int, direction: Direction = FWD) -> Period:
    return Period(Unit.HOURS, n, direction)


# (case id, request, expected date, expected time or None, text a note must contain or "")
CASES: list[tuple[str, DeadlineRequest, dt.date, dt.time | None, str]] = [
    # Federal: backward period ending on Labor Day rolls backward (6(a)(5)): Oct 7 - 30 = Mon Sep 7.
    (
        "fed-backward-labor-day",
        DeadlineRequest("federal", D(2026, 10, 7), rule_id="frcp-pretrial-disclosures"),
        D(2026, 9, 4),
        dt.time(23, 59),
        "",
    ),
    # 6(d) without a roll: Mon Mar 2 + 14 = Mon Mar 16, + 3 = Thu Mar 19.
    (
        "fed-6d-mail",
        DeadlineRequest("federal", D(2026, 3, 2), rule_id="frcp-objections-rr", service="mail"),
        D(2026, 3, 19),
        dt.time(23, 59),
        "",
    ),
    # Electronic service: no 3 days since 2016: day 14 = Sat Apr 18 -> Mon Apr 20.
    (
        "fed-6d-electronic",
        DeadlineRequest(
            "federal", D(2026, 4, 4), rule_id="frcp-objections-rr", service="electronic"
        ),
        D(2026, 4, 20),
        dt.time(23, 59),
        "Dec 1, 2016",
    ),
    # 6(d) does not apply to periods from entry of judgment (59(b)): FED-14 facts served by mail.
    (
        "fed-59b-no-6d",
        DeadlineRequest("federal", D(2027, 11, 26), rule_id="frcp-new-trial", service="mail"),
        D(2027, 12, 27),
        dt.time(23, 59),
        "entry of judgment",
    ),
    # FRAP 4(a)(1)(B): Sep 1 + 60 = Sat Oct 31 -> Mon Nov 2.
    (
        "frap-us-party",
        DeadlineRequest("federal", D(2026, 9, 1), rule_id="frap-appeal-us-party"),
        D(2026, 11, 2),
        dt.time(23, 59),
        "4(a)(4)",
    ),
    # Lincoln's Birthday counts in S.D.N.Y. forward (6(a)(6)(C)): Jan 22 + 21 = Thu Feb 12 -> Fri Feb 13.
    (
        "fed-ny-lincoln",
        DeadlineRequest("federal-ny", D(2026, 1, 22), rule_id="frcp-answer"),
        D(2026, 2, 13),
        dt.time(23, 59),
        "",
    ),
    (
        "fed-plain-lincoln",
        DeadlineRequest("federal", D(2026, 1, 22), rule_id="frcp-answer"),
        D(2026, 2, 12),
        dt.time(23, 59),
        "",
    ),
    # State holidays do not move a backward federal period: Apr 14 - 14 = Wed Mar 31 (Chavez Day).
    (
        "fed-ca-backward-chavez",
        DeadlineRequest("federal-ca", D(2027, 4, 14), rule_id="frcp-motion-notice"),
        D(2027, 3, 31),
        dt.time(23, 59),
        "",
    ),
    # Texas's day after Thanksgiving counts in a federal court in Texas (forward).
    (
        "fed-tx-day-after-thanksgiving",
        DeadlineRequest("federal-tx", D(2026, 11, 6), rule_id="frcp-answer"),
        D(2026, 11, 30),
        dt.time(23, 59),
        "",
    ),
    # Hours: Thu Jul 2 09:00 + 24 h = Fri Jul 3 (Independence Day observed) -> Mon Jul 6 09:00.
    (
        "fed-hours-observed",
        DeadlineRequest("federal", D(2026, 7, 2), period=hours(24), trigger_time=dt.time(9, 0)),
        D(2026, 7, 6),
        dt.time(9, 0),
        "",
    ),
    # Hours backward: Mon Mar 9 12:00 - 48 h = Sat Mar 7 -> Fri Mar 6 12:00.
    (
        "fed-hours-backward",
        DeadlineRequest(
            "federal", D(2026, 3, 9), period=hours(48, BACK), trigger_time=dt.time(12, 0)
        ),
        D(2026, 3, 6),
        dt.time(12, 0),
        "",
    ),
    # Hours without a time of day count from midnight, with a note.
    (
        "fed-hours-no-time",
        DeadlineRequest("federal", D(2026, 3, 2), period=hours(24)),
        D(2026, 3, 3),
        dt.time(0, 0),
        "No time of day",
    ),
    # Juneteenth 2027 is a Saturday: the observed Friday is flagged; earliest date calendared.
    (
        "fed-juneteenth-observed",
        DeadlineRequest("federal", D(2027, 5, 28), rule_id="frcp-answer"),
        D(2027, 6, 18),
        dt.time(23, 59),
        "Jun 21, 2027",
    ),
    # Presidential closure (Jan 9, 2025, Carter day of mourning): Dec 19 + 21 = Thu Jan 9.
    (
        "fed-day-of-mourning",
        DeadlineRequest("federal", D(2024, 12, 19), rule_id="frcp-answer"),
        D(2025, 1, 9),
        dt.time(23, 59),
        "Jan 10, 2025",
    ),
    # California: 1013 does not extend the time after service of summons.
    (
        "ca-answer-mail",
        DeadlineRequest("ca", D(2026, 3, 2), rule_id="ca-answer", service="mail"),
        D(2026, 4, 1),
        None,
        "1013",
    ),
    # International mail: 30 + 20 = 50 days: Mar 2 + 50 = Tue Apr 21.
    (
        "ca-mail-international",
        DeadlineRequest(
            "ca", D(2026, 3, 2), rule_id="ca-interrogatory-response", service="mail-international"
        ),
        D(2026, 4, 21),
        None,
        "",
    ),
    # Out-of-state mail: 30 + 10: Mar 2 + 40 = Sat Apr 11 -> Mon Apr 13.
    (
        "ca-mail-out-of-state",
        DeadlineRequest(
            "ca", D(2026, 3, 2), rule_id="ca-interrogatory-response", service="mail-out-of-state"
        ),
        D(2026, 4, 13),
        None,
        "",
    ),
    # E-service: day 30 = Wed Apr 1, + 2 court days = Fri Apr 3.
    (
        "ca-eservice",
        DeadlineRequest(
            "ca", D(2026, 3, 2), rule_id="ca-interrogatory-response", service="electronic"
        ),
        D(2026, 4, 3),
        None,
        "",
    ),
    # E-service, day 30 on Chavez Day: 2 court days from the unrolled day (Thu Apr 2); rolled first: Fri Apr 3.
    (
        "ca-eservice-holiday",
        DeadlineRequest(
            "ca", D(2026, 3, 1), rule_id="ca-interrogatory-response", service="electronic"
        ),
        D(2026, 4, 2),
        None,
        "Apr 3, 2026",
    ),
    # Motion, e-service: 16 court days -> Tue May 26, 2 more back past Memorial Day -> Thu May 21.
    (
        "ca-motion-eservice",
        DeadlineRequest("ca", D(2026, 6, 17), rule_id="ca-motion", service="electronic"),
        D(2026, 5, 21),
        None,
        "",
    ),
    # Opposition: no service days (1005(c)).
    (
        "ca-opposition-mail",
        DeadlineRequest("ca", D(2026, 12, 1), rule_id="ca-opposition", service="mail"),
        D(2026, 11, 16),
        None,
        "1005(c)",
    ),
    # Reply: 5 court days before Fri Jul 10, 2026, skipping Fri Jul 3 (observed): Jul 9, 8, 7, 6, 2.
    (
        "ca-reply-observed",
        DeadlineRequest("ca", D(2026, 7, 10), rule_id="ca-reply"),
        D(2026, 7, 2),
        None,
        "",
    ),
    # Columbus Day is not a California judicial holiday since 2022 (AB 855) ...
    (
        "ca-columbus-2026",
        DeadlineRequest("ca", D(2026, 9, 12), rule_id="ca-answer"),
        D(2026, 10, 12),
        None,
        "",
    ),
    # ... but was before: Oct 11, 2021 -> Tue Oct 12, 2021.
    (
        "ca-columbus-2021",
        DeadlineRequest("ca", D(2021, 9, 11), rule_id="ca-answer"),
        D(2021, 10, 12),
        None,
        "",
    ),
    # Native American Day (4th Friday of September) is one since 2022: Fri Sep 25, 2026 -> Mon Sep 28.
    (
        "ca-native-american-day",
        DeadlineRequest("ca", D(2026, 8, 26), rule_id="ca-answer"),
        D(2026, 9, 28),
        None,
        "",
    ),
    # Lincoln Day 2028 is a Saturday: observed Fri Feb 11 (CRC 1.11) -> Mon Feb 14.
    (
        "ca-lincoln-observed",
        DeadlineRequest("ca", D(2028, 1, 12), rule_id="ca-answer"),
        D(2028, 2, 14),
        None,
        "",
    ),
    # CCP 12b: the clerk's office closed on the last day -> next court day.
    (
        "ca-closed",
        DeadlineRequest(
            "ca", D(2026, 3, 2), rule_id="ca-answer", closed=frozenset({D(2026, 4, 1)})
        ),
        D(2026, 4, 2),
        None,
        "",
    ),
    # New York: mail adds 5 days to the period: Mar 2 + 25 = Fri Mar 27.
    (
        "ny-mail",
        DeadlineRequest("ny", D(2026, 3, 2), rule_id="ny-answer-complaint", service="mail"),
        D(2026, 3, 27),
        None,
        "Maniatopoulos",
    ),
    # Juneteenth 2027 (Sat): GCL 24 gives no Friday; UCS closure flagged. Earliest = Fri Jun 18.
    (
        "ny-saturday-holiday",
        DeadlineRequest("ny", D(2027, 5, 29), rule_id="ny-answer-personal"),
        D(2027, 6, 18),
        None,
        "Jun 21, 2027",
    ),
    # Sunday Lincoln's Birthday 2034 is observed Monday Feb 13: Jan 24 + 20 -> Tue Feb 14.
    (
        "ny-sunday-holiday",
        DeadlineRequest("ny", D(2034, 1, 24), rule_id="ny-answer-personal"),
        D(2034, 2, 14),
        None,
        "",
    ),
    # Columbus Day is a New York holiday: Sep 22 + 20 = Mon Oct 12, 2026 -> Tue Oct 13.
    (
        "ny-columbus",
        DeadlineRequest("ny", D(2026, 9, 22), rule_id="ny-answer-personal"),
        D(2026, 10, 13),
        None,
        "",
    ),
    # Texas: 3 business days before Mon Mar 9 = Wed Mar 4 (TRCP 21(b), 4).
    (
        "tx-short-backward",
        DeadlineRequest("tx", D(2026, 3, 9), rule_id="tx-hearing-notice"),
        D(2026, 3, 4),
        None,
        "",
    ),
    # 5 business days after Thu Nov 19, skipping Thanksgiving and the Friday after: Mon Nov 30.
    (
        "tx-short-forward",
        DeadlineRequest("tx", D(2026, 11, 19), period=days(5)),
        D(2026, 11, 30),
        None,
        "",
    ),
    # Answer Monday is Memorial Day: day 20 = Tue May 19 -> Mon May 25 (holiday) -> Tue May 26 10:00.
    (
        "tx-answer-holiday-monday",
        DeadlineRequest("tx", D(2026, 4, 29), rule_id="tx-answer"),
        D(2026, 5, 26),
        dt.time(10, 0),
        "Sudderth",
    ),
    # New Year's Day Monday 2029: day 20 = Tue Dec 26, 2028 -> Mon Jan 1 -> Tue Jan 2, 2029.
    (
        "tx-answer-new-year",
        DeadlineRequest("tx", D(2028, 12, 6), rule_id="tx-answer"),
        D(2029, 1, 2),
        dt.time(10, 0),
        "",
    ),
    # Columbus Day is not a Texas holiday.
    (
        "tx-columbus",
        DeadlineRequest("tx", D(2026, 9, 12), rule_id="tx-discovery-response"),
        D(2026, 10, 12),
        None,
        "",
    ),
    # E-service adds nothing in Texas since 2014.
    (
        "tx-eservice",
        DeadlineRequest("tx", D(2026, 3, 2), rule_id="tx-discovery-response", service="electronic"),
        D(2026, 4, 1),
        None,
        "adds no days",
    ),
    # San Jacinto Day (partial staffing) is flagged, not rolled: Mar 22 + 30 = Tue Apr 21.
    (
        "tx-san-jacinto",
        DeadlineRequest("tx", D(2026, 3, 22), rule_id="tx-discovery-response"),
        D(2026, 4, 21),
        None,
        "Apr 22, 2026",
    ),
]


@pytest.mark.parametrize(
    ("request_", "expected", "time", "note"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_constructed_case(
    request_: DeadlineRequest, expected: dt.date, time: dt.time | None, note: str
) -> None:
    deadline = compute(request_)
    text = "\n".join(deadline.steps + deadline.notes)
    assert deadline.due_date == expected, text
    assert deadline.due_time == time, text
    if note:
        assert any(note in n for n in deadline.notes), text


def test_derivation_reads_like_the_issue() -> None:
    deadline = compute(DeadlineRequest("federal-ca", D(2027, 3, 10), rule_id="frcp-answer"))
    assert any(
        step.startswith("day 21 = Wed Mar 31, 2027 = Cesar Chavez Day, a California state holiday")
        and "next court day Thu Apr 1, 2027" in step
        for step in deadline.steps
    ), deadline.steps
    assert deadline.rule_pack_version.startswith("frcp-")


@pytest.mark.parametrize(
    ("request_", "error"),
    [
        (DeadlineRequest("xx", D(2026, 1, 5), period=days(3)), UnknownCourtError),
        (DeadlineRequest("ca", D(2026, 1, 5), rule_id="nope"), UnknownRuleError),
        (DeadlineRequest("ca", D(2026, 1, 5), rule_id="frcp-answer"), UnknownRuleError),
        (DeadlineRequest("ca", D(2026, 1, 5), period=days(0)), InvalidRequestError),
        (DeadlineRequest("ca", D(2026, 1, 5)), InvalidRequestError),
        (DeadlineRequest("ca", D(2026, 1, 5), rule_id="ca-1013"), InvalidRequestError),
        (
            DeadlineRequest("ca", D(2026, 1, 5), rule_id="ca-answer", direction=BACK),
            InvalidRequestError,
        ),
        (
            DeadlineRequest("ca", D(2026, 1, 5), period=days(3), service="pigeon"),
            InvalidRequestError,
        ),
        (DeadlineRequest("ca", D(1999, 12, 1), period=days(3)), CalendarRangeError),
        (DeadlineRequest("ca", D(2035, 12, 20), period=days(30)), CalendarRangeError),
        (DeadlineRequest("ca", D(2000, 1, 10), period=days(30, BACK)), CalendarRangeError),
    ],
)
def test_invalid_requests(request_: DeadlineRequest, error: type[Exception]) -> None:
    with pytest.raises(error) as raised:
        compute(request_)
    assert "\n" not in str(raised.value)


REQUIRED_RULES = {
    "frcp-answer",
    "frap-appeal",
    "frap-appeal-us-party",
    "ca-answer",
    "ca-motion",
    "ca-opposition",
    "ca-reply",
    "ny-answer-personal",
    "tx-answer",
}
REQUIRED_CITATIONS = [
    "FRCP 6(a)",
    "FRCP 6(c)",
    "FRCP 6(d)",
    "FRCP 12(a)",
    "FRCP 26(a)(3)",
    "FRCP 56(b)",
    "FRCP 59(b)",
    "FRCP 59(e)",
    "FRCP 72(b)",
    "FRAP 4(a)(1)(A)",
    "FRAP 4(a)(1)(B)",
    "FRAP 26",
    "FRAP 27(a)(4)",
    "CCP 412.20",
    "CCP 1005(b)",
    "CCP 1010.6",
    "CCP 1013",
    "CCP 2030.260",
    "CPLR 320(a)",
    "CPLR 2103(b)(2)",
    "CPLR 3012",
    "CPLR 3120",
    "TRCP 4",
    "TRCP 21(b)",
    "TRCP 21a",
    "TRCP 99(b)",
    "TRCP 196.2",
]


def test_rule_packs_have_the_issue_rules_with_sources() -> None:
    rules = load_rules()
    assert {r.id for r in rules} >= REQUIRED_RULES
    citations = " | ".join(r.citation for r in rules)
    for citation in REQUIRED_CITATIONS:
        assert citation in citations, citation
    for rule in rules:
        assert rule.text and rule.source_url.startswith("http") and rule.pack_version
    assert {r.id for r in load_rules("tx")} >= {"tx-answer"}
    assert all("tx" in r.courts for r in load_rules("tx"))
