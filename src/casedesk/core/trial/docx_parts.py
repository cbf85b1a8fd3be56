"""Small python-docx helpers shared by the exhibit list and the witness list.

Text goes in through ``add_text``, which splits it into runs by writing direction: a span of
Arabic or Hebrew letters becomes a right-to-left run (``w:rtl``) so Word and LibreOffice
shape and order it right, and every run names the same font for Latin, complex-script and
East Asian text so Vietnamese, Arabic and the rest come out in one typeface.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, RGBColor

FONT = "Times New Roman"
_RTL_CHARS = "\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff"
_RTL_SPAN = re.compile(rf"[{_RTL_CHARS}]+(?:[\s\u060c\u061b\u061f.,\-]+[{_RTL_CHARS}]+)*")

CENTER = WD_ALIGN_PARAGRAPH.CENTER
LEFT = WD_ALIGN_PARAGRAPH.LEFT
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT


def us_date(value: datetime.date | None) -> str:
    """A date as courts print it on these forms: MM/DD/YYYY ("" for none)."""
    return value.strftime("%m/%d/%Y") if value else ""


def lines_of(value: str | Sequence[str]) -> list[str]:
    """Text given as one string (line breaks allowed) or as a list of lines, as lines."""
    if isinstance(value, str):
        return [line.strip() for line in value.splitlines() if line.strip()]
    return [line.strip() for line in value if line.strip()]


def direction_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (piece, right_to_left) spans, in logical order."""
    spans: list[tuple[str, bool]] = []
    at = 0
    for match in _RTL_SPAN.finditer(text):
        if match.start() > at:
            spans.append((text[at : match.start()], False))
        spans.append((match.group(), True))
        at = match.end()
    if at < len(text):
        spans.append((text[at:], False))
    return spans


def _run_fonts(run: Any, size: float | None) -> None:
    rpr = run._r.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    if size is not None:
        run.font.size = Pt(size)
        size_cs = OxmlElement("w:szCs")
        size_cs.set(qn("w:val"), str(int(round(size * 2))))
        rpr.append(size_cs)


def add_text(
    paragraph: Any,
    text: str,
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    color: str | None = None,
) -> None:
    """Append ``text`` to ``paragraph`` as runs split by writing direction."""
    for piece, rtl in direction_spans(text):
        run = paragraph.add_run(piece)
        run.bold = bold
        run.italic = italic
        _run_fonts(run, size)
        if color:
            run.font.color.rgb = RGBColor.from_string(color)
        if rtl:
            rpr = run._r.get_or_add_rPr()
            rpr.append(OxmlElement("w:rtl"))
            if bold:
                rpr.append(OxmlElement("w:bCs"))


def paragraph(
    container: Any,
    text: str = "",
    *,
    bold: bool = False,
    italic: bool = False,
    size: float | None = None,
    align: Any = None,
    space_after: float = 0,
    space_before: float = 0,
    keep_with_next: bool = False,
) -> Any:
    """Add a paragraph of ``text`` to a document, cell or header; returns it."""
    para = container.add_paragraph()
    fmt = para.paragraph_format
    fmt.space_after = Pt(space_after)
    fmt.space_before = Pt(space_before)
    if keep_with_next:
        fmt.keep_with_next = True
    if align is not None:
        para.alignment = align
    if text:
        add_text(para, text, bold=bold, italic=italic, size=size)
    return para


def cell_lines(
    cell: Any,
    lines: Sequence[str],
    *,
    bold: bool = False,
    size: float | None = None,
    align: Any = None,
) -> None:
    """Fill a table cell with one paragraph per line (the cell's empty first one reused)."""
    first = cell.paragraphs[0]
    for i, line in enumerate(lines or [""]):
        para = first if i == 0 else cell.add_paragraph()
        para.paragraph_format.space_after = Pt(0)
        if align is not None:
            para.alignment = align
        if line:
            add_text(para, line, bold=bold, size=size)


def new_document(*, landscape: bool, margin_in: float = 0.6, size: float = 10) -> Any:
    """A US Letter document (portrait or landscape) with the form font as its default."""
    doc = Document()
    section = doc.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Inches(11), Inches(8.5)
    else:
        section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(margin_in))
    section.footer_distance = Inches(0.3)
    normal = doc.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(size)
    rpr = normal.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    normal.paragraph_format.space_after = Pt(0)
    return doc


def table(container: Any, rows: int, widths_in: Sequence[float], *, borders: bool) -> Any:
    """A fixed-layout table with the given column widths (inches), with or without grid."""
    tbl = container.add_table(rows=rows, cols=len(widths_in))
    tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
    tbl.autofit = False
    if borders:
        tbl.style = "Table Grid"
    tbl_pr = tbl._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    for row in tbl.rows:
        for width, cell in zip(widths_in, row.cells, strict=True):
            cell.width = Inches(width)
    for width, column in zip(widths_in, tbl.columns, strict=True):
        column.width = Inches(width)
    return tbl


def repeat_header(row: Any) -> None:
    """Mark a table row as a header row repeated at the top of every page."""
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def keep_row_together(row: Any) -> None:
    """Stop a table row from breaking across pages."""
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def shade(cell: Any, fill: str) -> None:
    """Give a table cell a background colour (hex like "E7E6E6")."""
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _field(paragraph: Any, code: str, size: float) -> None:
    run = paragraph.add_run()
    _run_fonts(run, size)
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {code} "
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    shown = OxmlElement("w:t")
    shown.text = "1"
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    for element in (begin, instr, separate, shown, end):
        run._r.append(element)


def page_x_of_y(paragraph: Any, *, size: float = 9, suffix: str = "") -> None:
    """Append "Page N of M" (live Word fields) to a paragraph."""
    add_text(paragraph, "Page ", size=size)
    _field(paragraph, "PAGE", size)
    add_text(paragraph, " of ", size=size)
    _field(paragraph, "NUMPAGES", size)
    if suffix:
        add_text(paragraph, suffix, size=size)


def split_caption(caption: str) -> tuple[str, str] | None:
    """ "Montoya v. Sunset Terrace" → ("Montoya", "Sunset Terrace"); None when no "v."."""
    match = re.search(r"\s+(?:v\.?|vs\.?)\s+", caption, flags=re.IGNORECASE)
    if match is None:
        return None
    return caption[: match.start()].strip(), caption[match.end() :].strip()
