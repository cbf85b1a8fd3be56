"""Table-driven tests of name normalisation: one case per rule."""

from __future__ import annotations

import pytest

from casedesk.core.conflicts import PartyKind, guess_kind
from casedesk.core.conflicts.normalize import (
    fold_text,
    normalize_organization,
    normalize_person,
    split_alternate_names,
    umlaut_key,
)


@pytest.mark.parametrize(
    ("raw", "tokens"),
    [
        ("JOHN SMITH", ("john", "smith")),  # case
        ("José Álvarez", ("jose", "alvarez")),  # Spanish accents
        ("Nguyễn Văn Thành", ("nguyen", "van", "thanh")),  # Vietnamese tones
        ("Đặng Thị Hoa", ("dang", "thi", "hoa")),  # d with stroke
        ("Jürgen Müller", ("jurgen", "muller")),  # umlauts
        ("Heinz Weiß", ("heinz", "weiss")),  # sharp s
        ("Patrick O'Brien", ("patrick", "obrien")),  # apostrophe joins
        ("Patrick O’Brien", ("patrick", "obrien")),  # typographic apostrophe
        ("Ana Smith-Jones", ("ana", "smith", "jones")),  # hyphen splits
        ("Smith, John A.", ("john", "a", "smith")),  # name order with comma
        ("Dr. John Smith", ("john", "smith")),  # honorific
        ("Hon. Jane Roe", ("jane", "roe")),  # honorific
        ("John Smith Jr.", ("john", "smith")),  # suffix
        ("John Smith, III", ("john", "smith")),  # suffix after comma
        ("Jane Roe, Esq.", ("jane", "roe")),  # professional suffix
        ("Harriet Lowe, M.D.", ("harriet", "lowe")),  # dotted suffix
        ("Sam Oduya Ph.D.", ("sam", "oduya")),  # dotted suffix
        ("J.A. Smith", ("j", "a", "smith")),  # dotted initials
        ("  John   Smith  ", ("john", "smith")),  # whitespace
        ("ＪＯＨＮ ＳＭＩＴＨ", ("john", "smith")),  # NFKC full-width
        ("محمد علي", ("محمد", "علي")),  # Arabic kept
        ("王小明", ("王小明",)),  # Chinese kept
        ("Dr.", ("dr",)),  # never normalise to nothing
    ],
)
def test_person_normalisation(raw: str, tokens: tuple[str, ...]) -> None:
    assert normalize_person(raw).tokens == tokens


@pytest.mark.parametrize(
    ("raw", "tokens", "forms"),
    [
        ("Acme Inc.", ("acme",), {"inc"}),
        ("Acme Incorporated", ("acme",), {"inc"}),
        ("Acme Corp.", ("acme",), {"corp"}),
        ("Acme Corporation", ("acme",), {"corp"}),
        ("Acme Co.", ("acme",), {"co"}),
        ("Acme Company", ("acme",), {"co"}),
        ("Acme L.L.C.", ("acme",), {"llc"}),
        ("Acme, LLC", ("acme",), {"llc"}),
        ("Acme LLP", ("acme",), {"llp"}),
        ("Acme Ltd.", ("acme",), {"ltd"}),
        ("Acme Limited", ("acme",), {"ltd"}),
        ("Acme PLLC", ("acme",), {"pllc"}),
        ("Acme P.C.", ("acme",), {"pc"}),
        ("Acme Bank, N.A.", ("acme", "bank"), {"na"}),
        ("Acme & Co., Inc.", ("acme",), {"co", "inc"}),
        ("The Acme Group", ("acme", "group"), set()),
        ("Smith & Jones", ("smith", "and", "jones"), set()),
        ("Acme Intl", ("acme", "international"), set()),
        ("Pemberton Mfg. Co.", ("pemberton", "manufacturing"), {"co"}),
        ("Müller & Söhne GmbH", ("muller", "and", "sohne"), {"gmbh"}),
        ("Company Inc", ("company",), {"inc"}),
    ],
)
def test_organization_normalisation(raw: str, tokens: tuple[str, ...], forms: set[str]) -> None:
    normalized = normalize_organization(raw)
    assert normalized.tokens == tokens
    assert normalized.forms == forms


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("John Smith", PartyKind.PERSON),
        ("Henry Ford", PartyKind.PERSON),
        ("John Smith LLC", PartyKind.ORGANIZATION),
        ("Acme Inc.", PartyKind.ORGANIZATION),
        ("Mercy Hospital", PartyKind.ORGANIZATION),
        ("First National Bank", PartyKind.ORGANIZATION),
        ("County of Marin", PartyKind.ORGANIZATION),
        ("University of Westmarch", PartyKind.ORGANIZATION),
        ("Smith & Jones", PartyKind.ORGANIZATION),
        ("Jane Roe d/b/a Roe Plumbing", PartyKind.ORGANIZATION),
        ("محمد علي", PartyKind.PERSON),
    ],
)
def test_guess_kind(name: str, kind: PartyKind) -> None:
    assert guess_kind(name) is kind


@pytest.mark.parametrize(
    ("raw", "parts"),
    [
        ("Jane Roe d/b/a Roe Plumbing", [("Jane Roe", ""), ("Roe Plumbing", "d/b/a")]),
        ("Jane Roe DBA Roe Plumbing", [("Jane Roe", ""), ("Roe Plumbing", "d/b/a")]),
        ("Acme Inc. doing business as Ace", [("Acme Inc.", ""), ("Ace", "d/b/a")]),
        ("Mary Roe a/k/a Mary Poe", [("Mary Roe", ""), ("Mary Poe", "a/k/a")]),
        ("Mary Roe f/k/a Mary Poe", [("Mary Roe", ""), ("Mary Poe", "f/k/a")]),
        ("Adbam Dbarra", [("Adbam Dbarra", "")]),
    ],
)
def test_split_alternate_names(raw: str, parts: list[tuple[str, str]]) -> None:
    assert split_alternate_names(raw) == parts


def test_fold_and_umlaut_key() -> None:
    assert fold_text("Ｍüller") == "muller"
    assert umlaut_key("mueller") == umlaut_key("muller") == "muller"
    assert umlaut_key("joe") == "joe"
