"""The pretrial witness list under Fed. R. Civ. P. 26(a)(3)(A)(i)-(ii).

Rule 26(a)(3)(A)(i) asks for "the name and, if not previously provided, the address and
telephone number of each witness—separately identifying those the party expects to present
and those it may call if the need arises"; (ii) for "the designation of those witnesses
whose testimony the party expects to present by deposition". ``witness_list_docx`` writes a
Word document with those three parts: will call, may call, and testimony by deposition with
the designated pages and lines.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from casedesk.core.trial.docx_parts import (
    CENTER,
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

_HEADER_FILL = "E7E6E6"
_COLUMNS = ("No.", "Name", "Address, telephone and e-mail", "Testimony")
_WIDTHS_IN = (0.45, 2.0, 3.0, 1.55)  # 7 inches between 0.75-inch margins

__all__ = ["WitnessRow", "party_possessive", "witness_list_docx"]


@dataclass
class WitnessRow:
    """One witness: who, how to reach them, will or may call, and by deposition or not."""

    name: str
    address: str = ""
    phone: str = ""
    email: str = ""
    will_call: bool = True
    by_deposition: bool = False
    designations: str = ""
    notes: str = ""


def party_possessive(party: str) -> str:
    """ "plaintiff" → "PLAINTIFF'S"; "defendants" → "DEFENDANTS'"; "" → ""."""
    name = " ".join(party.split()).upper()
    if not name:
        return ""
    if name.endswith("'S") or name.endswith("S'"):
        return name
    return name + ("'" if name.endswith("S") else "'S")


def _caption(doc: Any, court: str, case_caption: str, case_number: str) -> None:
    for i, line in enumerate(lines_of(court) or ["UNITED STATES DISTRICT COURT"]):
        paragraph(doc, line.upper() if i == 0 else line, bold=True, size=12, align=CENTER)
    paragraph(doc, space_after=8)
    block = table(doc, 1, (4.2, 2.8), borders=False)
    left, right = block.rows[0].cells
    parties = split_caption(case_caption)
    if parties:
        cell_lines(left, [f"{parties[0]},", "Plaintiff(s),", "v.", f"{parties[1]},"], size=11)
        cell_lines_extra = left.add_paragraph()
        add_text(cell_lines_extra, "Defendant(s).", size=11)
    else:
        cell_lines(left, lines_of(case_caption), size=11)
    cell_lines(right, [f"Case No. {case_number}" if case_number else ""], size=11)
    paragraph(doc, space_after=8)


def _contact(row: WitnessRow) -> list[str]:
    lines = lines_of(row.address)
    if row.phone:
        lines.append(f"Tel. {row.phone}")
    if row.email:
        lines.append(row.email)
    return lines


def _testimony(row: WitnessRow) -> str:
    return "By deposition" if row.by_deposition else "In person"


def _witness_table(doc: Any, rows: Sequence[WitnessRow], start: int) -> None:
    if not rows:
        paragraph(doc, "None.", size=11, space_after=8)
        return
    grid = table(doc, 1, _WIDTHS_IN, borders=True)
    head = grid.rows[0]
    repeat_header(head)
    for cell, label in zip(head.cells, _COLUMNS, strict=True):
        cell_lines(cell, [label], bold=True, size=9)
        shade(cell, _HEADER_FILL)
    for number, row in enumerate(rows, start=start):
        cells = grid.add_row().cells
        keep_row_together(grid.rows[-1])
        cell_lines(cells[0], [f"{number}."], size=10, align=CENTER)
        cell_lines(cells[1], [row.name, *lines_of(row.notes)], size=10)
        cell_lines(cells[2], _contact(row) or ["On file"], size=10)
        cell_lines(cells[3], [_testimony(row)], size=10)
    paragraph(doc, space_after=8)


def witness_list_docx(
    rows: Iterable[WitnessRow],
    path: Path,
    *,
    court: str,
    case_caption: str,
    case_number: str,
    party: str = "",
    title: str = "WITNESS LIST",
    submitted_by: str | Sequence[str] = "",
    date: datetime.date | None = None,
) -> None:
    """Write the witness list (will call, may call, by deposition) as a Word document.

    ``party`` ("plaintiff", "defendant", "joint" or free text) heads the title
    ("PLAINTIFF'S WITNESS LIST"); ``submitted_by`` lines (the attorney's signature block)
    and ``date`` close it.
    """
    rows = list(rows)
    will = [r for r in rows if r.will_call]
    may = [r for r in rows if not r.will_call]
    deposition = [r for r in rows if r.by_deposition]
    owner = party_possessive(party)
    who = " ".join(party.split()).capitalize() or "The party"

    doc = new_document(landscape=False, margin_in=0.75, size=11)
    _caption(doc, court, case_caption, case_number)
    full_title = f"{owner} {title.upper()}".strip()
    paragraph(doc, full_title, bold=True, size=13, align=CENTER, space_after=10)
    paragraph(
        doc,
        f"Pursuant to Fed. R. Civ. P. 26(a)(3)(A)(i)-(ii), {who} identifies the following "
        "witnesses, separately identifying those it expects to present and those it may call "
        "if the need arises, and designates the witnesses whose testimony it expects to "
        "present by deposition.",
        size=11,
        space_after=10,
    )
    paragraph(
        doc,
        "I. Witnesses expected to be presented (will call)",
        bold=True,
        size=11,
        space_after=4,
        keep_with_next=True,
    )
    _witness_table(doc, will, 1)
    paragraph(
        doc,
        "II. Witnesses who may be called if the need arises (may call)",
        bold=True,
        size=11,
        space_after=4,
        keep_with_next=True,
    )
    _witness_table(doc, may, len(will) + 1)
    paragraph(
        doc,
        "III. Testimony to be presented by deposition",
        bold=True,
        size=11,
        space_after=4,
        keep_with_next=True,
    )
    if deposition:
        grid = table(doc, 1, (2.45, 4.55), borders=True)
        repeat_header(grid.rows[0])
        for cell, label in zip(
            grid.rows[0].cells, ("Witness", "Designated pages and lines"), strict=True
        ):
            cell_lines(cell, [label], bold=True, size=9)
            shade(cell, _HEADER_FILL)
        for row in deposition:
            cells = grid.add_row().cells
            cell_lines(cells[0], [row.name], size=10)
            cell_lines(cells[1], lines_of(row.designations) or ["To be designated"], size=10)
        paragraph(doc, space_after=8)
    else:
        paragraph(doc, "None.", size=11, space_after=8)
    if date or submitted_by:
        paragraph(doc, f"Dated: {us_date(date)}" if date else "", size=11, space_before=12)
        for line in lines_of(submitted_by):
            paragraph(doc, line, size=11)
    footer = doc.sections[0].footer.paragraphs[0]
    footer.alignment = CENTER
    page_x_of_y(footer, size=9)
    doc.core_properties.title = f"{full_title} - {case_number}".strip(" -")
    doc.save(str(path))
