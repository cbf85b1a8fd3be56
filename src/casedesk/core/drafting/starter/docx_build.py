"""python-docx helpers the starter templates are written with.

A ``Builder`` wraps one Word document set up the way a law office sets its papers up
(US Letter, one-inch margins, Times New Roman 12) and adds paragraphs whose text holds
docxtpl/Jinja tags. Each paragraph's text goes into as few runs as possible so that no tag is
ever split across runs; block tags (``{%p if … %}``) get a paragraph of their own, which
docxtpl removes when it renders.

Spacing has two modes: ordinary papers (letters single-spaced with a blank line between
paragraphs; court papers double-spaced) and California pleading paper, where every line is
exactly 12 or 24 points so the text stays on the numbered lines in the margin.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
LEFT = WD_ALIGN_PARAGRAPH.LEFT
CENTER = WD_ALIGN_PARAGRAPH.CENTER
RIGHT = WD_ALIGN_PARAGRAPH.RIGHT
JUSTIFY = WD_ALIGN_PARAGRAPH.JUSTIFY

__all__ = ["CENTER", "JUSTIFY", "LEFT", "RIGHT", "WD_SECTION", "Builder", "Run"]


@dataclass(frozen=True)
class Run:
    """A piece of a paragraph with its own formatting (``Run("Re:", bold=True)``)."""

    text: str
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    size: float | None = None


Part = str | Run


# the w:pPr children that must follow w:pBdr (OOXML fixes the order of w:pPr's children)
AFTER_PBDR = (
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)


def _border(kind: str, size: int = 6, space: int = 0) -> dict[str, str]:
    return {"val": kind, "sz": str(size), "space": str(space), "color": "000000"}


def set_paragraph_border(paragraph: Paragraph, **sides: str) -> None:
    """Give ``paragraph`` borders: ``top="single"``, ``right="double"``, … (val names)."""
    ppr = paragraph._p.get_or_add_pPr()
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = OxmlElement("w:pBdr")
        ppr.insert_element_before(borders, *AFTER_PBDR)
    for side in ("top", "left", "bottom", "right"):
        kind = sides.get(side)
        if kind:
            element = OxmlElement(f"w:{side}")
            space = 4 if side in ("left", "right") else 1
            for key, value in _border(kind, 6, space).items():
                element.set(qn(f"w:{key}"), value)
            borders.append(element)


def set_cell_borders(cell: _Cell, **sides: str) -> None:
    """Borders on one table cell: ``bottom="single"``, ``right="nil"``, …"""
    tcpr = cell._tc.get_or_add_tcPr()
    borders = tcpr.find(qn("w:tcBorders"))
    if borders is None:
        borders = OxmlElement("w:tcBorders")
        tcpr.append(borders)
    for side in ("top", "left", "bottom", "right"):
        kind = sides.get(side)
        if kind:
            element = OxmlElement(f"w:{side}")
            for key, value in _border(kind).items():
                element.set(qn(f"w:{key}"), value)
            borders.append(element)


def _no_cell_padding(table: Table) -> None:
    """Top and bottom cell margins of zero, so table lines keep the page's line grid."""
    tblpr = table._tbl.tblPr
    margins = OxmlElement("w:tblCellMar")
    for side, width in (("top", 0), ("left", 60), ("bottom", 0), ("right", 60)):
        element = OxmlElement(f"w:{side}")
        element.set(qn("w:w"), str(width))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tblpr.insert_element_before(margins, "w:tblLook", "w:tblCaption", "w:tblDescription")


