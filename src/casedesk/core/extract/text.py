"""Plain text from the files a law office receives: PDF, Word, e-mail (.eml/.msg), plain text.

Everything here is pure: a path in, frozen dataclasses out, no database and no Django. A file
that cannot be read raises :class:`ExtractionError` whose message is one sentence a legal
secretary can act on; a password-protected PDF is *not* an error (it is stored and flagged).
Scans are recognised (``needs_ocr``) but not OCRed here: see :mod:`.ocr`.
"""

from __future__ import annotations

import re
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

from .kinds import FileKind
from .mail import EmailAttachment, EmailParts, email_text, html_to_text, read_email
from .results import ExtractedText, ExtractionError
from .results import clean_text as _clean

MIN_CHARS_PER_PAGE = 20
"""A PDF averaging fewer non-space characters per page than this is treated as a scan."""

# pdfium is not thread-safe: one document at a time per process.
_PDFIUM_LOCK = threading.Lock()
_NON_SPACE = re.compile(r"\S")


def _non_space(text: str) -> int:
    """How many non-whitespace characters ``text`` has."""
    return len(_NON_SPACE.findall(text))


# --- PDF -------------------------------------------------------------------------------------


class _Locked(Exception):
    """The PDF needs a password to open."""


def _pdf_page_text(raw: str) -> str:
    """Tidy pdfium's page text: its hyphen markers (U+0002, U+FFFE) become "-" at a line end
    (a printed hyphen) and disappear elsewhere (a soft hyphen inside a word)."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    raw = re.sub("[\x02\ufffe]\n", "-\n", raw)
    return _clean(raw)


def _read_pdf(path: Path) -> tuple[list[str], list[int]]:
    """Per-page text of the PDF at ``path`` and the 1-based numbers of pages that failed."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    with _PDFIUM_LOCK:
        try:
            doc = pdfium.PdfDocument(path)
        except pdfium.PdfiumError as exc:
            if exc.err_code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
                raise _Locked from exc
            raise
        pages: list[str] = []
        failed: list[int] = []
        try:
            for index in range(len(doc)):
                try:
                    page = doc[index]
                    try:
                        textpage = page.get_textpage()
                        pages.append(_pdf_page_text(textpage.get_text_bounded()))
                        textpage.close()
                    finally:
                        page.close()
                except pdfium.PdfiumError:
                    pages.append("")
                    failed.append(index + 1)
        finally:
            doc.close()
    return pages, failed


def _repair_and_read(path: Path) -> tuple[list[str], list[int]]:
    """Let qpdf rebuild a damaged PDF into a temporary copy and read that copy."""
    import pikepdf
    import pypdfium2 as pdfium

    with tempfile.TemporaryDirectory(prefix="casedesk-repair-") as tmp:
        repaired = Path(tmp) / "repaired.pdf"
        try:
            with pikepdf.open(path) as pdf:
                pdf.save(repaired)
        except pikepdf.PasswordError as exc:
            raise _Locked from exc
        except (pikepdf.PdfError, OSError, RuntimeError, ValueError) as exc:
            raise ExtractionError(_damaged_message(path), detail=str(exc)) from exc
        try:
            return _read_pdf(repaired)
        except pdfium.PdfiumError as exc:
            raise ExtractionError(_damaged_message(path), detail=str(exc)) from exc


def _damaged_message(path: Path) -> str:
    """The sentence shown for an unreadable PDF, guessing at a cut-off file."""
    with path.open("rb") as fh:
        size = fh.seek(0, 2)
        fh.seek(max(0, size - 2048))
        tail = fh.read()
    if b"%%EOF" not in tail:
        return (
            "This PDF is damaged and could not be read: the file seems to be cut off "
            "(an incomplete download or copy)."
        )
    return "This PDF is damaged and could not be read: its internal structure is broken."


def _extract_pdf(path: Path) -> ExtractedText:
    """Text of a PDF (pdfium; qpdf repair when needed); flags scans and password protection."""
    import pypdfium2 as pdfium

    warnings: list[str] = []
    try:
        try:
            pages, failed = _read_pdf(path)
        except pdfium.PdfiumError:
            pages, failed = _repair_and_read(path)
            warnings.append("This PDF was damaged; its text was read from a repaired copy.")
    except _Locked:
        locked = "This PDF is password-protected, so its text cannot be read."
        return ExtractedText("", None, "none", False, True, (locked,))
    if failed:
        warnings.append(f"{len(failed)} page(s) could not be read: {_page_list(failed)}.")
    counts = [_non_space(page) for page in pages]
    needs_ocr = bool(pages) and sum(counts) / len(pages) < MIN_CHARS_PER_PAGE
    empty = [number for number, count in enumerate(counts, 1) if count < MIN_CHARS_PER_PAGE]
    if not pages:
        warnings.append("This PDF has no pages.")
    elif empty and not needs_ocr:
        warnings.append(f"{len(empty)} page(s) have little or no text: {_page_list(empty)}.")
    return ExtractedText(
        text="\f".join(pages),
        pages=len(pages),
        method="pdf-text",
        needs_ocr=needs_ocr,
        encrypted=False,
        warnings=tuple(warnings),
    )


