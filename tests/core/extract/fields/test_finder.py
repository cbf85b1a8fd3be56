"""find_fields: every kind together, sorted, de-duplicated, and the documented decisions."""

from __future__ import annotations

import dataclasses

import pytest

from casedesk.core.extract.fields import FieldKind, FoundField, find_fields

NOTICE = """\
                   UNITED STATES DISTRICT COURT
                  NORTHERN DISTRICT OF CALIFORNIA

 JANE DOE,                                  Case No. 3:24-cv-05871-JSC

              Plaintiff,                    NOTICE OF MOTION
       v.
 ACME CORP.,
              Defendant.

     PLEASE TAKE NOTICE that on January 14, 2027 at 10:00 a.m. in Courtroom 8, or as soon
 thereafter as counsel may be heard, Defendant will move to dismiss. Any opposition shall be
 filed no later than 21 days before the hearing. The reply is due on or before January 7, 2027.

 Dated: November 18, 2026
"""


def kinds_and_values(text: str) -> list[tuple[str, str]]:
    return [(f.kind.value, f.value) for f in find_fields(text)]


def test_a_notice_of_motion() -> None:
    assert kinds_and_values(NOTICE) == [
        ("court", "cand"),
        ("party", "JANE DOE"),
        ("case_number", "3:24-cv-05871-JSC"),
        ("party", "ACME CORP."),
        ("hearing", "2027-01-14T10:00"),
        ("deadline", "21 days before hearing"),
        ("date", "2027-01-07"),
        ("date", "2026-11-18"),
    ]


def test_details() -> None:
    fields = {f.value: f for f in find_fields(NOTICE)}
    assert fields["cand"].detail == {
        "name": "UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA"
    }
    assert fields["JANE DOE"].detail == {"role": "plaintiff"}
    assert fields["2027-01-14T10:00"].detail == {"event": "hearing", "location": "Courtroom 8"}
    assert dict(fields["21 days before hearing"].detail) == {
        "count": 21, "unit": "days", "direction": "before", "trigger": "hearing",
    }  # fmt: skip
    assert fields["2027-01-07"].detail == {"label": "deadline"}
    assert fields["2026-11-18"].detail == {"label": "Dated"}


def test_same_kind_and_value_keeps_the_first() -> None:
    text = "Case No. 24STCV12345\n\nPlease refer to Case No. 24STCV12345 in all papers.\n"
    fields = find_fields(text)
    assert [(f.value, f.start) for f in fields] == [("24STCV12345", 9)]


def test_parties_compare_without_case_and_punctuation() -> None:
    text = "Re: Doe v. Acme Corp.\n\nCase Name: DOE v. ACME CORP\n"
    assert [f.value for f in find_fields(text) if f.kind is FieldKind.PARTY] == [
        "Doe",
        "Acme Corp.",
    ]


def test_a_date_inside_a_hearing_is_not_repeated() -> None:
    text = "The hearing is set for March 3, 2027 at 9:00 a.m. Papers are due 14 days before March 3, 2027."
    assert [f.kind.value for f in find_fields(text)].count("date") == 0


def test_federal_numbers_printed_two_ways_are_one_case() -> None:
    text = "Case 1:26-cv-07702-VEC Document 19\n\nAURORA v. HELIX          26-cv-7702 (VEC)\n"
    assert [f.value for f in find_fields(text) if f.kind is FieldKind.CASE_NUMBER] == [
        "1:26-cv-07702-VEC"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "SUM-100 [Rev. July 1, 2009]",
        "FL-300 [Rev. January 1, 2025]",
        "Mitchell v. Cuomo, 2021 WL 4120473, at *3 (S.D.N.Y. Sept. 9, 2021)",
        "Roe v. Wade, 410 U.S. 113 (1973)",
        "Call us at (415) 555-0100, extension 212.",
        "",
        "   \n\f\n  ",
    ],
)
def test_distractors_give_nothing(text: str) -> None:
    assert find_fields(text) == []


def test_found_field_is_frozen_and_serialises() -> None:
    field = find_fields("Case No. 24STCV12345")[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        field.value = "x"  # type: ignore[misc]
    with pytest.raises(TypeError):
        field.detail["system"] = "x"  # type: ignore[index]
    assert field.as_json() == {
        "kind": "case_number",
        "value": "24STCV12345",
        "text": "Case No. 24STCV12345",
    }
    assert isinstance(field, FoundField) and field.kind is FieldKind.CASE_NUMBER
