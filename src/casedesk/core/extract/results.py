"""What text extraction returns, and the one error it raises (shared by text, mail and OCR)."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


@dataclass(frozen=True)
class ExtractedText:
    """The text of one file and how it was obtained."""

    text: str  # NFC, pages separated by "\f"
    pages: int | None  # page count where the format has pages (PDF), else None
    method: str  # "pdf-text" | "docx" | "email" | "msg" | "plain" | "ocr" | "none"
    needs_ocr: bool  # a PDF with (almost) no text layer, or an image
    encrypted: bool  # a password-protected PDF: text "", stored and flagged, not an error
    warnings: tuple[str, ...] = ()


class ExtractionError(Exception):
    """A file that cannot be read; str(exc) is one clear sentence for a legal secretary.

    ``detail`` keeps the technical reason (library message) for the log, never for the user.
    """

    def __init__(self, message: str, *, detail: str = "") -> None:
        super().__init__(message)
        self.detail = detail


def clean_text(text: str) -> str:
    """Normalise newlines, drop control characters (keeping tabs and newlines), NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", _CONTROL.sub("", text))
