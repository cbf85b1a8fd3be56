"""A tiny PDF content-stream writer: text in the standard fonts, rectangles and lines.

Every stamp, the slip sheet and the binder's own pages draw with a `Canvas`: it collects
operators in memory (a page's worth, a few hundred bytes) and gives the bytes of a content
stream; `Canvas.fonts` says which fonts it used so the page's ``/Resources`` can name them.
`new_page` adds a page drawn by a canvas to a PDF. Coordinates are PDF points (1/72 inch)
from the bottom-left corner, y upwards.
"""

from __future__ import annotations

from collections.abc import Mapping, MutableMapping
from typing import Literal

import pikepdf

from casedesk.core.pdf.fonts import bytes_width, check_font, encode_winansi, font_dict, font_metrics

Color = tuple[float, float, float]
Align = Literal["left", "center", "right"]
BLACK: Color = (0.0, 0.0, 0.0)
WHITE: Color = (1.0, 1.0, 1.0)

# The resource name each font gets in a /Resources /Font dictionary casedesk writes.
FONT_RESOURCE_NAMES: dict[str, str] = {
    "Helvetica": "CDHelv",
    "Helvetica-Bold": "CDHelvB",
    "Times-Roman": "CDTime",
    "Times-Bold": "CDTimeB",
    "Courier": "CDCour",
    "Courier-Bold": "CDCourB",
}


def num(value: float) -> bytes:
    """A number as a content stream writes it: at most 3 decimals, no trailing zeros."""
    if value == int(value):
        return b"%d" % int(value)
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return (text if text != "-0" else "0").encode("ascii")


def pdf_string(data: bytes) -> bytes:
    """A PDF literal string of already encoded bytes, with ( ) \\ escaped."""
    escaped = data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")
    return b"(" + escaped + b")"


def _color(color: Color, op: bytes) -> bytes:
    """A DeviceRGB colour operator (rg for fills and text, RG for strokes)."""
    return b"%s %s %s %s" % (num(color[0]), num(color[1]), num(color[2]), op)


class _FontRef:
    """A placeholder in the operator list for a font's resource name (chosen at stream())."""

    __slots__ = ("font",)

    def __init__(self, font: str) -> None:
        self.font = font


class Canvas:
    """Collects drawing operators for one content stream.

    The canvas starts in the default graphics state; `text`, `rect` and `line` each save and
    restore it, so calls never affect one another.
    """

    def __init__(self) -> None:
        self._parts: list[bytes | _FontRef] = []
        self._fonts: list[str] = []

    @property
    def fonts(self) -> tuple[str, ...]:
        """The fonts used so far, in first-use order."""
        return tuple(self._fonts)

    def _raw(self, *ops: bytes) -> None:
        self._parts.append(b"\n".join(ops) + b"\n")

    def text(
        self,
        x: float,
        y: float,
        s: str,
        font: str,
        size: float,
        *,
        align: Align = "left",
        color: Color = BLACK,
        what: str = "The text",
    ) -> float:
        """Draw ``s`` with its baseline at ``y``; ``x`` is its left end, centre or right end.

        Returns the text's width in points. Raises ValueError when ``s`` has characters the
        standard fonts cannot show (``what`` names the text in the message; see
        `casedesk.core.pdf.fonts.encode_winansi`) or ``font`` is not one of ``FONTS``.
        """
        check_font(font)
        data = encode_winansi(s, what=what)
        width = bytes_width(font, size, data)
        if align == "center":
            x -= width / 2
        elif align == "right":
            x -= width
        if font not in self._fonts:
            self._fonts.append(font)
        self._parts.append(b"q\nBT\n/")
        self._parts.append(_FontRef(font))
        self._parts.append(
            b" %s Tf\n%s\n%s %s Td\n%s Tj\nET\nQ\n"
            % (num(size), _color(color, b"rg"), num(x), num(y), pdf_string(data))
        )
        return width

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        *,
        fill: Color | None = None,
        stroke: Color | None = None,
        width: float = 1.0,
    ) -> None:
        """A rectangle with its lower-left corner at (x, y), filled and/or stroked."""
        if fill is None and stroke is None:
            return
        ops = [b"q"]
        if fill is not None:
            ops.append(_color(fill, b"rg"))
        if stroke is not None:
            ops.append(_color(stroke, b"RG"))
            ops.append(num(width) + b" w")
        ops.append(b"%s %s %s %s re" % (num(x), num(y), num(w), num(h)))
        ops.append(b"B" if fill is not None and stroke is not None else b"f" if fill else b"S")
        ops.append(b"Q")
        self._raw(*ops)

    def line(
        self,
        x1: float,
        y1: float,
        x2: float,
        y2: float,
        *,
        color: Color = BLACK,
        width: float = 1.0,
    ) -> None:
        """A straight line from (x1, y1) to (x2, y2)."""
        self._raw(
            b"q",
            _color(color, b"RG"),
            num(width) + b" w",
            b"%s %s m %s %s l S" % (num(x1), num(y1), num(x2), num(y2)),
            b"Q",
        )

    def transform(self, a: float, b: float, c: float, d: float, e: float, f: float) -> None:
        """Concatenate a matrix (cm) to the current transformation, for what follows."""
        self._raw(b" ".join(num(v) for v in (a, b, c, d, e, f)) + b" cm")

    def save(self) -> None:
        """Save the graphics state (q)."""
        self._raw(b"q")

    def restore(self) -> None:
        """Restore the graphics state (Q)."""
        self._raw(b"Q")

    def stream(self, names: Mapping[str, str] | None = None) -> bytes:
        """The content stream bytes; ``names`` overrides fonts' resource names (no slash)."""
        chosen = FONT_RESOURCE_NAMES if names is None else {**FONT_RESOURCE_NAMES, **names}
        return b"".join(
            part if isinstance(part, bytes) else chosen[part.font].encode("ascii")
            for part in self._parts
        )


