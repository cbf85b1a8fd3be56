"""Exhibit numbers and the exhibit list in the layout of the U.S. Courts' form AO 187.

AO 187 ("Exhibit and Witness List") has a header block (court, caption, case number,
presiding judge, the parties' attorneys, trial dates, court reporter, courtroom deputy) and a
table PLF. NO. | DEF. NO. | DATE OFFERED | MARKED | ADMITTED | DESCRIPTION OF EXHIBITS* AND
WITNESSES, with the footnote "* Include a notation as to the location of any exhibit not held
with the case file or not available because of size." ``exhibit_list_docx`` writes that
layout as a landscape Word document whose table header repeats on every page.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx.shared import Pt

from casedesk.core.trial.docx_parts import (
    CENTER,
    RIGHT,
    add_text,
    cell_lines,
    keep_row_together,
    lines_of,
    new_document,
    page_x_of_y,
    paragraph,
    repeat_header,
    shade,
    split_caption,
    table,
    us_date,
)
from casedesk.core.trial.witnesses import WitnessRow, witness_list_docx

STYLES = ("numbers", "letters")
AO187_FOOTNOTE = (
    "* Include a notation as to the location of any exhibit not held with the case file or "
    "not available because of size."
)
AO187_COLUMNS = (
    "PLF.\nNO.",
    "DEF.\nNO.",
    "DATE\nOFFERED",
    "MARKED",
    "ADMITTED",
    "DESCRIPTION OF EXHIBITS* AND WITNESSES",
)
_WIDTHS_IN = (0.65, 0.65, 0.95, 0.95, 0.95, 5.65)  # 9.8 inches between 0.6-inch margins
_HEADER_FILL = "E7E6E6"
_LETTERS = re.compile(r"^[A-Z]+$")
_DIGITS = re.compile(r"^\d+$")
_CHUNKS = re.compile(r"(\d+)")

__all__ = [
    "AO187_FOOTNOTE",
    "STYLES",
    "ExhibitRow",
    "WitnessRow",
    "exhibit_list_docx",
    "exhibit_number_value",
    "exhibit_numbers",
    "exhibit_sort_key",
    "letters_label",
    "witness_list_docx",
]


def letters_label(n: int) -> str:
    """The n-th letters label (1 → A, 26 → Z, 27 → AA, 28 → AB, 703 → AAA)."""
    if n < 1:
        raise ValueError("Exhibit letters start at 1 (A).")
    out = ""
    while n:
        n, rest = divmod(n - 1, 26)
        out = chr(ord("A") + rest) + out
    return out


def exhibit_numbers(count: int, style: str = "numbers", start: int = 1) -> list[str]:
    """``count`` exhibit labels from ``start``: "numbers" 1, 2, 3… or "letters" A…Z, AA, AB….

    ``start`` counts from 1 in both styles (letters: 1 is A, 27 is AA).
    """
    if style not in STYLES:
        raise ValueError(f"Exhibit numbering {style!r} is not one of: {', '.join(STYLES)}.")
    if count < 0:
        raise ValueError("The number of exhibits cannot be negative.")
    if start < 1:
        raise ValueError("Exhibit numbering starts at 1 or above.")
    if style == "letters":
        return [letters_label(start + i) for i in range(count)]
    return [str(start + i) for i in range(count)]


def exhibit_number_value(label: str, style: str = "numbers") -> int | None:
    """Where ``label`` sits in a numbering style (``"AB"`` letters → 28), None if not in it.

    Used to continue numbering after a party's last exhibit.
    """
    label = label.strip()
    if style == "numbers":
        return int(label) if _DIGITS.match(label) else None
    if style == "letters":
        if not _LETTERS.match(label.upper()):
            return None
        value = 0
        for char in label.upper():
            value = value * 26 + (ord(char) - ord("A") + 1)
        return value
    raise ValueError(f"Exhibit numbering {style!r} is not one of: {', '.join(STYLES)}.")


def exhibit_sort_key(label: str) -> str:
    """A text key that sorts exhibit labels the way a clerk reads them.

    Numbers by value (2 before 10), letters as the letters series (Z before AA), anything
    else (P-12, ACME000001, 12A) with its digit runs compared by value. Numbers come first,
    then letters, then the rest.
    """
    text = label.strip()
    if _DIGITS.match(text):
        return f"0{int(text):020d}"
    if _LETTERS.match(text.upper()):
        return f"1{len(text):04d}{text.upper()}"
    parts = _CHUNKS.split(text.upper())
    return "2" + "".join(f"{int(p):020d}" if p.isdigit() else p for p in parts)


@dataclass
class ExhibitRow:
    """One line of the exhibit list.

    ``marked``/``admitted`` are the dates the exhibit was marked and admitted (blank until
    then); ``status`` is shown when it is not plain ("refused", "withdrawn"); ``witness`` and
    ``bates`` are added under the description.
    """

    plf_no: str = ""
    def_no: str = ""
    date_offered: datetime.date | None = None
    marked: datetime.date | None = None
    admitted: datetime.date | None = None
    description: str = ""
    status: str = ""
    witness: str = ""
    bates: str = ""


_SHOWN_STATUSES = {"refused": "Refused", "withdrawn": "Withdrawn", "offered": "", "admitted": ""}


def _details(row: ExhibitRow) -> str:
    parts = []
    if row.bates:
        parts.append(f"Bates {row.bates}")
    if row.witness:
        parts.append(f"Witness: {row.witness}")
    status = _SHOWN_STATUSES.get(row.status.lower(), "")
    if status:
        parts.append(status)
    return " · ".join(parts)


def _header_block(
    doc: Any,
    *,
    court: str,
    case_caption: str,
    case_number: str,
    title: str,
) -> None:
    for i, line in enumerate(lines_of(court) or ["UNITED STATES DISTRICT COURT"]):
        paragraph(doc, line.upper() if i == 0 else line, bold=True, size=12, align=CENTER)
    paragraph(doc, space_after=6)
    block = table(doc, 1, (5.4, 4.4), borders=False)
    left, right = block.rows[0].cells
    parties = split_caption(case_caption)
    if parties:
        cell_lines(left, [parties[0], "V.", parties[1]], size=11, align=CENTER)
    else:
        cell_lines(left, lines_of(case_caption), size=11, align=CENTER)
    cell_lines(right, [title.upper()], bold=True, size=14, align=CENTER)
    number = right.add_paragraph()
    number.alignment = CENTER
    number.paragraph_format.space_before = Pt(6)
    add_text(number, "Case Number: ", size=10)
    add_text(number, case_number, bold=True, size=11)
    paragraph(doc, space_after=6)


def _people_block(doc: Any, pairs: Sequence[tuple[str, str | Sequence[str]]]) -> None:
    grid = table(doc, 4, (3.27, 3.27, 3.26), borders=True)
    for r in (0, 2):
        for c in range(3):
            label, value = pairs[(r // 2) * 3 + c]
            head = grid.rows[r].cells[c]
            cell_lines(head, [label], bold=True, size=8)
            shade(head, _HEADER_FILL)
            cell_lines(grid.rows[r + 1].cells[c], lines_of(value), size=10)
    paragraph(doc, space_after=6)


def _footer(doc: Any) -> None:
    footer = doc.sections[0].footer
    note = footer.paragraphs[0]
    add_text(note, AO187_FOOTNOTE, size=8)
    page = paragraph(footer, align=RIGHT)
    page_x_of_y(page, size=9, suffix=" Pages")


def exhibit_list_docx(
    rows: Iterable[ExhibitRow],
    path: Path,
    *,
    court: str,
    case_caption: str,
    case_number: str,
    judge: str = "",
    plaintiff_attys: str | Sequence[str] = "",
    defendant_attys: str | Sequence[str] = "",
    trial_dates: str = "",
    court_reporter: str = "",
    courtroom_deputy: str = "",
    title: str = "EXHIBIT LIST",
) -> None:
    """Write the exhibit list as a landscape Word document in the AO 187 layout.

    ``court`` may hold several lines ("United States District Court\\nDistrict of
    Arizona"); a caption with "v." is set out plaintiff / V. / defendant as on the form.
    """
    doc = new_document(landscape=True)
    _header_block(doc, court=court, case_caption=case_caption, case_number=case_number, title=title)
    _people_block(
        doc,
        [
            ("PRESIDING JUDGE", judge),
            ("PLAINTIFF'S ATTORNEY", plaintiff_attys),
            ("DEFENDANT'S ATTORNEY", defendant_attys),
            ("TRIAL DATE (S)", trial_dates),
            ("COURT REPORTER", court_reporter),
            ("COURTROOM DEPUTY", courtroom_deputy),
        ],
    )
    grid = table(doc, 1, _WIDTHS_IN, borders=True)
    head = grid.rows[0]
    repeat_header(head)
    keep_row_together(head)
    for cell, label in zip(head.cells, AO187_COLUMNS, strict=True):
        cell_lines(cell, label.split("\n"), bold=True, size=8, align=CENTER)
        shade(cell, _HEADER_FILL)
    for row in rows:
        cells = grid.add_row().cells
        keep_row_together(grid.rows[-1])
        values = (
            row.plf_no,
            row.def_no,
            us_date(row.date_offered),
            us_date(row.marked),
            us_date(row.admitted),
        )
        for cell, value in zip(cells[:5], values, strict=True):
            cell_lines(cell, [value], size=9, align=CENTER)
        cell_lines(cells[5], lines_of(row.description) or [""], size=10)
        details = _details(row)
        if details:
            para = cells[5].add_paragraph()
            add_text(para, details, size=8, italic=True, color="444444")
    _footer(doc)
    doc.core_properties.title = f"{title} - {case_number}".strip(" -")
    doc.save(str(path))
