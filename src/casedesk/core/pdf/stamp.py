"""Bates stamping: one label per page, an optional confidentiality legend, never the original.

How a page is stamped, without ever parsing its content (so the cost does not grow with
what is on the page): the page's /Contents becomes
``[q, <original streams>, head, label, tail]``. The ``q`` stream saves the graphics state
before the original content runs; ``head`` starts with ``Q``, which restores it, so whatever
the original content did to the state (a transformation, a clip, a colour) cannot move or
hide the stamp. The stamp is drawn in the display frame (see `casedesk.core.pdf.geometry`),
upright as the reader sees the page, and marked as an /Artifact so tagged-PDF readers skip
it. The font goes into the page's resources under a name that is free (or already names the
same standard font), without replacing anything. Text layer, annotations (links), outlines,
page labels and everything else are untouched.

Speed: ``q``, ``tail`` and ``head`` (frame matrix, legend, backing box: the same for every
page of one geometry) are shared objects, so a page gets one new object of its own: the
``label`` stream, a text object of a few dozen bytes. It is written with the standard
RunLengthDecode filter (literal runs: the bytes are kept as they are, framed by a length
byte) because qpdf leaves such a stream alone when saving, while it would set up zlib for
each unfiltered one, and that setup alone costs more than all the rest of stamping a page.

`PageStamper` does this for pages of an open `pikepdf.Pdf` (the binder uses it for Bates
labels and binder page numbers); `bates_stamp` is the file-to-file production step.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pikepdf

from casedesk.core.pdf.bates import bates_label, validate_digits, validate_prefix
from casedesk.core.pdf.draw import FONT_RESOURCE_NAMES, Canvas, num, pdf_string
from casedesk.core.pdf.fonts import (
    bytes_width,
    check_font,
    encode_winansi,
    font_dict,
    font_metrics,
    is_same_font,
)
from casedesk.core.pdf.geometry import (
    Box,
    Frame,
    Matrix,
    check_position,
    display_frame,
    fit_scale,
    page_rotation,
    stamp_origin,
    visible_box,
)
from casedesk.core.pdf.inputs import check_destination, open_pdf, repair_warnings, save_pdf

MIN_SIZE = 4.0
MAX_SIZE = 72.0
MAX_MARGIN = 144.0
LEGEND_RATIO = 0.8  # the legend's size relative to the Bates label's
_PAD = 0.25  # backing box padding, in font sizes
_GAP = 0.5  # space between a stacked legend and the label, in font sizes
_MAX_LAYOUTS = 256  # page geometries remembered per stamper
_WRAP = b"q\n"
_OPEN = b"\nQ\nq\n/Artifact BMC\n"
_CLOSE = b"EMC\nQ\n"
_END_LINE = b"Q\n"
_FILTER = pikepdf.Name("/Filter")
_RUNLENGTH = pikepdf.Name("/RunLengthDecode")


@dataclass(frozen=True)
class StampStyle:
    """How Bates labels look: font (one of `FONTS`), size in points, position, margin.

    ``backing`` puts a white box behind the text so it stays readable on scans.
    """

    font: str = "Helvetica-Bold"
    size: float = 10.0
    position: str = "bottom-right"
    margin: float = 18.0
    backing: bool = True

    def __post_init__(self) -> None:
        check_font(self.font)
        check_position(self.position)
        if not MIN_SIZE <= self.size <= MAX_SIZE:
            raise ValueError(
                f"The stamp size must be between {MIN_SIZE:g} and {MAX_SIZE:g} points, "
                f"not {self.size:g}."
            )
        if not 0 <= self.margin <= MAX_MARGIN:
            raise ValueError(
                f"The stamp margin must be between 0 and {MAX_MARGIN:g} points, "
                f"not {self.margin:g}."
            )


@dataclass(frozen=True)
class StampResult:
    """What `bates_stamp` did: page count, first and last number and label, warnings."""

    pages: int
    begin: int
    end: int
    begin_label: str
    end_label: str
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True)
class _Line:
    """One line of stamp text in its box: encoded text, font, size and box size."""

    data: bytes
    font: str
    size: float
    box_w: float
    box_h: float
    baseline: float  # from the box's bottom

    @classmethod
    def make(cls, data: bytes, font: str, size: float) -> _Line:
        metrics = font_metrics(font)
        pad = _PAD * size
        descent = -metrics.descent * size / 1000
        height = (metrics.ascent - metrics.descent) * size / 1000
        return cls(
            data, font, size, bytes_width(font, size, data) + 2 * pad, height + 2 * pad,
            pad + descent,
        )  # fmt: skip


@dataclass
class _Spot:
    """A line placed in the display frame: lower-left corner and scale."""

    u: float
    v: float
    scale: float


def _layout(
    frame: Frame, label: _Line, legend: _Line | None, style: StampStyle
) -> tuple[_Spot, _Spot | None]:
    """Place the label at the style's position and the legend on the same edge's other side.

    With the label at a centre position, or when the two would collide on a narrow page,
    the legend sits just above the label (just below it at the top edge).
    """
    vertical, horizontal = style.position.split("-")
    scale, margin = fit_scale(frame, label.box_w, label.box_h, style.margin)
    u, v = stamp_origin(
        style.position, frame.width, frame.height, label.box_w * scale, label.box_h * scale,
        margin,
    )  # fmt: skip
    spot = _Spot(u, v, scale)
    if legend is None:
        return spot, None
    g_scale, g_margin = fit_scale(frame, legend.box_w, legend.box_h, style.margin)
    g_w, g_h = legend.box_w * g_scale, legend.box_h * g_scale
    if horizontal != "center":
        other = "left" if horizontal == "right" else "right"
        gu, gv = stamp_origin(f"{vertical}-{other}", frame.width, frame.height, g_w, g_h, g_margin)
        gap = _GAP * label.size
        if gu + g_w + gap <= u or u + label.box_w * scale + gap <= gu:
            return spot, _Spot(gu, gv, g_scale)
    gap = _GAP * label.size * scale
    gu, _ = stamp_origin(f"{vertical}-{horizontal}", frame.width, frame.height, g_w, g_h, g_margin)
    gv = v + label.box_h * scale + gap if vertical == "bottom" else v - gap - g_h
    return spot, _Spot(gu, gv, g_scale)


def _line_ops(line: _Line, spot: _Spot, backing: bool) -> tuple[bytes, bytes]:
    """Operators placing ``line`` at ``spot``: (position and backing box, text prefix).

    The box part opens a ``q`` that ``_END_LINE`` closes; the text prefix is followed by the
    font resource name: the font size and the text position (see `_text`).
    """
    box = b"q\n%s 0 0 %s %s %s cm\n" % (num(spot.scale), num(spot.scale), num(spot.u), num(spot.v))
    if backing:
        box += b"1 g\n0 0 %s %s re f\n" % (num(line.box_w), num(line.box_h))
    return box + b"0 g\n", b" %s Tf\n%s %s Td\n" % (
        num(line.size), num(_PAD * line.size), num(line.baseline),
    )  # fmt: skip


def _text(resource: str, tf_td: bytes, data: bytes) -> bytes:
    """A complete text object: BT, font, position, the string, ET."""
    return b"BT\n/" + resource.encode("ascii") + tf_td + pdf_string(data) + b" Tj\nET\n"


def runlength(data: bytes) -> bytes:
    """``data`` encoded for /RunLengthDecode as literal runs of up to 128 bytes."""
    if 0 < len(data) <= 128:
        return bytes((len(data) - 1,)) + data + b"\x80"
    out = bytearray()
    for start in range(0, len(data), 128):
        chunk = data[start : start + 128]
        out.append(len(chunk) - 1)
        out += chunk
    out.append(128)  # end of data
    return bytes(out)


def _geometry_key(page: pikepdf.Page) -> object:
    """A cheap key equal for pages with the same boxes and rotation (C++ look-ups only)."""
    try:
        return (page.mediabox.unparse(), page.cropbox.unparse(), page.rotation)
    except (TypeError, ValueError, AttributeError, pikepdf.PdfError):
        return (visible_box(page), page_rotation(page))


def _matrix_op(matrix: Matrix) -> bytes:
    return b" ".join(num(v) for v in matrix) + b" cm\n"


@dataclass(frozen=True)
class _Layout:
    """The shared streams and the label's font size and position for one page geometry."""

    head: pikepdf.Object
    tf_td: bytes
    tail: pikepdf.Object
    shrunk: bool


