"""Trial binders: index, dividers, bookmarks, page labels, links, stamps, bad parts, scale."""

from __future__ import annotations

import subprocess
import time
import tracemalloc
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.pdf.binder import (
    BatesOptions,
    BinderPart,
    build_binder,
    roman,
    wrap,
)
from casedesk.core.pdf.errors import PdfInputError
from casedesk.core.pdf.fonts import text_width
from casedesk.core.pdf.inputs import qpdf_check
from casedesk.core.pdf.stamp import StampStyle


def make_pdf(
    path: Path,
    pages: int,
    label: str,
    *,
    rotate: int = 0,
    size: tuple[float, float] = (612, 792),
    outline: bool = False,
    link: bool = False,
) -> Path:
    """A PDF of ``pages`` pages reading "<label> page <n>", optionally with bookmarks
    (Introduction → page 1, Argument → page 2 with a child → page 3) and a link on page 1
    to page 2."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1, BaseFont=pikepdf.Name.Helvetica
        )
    )
    for n in range(1, pages + 1):
        content = f"BT /F1 20 Tf 72 {size[1] - 100} Td ({label} page {n}) Tj ET".encode()
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=pikepdf.Array([0, 0, *size]),
            Contents=pdf.make_stream(content),
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        )
        if rotate:
            page.Rotate = rotate
        pdf.pages.append(pikepdf.Page(page))
    if link and pages > 1:
        annot = pdf.make_indirect(
            pikepdf.Dictionary(
                Type=pikepdf.Name.Annot,
                Subtype=pikepdf.Name.Link,
                Rect=pikepdf.Array([72, 72, 200, 100]),
                Dest=pikepdf.Array([pdf.pages[1].obj, pikepdf.Name.Fit]),
            )
        )
        pdf.pages[0].obj.Annots = pikepdf.Array([annot])
    if outline:
        with pdf.open_outline() as tree:
            argument = pikepdf.OutlineItem("Argument", 1)
            argument.children.append(pikepdf.OutlineItem("I. Standing", min(2, pages - 1)))
            tree.root.extend([pikepdf.OutlineItem("Introduction", 0), argument])
    pdf.save(path)
    return path


def text_of(path: Path, first: int, last: int | None = None) -> str:
    """pdftotext of pages first..last (1-based)."""
    last = last or first
    return subprocess.run(
        ["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


def outline_titles(pdf: pikepdf.Pdf) -> list[tuple[int, str, int]]:
    """(depth, title, page index) for every bookmark, in order."""
    index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
    found: list[tuple[int, str, int]] = []

    def walk(items: list[pikepdf.OutlineItem], depth: int) -> None:
        for item in items:
            dest = item.destination
            assert isinstance(dest, pikepdf.Array)
            found.append((depth, str(item.title), index[dest[0].objgen]))
            walk(list(item.children), depth + 1)

    with pdf.open_outline() as tree:
        walk(list(tree.root), 0)
    return found


@pytest.fixture
def parts(tmp_path: Path) -> list[BinderPart]:
    folder = tmp_path / "parts"
    folder.mkdir()
    return [
        BinderPart(
            make_pdf(folder / "complaint.pdf", 4, "Complaint", outline=True, link=True),
            "Complaint for Damages",
            description="Filed January 5, 2024",
        ),
        BinderPart(
            make_pdf(folder / "lease.pdf", 2, "Lease", rotate=90),
            "Lease with Nguyễn Văn An",
            tab="A",
        ),
        BinderPart(
            make_pdf(folder / "photo.pdf", 1, "Photo", size=(792, 612)),
            "Photograph of the unit",
            bates="DEF000101",
        ),
    ]


def test_full_binder_structure(tmp_path: Path, parts: list[BinderPart]) -> None:
    dst = tmp_path / "binder.pdf"
    result = build_binder(
        parts, dst, title="Trial Binder", subtitle="Montoya v. Sunset Terrace",
        bates=BatesOptions("ACME", first=41),
    )  # fmt: skip
    # 1 index page + 3 dividers + 7 document pages
    assert result.pages == 11
    assert [tuple(e) for e in result.entries] == [
        ("1", "Complaint for Damages", 2, 4, "ACME000041-ACME000044"),
        ("A", "Lease with Nguyễn Văn An", 7, 2, "ACME000045-ACME000046"),
        ("3", "Photograph of the unit", 10, 1, "ACME000047"),
    ]
    assert any("Nguyen Van An" in w and "bookmarks keep it" in w for w in result.warnings)
    ok, report = qpdf_check(dst)
    assert ok, report
    with pikepdf.open(dst) as pdf:
        assert len(pdf.pages) == 11
        assert [p.label for p in pdf.pages] == [
            "i", "Tab 1", "1-1", "1-2", "1-3", "1-4", "Tab A", "A-1", "A-2", "Tab 3", "3-1"
        ]  # fmt: skip
        assert outline_titles(pdf) == [
            (0, "Index", 0),
            (0, "Tab 1 \u2013 Complaint for Damages", 1),
            (1, "Introduction", 2),
            (1, "Argument", 3),
            (2, "I. Standing", 4),
            (0, "Tab A \u2013 Lease with Nguyễn Văn An", 6),
            (0, "Tab 3 \u2013 Photograph of the unit", 9),
        ]
        index = {page.obj.objgen: i for i, page in enumerate(pdf.pages)}
        links = [a for a in pdf.pages[0].obj.Annots if a.Subtype == pikepdf.Name.Link]
        assert [index[a.Dest[0].objgen] for a in links] == [1, 6, 9]
        # the complaint's own link (page 1 → page 2) now points at binder page 4
        inner = pdf.pages[2].obj.Annots[0]
        assert index[inner.Dest[0].objgen] == 3
        assert pdf.pages[7].obj.Rotate == 90  # the document's pages keep their rotation
        assert str(pdf.docinfo["/Title"]) == "Trial Binder"
        assert pdf.Root.PageMode == pikepdf.Name.UseOutlines
    first = text_of(dst, 1)
    for expected in ("Trial Binder", "Montoya v. Sunset Terrace", "INDEX", "Complaint for Damages",
                     "Filed January 5, 2024", "ACME000041 \u2013 ACME000044",
                     "Lease with Nguyen Van An", "Page 1 of 11"):  # fmt: skip
        assert expected in first, expected
    divider = text_of(dst, 7)
    assert "TAB A" in divider and "Bates ACME000045 \u2013 ACME000046" in divider
    assert "2 pages" in divider and "Page 7 of 11" in divider
    page = text_of(dst, 8)
    assert "Lease page 1" in page and "ACME000045" in page and "Page 8 of 11" in page
    assert "ACME000047" in text_of(dst, 11)


def test_plain_binder_without_extras(tmp_path: Path, parts: list[BinderPart]) -> None:
    dst = tmp_path / "plain.pdf"
    result = build_binder(parts, dst, title="Bare", index=False, dividers=False, page_numbers=False)
    assert result.pages == 7
    assert [e.first_page for e in result.entries] == [1, 5, 7]
    assert [e.bates for e in result.entries] == ["", "", "DEF000101"]
    with pikepdf.open(dst) as pdf:
        assert [p.label for p in pdf.pages] == ["1-1", "1-2", "1-3", "1-4", "A-1", "A-2", "3-1"]
        titles = [(d, t, i) for d, t, i in outline_titles(pdf) if d == 0]
        assert titles == [
            (0, "Tab 1 \u2013 Complaint for Damages", 0),
            (0, "Tab A \u2013 Lease with Nguyễn Văn An", 4),
            (0, "Tab 3 \u2013 Photograph of the unit", 6),
        ]
    text = text_of(dst, 1, 7)
    assert "Page 1 of" not in text and "ACME" not in text
    assert qpdf_check(dst)[0]


def test_index_without_bates_stamping_shows_given_ranges(
    tmp_path: Path, parts: list[BinderPart]
) -> None:
    dst = tmp_path / "b.pdf"
    build_binder(parts, dst, title="Binder")
    assert "DEF000101" in text_of(dst, 1)


def test_long_index_spans_pages_and_links_from_each(tmp_path: Path) -> None:
    one = make_pdf(tmp_path / "one.pdf", 1, "One")
    many = [BinderPart(one, f"Declaration of witness number {n}", description="Signed")
            for n in range(1, 61)]  # fmt: skip
    dst = tmp_path / "long.pdf"
    result = build_binder(many, dst, title="Declarations")
    with pikepdf.open(dst) as pdf:
        index_pages = [p for p in pdf.pages if p.label in ("i", "ii", "iii", "iv")]
        assert len(index_pages) >= 2
        labels = [p.label for p in pdf.pages]
        assert labels[: len(index_pages)] == [roman(n) for n in range(1, len(index_pages) + 1)]
        link_count = sum(len(p.obj.get("/Annots", [])) for p in index_pages)
        assert link_count == 60
    assert result.entries[-1].first_page == result.pages - 1
    assert "INDEX (continued)" in text_of(dst, 2)
    assert qpdf_check(dst)[0]


def test_bates_at_bottom_center_moves_page_numbers_to_the_top(
    tmp_path: Path, parts: list[BinderPart]
) -> None:
    dst = tmp_path / "b.pdf"
    style = StampStyle(position="bottom-center")
    build_binder(parts[:1], dst, title="B", bates=BatesOptions("X", 1, 4, style), index=False)
    lines = [line for line in text_of(dst, 2).splitlines() if line.strip()]
    assert "Page 2 of 5" in lines[0]
    assert "X0001" in lines[-1]


def test_encrypted_part_is_refused_by_name_and_nothing_is_written(
    tmp_path: Path, parts: list[BinderPart]
) -> None:
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(parts[0].path) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(owner="o", user="secret"))
    dst = tmp_path / "binder.pdf"
    bad = [*parts, BinderPart(locked, "Locked")]
    with pytest.raises(PdfInputError, match="Exhibit 9 is encrypted"):
        build_binder(bad, dst, title="B", name_for=lambda p: "Exhibit 9" if p.path == locked
                     else p.path.name)  # fmt: skip
    assert not dst.exists()
    assert list(tmp_path.glob(".binder.pdf*")) == []


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "junk.pdf is empty"),
        (b"hello, not a pdf", "junk.pdf is not a PDF"),
        (b"%PDF-1.7\n" + b"\x00garbage" * 50, "junk.pdf"),
    ],
)
def test_unusable_parts_are_named(
    tmp_path: Path, parts: list[BinderPart], content: bytes, message: str
) -> None:
    junk = tmp_path / "junk.pdf"
    junk.write_bytes(content)
    dst = tmp_path / "binder.pdf"
    with pytest.raises(PdfInputError, match=message):
        build_binder([*parts, BinderPart(junk, "Junk")], dst, title="B")
    assert not dst.exists()


def test_truncated_part_is_repaired_with_a_warning(tmp_path: Path) -> None:
    good = make_pdf(tmp_path / "good.pdf", 3, "Good")
    data = good.read_bytes()
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(data[: data.rfind(b"xref")])
    dst = tmp_path / "binder.pdf"
    result = build_binder([BinderPart(cut, "Cut")], dst, title="B")
    assert result.pages == 5
    assert any("cut.pdf" in w and "repaired" in w for w in result.warnings)
    assert qpdf_check(dst)[0]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": " "}, "needs a title"),
        ({"title": "B", "bates": BatesOptions("AC ME")}, "cannot contain a space"),
        ({"title": "B", "bates": BatesOptions("AC", digits=2)}, "between 3 and 15"),
        ({"title": "B", "bates": BatesOptions("AC", first=999, digits=3)}, "needs 4 digits"),
    ],
)
def test_bad_options(
    tmp_path: Path, parts: list[BinderPart], kwargs: dict[str, object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build_binder(parts, tmp_path / "b.pdf", **kwargs)  # type: ignore[arg-type]
    assert not (tmp_path / "b.pdf").exists()


def test_no_parts_and_writing_over_a_part_are_refused(
    tmp_path: Path, parts: list[BinderPart]
) -> None:
    with pytest.raises(ValueError, match="at least one document"):
        build_binder([], tmp_path / "b.pdf", title="B")
    before = parts[1].path.read_bytes()
    with pytest.raises(ValueError, match="cannot be written over the original"):
        build_binder(parts, parts[1].path, title="B")
    assert parts[1].path.read_bytes() == before


@pytest.mark.parametrize(
    ("n", "numeral"), [(1, "i"), (4, "iv"), (9, "ix"), (14, "xiv"), (40, "xl"), (1994, "mcmxciv")]
)
def test_roman(n: int, numeral: str) -> None:
    assert roman(n) == numeral


def test_wrap_fits_and_truncates() -> None:
    text = "Declaration of Custodian of Records " * 6
    lines = wrap(text, "Helvetica", 10, 150, 3)
    assert len(lines) == 3
    assert lines[-1].endswith("\u2026")
    assert all(text_width("Helvetica", 10, line) <= 150 for line in lines)
    assert wrap("A" * 80, "Helvetica", 10, 100, 9)[0] == "A" * 14  # a long word is broken
    assert wrap("", "Helvetica", 10, 100, 3) == []


@pytest.mark.slow
def test_two_thousand_pages_bind_fast_with_flat_memory(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    parts = [
        BinderPart(make_pdf(folder / f"doc{n:02d}.pdf", 50, f"Document {n}"), f"Document {n}")
        for n in range(40)
    ]
    dst = tmp_path / "big.pdf"
    tracemalloc.start()
    started = time.perf_counter()
    result = build_binder(parts, dst, title="Big binder", bates=BatesOptions("BIG", 1))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert result.pages == 2 + 40 + 2_000  # two index pages
    assert peak < 40 * 1024 * 1024, f"Python peak {peak / 1e6:.1f} MB"
    assert elapsed < 60
    ok, report = qpdf_check(dst)
    assert ok, report
    last = text_of(dst, result.pages)
    assert "BIG002000" in last and "Page 2,042 of 2,042" in last
