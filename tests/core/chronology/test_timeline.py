"""The timeline picture: one layout (axis, marks, labels that never overlap, notes), drawn as
valid SVG and as PNG, fast enough for 2,000 facts."""

from __future__ import annotations

import datetime as dt
import io
import random
import xml.etree.ElementTree as ET

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from casedesk.core.chronology import (
    FuzzyDate,
    TimelineItem,
    parse_fuzzy_date,
    timeline_layout,
    timeline_png,
    timeline_svg,
)
from casedesk.core.chronology import layout as layout_module
from casedesk.core.chronology.layout import FONT, MARGIN, ROW_H, TimelineLayout

SVG = "{http://www.w3.org/2000/svg}"


def item(text: str, label: str = "A fact", **kwargs: bool) -> TimelineItem:
    return TimelineItem(parse_fuzzy_date(text), label, **kwargs)


CASE = [
    item("June 3, 2022", "Services agreement signed", material=True),
    item("9/1/2022", "Invoice 1043 issued"),
    item("Oct. 3, 2022", "First demand letter"),
    item("November 1, 2022", "Second demand letter", disputed=True),
    item("early 2023", "محمد عبد الله admits the debt by telephone", material=True, disputed=True),
    item("before December 2023", "No payment received"),
    item("Q3 2023", "Nguyễn Văn An audits the account"),
    item("c. March 2023", 'Board meeting <minutes> & "notes"'),
    item("after Jan 5, 2024", "Collection agency engaged"),
    item("January 2, 2024", "Complaint filed", material=True),
    item("", "Undated call"),
]


def _svg_texts(svg: str) -> str:
    root = ET.fromstring(svg)
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def _boxes_overlap(layout: TimelineLayout) -> bool:
    boxes = [(lab.x, lab.baseline, lab.x + lab.width) for lab in layout.labels]
    for i, (x0, y0, x1) in enumerate(boxes):
        for u0, v0, u1 in boxes[i + 1 :]:
            if abs(y0 - v0) < ROW_H - 0.01 and x0 < u1 and u0 < x1:
                return True
    return False


def test_svg_is_valid_xml_with_escaped_text() -> None:
    svg = timeline_svg(CASE, title="Acme v. Beta <draft> & more")
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg"
    assert root.get("width") == "960"
    texts = _svg_texts(svg)
    assert "Acme v. Beta <draft> & more" in texts
    assert 'Board meeting <minutes> & "notes"' in texts
    assert "محمد عبد الله admits the debt by telephone" in texts
    assert "Nguyễn Văn An audits the account" in texts
    assert "1 undated fact not shown" in texts
    assert "not labelled" not in texts
    circles = list(root.iter(f"{SVG}circle"))
    rects = list(root.iter(f"{SVG}rect"))
    polygons = list(root.iter(f"{SVG}polygon"))
    assert len(circles) >= 6 and len(polygons) >= 2 and len(rects) >= 3


def test_layout_marks_and_labels() -> None:
    layout = timeline_layout(CASE, width=960)
    assert len(layout.marks) == 10  # the undated fact is counted, not drawn
    assert layout.undated == 1
    assert layout.unlabelled == 0
    shapes = sorted(m.shape for m in layout.marks)
    assert shapes.count("bar") == 3 and shapes.count("before") == 1 and shapes.count("after") == 1
    assert not _boxes_overlap(layout)
    for mark in layout.marks:
        assert MARGIN <= mark.x0 <= mark.x1 <= layout.width - MARGIN
    for label in layout.labels:
        assert label.x >= MARGIN and label.x + label.width <= layout.width - MARGIN + 0.01
        assert label.baseline - FONT >= 0
    material = [lab for lab in layout.labels if lab.material]
    assert len(material) == 3


def test_empty_picture() -> None:
    svg = timeline_svg([])
    assert "No dated facts" in _svg_texts(svg)
    only_undated = timeline_svg([item(""), item("unknown")], title="T")
    assert "2 undated facts not shown" in _svg_texts(only_undated)
    png = Image.open(io.BytesIO(timeline_png([])))
    assert png.format == "PNG" and png.width == 1600 and png.height < 300


def test_labels_capped_material_first() -> None:
    items = [item(f"2024-01-{d:02d}", f"Ordinary fact {d}") for d in range(1, 29)]
    items += [item(f"2024-02-{d:02d}", f"Key fact {d}", material=True) for d in range(1, 6)]
    layout = timeline_layout(items, width=960, max_labels=8)
    assert len(layout.labels) <= 8
    assert sum(lab.material for lab in layout.labels) == 5
    assert layout.unlabelled == len(items) - len(layout.labels)
    assert f"{layout.unlabelled} more facts not labelled" in _svg_texts(
        timeline_svg(items, max_labels=8)
    )
    assert not _boxes_overlap(layout)
    none = timeline_layout(items, max_labels=0)
    assert none.labels == () and none.unlabelled == len(items)


