"""Hearings, trials and conferences: date, time, event and location; former settings dropped."""

from __future__ import annotations

import pytest

from casedesk.core.extract.fields.hearings import find_hearings


def hearings(text: str) -> list[tuple[str, str, str | None]]:
    return [(h.value, h.event, h.location) for h in find_hearings(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The hearing is set for January 5, 2027 at 9:00 a.m. in Department 12.",
            [("2027-01-05T09:00", "hearing", "Department 12")],
        ),
        (
            "Hearing Date: 01/05/2027   Time: 8:30 a.m.   Dept.: 12",
            [("2027-01-05T08:30", "hearing", "Department 12")],
        ),
        (
            "The motion will be heard on March 3, 2027 at 1:30 p.m. in Courtroom 4B.",
            [("2027-03-03T13:30", "hearing", "Courtroom 4B")],
        ),
        ("Jury trial is set for June 7, 2027.", [("2027-06-07", "trial", None)]),
        (
            "A status conference is set for Thursday, December 4, 2025 at 1:30 p.m. in "
            "Courtroom Four.",
            [("2025-12-04T13:30", "status conference", "Courtroom Four")],
        ),
        (
            "PLEASE TAKE NOTICE that on March 3, 2027, at 10:00 a.m., or as soon thereafter as "
            "the matter may be heard in Department 58 of the above-entitled court, Plaintiff will "
            "move the Court for an order.",
            [("2027-03-03T10:00", "hearing", "Department 58")],
        ),
        (
            "on the 12th day of January, 2027 at 9:30 o'clock in the forenoon of that day, or as "
            "soon thereafter as counsel can be heard",
            [("2027-01-12T09:30", "hearing", None)],
        ),
        (
            "The Case Management Conference is continued to 03/17/2027 at 10:30 AM in Department 610.",
            [("2027-03-17T10:30", "case management conference", "Department 610")],
        ),
        (
            "Plaintiff's deposition will take place on March 4, 2026, beginning\nat 9:00 a.m.",
            [("2026-03-04T09:00", "deposition", None)],
        ),
        (
            " Jury Trial (Tuesday at 8:30 a.m.) ............ September 14, 2027\n"
            " Fact Discovery Cut-Off ........................ April 16, 2027\n",
            [("2027-09-14T08:30", "trial", None)],
        ),
        (
            "7.  August 16, 2027       Docket call at 9:00 a.m.\n8.  August 23, 2027       Trial.\n",
            [("2027-08-16T09:00", "docket call", None), ("2027-08-23", "trial", None)],
        ),
        (
            "7. Meeting of creditors        Date: March 5, 2026          Time: 10:30 AM",
            [("2026-03-05T10:30", "meeting of creditors", None)],
        ),
        ("Trial Date: March 22, 2027", [("2027-03-22", "trial", None)]),
        (
            "a paper that says hearing on 01/28/27 at 8:30 AM in Dept. 94",
            [("2027-01-28T08:30", "hearing", "Department 94")],
        ),
    ],
)
def test_hearings(text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert hearings(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "The initial pretrial conference scheduled for June 18, 2026 is ADJOURNED.",
        "the hearing on the demurrer, originally set for November 4, 2026, has been continued",
        "By previous order, this matter was set for status on March 19, 2026.",
        "PLEASE TAKE NOTICE that on January 5, 2027, the Court heard Defendant's motion.",
        "Defendant filed a motion to dismiss on November 2, 2026.",
        "Sent: Wednesday, May 13, 2026 4:52 PM",
        "SIGNED August 6, 2025 at 4:15 p.m.",
        "Date issued: January 19, 2027",
        "Deadline to Complete Settlement Conference ........ July 9, 2027",
        "The opening brief is due April 20, 2026.",
    ],
)
def test_not_hearings(text: str) -> None:
    assert find_hearings(text) == []


def test_a_vacated_date_is_not_a_hearing_anywhere_in_the_document() -> None:
    text = (
        "DATE:  March 19, 2026\nTIME:  1:00 p.m.\n\n"
        "1. By previous order, this matter was set for status on March 19, 2026.\n"
        "2. Defendant moves to continue the status conference until May 21, 2026, at 1:00 p.m.\n"
    )
    assert hearings(text) == [("2026-05-21T13:00", "status conference", None)]


def test_the_minute_orders_own_date_is_not_a_hearing() -> None:
    text = (
        "MINUTE ORDER\n\nCase Number: CGC-24-612345\n"
        "Date: 12/02/2026          Time: 09:30 AM          Department: 302\n\n"
        "The Case Management Conference is continued to 03/17/2027 at 10:30 AM in Department 610.\n"
    )
    assert [h.value for h in find_hearings(text)] == ["2027-03-17T10:30"]
