"""Bates numbering rules: prefixes safe for file names, fixed-width labels, contiguous ranges."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.core.pdf.bates import (
    BatesRange,
    bates_label,
    plan_ranges,
    validate_digits,
    validate_prefix,
)

GOOD_PREFIXES = [
    ("ACME", "ACME"),
    ("  ACME_ ", "ACME_"),
    ("ABC-", "ABC-"),
    ("DEF.PROD.", "DEF.PROD."),
    ("x" * 20, "x" * 20),
    ("A1", "A1"),
]
BAD_PREFIXES = [
    ("", "empty"),
    ("   ", "empty"),
    ("AC ME", "cannot contain a space"),
    ("AC/ME", "cannot contain a slash (/)"),
    ("AC\\ME", "cannot contain a backslash (\\)"),
    ("AC:ME", "cannot contain a colon (:)"),
    ("AC*", "cannot contain an asterisk (*)"),
    ("AC?", "cannot contain a question mark (?)"),
    ('AC"', 'cannot contain a double quote (")'),
    ("A<B", "cannot contain a less-than sign (<)"),
    ("A>B", "cannot contain a greater-than sign (>)"),
    ("A|B", "cannot contain a vertical bar (|)"),
    ("A\x00B", "cannot contain a control character (U+0000)"),
    ("A\tB", "cannot contain a control character (U+0009)"),
    ("ÁCME", "cannot contain 'Á'"),
    ("x" * 21, "21 characters long: use at most 20"),
    ("..", "only dots"),
]


@pytest.mark.parametrize(("prefix", "expected"), GOOD_PREFIXES)
def test_good_prefixes(prefix: str, expected: str) -> None:
    assert validate_prefix(prefix) == expected


@pytest.mark.parametrize(("prefix", "message"), BAD_PREFIXES)
def test_bad_prefixes_say_why(prefix: str, message: str) -> None:
    with pytest.raises(ValueError) as caught:
        validate_prefix(prefix)
    text = str(caught.value)
    assert message in text
    assert text.startswith("The Bates prefix") and text.endswith(".")


@pytest.mark.parametrize(
    ("prefix", "number", "digits", "label"),
    [
        ("ACME", 42, 6, "ACME000042"),
        ("ACME", 1, 3, "ACME001"),
        ("X-", 0, 6, "X-000000"),
        ("P", 999_999, 6, "P999999"),
        ("P", 123_456_789_012_345, 15, "P123456789012345"),
    ],
)
def test_labels(prefix: str, number: int, digits: int, label: str) -> None:
    assert bates_label(prefix, number, digits) == label


def test_label_that_needs_more_digits() -> None:
    with pytest.raises(ValueError, match="Bates number 1000000 needs 7 digits but labels have 6"):
        bates_label("ACME", 1_000_000)
    with pytest.raises(ValueError, match="negative"):
        bates_label("ACME", -1)


@pytest.mark.parametrize("digits", [2, 16, 0, -1])
def test_digit_bounds(digits: int) -> None:
    with pytest.raises(ValueError, match="between 3 and 15"):
        validate_digits(digits)


def test_ranges() -> None:
    assert plan_ranges(1, [12, 1, 30]) == [
        BatesRange(1, 12),
        BatesRange(13, 13),
        BatesRange(14, 43),
    ]
    assert plan_ranges(5, []) == []
    assert BatesRange(14, 43).pages == 30
    with pytest.raises(ValueError, match="Document 2 has no pages"):
        plan_ranges(1, [3, 0, 2])
    with pytest.raises(ValueError, match="negative"):
        plan_ranges(-1, [1])
    with pytest.raises(ValueError):
        BatesRange(5, 4)


@given(
    start=st.integers(min_value=0, max_value=10**9),
    counts=st.lists(st.integers(min_value=1, max_value=5000), max_size=60),
)
def test_ranges_never_overlap_or_skip(start: int, counts: list[int]) -> None:
    ranges = plan_ranges(start, counts)
    assert [r.pages for r in ranges] == counts
    if ranges:
        assert ranges[0].begin == start
        assert ranges[-1].end == start + sum(counts) - 1
    for previous, current in itertools.pairwise(ranges):
        assert current.begin == previous.end + 1


@given(
    prefix=st.text(alphabet="ABCXYZ019_-.", min_size=1, max_size=20).filter(lambda p: p.strip(".")),
    digits=st.integers(min_value=3, max_value=15),
    numbers=st.lists(st.integers(min_value=0, max_value=10**15 - 1), min_size=2, max_size=20),
)
def test_labels_have_fixed_width_and_sort_like_numbers(
    prefix: str, digits: int, numbers: list[int]
) -> None:
    fitting = [n for n in numbers if n < 10**digits]
    labels = [bates_label(validate_prefix(prefix), n, digits) for n in fitting]
    assert {len(label) for label in labels} <= {len(prefix) + digits}
    assert sorted(labels) == [bates_label(prefix, n, digits) for n in sorted(fitting)]
