"""Measuring and wrapping text the way the PDF will set it, for the long lists.

The PDF's facts and documents are set as preformatted lines (WeasyPrint lays those out at
about half the cost of a paragraph each), so their lines are broken here: each word is
measured with FreeType (Pillow) in the font the stylesheet names first, Liberation Sans, or
in DejaVu Sans — the fallback, and wider — for a word with a character Liberation lacks
(Arabic, for one), so a line is never longer than the column. If a font is missing, DejaVu
Sans, then Pillow's own font, stand in; the stylesheet also lets a line that is still too
long wrap (``white-space: pre-wrap``), so nothing is ever cut off.
"""

from __future__ import annotations

import functools
from pathlib import Path

from PIL import ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/liberation"), Path("/usr/share/fonts/truetype/dejavu"))
PRIMARY = {False: "LiberationSans-Regular.ttf", True: "LiberationSans-Bold.ttf"}
FALLBACK = {False: "DejaVuSans.ttf", True: "DejaVuSans-Bold.ttf"}
SCALE = 10  # fonts are loaded at ten times the size, for fractional point widths
MM_PER_PT = 25.4 / 72


def _find(name: str) -> Path | None:
    for folder in FONT_DIRS:
        if (folder / name).is_file():
            return folder / name
    return None


@functools.lru_cache(maxsize=16)
def _font(name: str, size: float) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _find(name)
    if path is None:
        return ImageFont.load_default()
    return ImageFont.truetype(str(path), round(size * SCALE))


@functools.lru_cache(maxsize=4)
def _covered(name: str) -> frozenset[int]:
    """The characters the font has glyphs for (empty when it is not installed)."""
    path = _find(name)
    if path is None:
        return frozenset()
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    with TTFont(str(path), lazy=True) as font:
        cmap = font.getBestCmap() or {}
    return frozenset(cmap)


@functools.lru_cache(maxsize=65536)
def word_width(word: str, size: float, bold: bool = False) -> float:
    """The width of ``word`` in millimetres at ``size`` points."""
    primary = PRIMARY[bold]
    covered = _covered(primary)
    name = primary if covered and all(ord(c) in covered for c in word) else FALLBACK[bold]
    font = _font(name, size)
    if isinstance(font, ImageFont.FreeTypeFont):
        return float(font.getlength(word)) / SCALE * MM_PER_PT
    return len(word) * size * 0.6 * MM_PER_PT  # Pillow's bitmap font: a generous guess


def text_width(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` (words and the spaces between them) in millimetres."""
    words = text.split(" ")
    space = word_width(" ", size, bold)
    return sum(word_width(w, size, bold) for w in words) + space * (len(words) - 1)


def _cut(word: str, width_mm: float, size: float, bold: bool) -> list[str]:
    """A word wider than a line, in pieces that fit (the last one may be short)."""
    pieces = []
    while word and word_width(word, size, bold) > width_mm:
        cut = len(word) - 1
        while cut > 1 and word_width(word[:cut], size, bold) > width_mm:
            cut -= 1
        pieces.append(word[:cut])
        word = word[cut:]
    if word:
        pieces.append(word)
    return pieces


def wrap(text: str, width_mm: float, size: float, bold: bool = False) -> list[str]:
    """``text`` (whitespace collapsed) broken into lines no wider than ``width_mm``; a word
    longer than a line is cut."""
    words = text.split()
    if not words:
        return [""]
    space = word_width(" ", size, bold)
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for word in words:
        width = word_width(word, size, bold)
        if width > width_mm:
            if line:
                lines.append(" ".join(line))
            *whole, word = _cut(word, width_mm, size, bold)
            lines.extend(whole)
            line, used = [word], word_width(word, size, bold)
            continue
        if line and used + space + width > width_mm:
            lines.append(" ".join(line))
            line, used = [word], width
        elif line:
            line.append(word)
            used += space + width
        else:
            line, used = [word], width
    if line:
        lines.append(" ".join(line))
    return lines