class Builder:
    """One starter document being written; ``save`` writes the .docx."""

    def __init__(self, *, court_paper: bool = False, pleading_paper: bool = False) -> None:
        self.document: Any = Document()
        self.court_paper = court_paper or pleading_paper
        self.pleading_paper = pleading_paper
        self._setup()

    # -- page and styles -------------------------------------------------------------------
    def _setup(self) -> None:
        section = self.document.sections[0]
        section.page_width = Inches(8.5)
        section.page_height = Inches(11)
        for side in ("top_margin", "bottom_margin", "left_margin", "right_margin"):
            setattr(section, side, Inches(1))
        style = self.document.styles["Normal"]
        style.font.name = FONT
        style.font.size = Pt(12)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.append(fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        style.paragraph_format.space_before = Pt(0)
        style.paragraph_format.space_after = Pt(0)
        style.paragraph_format.line_spacing = 1.0
        core = self.document.core_properties
        core.author = "casedesk"
        core.comments = "casedesk starter template"

    @property
    def section(self) -> Any:
        """The document's (only) section."""
        return self.document.sections[0]

    # -- paragraphs ------------------------------------------------------------------------
    def _spacing(self, paragraph: Paragraph, double: bool, space_after: float | None) -> None:
        fmt = paragraph.paragraph_format
        if self.pleading_paper:
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(24 if double else 12)
            fmt.space_after = Pt(0)
            return
        fmt.line_spacing = 2.0 if double else 1.0
        if space_after is not None:
            fmt.space_after = Pt(space_after)

    def para(
        self,
        *parts: Part,
        align: Any = None,
        double: bool = False,
        first_indent: float | None = None,
        left_indent: float | None = None,
        space_after: float | None = None,
        keep_with_next: bool = False,
        container: Any = None,
        reuse: Paragraph | None = None,
    ) -> Paragraph:
        """A paragraph of ``parts`` (plain strings or ``Run``); "\\n" in text is a line break.

        It is added to ``container`` (a table cell) or the body, or fills ``reuse``.
        """
        if reuse is not None:
            paragraph = reuse
        else:
            paragraph = (container if container is not None else self.document).add_paragraph()
        for part in parts:
            spec = part if isinstance(part, Run) else Run(part)
            run = paragraph.add_run(spec.text)
            run.bold = spec.bold or None
            run.italic = spec.italic or None
            run.underline = spec.underline or None
            if spec.caps:
                run.font.all_caps = True
            if spec.size:
                run.font.size = Pt(spec.size)
        if align is not None:
            paragraph.alignment = align
        fmt = paragraph.paragraph_format
        if first_indent is not None:
            fmt.first_line_indent = Inches(first_indent)
        if left_indent is not None:
            fmt.left_indent = Inches(left_indent)
        if keep_with_next:
            fmt.keep_with_next = True
        self._spacing(paragraph, double, space_after)
        return paragraph

    def text(self, *parts: Part, **kwargs: Any) -> Paragraph:
        """A letter paragraph: single-spaced, a blank line after (or a pleading body line)."""
        if self.court_paper:
            return self.body(*parts, **kwargs)
        kwargs.setdefault("space_after", 12)
        return self.para(*parts, **kwargs)

    def body(self, *parts: Part, **kwargs: Any) -> Paragraph:
        """A court-paper body paragraph: double-spaced, first line indented half an inch."""
        kwargs.setdefault("first_indent", 0.5)
        kwargs.setdefault("double", True)
        kwargs.setdefault("space_after", 0)
        # left-aligned, not justified: answers given as lines ("\n") would stretch when justified
        kwargs.setdefault("align", LEFT)
        return self.para(*parts, **kwargs)

    def heading(self, text: str, *, align: Any = CENTER, underline: bool = False) -> Paragraph:
        """A bold heading line (court papers: on its own double-spaced line)."""
        return self.para(
            Run(text, bold=True, underline=underline),
            align=align,
            double=self.court_paper,
            space_after=0 if self.court_paper else 12,
            keep_with_next=True,
        )

    def tag(self, tag: str) -> Paragraph:
        """A paragraph holding only a docxtpl block tag (``{%p if x %}``), removed on render."""
        return self.para(tag)

    def blank(self, count: int = 1) -> None:
        """Empty single-spaced lines."""
        for _ in range(count):
            self.para("")

    def lines(self, texts: Iterable[str], **kwargs: Any) -> None:
        """One single-spaced paragraph per text."""
        for text in texts:
            self.para(text, **kwargs)

    def page_break(self) -> None:
        """Start a new page."""
        paragraph = self.document.add_paragraph()
        paragraph.add_run().add_break(WD_BREAK.PAGE)

    def signature_line(self, *below: str, left_indent: float = 3.25) -> None:
        """A line to sign on, with the signer's lines below it."""
        self.para("", space_after=0)
        self.para("", space_after=0)
        self.para("______________________________", left_indent=left_indent)
        for text in below:
            self.para(text, left_indent=left_indent)

    # -- tables ----------------------------------------------------------------------------
    def table(self, rows: int, widths: Sequence[float], *, container: Any = None) -> Table:
        """A borderless table with fixed column ``widths`` (inches) and no vertical padding."""
        target = container if container is not None else self.document
        if container is not None:
            table: Table = target.add_table(rows=rows, cols=len(widths), width=Inches(sum(widths)))
        else:
            table = target.add_table(rows=rows, cols=len(widths))
        table.autofit = False
        table.alignment = WD_TABLE_ALIGNMENT.LEFT
        _no_cell_padding(table)
        for row in table.rows:
            for index, cell in enumerate(row.cells):
                cell.width = Inches(widths[index])
        for index, column in enumerate(table.columns):
            column.width = Inches(widths[index])
        return table

    def cell(self, cell: _Cell, *parts: Part, **kwargs: Any) -> Paragraph:
        """Write a paragraph into ``cell`` (its first, empty paragraph is used first)."""
        first = cell.paragraphs[0]
        if len(cell.paragraphs) == 1 and not first.runs:
            return self.para(*parts, reuse=first, **kwargs)
        return self.para(*parts, container=cell, **kwargs)

    def save(self, out: Path) -> None:
        """Write the document to ``out``."""
        self.document.save(str(out))
