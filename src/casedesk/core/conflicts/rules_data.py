"""Loads the matching rules kept as data files in ``casedesk.core.conflicts.data``.

Every file starts with ``#`` comment lines naming its source; CSV files then have a header.
All loaders are cached: the files are read once per process.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from functools import cache
from importlib import resources

_DATA_PACKAGE = "casedesk.core.conflicts.data"


def _data_lines(filename: str) -> list[str]:
    """Return the non-comment, non-blank lines of a data file."""
    text = resources.files(_DATA_PACKAGE).joinpath(filename).read_text(encoding="utf-8")
    return [line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#")]


def _word_set(filename: str) -> frozenset[str]:
    """Return a one-word-per-line data file as a set."""
    return frozenset(_data_lines(filename))


def _pairs(filename: str) -> list[tuple[str, str]]:
    """Return the two-column rows of a CSV data file, skipping its header row."""
    rows = list(csv.reader(_data_lines(filename)))
    return [(row[0].strip(), row[1].strip()) for row in rows[1:] if len(row) >= 2]


@cache
def honorifics() -> frozenset[str]:
    """Titles such as mr, dr, hon dropped from person names."""
    return _word_set("honorifics.txt")


@cache
def suffixes() -> frozenset[str]:
    """Suffixes such as jr, iii, esq, md dropped from person names."""
    return _word_set("suffixes.txt")


@cache
def name_particles() -> frozenset[str]:
    """Surname particles (o, mc, van, de...) that may be written joined or apart."""
    return _word_set("name_particles.txt")


@cache
def organization_markers() -> tuple[frozenset[str], tuple[tuple[str, ...], ...]]:
    """Words (and multi-word phrases) that mark a name as an organization."""
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    for line in _data_lines("organization_markers.txt"):
        parts = tuple(line.split())
        if len(parts) == 1:
            words.add(parts[0])
        else:
            phrases.append(parts)
    return frozenset(words), tuple(phrases)


@cache
def generic_org_words() -> frozenset[str]:
    """Organization words too common to identify an organization on their own."""
    return _word_set("generic_org_words.txt")


@cache
def corporate_forms() -> dict[tuple[str, ...], str]:
    """Legal forms (as token tuples, e.g. ('l','l','c')) mapped to a canonical class."""
    return {tuple(form.split()): canonical for form, canonical in _pairs("corporate_forms.csv")}


@cache
def organization_abbreviations() -> dict[str, str]:
    """Abbreviations (intl, mfg, bros...) expanded in organization names."""
    return {abbr.replace("'", ""): full for abbr, full in _pairs("organization_abbreviations.csv")}


@cache
def nickname_relations() -> dict[str, frozenset[str]]:
    """Given name -> names it is interchangeable with (nickname, formal name or sibling nickname).

    Two names are related when one is listed as a nickname of the other, or when both are
    nicknames of the same formal name that is not itself listed as anyone's nickname
    (Bob ~ Rob via Robert). The relation is symmetric and not transitive beyond that.
    """
    pairs = _pairs("nicknames.csv") + _pairs("nicknames_supplement.csv")
    nicknames_of: defaultdict[str, set[str]] = defaultdict(set)
    formals_of: defaultdict[str, set[str]] = defaultdict(set)
    for formal, nickname in pairs:
        formal, nickname = formal.lower(), nickname.lower()
        if formal != nickname:
            nicknames_of[formal].add(nickname)
            formals_of[nickname].add(formal)
    related: defaultdict[str, set[str]] = defaultdict(set)
    for formal, nicks in nicknames_of.items():
        for nickname in nicks:
            related[formal].add(nickname)
            related[nickname].add(formal)
        if formal not in formals_of:  # a root formal name: its nicknames are siblings
            for nickname in nicks:
                related[nickname].update(nicks - {nickname})
    return {name: frozenset(names) for name, names in related.items()}


@cache
def nickname_formals() -> dict[str, frozenset[str]]:
    """Nickname -> the formal names it is listed under (peggy -> margaret): for explanations."""
    formals_of: defaultdict[str, set[str]] = defaultdict(set)
    for formal, nickname in _pairs("nicknames.csv") + _pairs("nicknames_supplement.csv"):
        if formal.lower() != nickname.lower():
            formals_of[nickname.lower()].add(formal.lower())
    return {name: frozenset(names) for name, names in formals_of.items()}


@cache
def given_names() -> frozenset[str]:
    """Every name in the nickname tables: used to tell given names from distinctive words."""
    return frozenset(nickname_relations())
