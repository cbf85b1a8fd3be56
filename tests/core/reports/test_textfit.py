"""Breaking the long lists' text into lines that fit their column."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.reports.textfit import text_width, word_width, wrap


@pytest.mark.parametrize(
    ("text", "width", "expected"),
    [
        ("", 50, [""]),
        ("   ", 50, [""]),
        ("short", 50, ["short"]),
        ("one two  three\nfour", 500, ["one two three four"]),
        ("aaaa bbbb cccc", 15, ["aaaa bbbb", "cccc"]),
    ],
)
def test_wrap_table(text: str, width: float, expected: list[str]) -> None:
    assert wrap(text, width, 8.5) == expected


def test_a_word_wider_than_the_line_is_cut() -> None:
    lines = wrap("x" * 300, 20, 8.5)
    assert "".join(lines) == "x" * 300 and len(lines) > 5
    assert all(text_width(line, 8.5) <= 20 for line in lines)


def test_bold_is_wider_and_scripts_without_liberation_glyphs_are_measured() -> None:
    assert word_width("Delgado", 8.5, bold=True) > word_width("Delgado", 8.5)
    assert word_width("شركة", 8.5) > 0 and word_width("Nguyễn", 8.5) > 0
    assert text_width("a b", 8.5) > word_width("a", 8.5) + word_width("b", 8.5)


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(
        st.text(alphabet="abcdefghijklmnopqrstuvwxyzĐđễịأبت0123456789-.,", min_size=1, max_size=25),
        max_size=60,
    ),
    width=st.floats(min_value=8, max_value=180),
    bold=st.booleans(),
)
def test_lines_fit_and_keep_every_character(words: list[str], width: float, bold: bool) -> None:
    text = " ".join(words)
    lines = wrap(text, width, 8.5, bold)
    assert all(text_width(line, 8.5, bold) <= width + 1e-6 for line in lines)
    assert "".join("".join(lines).split()) == "".join(text.split())
