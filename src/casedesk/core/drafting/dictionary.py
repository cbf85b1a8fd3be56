"""The field dictionary: every name a drafting template may use, with a plain-English label.

``dictionary.toml`` (next to this module, versioned) lists each dotted name of the render
data (``client.name``, ``parties[].name``, whole objects such as ``court``) with its label,
group, type, where its value comes from and an example. The web screens use it to explain a
template's fields and to ask for the ones the matter cannot fill; the starter library checks
that it only uses names listed here.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from typing import Any, Literal

from casedesk.core.drafting.fields import DraftingError, TemplateField

ENTRY_TYPES = ("text", "lines", "date", "money", "yesno", "choice", "object", "list")
ASKED_SOURCE = "Asked when the document is generated"

SourceStatus = Literal["matter", "asked", "unknown"]


@dataclass(frozen=True)
class DictionaryEntry:
    """One name of the render data: what to call it, where it comes from, what it holds.

    ``name`` is a dotted path; list members are written ``parties[].name``. ``type`` is one of
    ``ENTRY_TYPES``; ``choices`` (value, label) pairs are set for type ``choice``. ``asked``
    is true for fields only ever asked when the document is generated.
    """

    name: str
    label: str
    group: str
    type: str
    source: str
    asked: bool
    example: str
    choices: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class FieldSource:
    """A template field with its dictionary entry and whether the matter or a question fills it."""

    field: TemplateField
    entry: DictionaryEntry | None
    status: SourceStatus


def _entry(raw: Any, position: int) -> DictionaryEntry:
    """One ``[[field]]`` table as an entry, checked; a malformed table raises ``DraftingError``."""
    if not isinstance(raw, dict):
        raise DraftingError(f"field dictionary entry {position} is not a table.")
    try:
        name = str(raw["name"])
        entry = DictionaryEntry(
            name=name,
            label=str(raw["label"]),
            group=str(raw["group"]),
            type=str(raw["type"]),
            source=str(raw["source"]),
            asked=bool(raw.get("asked", False)),
            example=str(raw.get("example", "")),
            choices=tuple((str(value), str(label)) for value, label in raw.get("choices", ())),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise DraftingError(
            f"field dictionary entry {position} lacks a name, label, group, type or source, "
            "or has malformed choices."
        ) from exc
    if entry.type not in ENTRY_TYPES:
        raise DraftingError(f"field dictionary entry {name!r} has an unknown type {entry.type!r}.")
    if (entry.type == "choice") != bool(entry.choices):
        raise DraftingError(f"field dictionary entry {name!r}: only choice fields have choices.")
    return entry


@functools.cache
def _load() -> tuple[str, dict[str, DictionaryEntry]]:
    """The dictionary file's version and its entries by name (read once)."""
    text = resources.files("casedesk.core.drafting").joinpath("dictionary.toml").read_text("utf-8")
    data = tomllib.loads(text)
    entries: dict[str, DictionaryEntry] = {}
    for position, raw in enumerate(data.get("field", []), start=1):
        entry = _entry(raw, position)
        if entry.name in entries:
            raise DraftingError(f"field dictionary lists {entry.name!r} twice.")
        entries[entry.name] = entry
    return str(data.get("version", "")), entries


def field_dictionary() -> dict[str, DictionaryEntry]:
    """Every dictionary entry by name, in file order (a fresh dict; the entries are shared)."""
    return dict(_load()[1])


def dictionary_version() -> str:
    """The dictionary file's ``version`` (e.g. ``"2026.11.1"``), recorded with generated drafts."""
    return _load()[0]


def normalise_name(name: str) -> str:
    """A field name in dictionary form: indexes become ``[]`` (``clients[0].name`` -> ``clients[].name``)."""
    return re.sub(r"\[\d*\]", "[]", "".join(name.split()))


def lookup(name: str) -> DictionaryEntry | None:
    """The entry for a field name, or None if the dictionary does not know it.

    Matches plain names (``client.name``), list members (``parties[].name``, also written with
    an index: ``clients[0].email``) and whole objects and lists (``court`` -> type "object",
    ``parties`` -> type "list").
    """
    return _load()[1].get(normalise_name(name))


def classify_fields(fields: Sequence[TemplateField]) -> list[FieldSource]:
    """Each template field with its entry: "matter" (filled from the matter), "asked", or "unknown"."""
    result: list[FieldSource] = []
    for field in fields:
        entry = lookup(field.name)
        status: SourceStatus
        if entry is None:
            status = "unknown"
        elif entry.asked:
            status = "asked"
        else:
            status = "matter"
        result.append(FieldSource(field, entry, status))
    return result


__all__ = [
    "ASKED_SOURCE",
    "ENTRY_TYPES",
    "DictionaryEntry",
    "FieldSource",
    "classify_fields",
    "dictionary_version",
    "field_dictionary",
    "lookup",
    "normalise_name",
]
