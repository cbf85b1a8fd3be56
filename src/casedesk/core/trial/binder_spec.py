"""A trial binder's definition as a TOML file (what ``casedesk binder SPEC.toml`` reads).

The format::

    title = "Trial Binder"                  # required
    subtitle = "Montoya v. Sunset Terrace"  # optional
    index = true                            # optional: the index page(s) (default true)
    dividers = true                         # optional: a divider page per tab (default true)
    page_numbers = true                     # optional: "Page 17 of 2,004" (default true)

    [bates]                                 # optional: Bates-stamp the documents' pages
    prefix = "ACME"                         # required in [bates]
    start = 1                               # optional (default 1)
    digits = 6                              # optional (default 6)
    position = "bottom-right"               # optional (default bottom-right)

    [[tab]]                                 # one per document, in binder order
    file = "exhibits/contract.pdf"          # required, relative to the spec's folder
    title = "Master Services Agreement"     # required
    description = "Signed January 5, 2024"  # optional
    tab = "1"                               # optional (default: its position, 1, 2, ...)
    bates = "DEF000101-DEF000112"           # optional: range text shown in the index

Unknown keys are refused (a typo would otherwise be silently ignored).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casedesk.core.pdf.binder import BatesOptions, BinderPart
from casedesk.core.pdf.stamp import StampStyle

TOP_KEYS = {"title", "subtitle", "index", "dividers", "page_numbers", "bates", "tab"}
BATES_KEYS = {"prefix", "start", "digits", "position"}
TAB_KEYS = {"file", "title", "description", "tab", "bates"}

__all__ = ["BinderSpec", "read_binder_spec"]


@dataclass(frozen=True)
class BinderSpec:
    """What a spec file asks for, with paths resolved against the spec's folder."""

    title: str
    parts: tuple[BinderPart, ...]
    subtitle: str = ""
    bates: BatesOptions | None = None
    index: bool = True
    dividers: bool = True
    page_numbers: bool = True


def _text(table: dict[str, Any], key: str, where: str, *, required: bool = False) -> str:
    value = table.get(key, "")
    if isinstance(value, int) and not isinstance(value, bool) and key == "tab":
        value = str(value)
    if not isinstance(value, str):
        raise ValueError(f"{where}: {key} must be text in quotes.")
    value = value.strip()
    if required and not value:
        raise ValueError(f"{where}: {key} is required.")
    return value


def _flag(table: dict[str, Any], key: str, where: str) -> bool:
    value = table.get(key, True)
    if not isinstance(value, bool):
        raise ValueError(f"{where}: {key} must be true or false.")
    return value


def _whole(table: dict[str, Any], key: str, default: int, where: str) -> int:
    value = table.get(key, default)
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{where}: {key} must be a whole number.")
    return value


def _unknown(table: dict[str, Any], allowed: set[str], where: str) -> None:
    extra = sorted(set(table) - allowed)
    if extra:
        raise ValueError(
            f"{where}: unknown key{'s' if len(extra) > 1 else ''} {', '.join(extra)} "
            f"(allowed: {', '.join(sorted(allowed))})."
        )


def _bates(table: Any, where: str) -> BatesOptions:
    if not isinstance(table, dict):
        raise ValueError(f"{where}: [bates] must be a table with prefix, start, digits.")
    _unknown(table, BATES_KEYS, f"{where} [bates]")
    prefix = _text(table, "prefix", f"{where} [bates]", required=True)
    position = _text(table, "position", f"{where} [bates]") or "bottom-right"
    try:
        style = StampStyle(position=position)
    except ValueError as exc:
        raise ValueError(f"{where} [bates]: {exc}") from exc
    return BatesOptions(
        prefix=prefix,
        first=_whole(table, "start", 1, f"{where} [bates]"),
        digits=_whole(table, "digits", 6, f"{where} [bates]"),
        style=style,
    )


def read_binder_spec(path: Path) -> BinderSpec:
    """Read and check a binder spec; ValueError with a sentence naming the problem.

    Each tab's file must exist (the message names it and its tab); the files are not
    opened here (``build_binder`` checks they are usable PDFs).
    """
    name = path.name
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ValueError(f"{path}: no such file.") from exc
    except UnicodeDecodeError as exc:
        raise ValueError(f"{name} is not UTF-8 text.") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"{name} is not valid TOML: {exc}.") from exc
    _unknown(data, TOP_KEYS, name)
    title = _text(data, "title", name, required=True)
    tabs = data.get("tab", [])
    if not isinstance(tabs, list) or not all(isinstance(t, dict) for t in tabs):
        raise ValueError(f"{name}: tabs are written as [[tab]] tables.")
    if not tabs:
        raise ValueError(f"{name} lists no documents: add a [[tab]] with a file and a title.")
    base = path.resolve().parent
    parts = []
    for number, tab in enumerate(tabs, start=1):
        where = f"{name}, tab {number}"
        _unknown(tab, TAB_KEYS, where)
        file = _text(tab, "file", where, required=True)
        full = base / file
        if not full.is_file():
            raise ValueError(f"{file} (tab {number} in {name}): no such file.")
        parts.append(
            BinderPart(
                path=full,
                title=_text(tab, "title", where, required=True),
                tab=_text(tab, "tab", where),
                description=_text(tab, "description", where),
                bates=_text(tab, "bates", where),
            )
        )
    bates = _bates(data["bates"], name) if "bates" in data else None
    return BinderSpec(
        title=title,
        subtitle=_text(data, "subtitle", name),
        parts=tuple(parts),
        bates=bates,
        index=_flag(data, "index", name),
        dividers=_flag(data, "dividers", name),
        page_numbers=_flag(data, "page_numbers", name),
    )
