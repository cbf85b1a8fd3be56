"""The text of a PDF brief, page by page and line by line, with font sizes (pdfium).

A table of authorities needs more than the text: which page label (the printed "12", "iv",
"3a") each line sits on, and which lines are footnotes (smaller type at the foot of the page).
pdfium gives each character's font size and position, which is what tells a footnote from the
body and the running header from the first line of text.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from casedesk.core.extract.text import _PDFIUM_LOCK
from casedesk.core.toa.model import ToaInputError

_SOFT_HYPHENS = ("\x02", "\ufffe", "\u00ad")


@dataclass(frozen=True)
class Line:
    """One line of a page as pdfium lays it out."""

    text: str
    size: float  # the line's dominant font size in points (0 when it has no visible text)
    top: float  # the baseline's height from the bottom of the page, in points
    small_lead: bool  # it starts with a number set smaller than the rest (a footnote mark)


@dataclass(frozen=True)
class RawPage:
    """The lines of one PDF page, top to bottom in pdfium's reading order."""

    index: int  # 0-based position in the PDF
    lines: tuple[Line, ...]
    height: float


def _line_size(sizes: list[float]) -> float:
    visible = [round(size, 1) for size in sizes if size > 1.5]
    if not visible:
        return 0.0
    return Counter(visible).most_common(1)[0][0]


def _split_lines(text: str, sizes: list[float]) -> list[tuple[str, list[float], int]]:
    """(text, sizes, first char index) per line; pdfium ends generated lines with "\\r\\n"."""
    lines: list[tuple[str, list[float], int]] = []
    start = 0
    length = len(text)
    index = 0
    while index <= length:
        if index == length or text[index] in "\r\n":
            lines.append((text[start:index], sizes[start:index], start))
            if index < length and text[index] == "\r" and text[index + 1 : index + 2] == "\n":
                index += 1
            start = index + 1
        index += 1
    return lines


def _small_lead(line: str, sizes: list[float], size: float) -> bool:
    """Whether the line opens with a digit run (or * / dagger) set smaller than the line."""
    stripped = len(line) - len(line.lstrip())
    end = stripped
    while end < len(line) and (line[end].isdigit() or line[end] in "*†‡"):
        end += 1
    if end == stripped or size <= 0:
        return False
    lead = [s for s in sizes[stripped:end] if s > 1.5]
    return bool(lead) and max(lead) < size * 0.85


def _without_superscripts(line: str, sizes: list[float], size: float, lead: bool) -> str:
    """The line without footnote reference marks (digits set well below the line's size).

    A footnote's own leading number (``lead``) is kept: it says which footnote this is.
    """
    if size <= 0:
        return line
    chars = list(line)
    start = 0
    if lead:
        start = len(line) - len(line.lstrip())
        while start < len(line) and (line[start].isdigit() or line[start] in "*†‡"):
            start += 1
    changed = False
    for index in range(start, len(chars)):
        if (chars[index].isdigit() or chars[index] in "*†‡") and 1.5 < sizes[index] < size * 0.8:
            chars[index] = ""
            changed = True
    return "".join(chars) if changed else line


_MARKS = frozenset("0123456789*†‡")
_SAMPLES = 9  # characters per line whose size decides the line's size


def _sized(text: str) -> list[int]:
    """The characters whose font size is read: a few spread over each line (the line's size)
    and every digit or footnote symbol (superscript footnote marks). Reading every character's
    size would cost a call per character."""
    wanted: list[int] = []
    start = 0
    for end in [*(m.start() for m in re.finditer("[\r\n]", text)), len(text)]:
        visible = [i for i in range(start, end) if not text[i].isspace()]
        step = max(1, len(visible) // _SAMPLES)
        wanted.extend(visible[::step])
        wanted.extend(i for i in visible if text[i] in _MARKS)
        start = end + 1
    return wanted


def _page_lines(page: object, pdfium_c: object) -> RawPage:
    textpage = page.get_textpage()  # type: ignore[attr-defined]
    try:
        raw = textpage.raw
        count = pdfium_c.FPDFText_CountChars(raw)  # type: ignore[attr-defined]
        text = textpage.get_text_range() if count > 0 else ""
        get_size = pdfium_c.FPDFText_GetFontSize  # type: ignore[attr-defined]
        sizes = [0.0] * len(text)
        for i in _sized(text):
            sizes[i] = get_size(raw, i)
        x, y = ctypes.c_double(), ctypes.c_double()
        origin = pdfium_c.FPDFText_GetCharOrigin  # type: ignore[attr-defined]
        lines: list[Line] = []
        for line_text, line_sizes, first in _split_lines(text, sizes):
            size = _line_size(line_sizes)
            top = 0.0
            offset = len(line_text) - len(line_text.lstrip())
            if line_text.strip() and origin(raw, first + offset, ctypes.byref(x), ctypes.byref(y)):
                top = y.value
            lead = _small_lead(line_text, line_sizes, size)
            line_text = _without_superscripts(line_text, line_sizes, size, lead)
            lines.append(Line(line_text, size, top, lead))
    finally:
        textpage.close()
    height = float(page.get_height())  # type: ignore[attr-defined]
    return RawPage(index=-1, lines=tuple(lines), height=height)


def read_pdf_lines(path: Path) -> list[RawPage]:
    """Every page of the PDF at ``path`` as lines with font sizes and heights.

    Raises :class:`ToaInputError` for a file that is not a PDF, is damaged or is encrypted.
    """
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    pages: list[RawPage] = []
    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise ToaInputError(
                    f"{path.name} is password-protected, so its text cannot be read."
                ) from exc
            raise ToaInputError(f"{path.name} is not a readable PDF (it may be damaged).") from exc
        try:
            for index in range(len(doc)):
                page = doc[index]
                try:
                    raw = _page_lines(page, pdfium_c)
                finally:
                    page.close()
                pages.append(RawPage(index=index, lines=raw.lines, height=raw.height))
        finally:
            doc.close()
    return pages


def clean_line(text: str) -> str:
    """A line without pdfium's soft-hyphen markers' oddities and stray control characters."""
    for marker in _SOFT_HYPHENS[1:]:
        text = text.replace(marker, "\x02")
    return "".join(ch for ch in text if ch in "\x02\t\n" or ch >= " ")
