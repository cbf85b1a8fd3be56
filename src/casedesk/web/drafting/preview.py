"""A preview of a document before it is generated: the filled-in text, shown in the page.

Nothing is saved or filed. Questions not answered yet appear as ``[Answer: Label]``
placeholders (highlighted in the page), so a half-filled form can be previewed; an answer that
does not read as its type (a bad date) is shown as a placeholder too, with its error beside
the question.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.drafting.services import draft_prepare, render_draft, work_dir
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

PLACEHOLDER = re.compile(r"\[Answer: [^\]]*\]")
PREVIEW_BLOCKS = 2_000


@dataclass(frozen=True)
class Segment:
    """A run of preview text; ``placeholder`` marks an ``[Answer: …]`` still to answer."""

    text: str
    placeholder: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (one cell) or a table row (several cells) of the preview."""

    kind: str  # "p", "row", "header", "footer"
    cells: tuple[tuple[Segment, ...], ...]
    align: str = ""  # "center", "right" or ""

    @property
    def blank(self) -> bool:
        return not any(seg.text.strip() for cell in self.cells for seg in cell)


@dataclass
class Preview:
    """The preview's blocks, the answer errors to show beside the questions, and notes."""

    blocks: list[Block] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str = ""


def segments(text: str) -> tuple[Segment, ...]:
    """``text`` split into plain runs and ``[Answer: …]`` placeholders."""
    out: list[Segment] = []
    at = 0
    for found in PLACEHOLDER.finditer(text):
        if found.start() > at:
            out.append(Segment(text[at : found.start()]))
        out.append(Segment(found.group(0), True))
        at = found.end()
    if at < len(text) or not out:
        out.append(Segment(text[at:]))
    return tuple(out)


def _align(paragraph: Any) -> str:
    value = paragraph.alignment
    if value is None:
        return ""
    name = str(getattr(value, "name", value)).lower()
    return "center" if "center" in name else "right" if "right" in name else ""


def read_blocks(path: Path) -> list[Block]:
    """The text of a Word file in reading order: header, body paragraphs and table rows, footer."""
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    blocks: list[Block] = []
    section = document.sections[0] if document.sections else None
    if section is not None:
        for p in section.header.paragraphs:
            if p.text.strip():
                blocks.append(Block("header", (segments(p.text),), _align(p)))
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, document)
            blocks.append(Block("p", (segments(p.text),), _align(p)))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[tuple[Segment, ...]] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    cells.append(segments(cell.text))
                blocks.append(Block("row", tuple(cells)))
        if len(blocks) >= PREVIEW_BLOCKS:
            break
    if section is not None:
        for p in section.footer.paragraphs:
            if p.text.strip():
                blocks.append(Block("footer", (segments(p.text),), _align(p)))
    return blocks


def document_preview(
    *, by: Any, matter: Matter, template: DraftTemplate, raw_answers: Mapping[str, str]
) -> Preview:
    """The document as it would be generated now, with placeholders for what is unanswered.

    Saves nothing. A template that cannot be filled in gives a ``Preview`` with ``problem``
    set (one sentence) rather than an error.
    """
    from casedesk.core.drafting.questions import AnswerErrors, apply_answers, parse_answers

    draft = draft_prepare(by, matter, template, raw_answers)
    preview = Preview()
    answers: dict[str, object] = {}
    stand_ins: dict[str, object] = {}  # for dates and amounts, if the template formats them
    for q in draft.questions:
        text = draft.raw.get(q.name, "")
        try:
            parsed = parse_answers([q], {q.name: text})
        except AnswerErrors as exc:
            if text.strip():
                preview.errors.update(exc.errors)
            preview.unanswered.append(q.label)
            answers[q.name] = f"[Answer: {q.label}]"
            if q.type == "date":
                stand_ins[q.name] = dt.date.today()
            elif q.type == "money":
                stand_ins[q.name] = "0.00"
            continue
        answers.update(parsed)
    with work_dir() as tmp:
        out = tmp / "preview.docx"
        try:
            render_draft(draft.version, apply_answers(draft.data, answers), out)
        except ServiceError as first:
            if not stand_ins:
                preview.problem = first.message
                return preview
            try:
                render_draft(
                    draft.version, apply_answers(draft.data, {**answers, **stand_ins}), out
                )
            except ServiceError as exc:
                preview.problem = exc.message
                return preview
            preview.notes.append(
                "Dates and amounts not answered yet are shown as today's date and $0.00."
            )
        preview.blocks = read_blocks(out)
    return preview
