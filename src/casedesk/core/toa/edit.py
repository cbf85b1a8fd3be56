"""Review edits on a table of authorities, as pure functions on :class:`ToaResult`.

The web review lets a clerk merge two entries the engine kept apart ("Bruen" cited once by a
parallel citation), rename an entry (fix a case name) and move one to another category. Each
function returns a new result; pages are merged and re-compressed, passim re-decided, and the
entries re-sorted.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from casedesk.core.toa.cases import case_sort_key
from casedesk.core.toa.engine import Reference, distinct_pages, expand_pages, format_pages
from casedesk.core.toa.mentions import fold
from casedesk.core.toa.model import CASES, OTHER, ToaEntry, ToaResult
from casedesk.core.toa.pages import roman_value


def _entry(result: ToaResult, key: str) -> ToaEntry:
    for entry in result.entries:
        if entry.key == key:
            return entry
    raise KeyError(f"no entry with key {key!r}")


def _label_rank(label: str) -> tuple[int, int, str]:
    if label.isdigit():
        return (1, int(label), "")
    appendix = re.fullmatch(r"(\d+)([a-z])", label)
    if appendix:
        return (2, int(appendix.group(1)), appendix.group(2))
    roman = roman_value(label)
    if roman is not None:
        return (0, roman, "")
    return (3, 0, label)


def merge_pages(*page_lists: Sequence[str]) -> tuple[str, ...]:
    """Page references of several entries as one list, in order and re-compressed."""
    refs: set[tuple[str, str]] = set()
    for pages in page_lists:
        for page in expand_pages(pages):
            label, _, note = page.partition(" n.")
            refs.add((label.strip(), note.strip()))
    labels = sorted({label for label, _ in refs}, key=_label_rank)
    order = {label: index for index, label in enumerate(labels)}
    return format_pages([Reference(order[label], label, note) for label, note in refs])


def _sorted(result: ToaResult, entries: list[ToaEntry]) -> ToaResult:
    rank = {category: index for index, category in enumerate(result.category_order)}
    entries.sort(key=lambda e: (rank.get(e.category, len(rank)), e.sort_key, e.authority))
    return replace(result, entries=tuple(entries))


def sort_key_for(category: str, authority: str) -> str:
    """How an entry with this text sorts in its category (a renamed or moved entry)."""
    if category == CASES:
        name = re.split(r",\s*(?=\d|No\.)", authority)[0]
        year = re.findall(r"\((?:[^()]*\s)?(\d{4})\)", authority)
        return case_sort_key(name, year[0] if year else "", authority)
    return fold(authority)


def _resort_key(entry: ToaEntry, category: str, authority: str) -> str:
    """The sort key of a renamed or moved entry. A law (constitution, statute, regulation,
    rule) that stays among the laws keeps the engine's numeric key: the text alone cannot
    rebuild it, and a folded text would sort after every other law."""
    if category not in (CASES, OTHER) and entry.category not in (CASES, OTHER):
        return entry.sort_key
    return sort_key_for(category, authority)


def merge_entries(result: ToaResult, keys: Sequence[str], *, into: str | None = None) -> ToaResult:
    """One entry for several: the entry ``into`` (default the first key) keeps its text and
    category and takes the pages of all of them."""
    if not keys:
        return result
    target = _entry(result, into or keys[0])
    merged = [_entry(result, key) for key in keys]
    pages = merge_pages(target.pages, *(entry.pages for entry in merged))
    threshold = result.passim_threshold
    combined = replace(
        target, pages=pages, passim=threshold > 0 and distinct_pages(pages) >= threshold
    )
    drop = {entry.key for entry in merged} | {target.key}
    entries = [entry for entry in result.entries if entry.key not in drop]
    entries.append(combined)
    return _sorted(result, entries)


def rename_entry(result: ToaResult, key: str, authority: str) -> ToaResult:
    """The entry ``key`` with a new text (sorted again under it)."""
    authority = " ".join(authority.split())
    if not authority:
        raise ValueError("An entry needs a text.")
    entries = [
        replace(entry, authority=authority, sort_key=_resort_key(entry, entry.category, authority))
        if entry.key == key
        else entry
        for entry in result.entries
    ]
    _entry(result, key)
    return _sorted(result, entries)


def move_entry(result: ToaResult, key: str, category: str) -> ToaResult:
    """The entry ``key`` in another category."""
    if category not in result.category_order:
        raise ValueError(f"Unknown category {category!r}.")
    _entry(result, key)
    entries = [
        replace(entry, category=category, sort_key=_resort_key(entry, category, entry.authority))
        if entry.key == key
        else entry
        for entry in result.entries
    ]
    return _sorted(result, entries)
