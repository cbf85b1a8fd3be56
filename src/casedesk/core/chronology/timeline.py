"""The timeline picture of a chronology: one layout, drawn as SVG (web, PDF) or PNG (DOCX).

:func:`timeline_layout` places everything once, in pixels of the picture's width:

* a time axis with ticks by days, months or years, whichever gives about one tick per 90 px;
* a mark per dated fact: a dot for a day, a bar over the range of a fuzzy date (a month, a
  quarter, "c. 2019"), a triangle pointing away from the bound for "before"/"after"; marks
  that would overlap are stacked in lanes above the axis (days next to it, ranges above);
  material facts in a strong colour, disputed ones outlined (dashed for a bar);
* labels ("Mar. 5, 2024  Contract signed") for at most ``max_labels`` facts, material facts
  first, the others picked evenly over time; labels are stacked in rows above the marks so
  that no two overlap, each joined to its mark by a thin leader line;
* notes: how many facts are undated (not drawn) and how many are not labelled.

:func:`timeline_svg` and :func:`timeline_png` only draw that layout. Text widths come from
DejaVu Sans (the font the PNG is drawn with and the SVG asks for first) when it is installed,
from Pillow's default font otherwise. See docs/decisions/0012-timeline-drawn-by-hand.md.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from PIL import Image, ImageDraw

from casedesk.core.chronology.layout import (
    AXIS,
    BACKGROUND,
    BAR_H,
    DOT_R,
    FONT,
    FONT_FAMILY,
    INK,
    LEADER,
    MARGIN,
    MATERIAL,
    MATERIAL_TEXT,
    MIN_WIDTH,
    MUTED,
    NORMAL,
    PNG_DESIGN_WIDTH,
    TICK_FONT,
    TITLE_FONT,
    LegendEntry,
    TimelineItem,
    TimelineLayout,
    font_for,
    legend_shapes,
    legend_text_x,
    raqm_shapes,
    timeline_layout,
)

__all__ = [
    "TimelineItem",
    "TimelineLayout",
    "timeline_layout",
    "timeline_png",
    "timeline_svg",
]


# ---------------------------------------------------------------- SVG


def _n(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _colour(material: bool) -> str:
    return MATERIAL if material else NORMAL


def _svg_mark(shape: str, x0: float, x1: float, y: float, material: bool, disputed: bool) -> str:
    colour = _colour(material)
    if disputed:
        paint = f'fill="{BACKGROUND}" stroke="{colour}" stroke-width="1.6"'
    else:
        paint = f'fill="{colour}"'
    if shape == "bar":
        dash = ' stroke-dasharray="3 2"' if disputed else ' fill-opacity="0.75"'
        return (
            f'<rect x="{_n(x0)}" y="{_n(y - BAR_H / 2)}" width="{_n(x1 - x0)}" '
            f'height="{_n(BAR_H)}" rx="2" {paint}{dash}/>'
        )
    if shape in ("before", "after"):
        tip, back = (x0, x1) if shape == "before" else (x1, x0)
        points = f"{_n(tip)},{_n(y)} {_n(back)},{_n(y - DOT_R)} {_n(back)},{_n(y + DOT_R)}"
        return f'<polygon points="{points}" {paint}/>'
    return f'<circle cx="{_n((x0 + x1) / 2)}" cy="{_n(y)}" r="{_n(DOT_R - (0.6 if disputed else 0))}" {paint}/>'


def _render_svg(layout: TimelineLayout) -> str:
    w, h = layout.width, layout.height
    name = layout.title or "Timeline of facts"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{_n(w)}" height="{_n(h)}" '
        f'viewBox="0 0 {_n(w)} {_n(h)}" role="img" aria-label={quoteattr(name)} '
        f"font-family={quoteattr(FONT_FAMILY)}>",
        f"<title>{escape(name)}</title>",
        f'<rect width="{_n(w)}" height="{_n(h)}" fill="{BACKGROUND}"/>',
    ]
    if layout.title:
        out.append(
            f'<text x="{_n(MARGIN)}" y="{_n(layout.title_baseline)}" font-size="{_n(TITLE_FONT)}" '
            f'font-weight="bold" fill="{INK}">{escape(layout.title)}</text>'
        )
    if layout.empty_text:
        out.append(
            f'<text x="{_n(w / 2)}" y="{_n(layout.extra["empty_baseline"])}" text-anchor="middle" '
            f'font-size="{_n(FONT + 2)}" fill="{MUTED}">{escape(layout.empty_text)}</text>'
        )
    else:
        ay = layout.axis_y
        out.append(
            f'<line x1="{_n(layout.axis_x0)}" y1="{_n(ay)}" x2="{_n(layout.axis_x1)}" '
            f'y2="{_n(ay)}" stroke="{AXIS}" stroke-width="1"/>'
        )
        out.append(f'<g font-size="{_n(TICK_FONT)}" fill="{MUTED}" text-anchor="middle">')
        for tick in layout.ticks:
            out.append(
                f'<line x1="{_n(tick.x)}" y1="{_n(ay)}" x2="{_n(tick.x)}" y2="{_n(ay + 5)}" '
                f'stroke="{AXIS}"/><text x="{_n(tick.x)}" y="{_n(ay + 6 + TICK_FONT)}">'
                f"{escape(tick.label)}</text>"
            )
        out.append("</g>")
        out.append(f'<g stroke="{LEADER}" stroke-width="0.8">')
        for label in layout.labels:
            a, b, c, d = label.leader
            out.append(f'<line x1="{_n(a)}" y1="{_n(b)}" x2="{_n(c)}" y2="{_n(d)}"/>')
        out.append("</g>")
        out.append("<g>")
        for mark in layout.marks:
            shape = _svg_mark(mark.shape, mark.x0, mark.x1, mark.y, mark.material, mark.disputed)
            out.append(shape[:-2] + f"><title>{escape(mark.title)}</title>" + _closing(shape))
        out.append("</g>")
        out.append(f'<g font-size="{_n(FONT)}">')
        for label in layout.labels:
            colour = MATERIAL_TEXT if label.material else INK
            out.append(
                f'<rect x="{_n(label.x - 2)}" y="{_n(label.baseline - FONT)}" '
                f'width="{_n(label.width + 4)}" height="{_n(FONT + 4)}" fill="{BACKGROUND}" '
                f'fill-opacity="0.85"/>'
                f'<text x="{_n(label.x)}" y="{_n(label.baseline)}" fill="{colour}">'
                f'<tspan font-weight="bold" fill="{MUTED if not label.material else colour}">'
                f"{escape(label.date_text)}</tspan>"
                + (
                    f'<tspan x="{_n(label.x + label.date_width + 6)}">{escape(label.text)}</tspan>'
                    if label.text
                    else ""
                )
                + "</text>"
            )
        out.append("</g>")
        out.append(f'<g font-size="{_n(TICK_FONT)}" fill="{MUTED}">')
        for entry in layout.legend:
            out.append(_svg_legend(entry, layout.legend_y))
        out.append("</g>")
    if layout.notes:
        out.append(
            f'<text x="{_n(MARGIN)}" y="{_n(layout.notes_baseline)}" font-size="{_n(TICK_FONT)}" '
            f'font-style="italic" fill="{MUTED}">{escape(" · ".join(layout.notes))}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _closing(element: str) -> str:
    tag = element[1 : element.index(" ")]
    return f"</{tag}>"


def _svg_legend(entry: LegendEntry, y: float) -> str:
    parts = [
        _svg_mark(shape, a, b, y, entry.material, entry.disputed)
        for shape, a, b in legend_shapes(entry, y)
    ]
    parts.append(
        f'<text x="{_n(legend_text_x(entry))}" y="{_n(y + TICK_FONT / 2 - 1)}">'
        f"{escape(entry.text)}</text>"
    )
    return "".join(parts)


def timeline_svg(
    items: Sequence[TimelineItem], *, width: int = 960, title: str = "", max_labels: int = 40
) -> str:
    """The timeline as a standalone ``<svg>`` element (valid XML, text escaped)."""
    return _render_svg(timeline_layout(items, width=width, title=title, max_labels=max_labels))


# ---------------------------------------------------------------- PNG


def _rgb(colour: str, alpha: int = 255) -> tuple[int, int, int, int]:
    return (int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16), alpha)


class _Png:
    """Draws a layout with Pillow at ``scale`` pixels per layout unit."""

    def __init__(self, layout: TimelineLayout, scale: float) -> None:
        self.layout, self.s = layout, scale
        size = (max(1, round(layout.width * scale)), max(1, round(layout.height * scale)))
        self.image = Image.new("RGB", size, BACKGROUND)
        self.draw = ImageDraw.Draw(self.image, "RGBA")

    def p(self, value: float) -> float:
        return value * self.s

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float,
        colour: str,
        *,
        bold: bool = False,
        anchor: str = "ls",
    ) -> None:
        if not text:
            return
        font = font_for(size * self.s, bold)
        try:
            self.draw.text(
                (self.p(x), self.p(baseline)),
                text,
                font=font,
                fill=_rgb(colour),
                anchor=anchor,
                direction="ltr" if raqm_shapes(font) else None,  # as a browser sets the SVG's text
            )
        except (ValueError, OSError, KeyError):  # a bitmap default font takes no anchor
            self.draw.text((self.p(x), self.p(baseline - size)), text, font=font, fill=_rgb(colour))

    def line(self, a: float, b: float, c: float, d: float, colour: str, width: float = 1) -> None:
        self.draw.line(
            [(self.p(a), self.p(b)), (self.p(c), self.p(d))],
            fill=_rgb(colour),
            width=max(1, round(width * self.s)),
        )

    def mark(
        self, shape: str, x0: float, x1: float, y: float, material: bool, disputed: bool
    ) -> None:
        colour = _colour(material)
        outline = _rgb(colour)
        stroke = max(1, round(1.6 * self.s))
        fill = _rgb(BACKGROUND) if disputed else _rgb(colour, 255 if shape != "bar" else 191)
        if shape == "bar":
            box = (self.p(x0), self.p(y - BAR_H / 2), self.p(x1), self.p(y + BAR_H / 2))
            if disputed:
                self.draw.rectangle(box, fill=fill)
                self._dashed_box(box, outline, stroke)
            else:
                self.draw.rounded_rectangle(box, radius=self.p(2), fill=fill)
        elif shape in ("before", "after"):
            tip, back = (x0, x1) if shape == "before" else (x1, x0)
            points = [
                (self.p(tip), self.p(y)),
                (self.p(back), self.p(y - DOT_R)),
                (self.p(back), self.p(y + DOT_R)),
            ]
            self.draw.polygon(
                points, fill=fill, outline=outline if disputed else None, width=stroke
            )
        else:
            c, r = (x0 + x1) / 2, DOT_R - (0.6 if disputed else 0)
            box = (self.p(c - r), self.p(y - r), self.p(c + r), self.p(y + r))
            self.draw.ellipse(box, fill=fill, outline=outline if disputed else None, width=stroke)

    def _dashed_box(
        self, box: tuple[float, float, float, float], colour: tuple[int, int, int, int], width: int
    ) -> None:
        left, top, right, bottom = box
        dash, gap = self.p(3), self.p(2)
        for (a, b), (c, d) in (
            ((left, top), (right, top)),
            ((right, top), (right, bottom)),
            ((right, bottom), (left, bottom)),
            ((left, bottom), (left, top)),
        ):
            length = math.hypot(c - a, d - b)
            if length == 0:
                continue
            pos = 0.0
            while pos < length:
                end = min(length, pos + dash)
                self.draw.line(
                    [
                        (a + (c - a) * pos / length, b + (d - b) * pos / length),
                        (a + (c - a) * end / length, b + (d - b) * end / length),
                    ],
                    fill=colour,
                    width=width,
                )
                pos = end + gap

    def render(self) -> Image.Image:
        lay = self.layout
        if lay.title:
            self.text(MARGIN, lay.title_baseline, lay.title, TITLE_FONT, INK, bold=True)
        if lay.empty_text:
            self.text(
                lay.width / 2,
                lay.extra["empty_baseline"],
                lay.empty_text,
                FONT + 2,
                MUTED,
                anchor="ms",
            )
        else:
            ay = lay.axis_y
            self.line(lay.axis_x0, ay, lay.axis_x1, ay, AXIS)
            for tick in lay.ticks:
                self.line(tick.x, ay, tick.x, ay + 5, AXIS)
                self.text(tick.x, ay + 6 + TICK_FONT, tick.label, TICK_FONT, MUTED, anchor="ms")
            for label in lay.labels:
                self.line(*label.leader, LEADER, 0.8)
            for m in lay.marks:
                self.mark(m.shape, m.x0, m.x1, m.y, m.material, m.disputed)
            for label in lay.labels:
                box = (
                    self.p(label.x - 2),
                    self.p(label.baseline - FONT),
                    self.p(label.x + label.width + 2),
                    self.p(label.baseline + 4),
                )
                self.draw.rectangle(box, fill=_rgb(BACKGROUND, 217))
                colour = MATERIAL_TEXT if label.material else INK
                self.text(
                    label.x,
                    label.baseline,
                    label.date_text,
                    FONT,
                    colour if label.material else MUTED,
                    bold=True,
                )
                self.text(label.x + label.date_width + 6, label.baseline, label.text, FONT, colour)
            for entry in lay.legend:
                for shape, a, b in legend_shapes(entry, lay.legend_y):
                    self.mark(shape, a, b, lay.legend_y, entry.material, entry.disputed)
                self.text(
                    legend_text_x(entry),
                    lay.legend_y + TICK_FONT / 2 - 1,
                    entry.text,
                    TICK_FONT,
                    MUTED,
                )
        if lay.notes:
            self.text(MARGIN, lay.notes_baseline, " · ".join(lay.notes), TICK_FONT, MUTED)
        return self.image


def timeline_png(
    items: Sequence[TimelineItem], *, width: int = 1600, title: str = "", max_labels: int = 40
) -> bytes:
    """The same timeline as a PNG ``width`` pixels wide (drawn with Pillow, for the DOCX)."""
    width = max(MIN_WIDTH, width)
    scale = width / PNG_DESIGN_WIDTH if width > PNG_DESIGN_WIDTH else 1.0
    layout = timeline_layout(items, width=round(width / scale), title=title, max_labels=max_labels)
    image = _Png(layout, scale).render()
    if image.width != width:
        image = image.resize(
            (width, round(image.height * width / image.width)), Image.Resampling.LANCZOS
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()
