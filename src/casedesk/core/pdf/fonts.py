"""The standard PDF fonts casedesk stamps with, their widths, and WinAnsi text encoding.

Stamps use six of the standard 14 fonts, which every PDF reader has built in, so nothing
is embedded and a stamped page grows by a few hundred bytes. Text is written in
WinAnsiEncoding (Windows-1252), so a stamp can hold Latin letters with accents, digits and
common punctuation, but not Vietnamese tone marks, Greek, Arabic or CJK: `encode_winansi`
refuses those with a sentence the user can act on, and `to_winansi` offers a lossy
transliteration for text that is only descriptive (titles, file names on slip sheets).

Widths come from ``data/standard_font_widths.json`` (generated once from the URW base-35 AFM
files by ``scripts/make_font_widths.py``; see its ``source``).
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pikepdf
from unidecode import unidecode

FONTS: tuple[str, ...] = (
    "Helvetica",
    "Helvetica-Bold",
    "Times-Roman",
    "Times-Bold",
    "Courier",
    "Courier-Bold",
)

# Characters cp1252 cannot encode but WinAnsiEncoding maps (PDF 1.7 Annex D).
_EXTRA = {"\u00a0": 0xA0, "\u00ad": 0xAD}


@dataclass(frozen=True)
class FontMetrics:
    """A font's widths (per WinAnsi byte) and vertical metrics, in thousandths of the size."""

    name: str
    widths: tuple[int, ...]
    ascent: float
    descent: float
    cap_height: float


@cache
def _table() -> dict[str, FontMetrics]:
    """Load the width tables once."""
    raw = resources.files("casedesk.core.pdf").joinpath("data/standard_font_widths.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    return {
        name: FontMetrics(
            name=name,
            widths=tuple(int(w) for w in entry["widths"]),
            ascent=float(entry["ascent"]),
            descent=float(entry["descent"]),
            cap_height=float(entry["cap_height"]),
        )
        for name, entry in data["fonts"].items()
    }


def check_font(font: str) -> str:
    """Return ``font`` if casedesk offers it, else raise ValueError listing the choices."""
    if font not in FONTS:
        raise ValueError(f"The font {font!r} is not available: choose one of {', '.join(FONTS)}.")
    return font


def font_metrics(font: str) -> FontMetrics:
    """Widths and vertical metrics of one of `FONTS` (ValueError for any other name)."""
    return _table()[check_font(font)]


def _describe(char: str) -> str:
    """How an unstampable character is named in a message."""
    if char in "\r\n":
        return "a line break"
    if char == "\t":
        return "a tab"
    if unicodedata.category(char).startswith("C"):
        return f"the control character U+{ord(char):04X}"
    return f"'{char}'"


@cache
def _encode_char(char: str) -> int | None:
    """The WinAnsi byte of one character, or None when it has none (or is a control)."""
    if char in _EXTRA:
        return _EXTRA[char]
    try:
        code = char.encode("cp1252")[0]
    except UnicodeEncodeError:
        return None
    if code < 32 or code == 127:
        return None
    return code


def encode_winansi(text: str, *, what: str = "The text") -> bytes:
    """Encode ``text`` for a WinAnsi standard font, or raise ValueError naming the culprit.

    The text is NFC-normalised first (so a decomposed "é" works). ``what`` starts the message:
    "The legend can only use Latin letters, digits and common punctuation: 'ộ' cannot be
    stamped."
    """
    if text.isascii() and text.isprintable():
        return text.encode("ascii")
    out = bytearray()
    for char in unicodedata.normalize("NFC", text):
        code = _encode_char(char)
        if code is None:
            raise ValueError(
                f"{what} can only use Latin letters, digits and common punctuation: "
                f"{_describe(char)} cannot be stamped."
            )
        out.append(code)
    return bytes(out)


def to_winansi(text: str) -> str:
    """A stampable version of descriptive text: transliterate what WinAnsi cannot show.

    Accented Latin letters WinAnsi has are kept ("Société"); others are transliterated
    ("Nguyễn" -> "Nguyen", Greek and Cyrillic to Latin letters); control characters become
    spaces; what has no transliteration becomes "?". Use it for titles and file names,
    never for a Bates label or a legend, which must be exactly what the user typed.
    """
    out: list[str] = []
    for char in unicodedata.normalize("NFC", text):
        if _encode_char(char) is not None:
            out.append(char)
        elif unicodedata.category(char).startswith("C") or char.isspace():
            out.append(" ")
        else:
            plain = unidecode(char)
            out.append(plain if plain and all(_encode_char(c) is not None for c in plain) else "?")
    return "".join(out)


def text_width(font: str, size: float, text: str) -> float:
    """Width in points of ``text`` set in ``font`` at ``size`` (no kerning, as PDF draws it).

    Raises ValueError when the text cannot be encoded (see `encode_winansi`).
    """
    widths = font_metrics(font).widths
    return sum(widths[b] for b in encode_winansi(text)) * size / 1000.0


def bytes_width(font: str, size: float, data: bytes) -> float:
    """Width in points of already encoded WinAnsi bytes."""
    widths = font_metrics(font).widths
    return sum(widths[b] for b in data) * size / 1000.0


def font_dict(pdf: pikepdf.Pdf, font: str) -> pikepdf.Dictionary:
    """A new indirect Type1 font dictionary for ``font`` (WinAnsiEncoding) in ``pdf``.

    Each call makes a new object: make one per font per document and share it between pages.
    """
    check_font(font)
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/" + font),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )


def is_same_font(obj: pikepdf.Object, font: str) -> bool:
    """Whether an existing font resource is the standard ``font`` in WinAnsiEncoding."""
    if not isinstance(obj, pikepdf.Dictionary):
        return False
    return (
        obj.get("/Subtype") == pikepdf.Name.Type1
        and obj.get("/BaseFont") == pikepdf.Name("/" + font)
        and obj.get("/Encoding") == pikepdf.Name.WinAnsiEncoding
    )
