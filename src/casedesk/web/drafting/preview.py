"""A preview of a document before it is generated: the filled-in text, shown in the page.

Nothing is saved or filed. Questions not answered yet appear as ``[Answer: Label]``
placeholders (highlighted in the page), so a half-filled form can be previewed; an answer that
does not read as its type (a bad date) is shown as a placeholder too, and listed by its
question's label with its error. Bold runs of the Word file stay bold.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from casedesk.web.drafting.forms import input_id
from casedesk.web.drafting.models import DraftTemplate
from casedesk.web.drafting.services import draft_prepare, render_draft, work_dir
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

PLACEHOLDER = re.compile(r"\[Answer: [^\]]*\]")
PREVIEW_BLOCKS = 2_000


@dataclass(frozen=True)
class Segment:
    """A run of preview text; ``placeholder`` marks an ``[Answer: …]`` still to answer and
    ``bold`` text that is bold in the Word file (headings, caption legends)."""

    text: str
    placeholder: bool = False
    bold: bool = False


@dataclass(frozen=True)
class Block:
    """A paragraph (one cell) or a table row (several cells) of the preview."""

    kind: str  # "p", "row", "header", "footer"
    cells: tuple[tuple[Segment, ...], ...]
    align: str = ""  # "center", "right" or ""

    @property
    def blank(self) -> bool:
        return not any(seg.text.strip() for cell in self.cells for seg in cell)


@dataclass(frozen=True)
class AnswerProblem:
    """An answer given but not usable: the question's label, its error, and its input's id."""

    name: str
    label: str
    error: str
    input_id: str


@dataclass
class Preview:
    """The preview's blocks, the answer errors to show beside the questions, and notes.

    ``unanswered`` lists the labels of questions left blank; ``invalid`` the answers given
    that could not be used (both are shown as placeholders in the text).
    """

    blocks: list[Block] = field(default_factory=list)
    errors: dict[str, str] = field(default_factory=dict)
    unanswered: list[str] = field(default_factory=list)
    invalid: list[AnswerProblem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    problem: str = ""


def segments(text: str, bold: Sequence[tuple[int, int]] = ()) -> tuple[Segment, ...]:
    """``text`` split into plain runs and ``[Answer: …]`` placeholders; ``bold`` gives the
    (start, end) character spans that are bold."""
    cuts = {0, len(text)}
    spans = [(m.start(), m.end()) for m in PLACEHOLDER.finditer(text)]
    for start, end in [*spans, *bold]:
        cuts.update((start, end))
    points = sorted(c for c in cuts if 0 <= c <= len(text))
    out: list[Segment] = []
    for start, end in zip(points, points[1:], strict=False):
        piece = Segment(
            text[start:end],
            any(a <= start and end <= b for a, b in spans),
            any(a <= start and end <= b for a, b in bold),
        )
        if out and (out[-1].placeholder, out[-1].bold) == (piece.placeholder, piece.bold):
            out[-1] = Segment(out[-1].text + piece.text, piece.placeholder, piece.bold)
        else:
            out.append(piece)
    return tuple(out) or (Segment(""),)


def _align(paragraph: Any) -> str:
    value = paragraph.alignment
    if value is None:
        return ""
    name = str(getattr(value, "name", value)).lower()
    return "center" if "center" in name else "right" if "right" in name else ""


def _style_bold(style: Any) -> bool | None:
    """Whether a style (or the style it is based on) makes text bold; ``None`` if none says."""
    seen = 0
    while style is not None and seen < 20:
        font = getattr(style, "font", None)
        if font is not None and font.bold is not None:
            return bool(font.bold)
        style = getattr(style, "base_style", None)
        seen += 1
    return None


def _run_bold(run: Any, paragraph_bold: bool) -> bool:
    if run.bold is not None:
        return bool(run.bold)
    try:
        by_style = _style_bold(run.style)
    except (KeyError, ValueError, AttributeError):
        by_style = None
    return paragraph_bold if by_style is None else by_style


def paragraph_segments(paragraph: Any) -> tuple[Segment, ...]:
    """A paragraph's text as segments, keeping which runs are bold."""
    try:
        paragraph_bold = bool(_style_bold(paragraph.style))
    except (KeyError, ValueError, AttributeError):
        paragraph_bold = False
    parts: list[str] = []
    bold: list[tuple[int, int]] = []
    at = 0
    inner = getattr(paragraph, "iter_inner_content", None)
    items = list(inner()) if inner is not None else list(paragraph.runs)
    for item in items:
        runs = getattr(item, "runs", None)
        for run in runs if runs is not None else [item]:
            text = run.text
            if text and _run_bold(run, paragraph_bold):
                bold.append((at, at + len(text)))
            parts.append(text)
            at += len(text)
    text = "".join(parts)
    if text != paragraph.text:  # content python-docx does not expose as runs: keep the text
        return segments(paragraph.text)
    return segments(text, bold)


def cell_segments(cell: Any) -> tuple[Segment, ...]:
    """A table cell's paragraphs as segments, one line each."""
    out: list[Segment] = []
    for i, paragraph in enumerate(cell.paragraphs):
        if i:
            out.append(Segment("\n"))
        out.extend(s for s in paragraph_segments(paragraph) if s.text)
    return tuple(out) or (Segment(""),)


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
                blocks.append(Block("header", (paragraph_segments(p),), _align(p)))
    for child in document.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, document)
            blocks.append(Block("p", (paragraph_segments(p),), _align(p)))
        elif tag == "tbl":
            for row in Table(child, document).rows:
                cells: list[tuple[Segment, ...]] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats
                        continue
                    seen.add(id(cell._tc))
                    cells.append(cell_segments(cell))
                blocks.append(Block("row", tuple(cells)))
        if len(blocks) >= PREVIEW_BLOCKS:
            break
    if section is not None:
        for p in section.footer.paragraphs:
            if p.text.strip():
                blocks.append(Block("footer", (paragraph_segments(p),), _align(p)))
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
                for name, error in exc.errors.items():
                    preview.invalid.append(AnswerProblem(name, q.label, error, input_id(name)))
            else:
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
                "Dates and amounts still to answer or correct are shown as today's date and $0.00."
            )
        preview.blocks = read_blocks(out)
    return preview