def font_resources(
    pdf: pikepdf.Pdf,
    fonts: tuple[str, ...],
    cache: MutableMapping[str, pikepdf.Dictionary] | None = None,
) -> pikepdf.Dictionary:
    """A /Font resource dictionary naming ``fonts`` as `Canvas.stream()` does by default.

    ``cache`` (font name -> font object of this ``pdf``) lets many pages share one object
    per font; missing fonts are created and added to it.
    """
    entries: dict[str, pikepdf.Object] = {}
    for font in fonts:
        if cache is None:
            obj = font_dict(pdf, font)
        else:
            if font not in cache:
                cache[font] = font_dict(pdf, font)
            obj = cache[font]
        entries["/" + FONT_RESOURCE_NAMES[font]] = obj
    return pikepdf.Dictionary(entries)


def new_page(
    pdf: pikepdf.Pdf,
    canvas: Canvas,
    *,
    width: float = 612.0,
    height: float = 792.0,
    fonts: MutableMapping[str, pikepdf.Dictionary] | None = None,
) -> pikepdf.Page:
    """Append a page of ``width`` x ``height`` points (letter by default) drawn by ``canvas``.

    The page gets its own /Resources naming the canvas's fonts. Pass the same ``fonts`` dict
    for every page of one PDF so the pages share one font object per font.
    """
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array([0, 0, width, height]),
        Contents=pdf.make_stream(canvas.stream()),
        Resources=pikepdf.Dictionary(Font=font_resources(pdf, canvas.fonts, fonts)),
    )
    pdf.pages.append(pikepdf.Page(page))
    return pdf.pages[-1]


def wrap_text(text: str, font: str, size: float, max_width: float) -> list[str]:
    """Break ``text`` into lines no wider than ``max_width`` points, at spaces when possible.

    A word wider than a line is cut between characters. The text must be encodable (see
    `casedesk.core.pdf.fonts.to_winansi` for descriptive text that may not be).
    """
    widths = font_metrics(font).widths
    scale = size / 1000.0

    def width(s: str) -> float:
        return sum(widths[b] for b in encode_winansi(s)) * scale

    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}" if current else word
        if width(trial) <= max_width:
            current = trial
            continue
        if current:
            lines.append(current)
        current = ""
        while width(word) > max_width and len(word) > 1:
            cut = len(word) - 1
            while cut > 1 and width(word[:cut]) > max_width:
                cut -= 1
            lines.append(word[:cut])
            word = word[cut:]
        current = word
    if current:
        lines.append(current)
    return lines
