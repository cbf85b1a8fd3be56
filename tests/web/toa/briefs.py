"""Small briefs for the web tests, with known citations on known printed pages.

``write_brief`` lays out a PDF with WeasyPrint (``tests/core/toa/briefs.py``): a roman-numbered
front page, then three body pages numbered 1-3 at the foot. ``write_docx_brief`` writes the same
brief as Word, with a PAGE field in the footer, for LibreOffice to lay out.
"""

from __future__ import annotations

from pathlib import Path

from tests.core.toa.briefs import make_brief, paragraphs

BODY = [
    (
        "The right at issue was recognised in Roe v. Wade, 410 U.S. 113 (1973).",
        "Relief is sought under 42 U.S.C. § 1983 for the deprivation of that right.",
    ),
    (
        "The same holding is reported as Roe v. Wade, 93 S. Ct. 705 (1973).",
        "Separate is not equal. Brown v. Board of Education, 347 U.S. 483 (1954).",
        "Summary judgment is proper when no fact is in dispute. Fed. R. Civ. P. 56(a).",
    ),
    (
        "Brown, 347 U.S. at 495, controls the remedy.",
        "The Fourteenth Amendment guarantees equal protection. U.S. Const. amend. XIV, § 1.",
    ),
]
FRONT = "<h2>TABLE OF CONTENTS</h2><p>Argument 1</p>"

# What the engine makes of the brief: (category, authority, pages), in table order.
EXPECTED = [
    ("cases", "Brown v. Board of Education, 347 U.S. 483 (1954)", ["2", "3"]),
    ("cases", "Roe v. Wade, 410 U.S. 113 (1973)", ["1"]),
    ("cases", "Roe v. Wade, 93 S. Ct. 705 (1973)", ["2"]),
    ("constitutional provisions", "U.S. Const. amend. XIV, § 1", ["3"]),
    ("statutes", "42 U.S.C. § 1983", ["1"]),
    ("rules", "Fed. R. Civ. P. 56(a)", ["2"]),
]


def write_brief(path: Path, *, canary: str = "") -> Path:
    """A four-page brief PDF: "i" (contents), then pages 1-3 citing :data:`EXPECTED`."""
    body = [paragraphs(*texts) for texts in BODY]
    if canary:
        body[0] = paragraphs(f"{canary} brief.") + body[0]
    return make_brief(path, front=[FRONT], body=body)


def write_docx_brief(path: Path) -> Path:
    """The same brief as a Word file: one page per part, page numbers in the footer."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    document = docx.Document()
    footer = document.sections[0].footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = footer.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        else:
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
    for index, texts in enumerate(BODY):
        for text in texts:
            document.add_paragraph(text)
        if index < len(BODY) - 1:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    document.save(str(path))
    return path
