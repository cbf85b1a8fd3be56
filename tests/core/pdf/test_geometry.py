"""The display frame and stamp placement, as pure arithmetic (PDF-level checks are elsewhere)."""

from __future__ import annotations

import pikepdf
import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.core.pdf.geometry import (
    POSITIONS,
    apply,
    display_frame,
    page_rotation,
    place_stamp,
    visible_box,
)


@pytest.mark.parametrize(
    ("rotate", "corner_of_display", "user_point"),
    [
        # (display bottom-left, display top-right) -> user-space points, box (10,20)-(110,220)
        (0, (0, 0), (10, 20)),
        (0, "tr", (110, 220)),
        (90, (0, 0), (110, 20)),  # turned clockwise: user bottom-right shows bottom-left
        (90, "tr", (10, 220)),
        (180, (0, 0), (110, 220)),
        (180, "tr", (10, 20)),
        (270, (0, 0), (10, 220)),
        (270, "tr", (110, 20)),
    ],
)
def test_display_frame_corners(
    rotate: int, corner_of_display: object, user_point: tuple[float, float]
) -> None:
    frame = display_frame((10, 20, 110, 220), rotate)
    assert (frame.width, frame.height) == ((100, 200) if rotate in (0, 180) else (200, 100))
    point = (frame.width, frame.height) if corner_of_display == "tr" else corner_of_display
    assert apply(frame.matrix, *point) == pytest.approx(user_point)  # type: ignore[misc]


def _inside(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    return box[0] - 1e-6 <= x <= box[2] + 1e-6 and box[1] - 1e-6 <= y <= box[3] + 1e-6


@given(
    x0=st.floats(-1000, 1000),
    y0=st.floats(-1000, 1000),
    w=st.floats(20, 3000),
    h=st.floats(20, 3000),
    rotate=st.sampled_from([0, 90, 180, 270]),
    position=st.sampled_from(POSITIONS),
    stamp_w=st.floats(1, 400),
    stamp_h=st.floats(1, 60),
    margin=st.floats(0, 72),
)
def test_stamp_always_inside_the_visible_box(
    x0: float,
    y0: float,
    w: float,
    h: float,
    rotate: int,
    position: str,
    stamp_w: float,
    stamp_h: float,
    margin: float,
) -> None:
    box = (x0, y0, x0 + w, y0 + h)
    placed = place_stamp(box, rotate, stamp_w, stamp_h, position=position, margin=margin)
    for corner in ((0, 0), (stamp_w, 0), (0, stamp_h), (stamp_w, stamp_h)):
        assert _inside(box, *apply(placed.matrix, *corner))
    assert 0 < placed.scale <= 1


def test_upright_means_text_direction_follows_the_display() -> None:
    """The stamp's x axis maps to the display's x axis for every rotation."""
    for rotate in (0, 90, 180, 270):
        frame = display_frame((0, 0, 612, 792), rotate)
        placed = place_stamp((0, 0, 612, 792), rotate, 50, 10, position="bottom-left", margin=18)
        a, b, c, d, _, _ = placed.matrix
        fa, fb, fc, fd, _, _ = frame.matrix
        assert (a, b, c, d) == pytest.approx((fa, fb, fc, fd))
        assert placed.origin == pytest.approx((18, 18))


def _page(**entries: object) -> pikepdf.Dictionary:
    return pikepdf.Dictionary(Type=pikepdf.Name.Page, **entries)


@pytest.mark.parametrize(
    ("entries", "box"),
    [
        ({"MediaBox": [0, 0, 612, 792]}, (0, 0, 612, 792)),
        ({"MediaBox": [612, 792, 0, 0]}, (0, 0, 612, 792)),
        ({"MediaBox": [0, 0, 612, 792], "CropBox": [36, 36, 576, 756]}, (36, 36, 576, 756)),
        ({"MediaBox": [0, 0, 400, 400], "CropBox": [-50, -50, 300, 350]}, (0, 0, 300, 350)),
        ({"MediaBox": [0, 0, 400, 400], "CropBox": [500, 500, 600, 600]}, (0, 0, 400, 400)),
        ({"MediaBox": [0, 0, 400, 400], "CropBox": [0, 0, 0, 0]}, (0, 0, 400, 400)),
        ({}, (0, 0, 612, 792)),
        ({"MediaBox": [0, 0, 1]}, (0, 0, 612, 792)),
    ],
)
def test_visible_box(entries: dict[str, object], box: tuple[float, ...]) -> None:
    assert visible_box(_page(**entries)) == box


def test_inherited_box_and_rotation() -> None:
    parent = pikepdf.Dictionary(Type=pikepdf.Name.Pages, MediaBox=[0, 0, 300, 500], Rotate=-90)
    page = _page(Parent=parent)
    assert visible_box(page) == (0, 0, 300, 500)
    assert page_rotation(page) == 270


@pytest.mark.parametrize(("value", "angle"), [(90, 90), (450, 90), (-180, 180), (45, 0), ("x", 0)])
def test_rotation_values(value: object, angle: int) -> None:
    entry = pikepdf.String(value) if isinstance(value, str) else value
    assert page_rotation(_page(Rotate=entry)) == angle


def test_unknown_position() -> None:
    with pytest.raises(ValueError, match="choose one of bottom-right"):
        place_stamp((0, 0, 10, 10), 0, 1, 1, position="middle", margin=0)
