"""Cite-check of a draft brief against a small in-memory library."""

from __future__ import annotations

import pytest

from casedesk.core.citations import (
    CheckedCitation,
    LibraryOpinion,
    MemoryCitationLibrary,
    cite_check,
    cite_check_json,
)

LIBRARY = MemoryCitationLibrary(
    [
        LibraryOpinion("roe", "Roe v. Wade", 1973, ("410 U. S. 113",)),
        LibraryOpinion("marbury", "Marbury v. Madison", 1803, ("5 U.S. 137", "1 Cranch 137")),
        LibraryOpinion("miranda", "Miranda v. Arizona", 1966, ("384 U.S. 436",)),
        LibraryOpinion("brown", "Brown v. Board of Education", 1954, ("347 U.S. 483",)),
        LibraryOpinion("gideon", "Gideon v. Wainwright", 1963, ("372 U.S. 335",)),
        # Two opinions printed under one citation (the opinion and a separate order).
        LibraryOpinion("romero-1", "State v. Romero", 1995, ("120 N.M. 400",)),
        LibraryOpinion("romero-2", "State v. Romero", 1995, ("120 N.M. 400",)),
        # Two different cases sharing a page: the case name picks one.
        LibraryOpinion("baca", "Baca v. Lucero", 2001, ("130 N.M. 50",)),
        LibraryOpinion("otero", "Otero v. Sandoval", 2001, ("130 N.M. 50",)),
    ]
)

DRAFT = """ARGUMENT

I. The right the petitioner asserts is settled.

The Court recognized the right in Roe v. Wade, 410 U.S. 113, 153 (1973). Id. at 154.
Judicial review of that kind rests on Marbury v. Madison, 5 U.S. 137, 177 (1803), and
custodial statements are governed by Miranda v. Arizona, 384 U.S. 436, 444 (1966).

The respondent's reliance on Hargrove v. Pelletier Mills, Inc., 512 U.S. 301, 309 (1994), is
misplaced. He also cites Jackson v. Virginia, 347 U.S. 483, 495 (1954), and Gideon v.
Wainwright, 372 U.S. 335, 344 (1965), for the same point.

II. The limits the respondent invokes do not apply.

The right is not absolute. Roe, supra, at 155. Warnings must precede any questioning.
Miranda, 384 U.S., at 467. The State's reliance on Doe v. Bolton, 410 U.S. ___ (1973), adds
nothing. Nor does State v. Romero, 120 N.M. 400, 402 (1995). See Otero v. Sandoval,
130 N.M. 50, 52 (2001). Finally, 42 U.S.C. § 1983 is no help to him. Id. § 1985.
"""


@pytest.fixture(scope="module")
def results() -> dict[str, CheckedCitation]:
    return {collapsed(result.citation.text): result for result in cite_check(DRAFT, LIBRARY)}


def collapsed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("text", "status", "opinion_id", "message_part"),
    [
        ("410 U.S. 113", "found", "roe", "Roe v. Wade, 410 U.S. 113 (1973) is in the library."),
        ("Id. at 154", "found", "roe", "Id. at 154 → Roe v. Wade, 410 U.S. 113, which is in"),
        ("5 U.S. 137", "found", "marbury", "Marbury v. Madison"),
        ("384 U.S. 436", "found", "miranda", "Miranda v. Arizona"),
        ("512 U.S. 301", "not_found", None, "No opinion in the library has the citation 512"),
        ("347 U.S. 483", "name_mismatch", "brown", "is Brown v. Board of Education, not Jackson"),
        ("372 U.S. 335", "year_mismatch", "gideon", "to 1963, not 1965."),
        ("supra, at 155", "found", "roe", "supra, at 155 → Roe v. Wade, 410 U.S. 113"),
        ("384 U.S., at 467", "found", "miranda", "→ Miranda v. Arizona, 384 U.S. 436"),
        ("410 U.S. ___", "malformed", None, "has no page number"),
        ("120 N.M. 400", "ambiguous", None, "2 opinions in the library have the citation"),
        ("130 N.M. 50", "found", "otero", "Otero v. Sandoval"),  # the name picks one
    ],
)
def test_draft(
    results: dict[str, CheckedCitation],
    text: str,
    status: str,
    opinion_id: str | None,
    message_part: str,
) -> None:
    result = results[text]
    assert (result.status, result.opinion_id) == (status, opinion_id)
    assert message_part in result.message
    assert result.message.endswith(".") and "\n" not in result.message


