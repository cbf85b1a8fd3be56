"""Tables the clerk hands to others: CSV and XLSX writers for logs and lists.

Production logs, exhibit lists, witness lists and privilege logs are all one header row and
rows of cells. These two writers give every one of them the same treatment:

* CSV is UTF-8 with a byte-order mark (so Excel opens Vietnamese and Arabic names right),
  comma-separated, CRLF line ends, every cell quoted only when it needs to be.
* A text cell that a spreadsheet would run as a formula (it starts with ``=``, ``+``, ``-``,
  ``@``, a tab or a carriage return) is written with a leading apostrophe, the usual guard
  against formula injection (OWASP "CSV Injection"). Numbers stay numbers.
* XLSX cells are written as what they are (text is never turned into a formula or a link),
  with a bold, frozen header row, an autofilter, widths fitted to the content, dates as real
  dates shown MM/DD/YYYY, landscape pages with the header repeated on every printed page.

A cell is ``str``, ``int``, ``float``, ``bool`` (written "Yes"/"No"), ``datetime.date`` or
``None`` (empty).
"""

from __future__ import annotations

import csv
import datetime
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import xlsxwriter

Cell = str | int | float | bool | datetime.date | None

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "%m/%d/%Y"
MAX_WIDTH = 60
MIN_WIDTH = 6
_SHEET_NAME_BAD = set("[]:*?/\\")

__all__ = [
    "Cell",
    "cell_text",
    "guard_formula",
    "write_table_csv",
    "write_table_xlsx",
]


def guard_formula(text: str) -> str:
    """Prefix ``text`` with an apostrophe when a spreadsheet would read it as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def cell_text(value: Cell) -> str:
    """The text a cell shows: dates MM/DD/YYYY, booleans Yes/No, ``None`` empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime.datetime):
        return value.strftime(DATE_FORMAT + " %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime(DATE_FORMAT)
    return str(value)


def _csv_cell(value: Cell) -> str:
    text = cell_text(value)
    if isinstance(value, str):
        return guard_formula(text)
    return text


def write_table_csv(columns: Sequence[str], rows: Iterable[Sequence[Cell]], path: Path) -> None:
    """Write a header row and ``rows`` to ``path`` as CSV for Excel (see the module notes).

    Every row must have as many cells as there are columns (ValueError otherwise).
    """
    width = len(columns)
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\r\n")
        writer.writerow([guard_formula(c) for c in columns])
        for number, row in enumerate(rows, start=1):
            if len(row) != width:
                raise ValueError(
                    f"Row {number} has {len(row)} cells but the table has {width} columns."
                )
            writer.writerow([_csv_cell(v) for v in row])


def _sheet_name(title: str) -> str:
    name = "".join(" " if c in _SHEET_NAME_BAD else c for c in title).strip().strip("'")
    name = " ".join(name.split())[:31].strip()
    return name or "Sheet1"


def _display_width(value: Cell) -> int:
    text = cell_text(value)
    return max((len(line) for line in text.splitlines()), default=0)


def write_table_xlsx(
    columns: Sequence[str],
    rows: Iterable[Sequence[Cell]],
    path: Path,
    *,
    title: str,
    subtitle: str = "",
) -> None:
    """Write a one-sheet workbook: ``title`` (and ``subtitle``) above a header and ``rows``.

    The header row is bold and frozen, with an autofilter; columns are as wide as their
    longest line (capped at 60 characters, longer text wraps); printing is landscape, one
    page wide, with the header repeated on each page.
    """
    width = len(columns)
    materialised = [list(row) for row in rows]
    for number, row in enumerate(materialised, start=1):
        if len(row) != width:
            raise ValueError(
                f"Row {number} has {len(row)} cells but the table has {width} columns."
            )
    workbook = xlsxwriter.Workbook(
        str(path),
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    try:
        _fill_sheet(workbook, columns, materialised, title=title, subtitle=subtitle)
    finally:
        workbook.close()


def _fill_sheet(
    workbook: Any,
    columns: Sequence[str],
    rows: list[list[Cell]],
    *,
    title: str,
    subtitle: str,
) -> None:
    workbook.set_properties({"title": title, "subject": subtitle, "author": "casedesk"})
    sheet = workbook.add_worksheet(_sheet_name(title))
    title_fmt = workbook.add_format({"bold": True, "font_size": 14})
    subtitle_fmt = workbook.add_format({"italic": True, "font_color": "#444444"})
    header_fmt = workbook.add_format(
        {"bold": True, "bg_color": "#E7E6E6", "border": 1, "text_wrap": True, "valign": "top"}
    )
    text_fmt = workbook.add_format({"valign": "top"})
    wrap_fmt = workbook.add_format({"valign": "top", "text_wrap": True})
    date_fmt = workbook.add_format({"valign": "top", "num_format": "mm/dd/yyyy", "align": "left"})

    widths = [max(len(c), MIN_WIDTH) for c in columns]
    for row in rows:
        for i, value in enumerate(row):
            widths[i] = max(widths[i], _display_width(value))
    wraps = [w > MAX_WIDTH for w in widths]
    widths = [min(w + 2, MAX_WIDTH) for w in widths]

    sheet.write_string(0, 0, title, title_fmt)
    header_row = 1
    if subtitle:
        sheet.write_string(1, 0, subtitle, subtitle_fmt)
        header_row = 2
    for i, column in enumerate(columns):
        sheet.write_string(header_row, i, column, header_fmt)
        sheet.set_column(i, i, widths[i], wrap_fmt if wraps[i] else text_fmt)
    for r, row in enumerate(rows, start=header_row + 1):
        for i, value in enumerate(row):
            fmt = wrap_fmt if wraps[i] else text_fmt
            if value is None or value == "":
                continue
            if isinstance(value, bool):
                sheet.write_string(r, i, cell_text(value), fmt)
            elif isinstance(value, int | float):
                sheet.write_number(r, i, value, fmt)
            elif isinstance(value, datetime.datetime):
                sheet.write_string(r, i, cell_text(value), fmt)
            elif isinstance(value, datetime.date):
                sheet.write_datetime(
                    r, i, datetime.datetime(value.year, value.month, value.day), date_fmt
                )
            else:
                sheet.write_string(r, i, str(value), fmt)
    last_row = header_row + len(rows)
    sheet.freeze_panes(header_row + 1, 0)
    if columns:
        sheet.autofilter(header_row, 0, last_row, len(columns) - 1)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(header_row)
    sheet.set_footer("&CPage &P of &N")
