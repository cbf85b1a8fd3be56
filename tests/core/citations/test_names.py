"""Table-driven tests of party-name comparison (Bluebook T6 abbreviations as data)."""

from __future__ import annotations

import pytest

from casedesk.core.citations.names import names_match, party_words, significant_words


@pytest.mark.parametrize(
    ("cited", "library", "match"),
    [
        ("Roe v. Wade", "Roe v. Wade", True),
        ("ROE v. WADE", "Roe vs. Wade", True),  # case, "vs."
        ("Roe", "Jane Roe, et al. v. Henry Wade, District Attorney", True),  # one party
        ("Marbury v. Madison", "William Marbury v. James Madison, Secretary of State", True),
        ("NAACP v. Button", "NAACP v. Button", True),
        (
            "Nat'l Ass'n of Mfrs. v. Dep't of Def.",
            "National Association of Manufacturers v. Department of Defense",
            True,
        ),  # T6 abbreviations both ways
        ("Ass’n for Molecular Pathology v. Myriad", "Association for Molecular Pathology", True),
        ("Hertz Corp. v. Friend", "Hertz Corporation v. Friend", True),
        ("Peña v. Smith", "Pena v. Smith", True),  # accents
        ("Brown v. Board of Education", "Jackson v. Virginia", False),
        ("United States v. Jones", "United States v. Smith", False),  # generic words only
        ("State v. Garcia", "State v. Martinez", False),
        ("Acme Co. v. Beta Inc.", "Gamma Co. v. Delta Inc.", False),  # Co./Inc. are generic
        ("United States v. Texas", "Texas v. United States", True),
    ],
)
def test_names_match(cited: str, library: str, match: bool) -> None:
    assert names_match(cited, library) is match


@pytest.mark.parametrize(
    ("name", "words"),
    [
        ("Ass'n", ("assn",)),
        ("Association", ("assn",)),
        ("Associations", ("assn",)),  # T6 plural
        ("Dep't", ("dept",)),
        ("Department", ("dept",)),
        ("Co.", ("co",)),
        ("Company", ("co",)),
        ("Int'l Bhd.", ("intl", "bhd")),
    ],
)
def test_party_words(name: str, words: tuple[str, ...]) -> None:
    assert party_words(name) == words


def test_significant_words_fall_back_when_all_generic() -> None:
    assert significant_words("United States v. State") == {"united", "states", "state"}
    assert significant_words("Roe v. Wade") == {"roe", "wade"}
