"""Where a stamp goes: the visible box of a page, its rotation, and the stamp's matrix.

A reader shows a page's CropBox (clipped to its MediaBox), turned clockwise by /Rotate. A
stamp "bottom-right" must sit at the bottom right of the page *as the reader sees it*, and
read upright there, whatever the boxes' origin and the rotation. The approach: build the
*display frame*, a coordinate system whose origin is the bottom-left corner of the page as
displayed, x to the right and y up as the reader sees them (`display_frame`); lay the stamp
out in it (`stamp_origin`); and concatenate one matrix (`Placement.matrix`, for the ``cm``
operator) that maps the stamp's own upright coordinates into the page's user space.

Matrices are PDF's six numbers (a, b, c, d, e, f): x' = a*x + c*y + e, y' = b*x + d*y + f.
"""

from __future__ import annotations

from dataclasses import dataclass

import pikepdf

POSITIONS: tuple[str, ...] = (
    "bottom-right",
    "bottom-left",
    "bottom-center",
    "top-right",
    "top-left",
    "top-center",
)

Box = tuple[float, float, float, float]
Matrix = tuple[float, float, float, float, float, float]

IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
LETTER: Box = (0.0, 0.0, 612.0, 792.0)
_MAX_INHERIT_DEPTH = 64  # guards against a page tree that loops back on itself


