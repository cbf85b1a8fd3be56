"""A table of authorities as plain data (JSON-ready dicts) and back, exactly.

The web review stores the table it shows as JSON: :func:`result_to_dict` writes every field
of a :class:`ToaResult` (the entries with their ``key`` and ``sort_key``, the warnings, the
page system, the number of pages read, the category order and the passim threshold);
:func:`result_from_dict` reads it back to an equal result, and refuses anything else with a
``ValueError`` (a stored table is data, and data can be damaged).

A case's sort key separates its parts with NUL characters, which PostgreSQL's ``jsonb`` cannot
hold; the sort key is therefore stored as the list of its NUL-separated parts (joined again
on reading, so the round trip stays exact).

:func:`with_passim` re-decides *passim* for a new threshold from the stored pages, as the
engine decides it, without reading the brief again.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from casedesk.core.toa.engine import distinct_pages
from casedesk.core.toa.model import PAGE_SYSTEMS, ToaEntry, ToaResult

FORMAT = 1
"""The version of the stored shape; :func:`result_from_dict` refuses other versions."""

MAX_PASSIM = 99
SEPARATOR = "\x00"  # between the parts of a sort key


def entry_to_dict(entry: ToaEntry) -> dict[str, Any]:
    """One entry as a dict (the JSON contract's four keys, then ``key`` and ``sort_key``, the
    latter as the list of its NUL-separated parts)."""
    return {
        "category": entry.category,
        "authority": entry.authority,
        "pages": list(entry.pages),
        "passim": entry.passim,
        "key": entry.key,
        "sort_key": entry.sort_key.split(SEPARATOR),
    }


def result_to_dict(result: ToaResult) -> dict[str, Any]:
    """Every field of ``result`` as JSON-ready data (lists for tuples)."""
    return {
        "format": FORMAT,
        "entries": [entry_to_dict(entry) for entry in result.entries],
        "warnings": list(result.warnings),
        "page_system": result.page_system,
        "pages_scanned": result.pages_scanned,
        "category_order": list(result.category_order),
        "passim_threshold": result.passim_threshold,
    }


def _str(data: dict[str, Any], name: str, where: str) -> str:
    value = data.get(name)
    if not isinstance(value, str):
        raise ValueError(f"{where}: {name!r} must be a string.")
    return value


def _int(data: dict[str, Any], name: str, where: str) -> int:
    value = data.get(name)
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"{where}: {name!r} must be a whole number of 0 or more.")
    return value


def _strings(data: dict[str, Any], name: str, where: str) -> tuple[str, ...]:
    value = data.get(name)
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise ValueError(f"{where}: {name!r} must be a list of strings.")
    return tuple(value)


def entry_from_dict(data: Any, where: str = "entry") -> ToaEntry:
    """The entry written by :func:`entry_to_dict`."""
    if not isinstance(data, dict):
        raise ValueError(f"{where} must be an object.")
    passim = data.get("passim")
    if not isinstance(passim, bool):
        raise ValueError(f"{where}: 'passim' must be true or false.")
    return ToaEntry(
        category=_str(data, "category", where),
        authority=_str(data, "authority", where),
        pages=_strings(data, "pages", where),
        passim=passim,
        key=_str(data, "key", where),
        sort_key=SEPARATOR.join(_strings(data, "sort_key", where)),
    )


def result_from_dict(data: Any) -> ToaResult:
    """The result written by :func:`result_to_dict`; ``ValueError`` for anything else."""
    if not isinstance(data, dict):
        raise ValueError("A stored table of authorities must be an object.")
    if data.get("format") != FORMAT:
        raise ValueError(f"Unknown table format {data.get('format')!r} (expected {FORMAT}).")
    raw_entries = data.get("entries")
    if not isinstance(raw_entries, list):
        raise ValueError("'entries' must be a list.")
    entries = tuple(
        entry_from_dict(item, f"entry {index + 1}") for index, item in enumerate(raw_entries)
    )
    keys = [entry.key for entry in entries]
    if len(set(keys)) != len(keys):
        raise ValueError("Two entries have the same key.")
    page_system = _str(data, "page_system", "table")
    if page_system not in PAGE_SYSTEMS:
        raise ValueError(f"Unknown page system {page_system!r}.")
    return ToaResult(
        entries=entries,
        warnings=_strings(data, "warnings", "table"),
        page_system=page_system,
        pages_scanned=_int(data, "pages_scanned", "table"),
        category_order=_strings(data, "category_order", "table"),
        passim_threshold=_int(data, "passim_threshold", "table"),
    )


def with_passim(result: ToaResult, threshold: int) -> ToaResult:
    """``result`` with *passim* decided again: an entry cited on ``threshold`` or more different
    pages is passim (0 turns passim off). The page lists are kept as they are."""
    if not 0 <= threshold <= MAX_PASSIM:
        raise ValueError(f"Passim must be a number from 0 to {MAX_PASSIM}.")
    entries = tuple(
        replace(entry, passim=threshold > 0 and distinct_pages(entry.pages) >= threshold)
        for entry in result.entries
    )
    return replace(result, entries=entries, passim_threshold=threshold)
