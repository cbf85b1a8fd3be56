"""A table of authorities as JSON data and back: exact round trips, damaged data refused, and
passim decided again from the stored pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.toa import CASES, CATEGORIES, OTHER, STATUTES, ToaEntry, ToaResult, toa_from_text
from casedesk.core.toa.edit import merge_entries
from casedesk.core.toa.model import PAGE_SYSTEMS
from casedesk.core.toa.serialize import (
    FORMAT,
    result_from_dict,
    result_to_dict,
    with_passim,
)

text = st.text(max_size=40)
pages = st.lists(
    st.sampled_from(["1", "2", "4", "11-13", "5 n.3", "iii", "3a", "1a-2a", "7"]), max_size=6
).map(tuple)
entries = st.lists(
    st.builds(
        ToaEntry,
        category=st.sampled_from(CATEGORIES),
        authority=text,
        pages=pages,
        passim=st.booleans(),
        key=text,
        sort_key=text,
    ),
    max_size=8,
    unique_by=lambda e: e.key,
).map(tuple)
results = st.builds(
    ToaResult,
    entries=entries,
    warnings=st.lists(text, max_size=3).map(tuple),
    page_system=st.sampled_from(PAGE_SYSTEMS),
    pages_scanned=st.integers(min_value=0, max_value=500),
    category_order=st.permutations(CATEGORIES).map(tuple),
    passim_threshold=st.integers(min_value=0, max_value=99),
)


@settings(deadline=None)  # timing under a loaded test run is not what is tested
@given(results)
def test_round_trip_is_exact(result: ToaResult) -> None:
    data = result_to_dict(result)
    assert result_from_dict(data) == result
    # ... also through JSON text, as the database stores it.
    assert result_from_dict(json.loads(json.dumps(data))) == result


def test_a_generated_and_edited_table_round_trips() -> None:
    result = toa_from_text(
        "Roe v. Wade, 410 U.S. 113 (1973).\fRoe v. Wade, 93 S. Ct. 705 (1973). Id. at 120.\f"
        "See 42 U.S.C. § 1983; Black’s Law Dictionary 10 (11th ed. 2019).",
        passim=3,
    )
    assert result.warnings == () and len(result.entries) == 4
    merged = merge_entries(result, [e.key for e in result.in_category(CASES)])
    for table in (result, merged):
        assert result_from_dict(json.loads(json.dumps(result_to_dict(table)))) == table


def test_the_stored_shape() -> None:
    result = ToaResult(
        entries=(
            ToaEntry(CASES, "Roe v. Wade, 410 U.S. 113 (1973)", ("1", "4-6"), False, "k", "r"),
        ),
        warnings=("No printed page numbers were found; the pages are the PDF's page numbers.",),
        page_system="pdf",
        pages_scanned=2,
        passim_threshold=0,
    )
    assert result_to_dict(result) == {
        "format": FORMAT,
        "entries": [
            {
                "category": "cases",
                "authority": "Roe v. Wade, 410 U.S. 113 (1973)",
                "pages": ["1", "4-6"],
                "passim": False,
                "key": "k",
                "sort_key": ["r"],
            }
        ],
        "warnings": ["No printed page numbers were found; the pages are the PDF's page numbers."],
        "page_system": "pdf",
        "pages_scanned": 2,
        "category_order": list(CATEGORIES),
        "passim_threshold": 0,
    }


def test_no_nul_character_is_stored() -> None:
    """PostgreSQL's jsonb refuses \\u0000: a case's sort key is stored as its parts."""
    result = toa_from_text("Roe v. Wade, 410 U.S. 113 (1973).")
    assert "\x00" in result.entries[0].sort_key
    data = result_to_dict(result)
    assert "\\u0000" not in json.dumps(data)
    assert data["entries"][0]["sort_key"] == result.entries[0].sort_key.split("\x00")
    assert result_from_dict(data) == result


def _good() -> dict[str, Any]:
    return result_to_dict(
        ToaResult(entries=(ToaEntry(CASES, "A v. B, 1 U.S. 1 (1800)", ("1",), False, "k", "a"),))
    )


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: d.update(format=2), "Unknown table format"),
        (lambda d: d.pop("format"), "Unknown table format"),
        (lambda d: d.update(entries={}), "'entries' must be a list"),
        (lambda d: d["entries"].append("x"), "entry 2 must be an object"),
        (lambda d: d["entries"][0].update(passim="no"), "'passim' must be true or false"),
        (lambda d: d["entries"][0].update(pages="1, 2"), "'pages' must be a list of strings"),
        (lambda d: d["entries"][0].pop("key"), "'key' must be a string"),
        (lambda d: d["entries"][0].update(sort_key="a"), "'sort_key' must be a list of strings"),
        (lambda d: d["entries"].append(dict(d["entries"][0])), "the same key"),
        (lambda d: d.update(page_system="folio"), "Unknown page system"),
        (lambda d: d.update(pages_scanned=-1), "'pages_scanned' must be a whole number"),
        (lambda d: d.update(passim_threshold=True), "'passim_threshold' must be a whole number"),
        (lambda d: d.update(warnings=[1]), "'warnings' must be a list of strings"),
    ],
)
def test_damaged_data_is_refused(damage: Any, message: str) -> None:
    data = _good()
    damage(data)
    with pytest.raises(ValueError, match=message):
        result_from_dict(data)
    with pytest.raises(ValueError, match="must be an object"):
        result_from_dict([])


def test_passim_decided_again_from_the_stored_pages() -> None:
    result = ToaResult(
        entries=(
            ToaEntry(CASES, "A v. B", ("1", "3-5", "5 n.2"), False, "a", "a"),
            ToaEntry(STATUTES, "42 U.S.C. 1983", ("2", "4"), False, "s", "s"),
            ToaEntry(OTHER, "Treatise", ("1-9",), True, "o", "o"),
        ),
        passim_threshold=5,
    )
    four = with_passim(result, 4)
    assert [e.passim for e in four.entries] == [True, False, True]
    assert four.passim_threshold == 4
    assert [e.pages for e in four.entries] == [e.pages for e in result.entries]
    off = with_passim(result, 0)
    assert not any(e.passim for e in off.entries) and off.passim_threshold == 0
    assert [e.passim for e in with_passim(result, 2).entries] == [True, True, True]
    assert [e.passim for e in with_passim(result, 10).entries] == [False, False, False]
    for bad in (-1, 100):
        with pytest.raises(ValueError, match="from 0 to 99"):
            with_passim(result, bad)


@settings(deadline=None)
@given(results, st.integers(min_value=0, max_value=99))
def test_passim_matches_the_engine_rule(result: ToaResult, threshold: int) -> None:
    again = with_passim(result, threshold)
    assert len(again.entries) == len(result.entries)
    for before, after in zip(result.entries, again.entries, strict=True):
        assert after.pages == before.pages and after.key == before.key
        if threshold == 0:
            assert after.passim is False