def check_position(position: str) -> str:
    """Return ``position`` if it is one of `POSITIONS`, else ValueError listing them."""
    if position not in POSITIONS:
        raise ValueError(
            f"The stamp position {position!r} is not known: choose one of {', '.join(POSITIONS)}."
        )
    return position


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies ``first`` and then ``then`` (PDF's ``first × then``)."""
    a1, b1, c1, d1, e1, f1 = first
    a2, b2, c2, d2, e2, f2 = then
    return (
        a1 * a2 + b1 * c2,
        a1 * b2 + b1 * d2,
        c1 * a2 + d1 * c2,
        c1 * b2 + d1 * d2,
        e1 * a2 + f1 * c2 + e2,
        e1 * b2 + f1 * d2 + f2,
    )


def apply(matrix: Matrix, x: float, y: float) -> tuple[float, float]:
    """The point (x, y) transformed by ``matrix``."""
    a, b, c, d, e, f = matrix
    return a * x + c * y + e, b * x + d * y + f


def inherited(page: pikepdf.Dictionary, key: str) -> pikepdf.Object | None:
    """A page attribute, from the page or the nearest ancestor in the page tree that has it."""
    node: pikepdf.Object | None = page
    for _ in range(_MAX_INHERIT_DEPTH):
        if not isinstance(node, pikepdf.Dictionary):
            return None
        value = node.get(key)
        if value is not None:
            return value
        node = node.get("/Parent")
    return None


def normalise_box(value: object) -> Box | None:
    """A rectangle as (x0, y0, x1, y1) with x0 < x1 and y0 < y1, or None if it is not one."""
    try:
        numbers = [float(v) for v in value]  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        return None
    if len(numbers) != 4:
        return None
    x0, y0, x1, y1 = numbers
    x0, x1 = min(x0, x1), max(x0, x1)
    y0, y1 = min(y0, y1), max(y0, y1)
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        return None
    return (x0, y0, x1, y1)


def _page_dict(page: pikepdf.Page | pikepdf.Dictionary) -> pikepdf.Dictionary:
    return page.obj if isinstance(page, pikepdf.Page) else page


def visible_box(page: pikepdf.Page | pikepdf.Dictionary) -> Box:
    """The part of the page a reader shows: CropBox ∩ MediaBox, normalised, in user space.

    Inherited boxes count. A missing or broken MediaBox counts as US letter; a CropBox that
    does not overlap the MediaBox is ignored (readers show the MediaBox then).
    """
    obj = _page_dict(page)
    media = normalise_box(inherited(obj, "/MediaBox")) or LETTER
    crop = normalise_box(inherited(obj, "/CropBox"))
    if crop is None:
        return media
    x0, y0 = max(media[0], crop[0]), max(media[1], crop[1])
    x1, y1 = min(media[2], crop[2]), min(media[3], crop[3])
    if x1 - x0 <= 0 or y1 - y0 <= 0:
        return media
    return (x0, y0, x1, y1)


def page_rotation(page: pikepdf.Page | pikepdf.Dictionary) -> int:
    """The page's clockwise display rotation: 0, 90, 180 or 270 (inherited; junk counts 0)."""
    value = inherited(_page_dict(page), "/Rotate")
    try:
        angle = int(value) % 360  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return 0
    return angle if angle in (0, 90, 180, 270) else 0


@dataclass(frozen=True)
class Frame:
    """The page as the reader sees it: its size and the matrix from display to user space."""

    width: float
    height: float
    matrix: Matrix


def display_frame(box: Box, rotate: int) -> Frame:
    """The display frame of a page whose visible box is ``box`` and rotation ``rotate``.

    In the frame (0, 0) is the bottom-left corner of the page as displayed and (width,
    height) its top-right; ``matrix`` maps frame coordinates to the page's user space.
    """
    x0, y0, x1, y1 = box
    w, h = x1 - x0, y1 - y0
    if rotate == 90:
        return Frame(h, w, (0.0, 1.0, -1.0, 0.0, x0 + w, y0))
    if rotate == 180:
        return Frame(w, h, (-1.0, 0.0, 0.0, -1.0, x0 + w, y0 + h))
    if rotate == 270:
        return Frame(h, w, (0.0, -1.0, 1.0, 0.0, x0, y0 + h))
    return Frame(w, h, (1.0, 0.0, 0.0, 1.0, x0, y0))


def stamp_origin(
    position: str, frame_width: float, frame_height: float, w: float, h: float, margin: float
) -> tuple[float, float]:
    """Lower-left corner, in the display frame, of a ``w`` x ``h`` stamp at ``position``."""
    vertical, horizontal = check_position(position).split("-")
    v = margin if vertical == "bottom" else frame_height - margin - h
    if horizontal == "left":
        u = margin
    elif horizontal == "right":
        u = frame_width - margin - w
    else:
        u = (frame_width - w) / 2
    return u, v


def fit_scale(frame: Frame, w: float, h: float, margin: float) -> tuple[float, float]:
    """(scale, margin) so a ``w`` x ``h`` stamp fits inside the frame less its margins.

    The scale is 1 unless the stamp is too big; on a tiny page the margin shrinks to a
    quarter of the page's smaller side first.
    """
    margin = max(0.0, min(margin, frame.width / 4, frame.height / 4))
    room_w, room_h = frame.width - 2 * margin, frame.height - 2 * margin
    scale = min(1.0, room_w / w if w > 0 else 1.0, room_h / h if h > 0 else 1.0)
    return scale, margin


@dataclass(frozen=True)
class Placement:
    """Where a stamp goes on one page.

    ``matrix``: concatenate it (``cm``) and draw the stamp upright with its lower-left
    corner at (0, 0) and its natural size. ``origin``: that corner in the display frame.
    ``scale`` < 1 when the stamp had to shrink to fit the visible page.
    """

    matrix: Matrix
    origin: tuple[float, float]
    scale: float
    frame: Frame


def place_stamp(
    box: Box, rotate: int, w: float, h: float, *, position: str, margin: float
) -> Placement:
    """Place a ``w`` x ``h`` stamp at ``position``, ``margin`` points inside the visible box.

    The stamp reads upright as the page is displayed (honouring /Rotate 0/90/180/270) and
    stays inside the visible box; it shrinks (keeping its proportions) when it would not fit.
    """
    frame = display_frame(box, rotate)
    scale, margin = fit_scale(frame, w, h, margin)
    u, v = stamp_origin(position, frame.width, frame.height, w * scale, h * scale, margin)
    local: Matrix = (scale, 0.0, 0.0, scale, u, v)
    return Placement(multiply(local, frame.matrix), (u, v), scale, frame)
