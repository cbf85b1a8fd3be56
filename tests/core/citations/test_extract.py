"""Extraction: nothing eyecite finds is lost; antecedents; sentences; speed."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from eyecite import get_citations

from casedesk.core.citations import extract_citations
from casedesk.core.citations.extract import eyecite_text

DATA = Path(__file__).resolve().parents[3] / ".." / "shared" / "data" / "caselaw"


def _first_opinions(name: str, count: int = 20) -> list[str]:
    path = DATA / name
    if not path.exists():
        pytest.skip(f"{path} is absent (the shared real-data folder is not checked out)")
    texts = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            texts.append(json.loads(line)["text"])
            if len(texts) == count:
                break
    return texts


@pytest.mark.slow
@pytest.mark.parametrize("name", ["scotus-50.jsonl", "nm-appellate-500.jsonl"])
def test_keeps_everything_eyecite_finds(name: str) -> None:
    for text in _first_opinions(name):
        theirs = get_citations(eyecite_text(text))  # line breaks as spaces, same offsets
        ours = extract_citations(text)
        assert len(ours) == len(theirs)
        assert [(c.start, c.end) for c in ours] == [c.span() for c in theirs]
        for item in ours:
            assert item.text == text[item.start : item.end]
            assert item.sentence
            assert len(item.sentence) <= 600
            if item.antecedent is not None:
                assert item.antecedent < item.index
                assert ours[item.antecedent].kind in ("full", "law", "journal")


DRAFT = (
    "The Court recognized the right in Roe v. Wade, 410 U.S. 113, 153 (1973). "
    "Id. at 154. Judicial review rests on Marbury v. Madison, 5 U. S. 137, 177 (1803). "
    "Custody triggers warnings. Miranda v. Arizona, 384 U.S. 436, 444 (1966). "
    "The right is not absolute. Roe, supra, at 155. Warnings must precede questioning. "
    "Miranda, 384 U.S., at 467. See 42 U.S.C. § 1983. Id. § 1985."
)


@pytest.mark.parametrize(
    ("text", "kind", "antecedent_text", "normalized"),
    [
        ("Id. at 154", "id", "410 U.S. 113", "410 U.S. 113"),
        ("supra, at 155", "supra", "410 U.S. 113", "410 U.S. 113"),
        ("384 U.S., at 467", "short", "384 U.S. 436", "384 U.S. 467"),
        ("Id.", "id", "42 U.S.C. § 1983", ""),  # Id. of a statute
    ],
)
def test_dependent_citations_resolve_to_their_antecedent(
    text: str, kind: str, antecedent_text: str, normalized: str
) -> None:
    found = extract_citations(DRAFT)
    item = next(c for c in found if c.text == text)
    assert item.kind == kind
    assert item.antecedent is not None
    assert found[item.antecedent].text == antecedent_text
    assert item.normalized == normalized


def test_full_citation_fields() -> None:
    roe = extract_citations(DRAFT)[0]
    assert (roe.kind, roe.normalized, roe.volume, roe.reporter, roe.page) == (
        "full",
        "410 U.S. 113",
        "410",
        "U.S.",
        "113",
    )
    assert (roe.pin_cite, roe.year, roe.case_name, roe.court) == (
        "153",
        1973,
        "Roe v. Wade",
        "scotus",
    )
    assert roe.antecedent is None
    marbury = extract_citations(DRAFT)[2]
    assert (marbury.text, marbury.normalized) == ("5 U. S. 137", "5 U.S. 137")


@pytest.mark.parametrize(
    ("text", "sentence"),
    [
        (
            "410 U.S. 113",
            "The Court recognized the right in Roe v. Wade, 410 U.S. 113, 153 (1973).",
        ),
        ("Id. at 154", "Id. at 154."),
        ("5 U. S. 137", "Judicial review rests on Marbury v. Madison, 5 U. S. 137, 177 (1803)."),
        ("384 U.S. 436", "Miranda v. Arizona, 384 U.S. 436, 444 (1966)."),
        ("supra, at 155", "Roe, supra, at 155."),
        ("384 U.S., at 467", "Miranda, 384 U.S., at 467."),
        ("42 U.S.C. § 1983", "See 42 U.S.C. § 1983."),
    ],
)
def test_sentences(text: str, sentence: str) -> None:
    item = next(c for c in extract_citations(DRAFT) if c.text == text)
    assert item.sentence == sentence


def test_sentence_collapses_whitespace_and_is_capped() -> None:
    text = "The  Court\n held in Roe v. Wade,\n410 U.S. 113 (1973), that " + "very " * 300 + "much."
    (item,) = [c for c in extract_citations(text) if c.kind == "full"]
    assert "\n" not in item.sentence and "  " not in item.sentence
    assert len(item.sentence) <= 600
    assert "410 U.S. 113" in item.sentence


def test_line_breaks_do_not_hide_citations_or_names() -> None:
    text = "See Otero v.\nSandoval,\n130 N.M. 50 (2001), with 410 U. S.\n113."
    found = extract_citations(text)
    assert [(c.normalized, c.case_name) for c in found] == [
        ("130 N.M. 50", "Otero v. Sandoval"),
        ("410 U.S. 113", ""),
    ]
    assert found[1].text == "410 U. S.\n113"  # spans are offsets into the text as given


def test_empty_text() -> None:
    assert extract_citations("") == []
    assert extract_citations("  \n ") == []
    assert extract_citations("eyecite") == []


@pytest.mark.slow
def test_brief_sized_text_is_fast() -> None:
    texts = _first_opinions("scotus-50.jsonl", 50)
    text = "\n\n".join(texts)[:150_000]  # about 50 pages of a brief
    extract_citations("Roe v. Wade, 410 U.S. 113 (1973).")  # eyecite builds its tables once
    started = time.perf_counter()
    found = extract_citations(text)
    elapsed = time.perf_counter() - started
    print(f"extract_citations: {len(text)} chars, {len(found)} citations, {elapsed:.2f} s")
    assert found
    assert elapsed < 10.0  # eyecite itself takes ~1.5-4 s here; a loose bound, no flakes


# eyecite 2.7.8 gives each citation the year of a later parenthetical (eyecite#321).
YEARS_WITH_PINS = (
    "Strickland v. Washington, 466 U.S. 668, 687 (1984).\n"
    "Graham v. Connor, 490 U.S. 386, 395 (1989).\n"
    "Varghese v. China Southern Airlines Co., 925 F.3d 1339 (11th Cir. 2019)."
)


@pytest.mark.parametrize(
    "text",
    [
        YEARS_WITH_PINS,
        YEARS_WITH_PINS.replace(", 687", "").replace(", 395", ""),  # no pin cites
        YEARS_WITH_PINS.replace("\n", " "),
    ],
)
def test_year_comes_from_the_citations_own_parenthetical(text: str) -> None:
    found = [item for item in extract_citations(text) if item.kind == "full"]
    assert [(item.normalized, item.year) for item in found] == [
        ("466 U.S. 668", 1984),
        ("490 U.S. 386", 1989),
        ("925 F.3d 1339", 2019),
    ]


@pytest.mark.parametrize(
    ("text", "years"),
    [
        # No parenthetical of its own: no year, not the next citation's.
        ("See 466 U.S. 668. Graham v. Connor, 490 U.S. 386 (1989).", [None, 1989]),
        ("Roe v. Wade, 410 U.S. 113; Graham v. Connor, 490 U.S. 386 (1989).", [None, 1989]),
        # Parallel citations share the parenthetical after the last of them.
        ("Roe v. Wade, 410 U.S. 113, 120, 93 S. Ct. 705 (1973).", [1973, 1973]),
        ("Doe v. Roe, 1 F.3d 2, 5 n.3 (2d Cir. Apr. 26, 1999) (per curiam).", [1999]),
    ],
)
def test_year_without_own_parenthetical(text: str, years: list[int | None]) -> None:
    assert [item.year for item in extract_citations(text) if item.kind == "full"] == years
