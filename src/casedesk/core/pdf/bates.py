"""Bates numbering without any PDF: prefixes, labels and contiguous ranges.

A Bates label is a prefix and a zero-padded number of fixed width ("ACME000042"). Within a
production every page has one label, the documents' ranges follow each other in order and
never overlap or skip (`plan_ranges`). The prefix also names files (NATIVES/ACME000042.xlsx),
so `validate_prefix` refuses anything that cannot appear in a file name on Windows or Unix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

MIN_DIGITS = 3
MAX_DIGITS = 15
DEFAULT_DIGITS = 6  # Acrobat's default
MAX_PREFIX = 20

_ALLOWED = re.compile(r"[A-Za-z0-9_.\-]*")
_FORBIDDEN_NAMES = {
    " ": "a space",
    "/": "a slash (/)",
    "\\": "a backslash (\\)",
    ":": "a colon (:)",
    "*": "an asterisk (*)",
    "?": "a question mark (?)",
    '"': 'a double quote (")',
    "<": "a less-than sign (<)",
    ">": "a greater-than sign (>)",
    "|": "a vertical bar (|)",
}


def _describe(char: str) -> str:
    """How a refused prefix character is named in a message."""
    if char in _FORBIDDEN_NAMES:
        return _FORBIDDEN_NAMES[char]
    if unicodedata.category(char).startswith("C"):
        return f"a control character (U+{ord(char):04X})"
    if char.isspace():
        return "a space"
    return f"'{char}'"


def validate_prefix(prefix: str) -> str:
    """The prefix without surrounding spaces, or ValueError with a sentence naming the problem.

    1-20 characters of ASCII letters, digits, "_", "-" and "."; no spaces, no / \\ : * ? " < >
    | and no control characters (prefixes become file names).
    """
    value = prefix.strip()
    if not value:
        raise ValueError("The Bates prefix is empty: type letters such as ACME.")
    for char in value:
        if not _ALLOWED.fullmatch(char):
            raise ValueError(
                f"The Bates prefix {value!r} cannot contain {_describe(char)}: use only letters "
                "A-Z, digits, '_', '-' and '.' (it becomes part of file names)."
            )
    if len(value) > MAX_PREFIX:
        raise ValueError(
            f"The Bates prefix {value!r} is {len(value)} characters long: use at most {MAX_PREFIX}."
        )
    if value.strip(".") == "":
        raise ValueError("The Bates prefix cannot be only dots: add letters such as ACME.")
    return value


def validate_digits(digits: int) -> int:
    """``digits`` if it is an allowed label width (3-15), else ValueError."""
    if not MIN_DIGITS <= digits <= MAX_DIGITS:
        raise ValueError(
            f"The number of Bates digits must be between {MIN_DIGITS} and {MAX_DIGITS}, "
            f"not {digits}."
        )
    return digits


def bates_label(prefix: str, number: int, digits: int = DEFAULT_DIGITS) -> str:
    """The label of one page: prefix + ``number`` zero-padded to ``digits`` ("ACME000042").

    The prefix is used as given (validate it once with `validate_prefix`). ValueError when
    the number is negative or needs more digits than allowed.
    """
    validate_digits(digits)
    if number < 0:
        raise ValueError(f"A Bates number cannot be negative ({number}).")
    text = str(number)
    if len(text) > digits:
        raise ValueError(
            f"Bates number {number} needs {len(text)} digits but labels have {digits}: "
            "choose more digits or a new prefix."
        )
    return f"{prefix}{text.zfill(digits)}"


@dataclass(frozen=True)
class BatesRange:
    """The Bates numbers of one document, both ends included."""

    begin: int
    end: int

    def __post_init__(self) -> None:
        if self.begin < 0 or self.end < self.begin:
            raise ValueError(f"A Bates range runs from {self.begin} to {self.end}: not valid.")

    @property
    def pages(self) -> int:
        """How many pages (numbers) the range holds."""
        return self.end - self.begin + 1


def plan_ranges(start: int, page_counts: Sequence[int]) -> list[BatesRange]:
    """Contiguous ranges for documents of ``page_counts`` pages in order, from ``start``.

    Each document begins right after the previous one ends. ValueError for a negative start
    or a document with no pages (say which, counting from 1).
    """
    if start < 0:
        raise ValueError(f"The first Bates number cannot be negative ({start}).")
    ranges: list[BatesRange] = []
    number = start
    for index, count in enumerate(page_counts, start=1):
        if count <= 0:
            raise ValueError(f"Document {index} has no pages, so it cannot be Bates numbered.")
        ranges.append(BatesRange(number, number + count - 1))
        number += count
    return ranges
