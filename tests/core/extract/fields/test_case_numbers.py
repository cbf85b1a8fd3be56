"""Case numbers as printed; bar, file, claim and citation numbers are not case numbers."""

from __future__ import annotations

import pytest

from casedesk.core.extract.fields.case_numbers import find_case_numbers


@pytest.mark.parametrize(
    ("text", "expected", "system"),
    [
        ("Case 2:24-cv-01234-ABC Document 15", "2:24-cv-01234-ABC", "federal"),
        ("Case No. 2:24-cv-01234-ABC-JPR", "2:24-cv-01234-ABC-JPR", "federal"),
        ("No. 1:23-cr-00456", "1:23-cr-00456", "federal"),
        ("Case number: 6:26-bk-10482-SY", "6:26-bk-10482-SY", "federal"),
        ("CIVIL ACTION NO. 1:25-CV-00877-RP", "1:25-CV-00877-RP", "federal"),
        ("Civil Action No. 3:25-CV-1187-X", "3:25-CV-1187-X", "federal"),
        ("LUCIA ORTIZ,        No. 23-1234", "23-1234", "federal_appellate"),
        ("Case No. 24STCV12345", "24STCV12345", "california"),
        ("Case No. BC123456", "BC123456", "california"),
        ("CASE NUMBER: CGC-24-612345", "CGC-24-612345", "california"),
        ("Case No. 30-2024-01234567-CU-BC-CJC", "30-2024-01234567-CU-BC-CJC", "california"),
        ("Court of Appeal Case No. B338104", "B338104", "california"),
        ("Index No. 654321/2024", "654321/2024", "new_york"),
        ("L&T Index No. LT-304117-25/BX", "LT-304117-25/BX", "new_york"),
        ("Cause No. 2024-CI-01234", "2024-CI-01234", "texas"),
        ("CAUSE NO. DC-24-01234", "DC-24-01234", "texas"),
        ("CAUSE NO. D-1-GN-25-004417", "D-1-GN-25-004417", "texas"),
        ("Docket No. A-1234-23", "A-1234-23", "other"),
        ("(Los Angeles County Super. Ct. No. 22STCV31877)", "22STCV31877", "california"),
    ],
)
def test_case_numbers(text: str, expected: str, system: str) -> None:
    (found,) = find_case_numbers(text)
    assert (found.value, found.system) == (expected, system)
    assert text[found.start : found.end] == expected


@pytest.mark.parametrize(
    "text",
    [
        "Daniel K. Okafor (SBN 284117)",
        "State Bar No. 24081234",
        "S.D. Tex. Bar No. 771234",
        "Motion Seq. No. 002",
        "(Dkt. No. 38.)",
        "Docket Entry No. 14",
        "Our File No.: 24-0917-003",
        "Claim No.: KMC-2026-0448812",
        "Policy No.: GL 24-118833-07",
        "FedEx Tracking No. 7794 5521 0036",
        "Roe v. Wade, 410 U.S. 113 (1973)",
        "Mitchell v. Cuomo,\nNo. 20-cv-5641, 2021 WL 4120473, at *3 (S.D.N.Y. Sept. 9, 2021)",
        "Telephone: (213) 555-0177",
        "Call 213-555-0199 or 1-800-555-0144",
        "Tax ID 94-3318822",
        "Case No. ________________",
        "Nos. 4 through 19",
        "P.O. Box 24-1187",
        "SUM-100 [Rev. July 1, 2009]",
    ],
)
def test_not_case_numbers(text: str) -> None:
    assert find_case_numbers(text) == []


def test_form_box_with_the_number_on_the_next_line() -> None:
    text = (
        "PLAINTIFF/PETITIONER: GABRIELA FERREIRA                          CASE NUMBER:\n"
        "DEFENDANT/RESPONDENT: FOOTHILL FITNESS CLUBS, INC., et al.       S-CV-0051234\n"
    )
    assert [c.value for c in find_case_numbers(text)] == ["S-CV-0051234"]


def test_judge_initials_in_parentheses_are_not_part_of_the_number() -> None:
    (found,) = find_case_numbers("Case No. 1:25-cv-03318 (LGS)")
    assert found.value == "1:25-cv-03318"
