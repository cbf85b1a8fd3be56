"""Pleading line numbers, columns and passages."""

from __future__ import annotations

import pytest

from casedesk.core.extract.fields.layout import MAX_PASSAGE, blank_line_numbers, passage, segments


def test_pleading_line_numbers_become_spaces() -> None:
    text = "\n".join(f"{n:>2}   line {n} of the complaint" for n in range(1, 9))
    cleaned = blank_line_numbers(text)
    assert len(cleaned) == len(text)
    assert cleaned.splitlines()[4] == "     line 5 of the complaint"


def test_a_numbered_list_in_a_letter_is_left_alone() -> None:
    text = "1. First point.\n2. Second point.\n3. Third point.\n"
    assert blank_line_numbers(text) == text


@pytest.mark.parametrize(
    ("line", "cells"),
    [
        (
            "JOHN MILLER,          §     IN THE DISTRICT COURT OF",
            ["JOHN MILLER,", "IN THE DISTRICT COURT OF"],
        ),
        (
            "TERESA MONTOYA,      )   Case No. 24STCV12345",
            ["TERESA MONTOYA,", "Case No. 24STCV12345"],
        ),
        (
            "MARGARET O'BRIEN,            Index No. 654321/2024",
            ["MARGARET O'BRIEN,", "Index No. 654321/2024"],
        ),
        (
            "A plain sentence (with a parenthesis) here.",
            ["A plain sentence (with a parenthesis) here."],
        ),
    ],
)
def test_segments(line: str, cells: list[str]) -> None:
    assert [line[a:b] for a, b in segments(line, 0, len(line))] == cells


def test_passage_is_the_sentence() -> None:
    text = "First sentence here. The hearing is set for Jan. 5, 2027 at 9:00 a.m. Last one."
    start = text.index("Jan.")
    assert passage(text, start, start + 12) == "The hearing is set for Jan. 5, 2027 at 9:00 a.m."


def test_passage_in_a_caption_is_the_cell() -> None:
    text = "TERESA MONTOYA, an individual,      )   Case No. 24STCV12345\n"
    start = text.index("24STCV")
    assert passage(text, start, start + 11) == "Case No. 24STCV12345"


def test_long_passages_are_trimmed_around_the_match() -> None:
    text = "word " * 200 + "within 21 days after service" + " more" * 200
    start = text.index("within")
    out = passage(text, start, start + 28)
    assert len(out) <= MAX_PASSAGE
    assert "within 21 days after service" in out