def _page_list(numbers: list[int], limit: int = 10) -> str:
    """ "3, 4, 9" (with "and N more" after ``limit`` numbers)."""
    shown = ", ".join(str(n) for n in numbers[:limit])
    return shown if len(numbers) <= limit else f"{shown} and {len(numbers) - limit} more"


# --- Word ------------------------------------------------------------------------------------


def _docx_blocks(container: object) -> Iterator[str]:
    """Text of each paragraph and table row in a python-docx block container, in order."""
    from docx.table import Table

    for item in container.iter_inner_content():  # type: ignore[attr-defined]
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                seen: set[int] = set()
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats in every column it spans
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" / ".join(t for t in _docx_blocks(cell) if t.strip()))
                yield "\t".join(cells)
        else:
            yield str(item.text)


def _extract_docx(path: Path) -> ExtractedText:
    """Text of a Word document: headers, then body paragraphs and tables in order, then footers."""
    import docx

    try:
        document = docx.Document(str(path))
        body = list(_docx_blocks(document))
        headers: list[str] = []
        footers: list[str] = []
        for section in document.sections:
            for target, parts in (
                (headers, (section.first_page_header, section.header, section.even_page_header)),
                (footers, (section.first_page_footer, section.footer, section.even_page_footer)),
            ):
                for part in parts:
                    if part.is_linked_to_previous:
                        continue
                    text = "\n".join(_docx_blocks(part)).strip()
                    if text and text not in target:
                        target.append(text)
    except Exception as exc:  # python-docx raises many types on a broken package
        raise ExtractionError(
            "This Word document could not be read; it may be damaged, password-protected, "
            "or not a .docx document.",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    blocks = ("\n".join(headers), "\n".join(body), "\n".join(footers))
    text = "\n\n".join(block for block in blocks if block.strip())
    return ExtractedText(_clean(text).strip("\n"), None, "docx", False, False)


# --- E-mail ----------------------------------------------------------------------------------


def _extract_plain(path: Path) -> ExtractedText:
    """Decode a text file: UTF-8 (BOM optional), UTF-16 with BOM, else Windows-1252."""
    data = path.read_bytes()
    warnings: tuple[str, ...] = ()
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", "replace")
            if "\ufffd" in text:
                warnings = ("Some characters in this text file could not be decoded.",)
    return ExtractedText(_clean(text), None, "plain", False, False, warnings)


def extract_text(path: Path, kind: FileKind) -> ExtractedText:
    """The text of the file at ``path``, read as ``kind`` (see :func:`.kinds.sniff_path`).

    Raises :class:`ExtractionError` for an empty, missing or unreadable file. Images and
    scanned PDFs come back with ``needs_ocr=True``; kinds without text (ZIP, unknown) come back
    empty with ``method="none"``.
    """
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ExtractionError("The file could not be found.", detail=str(exc)) from exc
    if size == 0:
        raise ExtractionError("The file is empty.")
    try:
        if kind is FileKind.PDF:
            return _extract_pdf(path)
        if kind is FileKind.DOCX:
            return _extract_docx(path)
        if kind in (FileKind.EML, FileKind.MSG):
            method = "email" if kind is FileKind.EML else "msg"
            return ExtractedText(email_text(read_email(path, kind)), None, method, False, False)
        if kind is FileKind.TEXT:
            return _extract_plain(path)
    except OSError as exc:
        raise ExtractionError("The file could not be opened.", detail=str(exc)) from exc
    if kind is FileKind.IMAGE:
        return ExtractedText("", None, "none", needs_ocr=True, encrypted=False)
    return ExtractedText(
        "", None, "none", False, False, ("casedesk cannot take text from this kind of file.",)
    )


__all__ = [
    "MIN_CHARS_PER_PAGE",
    "EmailAttachment",
    "EmailParts",
    "ExtractedText",
    "ExtractionError",
    "extract_text",
    "html_to_text",
    "read_email",
]
