"""``generate_toa``: a brief (PDF or DOCX) in, its table of authorities out.

A Word document is first laid out into pages by LibreOffice (pages must fall where the court
will see them); a scanned PDF is OCRed first. A file that cannot be read raises
:class:`ToaInputError` with one sentence naming the file.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

from casedesk.core.toa import data
from casedesk.core.toa.appendix import reproduced
from casedesk.core.toa.document import BriefText
from casedesk.core.toa.engine import (
    _references_by_page,
    _references_by_paragraph,
    build_entries,
    find_mentions,
)
from casedesk.core.toa.mentions import Mention
from casedesk.core.toa.model import PARAGRAPH, PDF, PRINTED, ToaInputError, ToaResult
from casedesk.core.toa.pages import APPENDIX, ARABIC, Page, build_pages
from casedesk.core.toa.pdftext import RawPage, read_pdf_lines

MIN_CHARS_PER_PAGE = 20
"""A PDF averaging fewer non-space characters per page than this is read as a scan."""


class Converter(Protocol):
    """What turns a Word document into a PDF (``WarmConverter`` has this shape)."""

    def convert(self, src: Path, dst: Path) -> None: ...


ConverterLike = Converter | Callable[[Path, Path], None]


def _convert(path: Path, dst: Path, converter: ConverterLike | None) -> None:
    from casedesk.core.drafting.convert import ConversionError, convert_cold, soffice_path

    try:
        if converter is None:
            if soffice_path() is None:
                raise ToaInputError(
                    f"{path.name} is a Word document, and LibreOffice is not installed to lay "
                    "it out into pages; save the brief as PDF and run again."
                )
            convert_cold(path, dst)
        elif callable(converter):
            converter(path, dst)
        else:
            converter.convert(path, dst)
    except ConversionError as exc:
        raise ToaInputError(f"{path.name} could not be converted to PDF: {exc}") from exc


def _kind(path: Path) -> str:
    from casedesk.core.extract.kinds import FileKind, sniff_path

    try:
        kind = sniff_path(path)
    except OSError as exc:
        raise ToaInputError(f"{path.name} could not be opened ({exc.strerror or exc}).") from exc
    if kind is FileKind.PDF:
        return "pdf"
    if kind is FileKind.DOCX:
        return "docx"
    raise ToaInputError(f"{path.name} is not a PDF or a Word (.docx) document.")


def _non_space(pages: list[RawPage]) -> int:
    return sum(len("".join(line.text.split())) for page in pages for line in page.lines)


def _ocr(path: Path, work: Path) -> list[RawPage]:
    from casedesk.core.extract.kinds import FileKind
    from casedesk.core.extract.ocr import ocr_to_pdf
    from casedesk.core.extract.results import ExtractionError

    searchable = work / "ocr.pdf"
    try:
        ocr_to_pdf(path, searchable, kind=FileKind.PDF)
    except ExtractionError as exc:
        raise ToaInputError(f"{path.name} is a scan without text, and OCR failed: {exc}") from exc
    return read_pdf_lines(searchable)


def read_brief(
    path: Path, *, converter: ConverterLike | None = None
) -> tuple[list[RawPage], list[str]]:
    """The pages of the brief at ``path`` as laid-out lines, and warnings about how it was read."""
    path = Path(path)
    if not path.is_file():
        raise ToaInputError(f"{path.name}: no such file.")
    if path.stat().st_size == 0:
        raise ToaInputError(f"{path.name} is empty.")
    warnings: list[str] = []
    kind = _kind(path)
    with tempfile.TemporaryDirectory(prefix="casedesk-toa-") as tmp:
        work = Path(tmp)
        pdf = path
        if kind == "docx":
            pdf = work / "brief.pdf"
            _convert(path, pdf, converter)
        pages = read_pdf_lines(pdf)
        if not pages:
            raise ToaInputError(f"{path.name} has no pages.")
        if _non_space(pages) / len(pages) < MIN_CHARS_PER_PAGE:
            pages = _ocr(pdf, work)
            warnings.append(
                f"{path.name} has no text layer (a scan); it was OCRed first, so check the "
                "table against the brief."
            )
            if _non_space(pages) / len(pages) < MIN_CHARS_PER_PAGE:
                raise ToaInputError(f"{path.name} is a scan and OCR found no text in it.")
    return pages, warnings


def _without_appendix_only(brief: BriefText, mentions: list[Mention]) -> list[Mention]:
    """Citations in an appendix ("3a") count only for authorities the brief itself cites: an
    appendix reproducing statutes cites the provisions it reproduces, which are not the
    brief's authorities unless the argument relies on them."""
    body_keys = {m.key for m in mentions if brief.pages[brief.place(m.start).page].kind != APPENDIX}
    return [
        m
        for m in mentions
        if m.key in body_keys or brief.pages[brief.place(m.start).page].kind != APPENDIX
    ]