def test_statutes_are_not_checked(results: dict[str, CheckedCitation]) -> None:
    assert "42 U.S.C. § 1983" not in results
    assert all(
        result.citation.kind not in ("law", "journal", "unknown") for result in results.values()
    )
    assert "Id." not in results  # the Id. of the statute


def test_one_batched_lookup() -> None:
    calls: list[tuple[str, ...]] = []

    class Counting:
        def lookup(self, normalized):  # type: ignore[no-untyped-def]
            calls.append(tuple(normalized))
            return LIBRARY.lookup(normalized)

    cite_check(DRAFT, Counting())
    assert len(calls) == 1
    assert "410 U.S. 113" in calls[0] and "512 U.S. 301" in calls[0]


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        ("Id. at 5. The court agreed.", ["malformed"]),  # Id. with nothing before it
        ("Roe, 410 U.S., at 120.", ["malformed"]),  # short form with no full citation
        ("See 42 U.S.C. § 1983. Id. § 1985.", []),  # Id. of a statute: not a case
        # A parallel citation the library lacks takes the status of the one it has.
        ("Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705, 35 L. Ed. 2d 147 (1973).", ["found"] * 3),
        ("Roe v. Wade, 410 U.S. 113 (1974).", ["year_mismatch"]),
        ("Smith v. Jones, 410 U.S. 113 (1973).", ["name_mismatch"]),
        ("See 410 U.S. 113.", ["found"]),  # no name, no year: the citation alone
        ("No citations here.", []),
        ("", []),
    ],
)
def test_small_texts(text: str, statuses: list[str]) -> None:
    assert [result.status for result in cite_check(text, LIBRARY)] == statuses


def test_parallel_message_says_so() -> None:
    results = cite_check("Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1973).", LIBRARY)
    assert results[1].opinion_id == "roe"
    assert "parallel citation of Roe v. Wade, 410 U.S. 113" in results[1].message


def test_cite_check_json_shape() -> None:
    payload = cite_check_json(cite_check("Roe v. Wade, 410 U.S. 113 (1973).", LIBRARY))
    assert payload == {
        "citations": [
            {
                "text": "410 U.S. 113",
                "normalized": "410 U.S. 113",
                "status": "found",
                "opinion_id": "roe",
                "sentence": "Roe v. Wade, 410 U.S. 113 (1973).",
            }
        ]
    }


@pytest.mark.parametrize(
    ("text", "statuses"),
    [
        # Federal Register (and journal) short forms are not case short forms.
        ("See 87 Fed. Reg. at 24,685.", []),
        ("Roe v. Wade, 410 U.S. 113 (1973). See 87 Fed.\nReg. at 24,659.", ["found"]),
        ("See 100 Harv. L. Rev. at 7.", []),
        # An unresolved Id. right after a non-case citation is not a case citation.
        ("Roe v. Wade, 410 U.S. 113 (1973). See 87 Fed. Reg. at 24,685. Id. at 24,686.", ["found"]),
        ("87 Fed. Reg. at 24,685. Ibid. Id. at 24,700.", []),
        # A case short form with no full citation is still malformed.
        ("See 87 Fed. Reg. at 24,685. Roe, 410 U.S., at 120.", ["malformed"]),
    ],
)
def test_non_case_short_forms_and_ids(text: str, statuses: list[str]) -> None:
    assert [result.status for result in cite_check(text, LIBRARY)] == statuses


def test_year_of_a_later_parenthetical_is_not_a_mismatch() -> None:
    library = MemoryCitationLibrary(
        [
            LibraryOpinion("strickland", "Strickland v. Washington", 1984, ("466 U.S. 668",)),
            LibraryOpinion("graham", "Graham v. Connor", 1989, ("490 U.S. 386",)),
        ]
    )
    text = (
        "Strickland v. Washington, 466 U.S. 668, 687 (1984).\n"
        "Graham v. Connor, 490 U.S. 386, 395 (1989).\n"
        "Varghese v. China Southern Airlines Co., 925 F.3d 1339 (11th Cir. 2019)."
    )
    statuses = [result.status for result in cite_check(text, library)]
    assert statuses == ["found", "found", "not_found"]


def test_parallel_citation_year_mismatch_still_caught() -> None:
    text = "Roe v. Wade, 410 U.S. 113, 93 S. Ct. 705 (1974)."
    assert [result.status for result in cite_check(text, LIBRARY)] == ["year_mismatch"] * 2
