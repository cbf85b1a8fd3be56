"""Table-driven tests of reporter normalisation and pasted citation lists."""

from __future__ import annotations

import pytest

from casedesk.core.citations import normalize_citation, parse_citation_list


@pytest.mark.parametrize(
    ("written", "normalized"),
    [
        ("410 U.S. 113", "410 U.S. 113"),
        ("410 U. S. 113", "410 U.S. 113"),  # slip-opinion spacing
        ("410 US 113", "410 U.S. 113"),  # no periods
        ("410 U.S.  113", "410 U.S. 113"),  # extra space
        ("410 U. S.\n113", "410 U.S. 113"),  # line break inside
        ("Roe v. Wade, 410 U.S. 113, 153 (1973)", "410 U.S. 113"),  # with name, pin, year
        ("5 U.S. (1 Cranch) 137", "5 U.S. 137"),  # nominative reporter dropped
        ("5 F.2d 100", "5 F.2d 100"),
        ("5 F. 2d 100", "5 F.2d 100"),
        ("5 F.4th 100", "5 F.4th 100"),
        ("3 F.Supp.2d 4", "3 F. Supp. 2d 4"),
        ("93 S. Ct. 705", "93 S. Ct. 705"),
        ("93 S.Ct. 705", "93 S. Ct. 705"),
        ("35 L. Ed. 2d 147", "35 L. Ed. 2d 147"),
        ("35 L.Ed.2d 147", "35 L. Ed. 2d 147"),
        ("135 N.M. 1", "135 N.M. 1"),  # New Mexico Reports
        ("84 P.3d 5", "84 P.3d 5"),  # Pacific Reporter
        ("84 P. 3d 5", "84 P.3d 5"),
        ("100 Cal.App.4th 5", "100 Cal. App. 4th 5"),
        ("2004-NMSC-001", "2004-NMSC-001"),  # public-domain citation keeps its shape
    ],
)
def test_normalize_citation(written: str, normalized: str) -> None:
    assert normalize_citation(written) == normalized


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "the court held that the contract was void",  # no citation
        "42 U.S.C. § 1983",  # a statute, not a case
        "1 Harv. L. Rev. 1",  # a journal
        "410 U.S. ___",  # no page yet: cannot name a case
        "410 U.S.",  # no page at all
        "Id. at 5",
        "eyecite",  # eyecite's joke citation
    ],
)
def test_not_a_case_citation(written: str) -> None:
    assert normalize_citation(written) is None


def test_parse_citation_list_lines_semicolons_order_and_repeats() -> None:
    pasted = (
        "Roe v. Wade, 410 U. S. 113 (1973)\n"
        "5 U.S. 137; 384 US 436\n"
        "\n"
        "not a citation\n"
        "410 U.S. 113\n"  # repeat
        "Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1973); 410 U.S. ___"
    )
    assert parse_citation_list(pasted) == [
        "410 U.S. 113",
        "5 U.S. 137",
        "384 U.S. 436",
        "93 S. Ct. 705",
    ]


def test_parse_citation_list_empty() -> None:
    assert parse_citation_list("") == []
    assert parse_citation_list("no citations here") == []