def toa_from_pages(
    raw_pages: list[RawPage],
    *,
    passim: int = 5,
    paragraphs: bool = False,
    order: Sequence[str] | None = None,
    warnings: Sequence[str] = (),
) -> ToaResult:
    """The table of authorities of already-read pages (see :func:`generate_toa`)."""
    notes = list(warnings)
    pages, printed = build_pages(raw_pages)
    if not printed:
        notes.append("No printed page numbers were found; the pages are the PDF's page numbers.")
    return _toa(
        pages, PRINTED if printed else PDF, notes, passim=passim, paragraphs=paragraphs, order=order
    )


def toa_from_text(
    text: str,
    *,
    passim: int = 5,
    paragraphs: bool = False,
    order: Sequence[str] | None = None,
) -> ToaResult:
    """The table of authorities of plain text, pages separated by form feeds ("\\f"), each
    page numbered from 1 (pasted text, tests)."""
    pages = [
        Page(index=i, label=str(i + 1), kind=ARABIC, main=page, footnotes=())
        for i, page in enumerate(text.split("\f"))
    ]
    return _toa(pages, PRINTED, [], passim=passim, paragraphs=paragraphs, order=order)


def _toa(
    pages: list[Page],
    system: str,
    notes: list[str],
    *,
    passim: int,
    paragraphs: bool,
    order: Sequence[str] | None,
) -> ToaResult:
    brief = BriefText(pages)
    mentions = find_mentions(brief.text, brief.stream)
    skipped = brief.skipped_spans(data.skip_sections())
    if skipped:
        mentions = [m for m in mentions if not any(a <= m.start < b for a, b in skipped)]

    def in_appendix(offset: int) -> bool:
        return brief.pages[brief.place(offset).page].kind == APPENDIX

    extra = reproduced(brief.text, mentions, in_appendix)
    mentions = _without_appendix_only(brief, mentions) + extra
    marks = brief.paragraph_places() if paragraphs else None
    if paragraphs and marks is None:
        notes.append("No numbered paragraphs were found; the references are to pages.")
    if marks is not None:
        references = _references_by_paragraph(marks, mentions)
        system = PARAGRAPH
    else:
        references = _references_by_page(brief, mentions)
    category_order = tuple(order) if order else data.category_order()
    entries = build_entries(mentions, references, passim=passim, order=category_order)
    if not entries:
        notes.append("No authorities were found in the brief.")
    return ToaResult(
        entries=entries,
        warnings=tuple(notes),
        page_system=system,
        pages_scanned=sum(1 for page in pages if page.scanned),
        category_order=category_order,
        passim_threshold=passim,
    )


def generate_toa(
    path: Path,
    *,
    passim: int = 5,
    paragraphs: bool = False,
    converter: ConverterLike | None = None,
    order: Sequence[str] | None = None,
) -> ToaResult:
    """The table of authorities of the brief at ``path`` (PDF or DOCX).

    ``passim``: an authority cited on this many different pages or more is marked passim
    (Word's threshold; 0 turns it off; its pages are kept). ``paragraphs``: refer to numbered
    paragraphs instead of pages (N.D. R. App. P. 28(b)(2)). ``converter``: how a DOCX becomes a
    PDF (a ``WarmConverter`` or a function ``(src, dst)``; default one cold LibreOffice run).
    ``order``: the category order (default from ``data/conventions.toml``).
    Raises :class:`ToaInputError` for a missing, empty, encrypted or unreadable file.
    """
    raw_pages, warnings = read_brief(Path(path), converter=converter)
    return toa_from_pages(
        raw_pages, passim=passim, paragraphs=paragraphs, order=order, warnings=warnings
    )