@dataclass
class PageStamper:
    """Stamps pages of one open PDF in place: a line of text, plus an optional legend.

    One stamper per (document, style): it shares one font object and one ``q`` stream
    between all the pages it stamps and caches layouts per page geometry. ``legend`` is
    validated at once (ValueError naming the bad character).
    """

    pdf: pikepdf.Pdf
    style: StampStyle = field(default_factory=StampStyle)
    legend: str = ""
    shrunk: int = 0  # pages where the stamp had to be made smaller to fit
    _legend: bytes = b""
    _fonts: dict[str, pikepdf.Object] = field(default_factory=dict)
    _shared: dict[bytes, pikepdf.Object] = field(default_factory=dict)
    _wrap: pikepdf.Object | None = None
    _widths: tuple[int, ...] = ()
    _font_key: str = ""
    _names: dict[tuple[object, ...], dict[str, str]] = field(default_factory=dict)
    _layouts: dict[tuple[object, ...], _Layout] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._legend = encode_winansi(self.legend.strip(), what="The legend")
        self._widths = font_metrics(self.style.font).widths
        self._font_key = "/" + FONT_RESOURCE_NAMES[self.style.font]

    def _style_font_name(self, page: pikepdf.Page) -> str:
        """`font_names` for the style's font, with a fast path for a page's own font table."""
        font = self.style.font
        resources = page.obj.get("/Resources")
        if isinstance(resources, pikepdf.Dictionary) and not resources.is_indirect:
            table = resources.get("/Font")
            if isinstance(table, pikepdf.Dictionary) and not table.is_indirect:
                ours = self._font(font)
                existing = table.get(self._font_key)
                if existing is None:
                    table[self._font_key] = ours
                    return FONT_RESOURCE_NAMES[font]
                if existing.is_indirect and existing.objgen == ours.objgen:
                    return FONT_RESOURCE_NAMES[font]
        return self.font_names(page, (font,))[font]

    def _font(self, font: str) -> pikepdf.Object:
        if font not in self._fonts:
            self._fonts[font] = font_dict(self.pdf, font)
        return self._fonts[font]

    def _stream(self, data: bytes) -> pikepdf.Object:
        """A content stream shared by every page that needs these bytes."""
        stream = self._shared.get(data)
        if stream is None:
            if len(self._shared) > _MAX_LAYOUTS:
                self._shared.clear()
            stream = self._shared[data] = self.pdf.make_stream(data)
        return stream

    def font_names(self, page: pikepdf.Page, fonts: Sequence[str]) -> dict[str, str]:
        """Resource names (no slash) under which ``fonts`` can be used on ``page``.

        Adds the fonts to the page's effective /Resources (its own, or the inherited ones,
        which then serve its siblings too), under free names or names that already mean the
        same standard font; nothing there is replaced.
        """
        obj = page.obj
        resources = obj.get("/Resources")
        if not isinstance(resources, pikepdf.Dictionary):
            resources = page.get_resources()  # inherited from the page tree, if at all
            if resources is None:
                obj.Resources = pikepdf.Dictionary()
                resources = obj.Resources
        table = None
        if resources.is_indirect:
            key: tuple[object, ...] | None = ("resources", *resources.objgen)
        else:
            table = resources.get("/Font")
            indirect = table is not None and table.is_indirect
            key = ("fonts", *table.objgen) if indirect else None  # type: ignore[union-attr]
        if key is not None:
            known = self._names.get(key)
            if known is not None and all(f in known for f in fonts):
                return known
        if table is None:
            table = resources.get("/Font")
        if not isinstance(table, pikepdf.Dictionary):
            resources.Font = pikepdf.Dictionary()
            table = resources.Font
        names: dict[str, str] = dict(self._names.get(key, {})) if key is not None else {}
        for font in fonts:
            ours = self._font(font)
            base = FONT_RESOURCE_NAMES[font]
            candidate, suffix = base, 1
            while True:
                existing = table.get("/" + candidate)
                if existing is None:
                    table["/" + candidate] = ours
                    break
                if existing.is_indirect and existing.objgen == ours.objgen:
                    break
                if is_same_font(existing, font):
                    break
                candidate, suffix = f"{base}{suffix}", suffix + 1
            names[font] = candidate
        if key is not None:
            self._names[key] = names
        return names

    def _append(self, page: pikepdf.Page, parts: Sequence[pikepdf.Object]) -> None:
        """Wrap the page's content in q … Q and append ``parts`` (the first starts with Q)."""
        obj = page.obj
        contents = obj.get("/Contents")
        if self._wrap is None:
            self._wrap = self._stream(_WRAP)
        streams: list[pikepdf.Object] = [self._wrap]
        if isinstance(contents, pikepdf.Stream):
            streams.append(contents)
        elif isinstance(contents, pikepdf.Array):
            streams.extend(item for item in contents if isinstance(item, pikepdf.Stream))
        streams.extend(parts)
        obj["/Contents"] = pikepdf.Array(streams)

    def stamp(self, page: pikepdf.Page, text: str, *, legend: str | None = None) -> None:
        """Stamp ``text`` (and the legend, or ``legend`` when given) on ``page``.

        ValueError when the text cannot be set in the standard fonts.
        """
        data = encode_winansi(text, what="The stamp")
        legend_data = (
            self._legend if legend is None else encode_winansi(legend.strip(), what="The legend")
        )
        resource = self._style_font_name(page)
        width = sum(map(self._widths.__getitem__, data))
        key = (_geometry_key(page), width, resource, legend_data)
        layout = self._layouts.get(key)
        if layout is None:
            layout = self._build(
                visible_box(page), page_rotation(page), data, legend_data, resource
            )
            if len(self._layouts) > _MAX_LAYOUTS:
                self._layouts.clear()
            self._layouts[key] = layout
        self.shrunk += layout.shrunk
        label = self.pdf.make_stream(runlength(_text(resource, layout.tf_td, data)))
        label[_FILTER] = _RUNLENGTH
        self._append(page, (layout.head, label, layout.tail))

    def _build(self, box: Box, rotate: int, data: bytes, legend: bytes, resource: str) -> _Layout:
        """The shared parts of the stamp for one page geometry, label width and legend."""
        style = self.style
        frame = display_frame(box, rotate)
        label = _Line.make(data, style.font, style.size)
        legend_line = _Line.make(legend, style.font, style.size * LEGEND_RATIO) if legend else None
        spot, legend_spot = _layout(frame, label, legend_line, style)
        head = _OPEN + _matrix_op(frame.matrix)
        shrunk = spot.scale < 1
        if legend_line is not None and legend_spot is not None:
            g_box, g_tf_td = _line_ops(legend_line, legend_spot, style.backing)
            head += g_box + _text(resource, g_tf_td, legend_line.data) + _END_LINE
            shrunk = shrunk or legend_spot.scale < 1
        l_box, tf_td = _line_ops(label, spot, style.backing)
        return _Layout(self._stream(head + l_box), tf_td, self._stream(_END_LINE + _CLOSE), shrunk)

    def overlay(self, page: pikepdf.Page, canvas: Canvas, matrix: Matrix) -> None:
        """Draw ``canvas`` over ``page`` after concatenating ``matrix`` (e.g. a placement).

        The page is wrapped like a stamped one; the canvas's fonts are added to its
        resources. Used for exhibit stickers.
        """
        names = self.font_names(page, canvas.fonts)
        data = _OPEN + _matrix_op(matrix) + canvas.stream(names) + _CLOSE
        self._append(page, (self.pdf.make_stream(data),))


