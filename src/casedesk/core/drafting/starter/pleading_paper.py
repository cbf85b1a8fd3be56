"""California 28-line pleading paper (Cal. Rules of Court, rules 2.107–2.110).

How it is made, and why: rule 2.108 asks for lines numbered consecutively from 1 on each
page, at least three to the vertical inch, in the left margin, separated from the text by a
single or double vertical line. Word's own line numbering (``w:lnNumType``) numbers only the
lines that hold text — blank space at the foot of a page, and table rows, get no numbers — so
it cannot give the fixed 1–28 column real pleading paper has. Instead, as Word's own pleading
templates do, the numbers live in the page header, in a frame (``w:framePr``) anchored to the
page: a column of 28 paragraphs at exactly 24 points each, starting at the one-inch top
margin, so they repeat on every page independent of the text. The frame's paragraphs carry a
double right border, which draws the double rule between the numbers and the text from the top
to the bottom of the page; a second, narrow header frame at the right margin carries the
single rule. The body keeps to the same grid: every paragraph is exactly 24 points
(double-spaced) or 12 points (single-spaced), top margin one inch, 28 lines to the page.

Rule 2.110's footer sits under the page number: a printed line, then the paper's title.
"""

from __future__ import annotations

from docx.enum.text import WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt, Twips
from docx.text.paragraph import Paragraph

from casedesk.core.drafting.starter.docx_build import (
    CENTER,
    RIGHT,
    Builder,
    set_paragraph_border,
)

LINES = 28
LINE_TWIPS = 480  # 24 points
PAGE_TWIPS = 15840  # 11 inches
TOP_TWIPS = 1440  # the first numbered line starts at the one-inch top margin
BOTTOM_TWIPS = PAGE_TWIPS - TOP_TWIPS - LINES * LINE_TWIPS  # 960: two-thirds of an inch
NUMBERS_X = Inches(0.6)
NUMBERS_W = Inches(0.65)
RIGHT_RULE_X = Inches(8.08)


def _frame(paragraph: Paragraph, x: int, width: int) -> None:
    """Put ``paragraph`` in a full-page-height frame anchored to the page at ``x``."""
    ppr = paragraph._p.get_or_add_pPr()
    frame = OxmlElement("w:framePr")
    for key, value in (
        ("w", str(width)),
        ("h", str(PAGE_TWIPS)),
        ("hRule", "exact"),
        ("hSpace", "0"),
        ("wrap", "around"),
        ("vAnchor", "page"),
        ("hAnchor", "page"),
        ("x", str(x)),
        ("y", "0"),
    ):
        frame.set(qn(f"w:{key}"), value)
    ppr.insert_element_before(
        frame,
        "w:widowControl",
        "w:numPr",
        "w:suppressLineNumbers",
        "w:pBdr",
        "w:shd",
        "w:tabs",
        "w:spacing",
        "w:ind",
        "w:jc",
        "w:rPr",
    )


def _exact(paragraph: Paragraph, twips: int) -> None:
    fmt = paragraph.paragraph_format
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    fmt.line_spacing = Twips(twips)
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(0)


def _page_field(paragraph: Paragraph) -> None:
    """Append a PAGE field (the page number) to ``paragraph``."""
    for kind, text in (("begin", None), ("instr", " PAGE "), ("separate", None), ("t", "1")):
        run = paragraph.add_run()
        run.font.size = Pt(10)
        if kind == "instr":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        elif kind == "t":
            run.text = text or ""
        else:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
    end = paragraph.add_run()
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), "end")
    end._r.append(char)


def pleading_paper(b: Builder, *, footer_title: str) -> None:
    """Turn ``b``'s section into pleading paper with ``footer_title`` (Jinja) in the footer."""
    section = b.section
    section.top_margin = Twips(TOP_TWIPS)
    section.bottom_margin = Twips(BOTTOM_TWIPS)
    section.left_margin = Inches(1.5)
    section.right_margin = Inches(0.5)
    section.header_distance = Inches(0.5)
    section.footer_distance = Inches(0.2)
    normal = b.document.styles["Normal"].paragraph_format
    normal.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.line_spacing = Pt(12)

    header = section.header
    header.is_linked_to_previous = False
    anchor = header.paragraphs[0]
    # the numbered column: a spacer down to the top margin, lines 1-28, a spacer to the foot
    column: list[tuple[str, int]] = [("", TOP_TWIPS)]
    column += [(str(number), LINE_TWIPS) for number in range(1, LINES + 1)]
    column.append(("", BOTTOM_TWIPS))
    for text, height in column:
        paragraph = anchor.insert_paragraph_before(text)
        paragraph.alignment = RIGHT
        _frame(paragraph, NUMBERS_X.twips, NUMBERS_W.twips)
        _exact(paragraph, height)
        set_paragraph_border(paragraph, right="double")
    # the single rule at the right margin: one paragraph as tall as the page
    rule = anchor.insert_paragraph_before("")
    _frame(rule, RIGHT_RULE_X.twips, Inches(0.2).twips)
    _exact(rule, PAGE_TWIPS)
    set_paragraph_border(rule, left="single")
    anchor.paragraph_format.space_after = Pt(0)
    anchor.add_run("").font.size = Pt(2)
    _exact(anchor, 40)

    footer = section.footer
    footer.is_linked_to_previous = False
    number = footer.paragraphs[0]
    number.alignment = CENTER
    _exact(number, 240)
    _page_field(number)
    title = footer.add_paragraph()
    title.alignment = CENTER
    _exact(title, 240)
    run = title.add_run(footer_title)
    run.font.size = Pt(10)
    set_paragraph_border(title, top="single")
