"""Property: cite_check never raises, and every span lies within the text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from casedesk.core.citations import (
    LibraryOpinion,
    MemoryCitationLibrary,
    cite_check,
    extract_citations,
    normalize_citation,
)

LIBRARY = MemoryCitationLibrary([LibraryOpinion("roe", "Roe v. Wade", 1973, ("410 U.S. 113",))])

PIECES = st.sampled_from(
    [
        "Roe v. Wade, ",
        "410 U.S. 113",
        "410 U. S. ___",
        ", 153 (1973)",
        ". ",
        "Id.",
        " at 154",
        "supra",
        "Roe, ",
        "384 U.S., at 467",
        "42 U.S.C. § 1983",
        "\n\n",
        " ",
        "v.",
        "(",
        ")",
        "93 S. Ct. 705",
        "2004-NMSC-001",
    ]
)
TEXTS = st.one_of(
    st.text(max_size=300),
    st.lists(st.one_of(PIECES, st.text(max_size=8)), max_size=30).map("".join),
)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXTS)
def test_cite_check_never_raises_and_spans_fit(text: str) -> None:
    for result in cite_check(text, LIBRARY):
        found = result.citation
        assert 0 <= found.start <= found.end <= len(text)
        assert found.text == text[found.start : found.end]
        assert len(found.sentence) <= 600
        assert result.status in (
            "found",
            "not_found",
            "name_mismatch",
            "year_mismatch",
            "malformed",
            "ambiguous",
        )
        assert result.message
    for found in extract_citations(text):
        assert 0 <= found.start <= found.end <= len(text)


@settings(max_examples=100, deadline=None)
@given(TEXTS)
def test_normalize_citation_never_raises(text: str) -> None:
    assert normalize_citation(text) is None or normalize_citation(text)
