"""Court names mapped to courts-db ids (or a normalised name where courts-db has none)."""

from __future__ import annotations

import time

import pytest

from casedesk.core.extract.fields.courts import courts_db_data, find_courts, resolve_court


@pytest.fixture(scope="module", autouse=True)
def _loaded() -> None:
    courts_db_data()


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("UNITED STATES DISTRICT COURT NORTHERN DISTRICT OF CALIFORNIA", "cand"),
        ("IN THE UNITED STATES DISTRICT COURT FOR THE WESTERN DISTRICT OF TEXAS", "txwd"),
        ("U.S. District Court Southern District of New York", "nysd"),
        ("United States District Court for the Eastern District of New York", "nyed"),
        ("Northern District of Texas", "txnd"),
        ("Central District of California", "cacd"),
        ("United States Bankruptcy Court for the Central District of California", "cacb"),
        ("UNITED STATES COURT OF APPEALS FOR THE NINTH CIRCUIT", "ca9"),
        ("United States Court of Appeals for the Fifth Circuit", "ca5"),
        ("SUPERIOR COURT OF THE STATE OF CALIFORNIA FOR THE COUNTY OF LOS ANGELES", "calsuppctla"),
        ("SUPERIOR COURT OF CALIFORNIA, COUNTY OF SAN FRANCISCO", "calsuppctsf"),
        ("SUPERIOR COURT OF CALIFORNIA, COUNTY OF ORANGE", "calsuperct"),
        ("Los Angeles County Super. Ct.", "calsuppctla"),
        ("COURT OF APPEAL OF THE STATE OF CALIFORNIA SECOND APPELLATE DISTRICT", "calctapp2d"),
        ("Court of Appeal of the State of California", "calctapp"),
        ("Supreme Court of California", "cal"),
        ("SUPREME COURT OF THE STATE OF NEW YORK COUNTY OF NEW YORK", "nysupctnewyork"),
        ("SUPREME COURT OF THE STATE OF NEW YORK COUNTY OF KINGS", "nysupctkings"),
        ("Supreme Court of the State of New York, County of Queens", "nysupctqueens"),
        ("CIVIL COURT OF THE CITY OF NEW YORK COUNTY OF BRONX", "nycivctbronx"),
        ("Supreme Court of Texas", "tex"),
        (
            "IN THE DISTRICT COURT OF DALLAS COUNTY, TEXAS 134TH JUDICIAL DISTRICT",
            "134th Judicial District Court, Dallas County, Texas",
        ),
        (
            "IN THE DISTRICT COURT 225TH JUDICIAL DISTRICT BEXAR COUNTY, TEXAS",
            "225th Judicial District Court, Bexar County, Texas",
        ),
        ("IN THE DISTRICT COURT OF TRAVIS COUNTY, TEXAS", "District Court, Travis County, Texas"),
        (
            "IN THE COUNTY COURT AT LAW NO. 2 TRAVIS COUNTY, TEXAS",
            "County Court at Law No. 2, Travis County, Texas",
        ),
        (
            "IN THE JUSTICE COURT PRECINCT 2 TRAVIS COUNTY, TEXAS",
            "Justice Court Precinct 2, Travis County, Texas",
        ),
        ("District courts in this Circuit routinely dismiss such claims", None),
        ("The Supreme Court has long been reluctant", None),
    ],
)
def test_resolve(name: str, expected: str | None) -> None:
    assert resolve_court(name) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "                   UNITED STATES DISTRICT COURT\n"
            "                  NORTHERN DISTRICT OF CALIFORNIA\n\n"
            " JANE DOE,                     Case No. 3:24-cv-05871-JSC\n",
            ["cand"],
        ),
        (
            "JOHN MILLER,                §     IN THE DISTRICT COURT OF\n"
            "     Plaintiff,             §\n"
            "v.                          §     DALLAS COUNTY, TEXAS\n"
            "                            §\n"
            "ACME, LLC,                  §\n"
            "     Defendant.             §     134TH JUDICIAL DISTRICT\n",
            ["134th Judicial District Court, Dallas County, Texas"],
        ),
        (
            "Re: Doe v. Roe, Orange County Superior Court Case No. 30-2025-01455102-CU-CD-CJC\n"
            "Newport Beach, California",
            ["calsuperct"],
        ),
        (
            "moved the conference in the 157th District Court of Harris County, Texas, to",
            ["157th Judicial District Court, Harris County, Texas"],
        ),
        ("the 345th District Court, Travis County Courthouse", []),
        ("LASC Case No. 23STCV04512", ["calsuppctla"]),
    ],
)
def test_find_courts(text: str, expected: list[str]) -> None:
    assert sorted({c.value for c in find_courts(text)}) == sorted(set(expected))


def test_a_court_in_running_text() -> None:
    (court,) = find_courts("moved it, in the 157th District Court of Harris County, Texas, to")
    assert court.value == "157th Judicial District Court, Harris County, Texas"
    assert court.name == "157th District Court of Harris County, Texas"


def test_courts_db_is_loaded_once() -> None:
    start = time.perf_counter()
    for _ in range(20):
        courts_db_data()
    assert time.perf_counter() - start < 0.01
