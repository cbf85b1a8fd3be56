"""Cutting a long report into parts, and putting rendered parts together with page numbers
and bookmarks."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.reports.pdf import (
    PART_BUDGET,
    ROW_COST,
    PartPlan,
    Piece,
    plan_parts,
    render_pdf,
)

SECTIONS = ["summary", "parties", "chronology", "documents", "tasks"]


def _rows(plans: list[PartPlan], section: str) -> list[int]:
    out: list[int] = []
    for part in plans:
        for piece in part.pieces:
            if piece.section == section:
                out.extend(range(piece.start, piece.stop))
    return out


@pytest.mark.parametrize(
    ("facts", "documents", "parts"),
    [
        (0, 0, 1),
        (10, 10, 1),
        (400, 150, 1),  # 950 row units: still one part, no forced page breaks
        (2000, 5000, 0),  # many: each within the budget
    ],
)
def test_small_reports_are_one_part_long_ones_many(facts: int, documents: int, parts: int) -> None:
    years = sorted(str(2015 + i % 9) for i in range(facts))
    categories = sorted(["Pleadings", "Discovery", "Letters"][i % 3] for i in range(documents))
    plans = plan_parts(SECTIONS, {"chronology": years, "documents": categories})
    if parts:
        assert len(plans) == parts
    else:
        costs = [
            sum((p.stop - p.start) * ROW_COST.get(p.section, 1) for p in part.pieces)
            for part in plans
        ]
        assert len(plans) >= (2 * facts + documents) // PART_BUDGET
        assert max(costs) <= PART_BUDGET
    assert plans[0].cover and not any(p.cover for p in plans[1:])
    assert _rows(plans, "chronology") == list(range(facts))
    assert _rows(plans, "documents") == list(range(documents))


def test_a_part_closes_before_a_group_that_does_not_fit() -> None:
    # 300 facts of 2019 (600 units), then 200 of 2020: 2020 starts a new part.
    years = ["2019"] * 300 + ["2020"] * 200
    plans = plan_parts(["chronology"], {"chronology": years}, budget=700, single_limit=0)
    assert [p.pieces for p in plans] == [
        (Piece("chronology", 0, 300),),
        (Piece("chronology", 300, 500, continued=True),),
    ]


def test_a_group_larger_than_a_part_is_cut_inside() -> None:
    plans = plan_parts(["documents"], {"documents": ["Letters"] * 1500}, budget=700, single_limit=0)
    assert [(p.pieces[0].start, p.pieces[0].stop) for p in plans] == [
        (0, 700),
        (700, 1400),
        (1400, 1500),
    ]


def test_sections_without_rows_stay_whole() -> None:
    plans = plan_parts(["summary", "chronology", "tasks"], {"chronology": []})
    assert plans == [
        PartPlan(pieces=(Piece("summary"), Piece("chronology", 0, 0), Piece("tasks")), cover=True)
    ]


@settings(max_examples=60, deadline=None)
@given(
    facts=st.lists(st.sampled_from(["2019", "2020", "2021", ""]), max_size=1500),
    documents=st.lists(st.sampled_from(["A", "B", "C"]), max_size=2500),
    budget=st.integers(min_value=20, max_value=900),
)
def test_every_row_is_in_exactly_one_part_in_order(
    facts: list[str], documents: list[str], budget: int
) -> None:
    facts.sort()
    documents.sort()
    plans = plan_parts(
        SECTIONS, {"chronology": facts, "documents": documents}, budget=budget, single_limit=0
    )
    assert _rows(plans, "chronology") == list(range(len(facts)))
    assert _rows(plans, "documents") == list(range(len(documents)))
    order = [piece.section for part in plans for piece in part.pieces]
    assert order == sorted(order, key=SECTIONS.index)
    for part in plans:
        assert part.pieces
    for part in plans[1:]:
        first = part.pieces[0]
        assert first.continued == (first.start > 0)


def _html(title: str, pages: int) -> str:
    body = "".join(
        f'<h2 style="break-before: page">{title} {i}</h2><p>Nguyễn Thị Minh Khai · شركة النور</p>'
        if i
        else f"<h2>{title} {i}</h2><p>text</p>"
        for i in range(pages)
    )
    return f"<html><body>{body}</body></html>"


def _text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


def test_parts_are_merged_numbered_and_bookmarked(tmp_path: Path) -> None:
    rendered = render_pdf(
        [_html("First", 2), _html("Second", 1)], title="Case report", author="Cleo Clerk"
    )
    assert rendered.pages == 3 and rendered.parts == 2
    text = _text(rendered.data, tmp_path)
    for n in (1, 2, 3):
        assert f"Page {n} of 3" in text
    assert "Nguyễn Thị Minh Khai" in text
    assert [page for _, page in rendered.bookmarks] == [0, 1, 2]
    with pikepdf.open(io.BytesIO(rendered.data)) as pdf:
        assert str(pdf.docinfo["/Title"]) == "Case report"
        with pdf.open_outline() as outline:
            assert [item.title for item in outline.root] == ["First 0", "First 1", "Second 0"]


@pytest.mark.slow
def test_parts_in_worker_processes_give_the_same_pages(tmp_path: Path) -> None:
    parts = [_html(f"Part {i}", 2) for i in range(3)]
    seen: list[tuple[int, int]] = []
    alone = render_pdf(parts, workers=1)
    together = render_pdf(parts, workers=2, progress=lambda done, total: seen.append((done, total)))
    assert alone.pages == together.pages == 6
    assert alone.bookmarks == together.bookmarks
    assert seen[-1] == (3, 3)
    assert "Page 6 of 6" in _text(together.data, tmp_path)


def test_no_parts_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one part"):
        render_pdf([])
