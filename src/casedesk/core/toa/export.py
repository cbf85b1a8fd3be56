"""The table as JSON (the CLI contract), as a Word section and as PDF.

The Word section is ready to paste into a brief: a centred "TABLE OF AUTHORITIES" heading, a
heading per category with "Page(s)" over the page column, and one paragraph per authority
with a hanging indent and a right-aligned tab stop with a dot leader before its pages; case
names and "passim" are in italics. The PDF is that Word file laid out by LibreOffice (the
same converter as the drafting module), so the two look alike.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path
from typing import Any

from casedesk.core.toa import data
from casedesk.core.toa.model import CASES, ToaResult

PAGE_WIDTH_IN = 8.5
MARGIN_IN = 1.0
FONT = "Times New Roman"
FONT_SIZE_PT = 12


def toa_json(result: ToaResult) -> dict[str, Any]:
    """``{"entries": [{"category", "authority", "pages", "passim"}]}`` (the CLI's ``--json``)."""
    return {
        "entries": [
            {
                "category": entry.category,
                "authority": entry.authority,
                "pages": list(entry.pages),
                "passim": entry.passim,
            }
            for entry in result.entries
        ]
    }


_CASE_NAME_END = re.compile(r",\s*(?=(?:\d|No\.|Nos\.))")


def _case_name_split(authority: str) -> tuple[str, str]:
    """("Roe v. Wade", ", 410 U.S. 113 (1973)") -- the name is set in italics."""
    match = _CASE_NAME_END.search(authority)
    if match is None:
        return authority, ""
    return authority[: match.start()], authority[match.start() :]


def write_toa_docx(result: ToaResult, path: Path, *, title: str = "TABLE OF AUTHORITIES") -> None:
    """Write the table as a Word document (one section, Letter paper, 1-inch margins)."""
    import docx
    from docx.enum.section import WD_SECTION_START
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_TAB_ALIGNMENT, WD_TAB_LEADER
    from docx.shared import Inches, Pt

    document = docx.Document()
    section = document.sections[0]
    section.start_type = WD_SECTION_START.NEW_PAGE
    section.page_width = Inches(PAGE_WIDTH_IN)
    section.page_height = Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(MARGIN_IN))
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(FONT_SIZE_PT)
    text_width = Inches(PAGE_WIDTH_IN - 2 * MARGIN_IN)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    heading.paragraph_format.space_after = Pt(12)
    heading_run = heading.add_run(title)
    heading_run.bold = True

    headings = data.category_headings()
    for category in result.category_order:
        entries = result.in_category(category)
        if not entries:
            continue
        head = document.add_paragraph()
        head.paragraph_format.space_before = Pt(12)
        head.paragraph_format.space_after = Pt(6)
        head.paragraph_format.keep_with_next = True
        head.paragraph_format.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT)
        head.add_run(headings.get(category, category.title())).bold = True
        head.add_run("\t")
        head.add_run("Page(s)").underline = True
        for entry in entries:
            paragraph = document.add_paragraph()
            fmt = paragraph.paragraph_format
            fmt.left_indent = Inches(0.5)
            fmt.first_line_indent = Inches(-0.5)
            fmt.right_indent = Inches(0.75)
            fmt.space_after = Pt(6)
            fmt.keep_together = True
            fmt.tab_stops.add_tab_stop(text_width, WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)
            if entry.category == CASES:
                name, rest = _case_name_split(entry.authority)
                paragraph.add_run(name).italic = True
                paragraph.add_run(rest)
            else:
                paragraph.add_run(entry.authority)
            paragraph.add_run("\t")
            if entry.passim:
                paragraph.add_run("passim").italic = True
            else:
                paragraph.add_run(", ".join(entry.pages))
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))


def write_toa_pdf(result: ToaResult, path: Path, *, converter: Any = None) -> None:
    """Write the table as PDF: the Word section laid out by LibreOffice.

    ``converter`` is a ``WarmConverter`` (or anything with ``convert(src, dst)``) or a
    function ``(src, dst)``; by default one cold LibreOffice run. Raises
    ``casedesk.core.drafting.convert.ConversionError`` when LibreOffice is missing or fails.
    """
    from casedesk.core.drafting.convert import convert_cold

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="casedesk-toa-out-") as tmp:
        source = Path(tmp) / "table-of-authorities.docx"
        write_toa_docx(result, source)
        if converter is None:
            convert_cold(source, path)
        elif callable(converter):
            converter(source, path)
        else:
            converter.convert(source, path)
