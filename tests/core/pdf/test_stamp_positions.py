"""Bates labels land where the reader expects them, upright, on any page geometry.

Every position × every rotation × odd boxes (CropBox offset from the origin, MediaBox not at
0,0, landscape, inverted and oversized boxes), checked with PDFium as a viewer shows the page.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.pdf.geometry import POSITIONS
from casedesk.core.pdf.stamp import StampStyle, bates_stamp
from tests.core.pdf.helpers import Found, PageSpec, find_text, make_pdf

BOXES: dict[
    str, tuple[tuple[float, float, float, float], tuple[float, float, float, float] | None]
] = {
    "letter": ((0, 0, 612, 792), None),
    "landscape": ((0, 0, 792, 612), None),
    "media-off-origin": ((-200, -100, 412, 692), None),
    "crop-offset": ((0, 0, 612, 792), (50, 60, 500, 700)),
    "crop-past-media": ((0, 0, 400, 420), (-50, -50, 300, 350)),
    "inverted-media": ((612, 792, 0, 0), None),
    "a4-offset-both": ((100, 100, 695, 942), (120, 130, 680, 900)),
}
ROTATIONS = (0, 90, 180, 270, -90, 450)
MARGIN = 18.0
TOLERANCE = 1.0


def _specs() -> list[tuple[str, int, PageSpec]]:
    specs = []
    for box_name, (media, crop) in BOXES.items():
        for rotate in ROTATIONS:
            specs.append((box_name, rotate, PageSpec(media=media, crop=crop, rotate=rotate)))
    return specs


SPECS = _specs()


def _check_edges(found: Found, position: str, what: str) -> None:
    vertical, horizontal = position.split("-")
    w, h = found.page_width, found.page_height
    assert found.left >= MARGIN - TOLERANCE, what
    assert found.right <= w - MARGIN + TOLERANCE, what
    assert found.bottom >= MARGIN - TOLERANCE, what
    assert found.top <= h - MARGIN + TOLERANCE, what
    # near the requested edge and side (within the backing box's padding and a little)
    near = 8.0
    if vertical == "bottom":
        assert found.bottom <= MARGIN + near, what
    else:
        assert found.top >= h - MARGIN - near, what
    if horizontal == "left":
        assert found.left <= MARGIN + near, what
    elif horizontal == "right":
        assert found.right >= w - MARGIN - near, what
    else:
        middle = (found.left + found.right) / 2
        assert abs(middle - w / 2) <= 2.0, what


@pytest.mark.parametrize("position", POSITIONS)
def test_label_inside_visible_box_and_upright(tmp_path: Path, position: str) -> None:
    src = make_pdf(tmp_path / "odd.pdf", [spec for _, _, spec in SPECS])
    dst = tmp_path / "out.pdf"
    result = bates_stamp(
        src, dst, prefix="ACME", first=7, style=StampStyle(position=position, margin=MARGIN)
    )
    assert result.pages == len(SPECS)
    for index, (box_name, rotate, _) in enumerate(SPECS):
        label = f"ACME{7 + index:06d}"
        found = find_text(dst, index, label)
        what = f"{label} at {position} on {box_name} rotated {rotate}: {found}"
        assert found.upright, what
        _check_edges(found, position, what)


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
def test_poppler_agrees_on_position(tmp_path: Path, rotate: int) -> None:
    """Poppler (pdftotext -bbox, displayed coordinates, y down) sees it bottom-right too."""
    spec = PageSpec(media=(30, 40, 642, 832), crop=(40, 50, 600, 800), rotate=rotate)
    src = make_pdf(tmp_path / "r.pdf", [spec])
    dst = tmp_path / "out.pdf"
    bates_stamp(src, dst, prefix="ZZ", first=1)
    done = subprocess.run(
        ["pdftotext", "-cropbox", "-bbox", str(dst), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    word = re.search(
        r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">ZZ000001<', done.stdout
    )
    assert word is not None
    x_min, y_min, x_max, y_max = (float(v) for v in word.groups())
    width, height = (560.0, 750.0) if rotate in (0, 180) else (750.0, 560.0)
    assert width - MARGIN - 8 <= x_max <= width - MARGIN
    assert height - MARGIN - 8 <= y_max <= height - MARGIN
    assert x_max - x_min > 3 * (y_max - y_min)  # a horizontal run of text


@pytest.mark.parametrize(
    ("position", "legend_side"),
    [
        ("bottom-right", "left"),
        ("bottom-left", "right"),
        ("top-right", "left"),
        ("top-left", "right"),
    ],
)
def test_legend_on_the_other_side_of_the_same_edge(
    tmp_path: Path, position: str, legend_side: str
) -> None:
    src = make_pdf(tmp_path / "a.pdf", [PageSpec(), PageSpec(rotate=90)])
    dst = tmp_path / "out.pdf"
    legend = "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER"
    bates_stamp(
        src, dst, prefix="ACME", first=1, legend=legend, style=StampStyle(position=position)
    )
    for index in range(2):
        label = find_text(dst, index, f"ACME00000{index + 1}")
        found = find_text(dst, index, legend)
        assert found.upright
        _check_edges(found, f"{position.split('-')[0]}-{legend_side}", f"legend page {index}")
        # same edge: the two share a line
        assert abs((found.bottom + found.top) / 2 - (label.bottom + label.top) / 2) < 3
        assert found.top - found.bottom < label.top - label.bottom  # 0.8x the size


@pytest.mark.parametrize("position", ["bottom-center", "top-center"])
def test_legend_stacks_with_a_centred_label(tmp_path: Path, position: str) -> None:
    src = make_pdf(tmp_path / "a.pdf", [PageSpec(rotate=270)])
    dst = tmp_path / "out.pdf"
    bates_stamp(
        src, dst, prefix="ACME", first=1, legend="CONFIDENTIAL", style=StampStyle(position=position)
    )
    label = find_text(dst, 0, "ACME000001")
    legend = find_text(dst, 0, "CONFIDENTIAL")
    assert legend.upright and label.upright
    if position == "bottom-center":
        assert legend.bottom > label.top  # just above
    else:
        assert legend.top < label.bottom  # just below, staying on the page
    assert abs((legend.left + legend.right) / 2 - (label.left + label.right) / 2) < 2


def test_narrow_page_stacks_the_legend_and_shrinks_to_fit(tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "a.pdf", [PageSpec(media=(0, 0, 180, 300))])
    dst = tmp_path / "out.pdf"
    legend = "HIGHLY CONFIDENTIAL - ATTORNEYS' EYES ONLY"
    result = bates_stamp(src, dst, prefix="ACME", first=1, legend=legend)
    label = find_text(dst, 0, "ACME000001")
    found = find_text(dst, 0, legend)
    assert found.left >= MARGIN - TOLERANCE and found.right <= 180 - MARGIN + TOLERANCE
    assert found.bottom > label.top  # no collision: stacked
    assert any("smaller to fit" in w for w in result.warnings)


def test_original_graphics_state_cannot_move_the_stamp(tmp_path: Path) -> None:
    """Content that scales, shifts, clips and paints white, never restoring, cannot move it.

    (q/Q must balance within a page's content, ISO 32000-1 8.4.2, so a page that leaves
    the state changed does it without q; that is what the wrapper undoes.)
    """
    pdf = pikepdf.new()
    prelude = b"0.25 0 0 0.25 300 300 cm 0 0 10 10 re W n 1 1 1 rg 1 1 1 RG 3 Tr 40 Tz\n"
    font = pikepdf.Dictionary(
        Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
    )
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 612, 792],
        Contents=pdf.make_stream(prelude + b"BT /F1 12 Tf 0 0 Td (hidden) Tj ET\n"),
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
    )
    pdf.pages.append(pikepdf.Page(page))
    src, dst = tmp_path / "state.pdf", tmp_path / "out.pdf"
    pdf.save(src)
    bates_stamp(src, dst, prefix="ACME", first=1)
    found = find_text(dst, 0, "ACME000001")
    assert found.upright
    assert found.right > 612 - MARGIN - 8 and found.bottom < MARGIN + 8