def test_labels_spread_over_time() -> None:
    items = [
        item((dt.date(2010, 1, 1) + dt.timedelta(days=30 * i)).isoformat(), f"F{i}")
        for i in range(120)
    ]
    layout = timeline_layout(items, width=960, max_labels=6)
    xs = sorted(lab.leader[0] for lab in layout.labels)
    assert len(xs) == 6
    assert xs[0] < 960 * 0.3 and xs[-1] > 960 * 0.7


@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        (["2024-03-01", "2024-03-20"], ["Mar 4, 2024", "Mar 11", "Mar 18"]),  # Mondays
        (["2024-03-01", "2024-03-09"], ["Feb 28, 2024", "Mar 1", "Mar 3"]),
        (["2024-01-15", "2024-11-20"], ["Mar 2024", "May", "Jul", "Sep", "Nov"]),
        (["2023-11-15", "2024-04-20"], ["Dec 2023", "Jan 2024", "Feb"]),
        (["1990-01-01", "2024-01-01"], ["1990", "1995", "2000"]),
        (["2024-03-05"], ["Feb 28, 2024", "Mar 1", "Mar 3"]),
        (["1850", "2150"], ["1850", "1900", "1950"]),
    ],
)
def test_ticks_by_span(dates: list[str], expected: list[str]) -> None:
    layout = timeline_layout([item(d) for d in dates], width=960)
    labels = [t.label for t in layout.ticks]
    assert labels[: len(expected)] == expected
    assert 2 <= len(labels) <= 12
    xs = [t.x for t in layout.ticks]
    assert xs == sorted(xs)


def test_png_same_layout_and_width() -> None:
    data = timeline_png(CASE, title="Acme v. Beta")
    image = Image.open(io.BytesIO(data))
    assert image.format == "PNG"
    assert image.width == 1600
    layout = timeline_layout(CASE, width=800, title="Acme v. Beta")
    assert image.height == round(layout.height * 2)
    small = Image.open(io.BytesIO(timeline_png(CASE, width=500)))
    assert small.width == 500
    # Something is drawn in the material red.
    colours = {c for _, c in image.convert("RGB").getcolors(1_000_000) or []}
    assert (0xB9, 0x1C, 0x1C) in colours


def test_png_without_dejavu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(layout_module, "FONT_DIR", layout_module.Path("/nonexistent-fonts"))
    layout_module.font_for.cache_clear()
    layout_module.measure.cache_clear()
    try:
        data = timeline_png(CASE, title="No fonts")
        assert Image.open(io.BytesIO(data)).width == 1600
        assert ET.fromstring(timeline_svg(CASE)) is not None
    finally:
        layout_module.font_for.cache_clear()
        layout_module.measure.cache_clear()


def _many(n: int, seed: int = 1) -> list[TimelineItem]:
    rng = random.Random(seed)
    out = []
    for i in range(n):
        day = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3000))
        roll = rng.random()
        if roll < 0.7:
            date = FuzzyDate("exact", day, day, "")
        elif roll < 0.85:
            date = parse_fuzzy_date(f"{day:%B %Y}")
        elif roll < 0.9:
            date = parse_fuzzy_date(f"before {day}")
        elif roll < 0.95:
            date = parse_fuzzy_date(f"c. {day.year}")
        else:
            date = FuzzyDate.unknown()
        out.append(
            TimelineItem(
                date, f"Fact {i} about the dispute", rng.random() < 0.05, rng.random() < 0.1
            )
        )
    return out


def test_two_thousand_facts() -> None:
    """2,000 facts draw as both pictures (their speed is measured in bench/reports, not here)."""
    items = _many(2000)
    assert timeline_png(items, title="2,000 facts").startswith(b"\x89PNG")
    svg = timeline_svg(items)
    ET.fromstring(svg)
    layout = timeline_layout(items)
    assert len(layout.labels) <= 40
    assert not _boxes_overlap(layout)
    assert layout.undated + len(layout.marks) == 2000
    assert f"{layout.unlabelled:,} more facts not labelled" in _svg_texts(svg)


labels = st.text(max_size=80)
dates = st.one_of(
    st.dates(min_value=dt.date(1800, 1, 1), max_value=dt.date(2199, 12, 31)).map(
        lambda d: FuzzyDate("exact", d, d, "")
    ),
    st.sampled_from(
        [
            "",
            "c. 1800",
            "2199",
            "Q1 2024",
            "before 1800-01-02",
            "after 2199-12-30",
            "winter 2000",
            "Mar. 2024",
        ]
    ).map(parse_fuzzy_date),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.builds(TimelineItem, dates, labels, st.booleans(), st.booleans()), max_size=30),
    st.integers(min_value=100, max_value=2000),
    labels,
    st.integers(min_value=0, max_value=50),
)
def test_any_items_draw(items: list[TimelineItem], width: int, title: str, max_labels: int) -> None:
    svg = timeline_svg(items, width=width, title=title, max_labels=max_labels)
    ET.fromstring(svg)
    layout = timeline_layout(items, width=width, title=title, max_labels=max_labels)
    assert len(layout.labels) <= max_labels
    assert not _boxes_overlap(layout)
    assert layout.undated + len(layout.marks) == len(items)
    for mark in layout.marks:
        assert 0 <= mark.x0 <= mark.x1 <= layout.width
