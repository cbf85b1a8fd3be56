"""Mentions: each place in the brief that cites an authority (or could be an Id.'s antecedent).

Finders (cases, laws, other authorities, record citations) each return mentions; the
resolver links Id., supra and short forms to the authority they refer to; the builder groups
mentions by authority key into table entries.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

FULL = "full"  # a citation that names the authority in full (gives the entry its text)
SHORT = "short"  # a short form that already carries its authority's key
ID = "id"  # "Id." / "Ibid.": the authority of the previous citation
SUPRA = "supra"  # "Name, supra": resolved by name
ALIAS = "alias"  # a defined short name ("(Story)", "Webster's"): resolved by name
TARGET = "target"  # what a short form may refer to, which is not itself a citation
RECORD = "record"  # a citation to the record or a brief: no entry, but Id. may refer to it


@dataclass(frozen=True)
class Mention:
    """One citation found in the brief's text.

    ``key`` is the canonical identity of the authority ("" when the resolver must find it);
    ``text`` the entry text this mention would give (full mentions); ``rank`` how complete that
    text is (the fullest text of an authority becomes its entry text); ``name`` the word that a
    supra, an alias or an Id. refers back by; ``pin`` a section an "Id. § 5" adds to a statute.
    """

    start: int
    end: int
    kind: str
    category: str = ""
    key: str = ""
    text: str = ""
    sort_key: str = ""
    rank: int = 0
    name: str = ""
    names: tuple[str, ...] = ()
    family: str = ""  # for statutes: the code and title an "Id. § 5" continues ("18 usc")
    pin: str = ""
    volume: str = ""
    anchor: bool = True  # False for a mere text reference ("Article III"): no Id. refers to it


_SPACES = re.compile(r"\s+")
_NOT_KEY = re.compile(r"[^0-9a-z§()\-.:/ ]+")
_DASHES = str.maketrans({"–": "-", "—": "-", "‑": "-", "‐": "-"})
_QUOTES = str.maketrans({"’": "'", "‘": "'", "“": '"', "”": '"'})


def collapse(text: str) -> str:
    """Whitespace runs made one space, ends trimmed."""
    return _SPACES.sub(" ", text).strip()


def fold(text: str) -> str:
    """Lowercase ASCII-ish form for comparing names: accents, quotes and dashes folded."""
    text = unicodedata.normalize("NFKD", text.translate(_DASHES).translate(_QUOTES))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return collapse(text.lower())


def key_text(text: str) -> str:
    """Normalised text for a key: folded, punctuation mostly dropped, "§" kept."""
    text = fold(text).replace("'", "")
    text = _NOT_KEY.sub(" ", text)
    text = re.sub(r"\s*\(\s*", "(", text)
    text = re.sub(r"\s*\)", ")", text)
    return collapse(text.replace(". ", " ").rstrip("."))


def clean_entry(text: str) -> str:
    """Entry text: one line, single spaces, no stray separators at the ends."""
    text = collapse(text.replace("\x02", ""))
    text = re.sub(r"\(\s+", "(", text)
    text = re.sub(r"\s+\)", ")", text)
    return text.strip(" ,;:")
