"""Where everything on the timeline goes: :func:`timeline_layout` (see :mod:`.timeline`).

One :class:`TimelineLayout` in pixels of the picture's width: the axis and its ticks, a mark
per dated fact in lanes, label rows with leader lines, the legend and the notes. The two
renderers in :mod:`.timeline` only draw it. Text is measured with DejaVu Sans (the PNG's font
and the first font the SVG names) when it is installed.
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import functools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PIL import ImageFont, features

from casedesk.core.chronology.dates import AFTER, BEFORE, FuzzyDate

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FAMILY = "DejaVu Sans, Verdana, Arial, sans-serif"
MARGIN = 16.0
FONT = 11.0
TICK_FONT = 10.0
TITLE_FONT = 14.0
ROW_H = 16.0
LANE_H = 10.0
DOT_R = 4.0
BAR_H = 6.0
MAX_POINT_LANES = 3
MAX_BAR_LANES = 4
MAX_LABEL_ROWS = 14
MAX_LABEL_CHARS = 48
LABEL_GAP = 10.0
PNG_DESIGN_WIDTH = 800
MIN_WIDTH = 320

INK = "#0f172a"
MUTED = "#475569"
AXIS = "#94a3b8"
LEADER = "#cbd5e1"
NORMAL = "#2f5d8a"
MATERIAL = "#b91c1c"
MATERIAL_TEXT = "#991b1b"
BACKGROUND = "#ffffff"

__all__ = [
    "LegendEntry",
    "Mark",
    "Tick",
    "TimelineItem",
    "TimelineLayout",
    "font_for",
    "legend_shapes",
    "legend_text_x",
    "measure",
    "raqm_shapes",
    "timeline_layout",
]


@dataclass(frozen=True)
class TimelineItem:
    """One fact on the timeline."""

    date: FuzzyDate
    label: str
    material: bool = False
    disputed: bool = False
    group: str = ""


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Mark:
    """A fact drawn: ``shape`` is "dot", "bar", "before" or "after"; ``y`` its middle."""

    shape: str
    x0: float
    x1: float
    y: float
    material: bool
    disputed: bool
    title: str


@dataclass(frozen=True)
class Label:
    """A label: text starts at ``x`` on ``baseline``; the leader joins it to the mark."""

    x: float
    baseline: float
    date_text: str
    text: str
    date_width: float
    width: float
    material: bool
    leader: tuple[float, float, float, float]


@dataclass(frozen=True)
class LegendEntry:
    shape: str
    material: bool
    disputed: bool
    x: float
    text: str


@dataclass(frozen=True)
class TimelineLayout:
    """Everything a renderer draws, in pixels of a ``width`` x ``height`` picture."""

    width: float
    height: float
    title: str
    title_baseline: float
    axis_y: float
    axis_x0: float
    axis_x1: float
    ticks: tuple[Tick, ...]
    marks: tuple[Mark, ...]
    labels: tuple[Label, ...]
    legend: tuple[LegendEntry, ...]
    legend_y: float
    notes: tuple[str, ...]
    notes_baseline: float
    empty_text: str = ""
    undated: int = 0
    unlabelled: int = 0
    extra: dict[str, float] = field(default_factory=dict)


# ---------------------------------------------------------------- text

_RAQM = bool(features.check("raqm"))  # complex-script shaping and bidi in the PNG


def raqm_shapes(font: ImageFont.FreeTypeFont | ImageFont.ImageFont) -> bool:
    """True when ``font`` lays text out with libraqm (Arabic joined, bidi runs ordered)."""
    return _RAQM and getattr(font, "layout_engine", None) == ImageFont.Layout.RAQM


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def plain(text: str) -> str:
    """One line of text that XML and a font can both take."""
    return " ".join(_XML_BAD.sub(" ", text).split())


def _font_path(bold: bool) -> Path | None:
    path = FONT_DIR / ("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf")
    return path if path.exists() else None


@functools.lru_cache(maxsize=32)
def font_for(size: float, bold: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = _font_path(bold)
    if path is not None:
        try:
            return ImageFont.truetype(str(path), size=max(1, round(size)))
        except OSError:
            pass
    try:
        return ImageFont.load_default(size=max(1, round(size)))
    except (OSError, TypeError):  # Pillow without FreeType
        return ImageFont.load_default()


@functools.lru_cache(maxsize=4096)
def measure(text: str, size: float, bold: bool = False) -> float:
    """The width of ``text`` at ``size`` px (DejaVu Sans when present)."""
    if not text:
        return 0.0
    font = font_for(40.0, bold)
    if isinstance(font, ImageFont.FreeTypeFont):
        return float(font.getlength(text)) * size / 40.0
    return len(text) * size * (0.66 if bold else 0.6)


def _fit(text: str, size: float, width: float) -> str:
    """``text`` cut with an ellipsis to fit ``width`` px."""
    if measure(text, size) <= width:
        return text
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if measure(text[:mid].rstrip() + "…", size) <= width:
            lo = mid
        else:
            hi = mid - 1
    return text[:lo].rstrip() + "…" if lo else ""


# ---------------------------------------------------------------- time scale


@dataclass(frozen=True)
class _Span:
    item: TimelineItem
    lo: int  # first day (ordinal)
    hi: int  # last day (ordinal), inclusive
    shape: str


def _span(item: TimelineItem) -> _Span | None:
    d = item.date
    anchor = d.anchor
    if anchor is None:
        return None
    if d.kind == BEFORE and d.end is not None:
        day = d.end.toordinal() - 1
        return _Span(item, day, day, "before")
    if d.kind == AFTER and d.start is not None:
        day = d.start.toordinal() + 1
        return _Span(item, day, day, "after")
    start = d.start or d.end
    end = d.end or d.start
    assert start is not None and end is not None
    shape = "dot" if start == end else "bar"
    return _Span(item, start.toordinal(), end.toordinal(), shape)


def _domain(spans: Sequence[_Span]) -> tuple[float, float]:
    lo = min(s.lo for s in spans)
    hi = max(s.hi for s in spans) + 1
    if hi - lo < 14:
        middle = (lo + hi) / 2
        lo_f, hi_f = middle - 7, middle + 7
    else:
        pad = (hi - lo) * 0.03
        lo_f, hi_f = lo - pad, hi + pad
    return lo_f, hi_f


_STEPS: tuple[tuple[str, int, float], ...] = (
    ("day", 1, 1),
    ("day", 2, 2),
    ("day", 7, 7),
    ("day", 14, 14),
    ("month", 1, 30.44),
    ("month", 2, 60.9),
    ("month", 3, 91.3),
    ("month", 6, 182.6),
    ("year", 1, 365.25),
    ("year", 2, 730.5),
    ("year", 5, 1826),
    ("year", 10, 3652),
    ("year", 20, 7305),
    ("year", 25, 9131),
    ("year", 50, 18262),
    ("year", 100, 36525),
)


def _ticks(lo: float, hi: float, x_of: _Scale, plot_width: float) -> list[Tick]:
    target = max(2, int(plot_width / 90))
    unit, step, days = _STEPS[-1]
    for candidate in _STEPS:
        if (hi - lo) / candidate[2] <= target:
            unit, step, days = candidate
            break
    first = dt.date.fromordinal(max(1, math.ceil(lo)))
    last = dt.date.fromordinal(max(1, math.floor(hi)))
    out: list[Tick] = []
    previous_year: int | None = None
    if unit == "day":
        day = first
        if step == 7:
            day += dt.timedelta(days=(7 - day.weekday()) % 7)  # Mondays
        while day <= last:
            with_year = previous_year != day.year
            text = f"{calendar.month_abbr[day.month]} {day.day}" + (
                f", {day.year}" if with_year else ""
            )
            out.append(Tick(x_of(day.toordinal()), text))
            previous_year = day.year
            day += dt.timedelta(days=step)
    elif unit == "month":
        year, month = first.year, first.month
        if first.day != 1:
            month += 1
        while True:
            if month > 12:
                year, month = year + 1, month - 12
            day = dt.date(year, month, 1)
            if day > last:
                break
            if (month - 1) % step == 0:
                with_year = previous_year != year or month == 1
                text = (
                    f"{calendar.month_abbr[month]} {year}"
                    if with_year
                    else calendar.month_abbr[month]
                )
                out.append(Tick(x_of(day.toordinal()), text))
                previous_year = year
            month += 1
    else:
        year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
        year += (-year) % step
        while year <= last.year and year <= dt.MAXYEAR:
            out.append(Tick(x_of(dt.date(year, 1, 1).toordinal()), str(year)))
            year += step
    del days
    return out


class _Scale:
    def __init__(self, lo: float, hi: float, x0: float, x1: float) -> None:
        self.lo, self.x0 = lo, x0
        self.k = (x1 - x0) / (hi - lo)

    def __call__(self, ordinal: float) -> float:
        return self.x0 + (ordinal - self.lo) * self.k


# ---------------------------------------------------------------- choosing labels


def _spread(candidates: list[int], xs: Sequence[float], k: int, x0: float, x1: float) -> list[int]:
    """Up to ``k`` of ``candidates`` (indices, sorted by x) spread evenly over x0..x1."""
    if k <= 0 or not candidates:
        return []
    if len(candidates) <= k:
        return list(candidates)
    cx = [xs[i] for i in candidates]
    taken: set[int] = set()
    for j in range(k):
        target = x0 + (j + 0.5) * (x1 - x0) / k
        at = bisect.bisect_left(cx, target)
        best: int | None = None
        for radius in range(len(cx)):
            for pos in (at - 1 - radius, at + radius):
                if 0 <= pos < len(cx) and pos not in taken:
                    best = pos
                    break
            if best is not None:
                break
        if best is not None:
            taken.add(best)
    return [candidates[p] for p in sorted(taken)]


# ---------------------------------------------------------------- the layout


def _pack(
    indices: list[int],
    extents: Sequence[tuple[float, float, float]],
    lane_of: list[int],
    first_lane: int,
    max_lanes: int,
) -> int:
    """Put each mark in the first lane it does not overlap (the emptiest when all are full)."""
    lane_end: list[float] = []
    for i in sorted(indices, key=lambda i: extents[i][0]):
        a, b, _ = extents[i]
        lane = next((n for n, end in enumerate(lane_end) if end + 1 <= a), None)
        if lane is None:
            if len(lane_end) < max_lanes:
                lane = len(lane_end)
                lane_end.append(b)
            else:
                lane = min(range(len(lane_end)), key=lambda n: lane_end[n])
        lane_end[lane] = max(lane_end[lane], b)
        lane_of[i] = first_lane + lane
    return len(lane_end)


def _label_spot(
    anchor: float, width: float, row_end: list[float], page_width: float
) -> tuple[int, float] | None:
    """(row, x) for a label: starting at its mark, or else ending at it, in the lowest free row."""
    right = min(max(MARGIN, anchor - 3), page_width - MARGIN - width)
    left = anchor + 3 - width
    for row in range(min(len(row_end) + 1, MAX_LABEL_ROWS)):
        end = row_end[row] if row < len(row_end) else -math.inf
        if end + LABEL_GAP <= right:
            return row, right
        if left >= MARGIN and end + LABEL_GAP <= left:
            return row, left
    return None


def timeline_layout(
    items: Sequence[TimelineItem], *, width: int = 960, title: str = "", max_labels: int = 40
) -> TimelineLayout:
    """Place the axis, marks, labels and notes of the timeline (see the module docstring)."""
    w = float(max(MIN_WIDTH, width))
    title = plain(title)
    spans = sorted(
        (s for s in map(_span, items) if s is not None),
        key=lambda s: s.item.date.sort_key,
    )
    undated = len(items) - len(spans)
    y = MARGIN
    title_baseline = 0.0
    if title:
        title = _fit(title, TITLE_FONT, w - 2 * MARGIN)
        title_baseline = y + TITLE_FONT
        y += TITLE_FONT + 12
    notes: list[str] = []
    if undated:
        notes.append(f"{undated:,} undated fact{'s' if undated != 1 else ''} not shown")
    if not spans:
        base = y + 22
        return TimelineLayout(
            width=w,
            height=base + (22 if notes else 0) + MARGIN,
            title=title,
            title_baseline=title_baseline,
            axis_y=0,
            axis_x0=MARGIN,
            axis_x1=w - MARGIN,
            ticks=(),
            marks=(),
            labels=(),
            legend=(),
            legend_y=0,
            notes=tuple(notes),
            notes_baseline=base + 20,
            empty_text="No dated facts",
            undated=undated,
            extra={"empty_baseline": base},
        )

    x0, x1 = MARGIN + 4, w - MARGIN - 4
    lo, hi = _domain(spans)
    x_of = _Scale(lo, hi, x0, x1)

    # Marks: x extents, then lanes.
    extents: list[tuple[float, float, float]] = []  # (x0, x1, anchor x)
    for s in spans:
        if s.shape == "bar":
            a, b = x_of(s.lo), x_of(s.hi + 1)
            if b - a < 2 * DOT_R:
                middle = (a + b) / 2
                a, b = middle - DOT_R, middle + DOT_R
            extents.append((a, b, (a + b) / 2))
        elif s.shape == "before":
            tip = x_of(s.lo + 1)
            extents.append((tip - 2 * DOT_R, tip, tip - DOT_R))
        elif s.shape == "after":
            tip = x_of(s.lo)
            extents.append((tip, tip + 2 * DOT_R, tip + DOT_R))
        else:
            c = x_of(s.lo + 0.5)
            extents.append((c - DOT_R, c + DOT_R, c))
    # Points (days, before/after) in the lanes next to the axis, ranges in the lanes above.
    lane_of: list[int] = [0] * len(spans)
    point_lanes = _pack(
        [i for i, s in enumerate(spans) if s.shape != "bar"], extents, lane_of, 0, MAX_POINT_LANES
    )
    bar_lanes = _pack(
        [i for i, s in enumerate(spans) if s.shape == "bar"],
        extents,
        lane_of,
        point_lanes,
        MAX_BAR_LANES,
    )
    lanes = max(1, point_lanes + bar_lanes)

    # Labels: which, then rows.
    anchors = [e[2] for e in extents]
    order = sorted(range(len(spans)), key=lambda i: anchors[i])
    material = [i for i in order if spans[i].item.material]
    others = [i for i in order if not spans[i].item.material]
    budget = max(0, max_labels)
    chosen = _spread(material, anchors, budget, x0, x1)
    chosen += _spread(others, anchors, budget - len(chosen), x0, x1)
    chosen.sort(key=lambda i: anchors[i])
    row_end: list[float] = []
    placed: list[tuple[int, int, float, str, str, float, float]] = []
    for i in chosen:
        item = spans[i].item
        date_text = plain(item.date.display)
        text = plain(item.label)
        if len(text) > MAX_LABEL_CHARS:
            text = text[: MAX_LABEL_CHARS - 1].rstrip() + "…"
        date_width = measure(date_text, FONT, bold=True)
        room = w - 2 * MARGIN - date_width - 6
        text = _fit(text, FONT, room) if room > 20 else ""
        label_width = date_width + (6 + measure(text, FONT) if text else 0)
        spot = _label_spot(anchors[i], label_width, row_end, w)
        if spot is None:
            continue
        row, x = spot
        if row == len(row_end):
            row_end.append(0)
        row_end[row] = max(row_end[row], x + label_width)
        placed.append((i, row, x, date_text, text, date_width, label_width))
    rows = len(row_end)
    unlabelled = len(spans) - len(placed)

    labels_top = y
    y += rows * ROW_H + (8 if rows else 0)
    marks_top = y
    y += lanes * LANE_H + 4
    axis_y = y

    def lane_y(lane: int) -> float:
        return marks_top + (lanes - 1 - lane) * LANE_H + LANE_H / 2

    marks = []
    for i, s in enumerate(spans):
        a, b, _ = extents[i]
        shape = "dot" if s.shape == "bar" and b - a <= 2 * DOT_R + 0.01 else s.shape
        item = s.item
        marks.append(
            Mark(
                shape=shape,
                x0=a,
                x1=b,
                y=lane_y(lane_of[i]),
                material=item.material,
                disputed=item.disputed,
                title=plain(f"{item.date.display}: {item.label}"),
            )
        )
    labels = []
    for i, row, x, date_text, text, date_width, label_width in placed:
        baseline = labels_top + (rows - 1 - row) * ROW_H + FONT
        mark_x = anchors[i]
        mark_y = lane_y(lane_of[i]) - DOT_R
        leader_x = min(max(mark_x, x + 1), x + label_width - 1)
        labels.append(
            Label(
                x=x,
                baseline=baseline,
                date_text=date_text,
                text=text,
                date_width=date_width,
                width=label_width,
                material=spans[i].item.material,
                leader=(mark_x, mark_y, leader_x, baseline + 4),
            )
        )

    ticks = _ticks(lo, hi, x_of, x1 - x0)
    y = axis_y + 6 + TICK_FONT + 10

    # Legend and notes.
    legend: list[LegendEntry] = []
    lx = MARGIN
    for shape, is_material, is_disputed, text in (
        ("dot", False, False, "Fact"),
        ("dot", True, False, "Material"),
        ("dot", False, True, "Disputed"),
        ("bar", False, False, "Date range"),
        ("before", False, False, "Before / after a date"),
    ):
        legend.append(LegendEntry(shape, is_material, is_disputed, lx, text))
        lx += 2 * DOT_R + (14 if shape != "dot" else 0) + 6 + measure(text, TICK_FONT) + 14
    legend_y = y + 4
    y += 16
    if unlabelled:
        notes.append(f"{unlabelled:,} more fact{'s' if unlabelled != 1 else ''} not labelled")
    notes_baseline = y + TICK_FONT
    if notes:
        y += 16
    return TimelineLayout(
        width=w,
        height=y + MARGIN - 4,
        title=title,
        title_baseline=title_baseline,
        axis_y=axis_y,
        axis_x0=x0,
        axis_x1=x1,
        ticks=tuple(ticks),
        marks=tuple(marks),
        labels=tuple(labels),
        legend=tuple(legend),
        legend_y=legend_y,
        notes=tuple(notes),
        notes_baseline=notes_baseline,
        undated=undated,
        unlabelled=unlabelled,
    )


def legend_shapes(entry: LegendEntry, y: float) -> list[tuple[str, float, float]]:
    """(shape, x0, x1) of the little marks of a legend entry, and where its text starts."""
    x = entry.x
    if entry.shape == "bar":
        return [("bar", x, x + 2 * DOT_R + 14)]
    if entry.shape == "before":
        return [("before", x, x + 2 * DOT_R), ("after", x + 2 * DOT_R + 6, x + 4 * DOT_R + 6)]
    return [("dot", x, x + 2 * DOT_R)]


def legend_text_x(entry: LegendEntry) -> float:
    return entry.x + 2 * DOT_R + (14 if entry.shape != "dot" else 0) + 6