def shrink_warning(name: str, pages: int) -> tuple[str, ...]:
    """The warning for stamps made smaller to fit small pages (none when ``pages`` is 0)."""
    if not pages:
        return ()
    what = "1 page" if pages == 1 else f"{pages:,} pages"
    return (f"{name}: the stamp was made smaller to fit inside {what}.",)


def bates_stamp(
    src: Path,
    dst: Path,
    *,
    prefix: str,
    first: int,
    digits: int = 6,
    style: StampStyle | None = None,
    legend: str = "",
    name: str | None = None,
) -> StampResult:
    """Write a copy of ``src`` to ``dst`` with a Bates label on every page.

    Page 1 gets ``prefix`` + ``first`` zero-padded to ``digits``, each next page the next
    number. ``legend`` (e.g. "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER") goes on every page
    on the same edge, other side, at 0.8x the size. ``name`` is what messages call the file.
    Raises `PdfInputError` for an input that cannot be used (encrypted, empty, damaged beyond
    repair, not a PDF) and ValueError for bad settings or ``dst`` being ``src``; both before
    anything is written. ``src`` is only read; ``dst`` appears complete or not at all.
    """
    style = style or StampStyle()
    name = name or src.name
    prefix = validate_prefix(prefix)
    validate_digits(digits)
    bates_label(prefix, first, digits)
    check_destination(src, dst, name=name)
    with open_pdf(src, name=name) as pdf:
        stamper = PageStamper(pdf, style, legend)
        count = len(pdf.pages)
        end = first + count - 1
        end_label = bates_label(prefix, end, digits)
        warnings = list(repair_warnings(pdf, name))
        for number, page in enumerate(pdf.pages, start=first):
            stamper.stamp(page, f"{prefix}{number:0{digits}d}")
        save_pdf(pdf, dst)
        warnings.extend(w for w in repair_warnings(pdf, name) if w not in warnings)
        warnings.extend(shrink_warning(name, stamper.shrunk))
    return StampResult(
        pages=count,
        begin=first,
        end=end,
        begin_label=bates_label(prefix, first, digits),
        end_label=end_label,
        warnings=tuple(warnings),
    )
