"""The legal conventions of the table of authorities, read from the TOML files beside this one.

``conventions.toml``: categories and their order, signals, subsequent-history phrases,
agency reporters, record citations. ``laws.toml``: how statutes, regulations, rules and
constitutions are cited. ``others.toml``: secondary sources (treatises, dictionaries,
Restatements, legislative materials). Every entry carries its source.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

_HERE = Path(__file__).parent


@cache
def load(name: str) -> dict[str, Any]:
    """One data file, parsed (cached)."""
    with (_HERE / name).open("rb") as fh:
        return tomllib.load(fh)


def conventions() -> dict[str, Any]:
    return load("conventions.toml")


def laws() -> dict[str, Any]:
    return load("laws.toml")


def others() -> dict[str, Any]:
    return load("others.toml")


def category_order() -> tuple[str, ...]:
    order: list[str] = conventions()["categories"]["order"]
    return tuple(order)


def category_headings() -> dict[str, str]:
    headings: dict[str, str] = conventions()["categories"]["headings"]
    return headings


@cache
def history_phrases() -> tuple[str, ...]:
    phrases: list[str] = conventions()["cases"]["history_phrases"]
    return tuple(sorted(set(phrases), key=len, reverse=True))


@cache
def other_reporters() -> frozenset[str]:
    names: list[str] = conventions()["cases"]["other_reporters"]
    return frozenset(names)


@cache
def case_name_prefixes_ignored() -> tuple[str, ...]:
    prefixes: list[str] = conventions()["cases"]["sort_ignoring_prefixes"]
    return tuple(prefixes)


@cache
def signal_pattern() -> re.Pattern[str]:
    """Introductory signals at the front of a name ("See, e.g., ", "Cf. ")."""
    words: list[str] = conventions()["signals"]["words"]
    alternatives = "|".join(
        re.escape(word).replace(r"\ ", r"\s+").replace(",", ",?")
        for word in sorted(words, key=len, reverse=True)
    )
    return re.compile(r"^(?:(?:" + alternatives + r")(?:,|\s)+)+", re.IGNORECASE)


@cache
def record_pattern() -> re.Pattern[str]:
    patterns: list[str] = conventions()["record"]["patterns"]
    return re.compile(r"(?<![\w.])(?:" + "|".join(f"(?:{p})" for p in patterns) + ")")


@cache
def generic_parties() -> frozenset[str]:
    """Party names too common to identify a case by ("united states", "state")."""
    path = Path(__file__).parents[2] / "citations" / "data" / "generic_party_words.txt"
    words = {
        line.strip()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    words.update({"united states", "people", "commonwealth", "state", "the state"})
    return frozenset(words)


def skip_sections() -> tuple[str, ...]:
    sections: list[str] = conventions()["scan"]["skip_sections"]
    return tuple(sections)
