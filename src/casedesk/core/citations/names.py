"""Party names reduced to the words that identify a case, for comparing case names.

"Nat'l Ass'n for the Advancement of Colored People v. Button" and "National Association
for the Advancement of Colored People v. Button" give the same words: case, accents and
punctuation are folded, "v."/"vs." and small words dropped, and Bluebook T6 abbreviations
(``data/bluebook_t6.csv``, plus reporters-db's list) map abbreviation and word alike to one
key. Two names match when they share at least one significant word.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from functools import cache
from importlib import resources

import reporters_db

_DATA_PACKAGE = "casedesk.core.citations.data"
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)*")


def _data_lines(filename: str) -> list[str]:
    """The non-comment, non-blank lines of a data file."""
    text = resources.files(_DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _key(word: str) -> str:
    """A word or abbreviation without case, apostrophes or periods."""
    return word.lower().replace("'", "").replace("’", "").replace(".", "").strip()


@cache
def t6_abbreviations() -> tuple[str, ...]:
    """The abbreviations of ``data/bluebook_t6.csv`` as written ("Ass'n", "Co.")."""
    rows = list(csv.reader(_data_lines("bluebook_t6.csv")))[1:]
    return tuple(dict.fromkeys(row[0] for row in rows if row))


@cache
def abbreviation_keys() -> dict[str, str]:
    """Map every T6 abbreviation and the words it stands for to the abbreviation's key."""
    mapping: dict[str, str] = {}
    rows = list(csv.reader(_data_lines("bluebook_t6.csv")))[1:]
    pairs = [(row[0], row[1]) for row in rows if len(row) >= 2]
    extra: dict[str, list[str]] = reporters_db.CASE_NAME_ABBREVIATIONS
    pairs += [(abbreviation, word) for abbreviation, words in extra.items() for word in words]
    for abbreviation, word in pairs:
        key = _key(abbreviation)
        if not key or " " in key or " " in word.strip():
            continue
        mapping.setdefault(key, key)
        mapping.setdefault(_key(word), key)
    return mapping


@cache
def generic_words() -> frozenset[str]:
    """Words that do not identify a party on their own (``data/generic_party_words.txt``)."""
    return frozenset(_key(line) for line in _data_lines("generic_party_words.txt"))


def _fold(text: str) -> str:
    """Lower case without accents, with typographic apostrophes made plain."""
    decomposed = unicodedata.normalize("NFKD", text.replace("’", "'").replace("‘", "'"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


def party_words(name: str) -> tuple[str, ...]:
    """All words of a case name, normalised (abbreviations mapped to their T6 key)."""
    keys = abbreviation_keys()
    words: list[str] = []
    for raw in _WORD.findall(_fold(name)):
        word = _key(raw)
        if word in keys:
            word = keys[word]
        elif word.endswith("s") and word[:-1] in keys:  # T6 plurals: "Ass'ns"
            word = keys[word[:-1]]
        words.append(word)
    return tuple(words)


def significant_words(name: str) -> frozenset[str]:
    """The words that identify the parties: no generic words, no single letters.

    A name made only of generic words ("United States v. State") keeps them all.
    """
    words = [word for word in party_words(name) if len(word) > 1 or word.isdigit()]
    generic = generic_words()
    significant = frozenset(word for word in words if word not in generic)
    return significant or frozenset(words) - {"v", "vs", "versus"}


def names_match(cited: str, library: str) -> bool:
    """Whether two case names share at least one significant party word."""
    return bool(significant_words(cited) & significant_words(library))
