"""bates_stamp: numbering, what survives, resources, safety of the original, speed and memory."""

from __future__ import annotations

import hashlib
import time
import tracemalloc
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.pdf.draw import Canvas, new_page
from casedesk.core.pdf.errors import PdfInputError
from casedesk.core.pdf.inputs import qpdf_check
from casedesk.core.pdf.stamp import PageStamper, StampStyle, bates_stamp, runlength
from tests.core.pdf.helpers import (
    BRIEFS,
    PageSpec,
    find_text,
    helvetica,
    make_pdf,
    make_rich_pdf,
    make_text_pdf,
    pdftotext,
)


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_one_label_per_page_in_order(tmp_path: Path) -> None:
    src = make_text_pdf(tmp_path / "contract.pdf", 12)
    dst = tmp_path / "out" / "contract.pdf"
    result = bates_stamp(src, dst, prefix=" ACME ", first=42, digits=6)
    assert (result.pages, result.begin, result.end) == (12, 42, 53)
    assert (result.begin_label, result.end_label) == ("ACME000042", "ACME000053")
    assert result.warnings == ()
    for page in range(1, 13):
        text = pdftotext(dst, page=page)
        assert f"ACME{41 + page:06d}" in text
        assert f"Page {page}" in text  # the text layer is still there
    ok, report = qpdf_check(dst)
    assert ok, report


def test_the_original_is_untouched_and_refused_as_destination(tmp_path: Path) -> None:
    src = make_text_pdf(tmp_path / "a.pdf", 2)
    before = _digest(src)
    src.chmod(0o444)  # read-only: stamping only ever reads it
    try:
        bates_stamp(src, tmp_path / "b.pdf", prefix="X", first=1)
        with pytest.raises(ValueError, match="cannot be written over the original"):
            bates_stamp(src, src, prefix="X", first=1)
        link = tmp_path / "same.pdf"
        link.hardlink_to(src)
        with pytest.raises(ValueError, match="cannot be written over the original"):
            bates_stamp(src, link, prefix="X", first=1)
        with pytest.raises(ValueError, match="over the original"):
            bates_stamp(src, tmp_path / "." / "a.pdf", prefix="X", first=1)
    finally:
        src.chmod(0o644)
    assert _digest(src) == before


def test_links_outline_page_labels_and_text_survive(tmp_path: Path) -> None:
    src = make_rich_pdf(tmp_path / "rich.pdf")
    dst = tmp_path / "out.pdf"
    bates_stamp(src, dst, prefix="ACME", first=1, legend="CONFIDENTIAL")
    with pikepdf.open(dst) as pdf:
        annots = pdf.pages[0].obj.Annots
        assert str(annots[0].A.URI) == "https://example.com/x"
        assert annots[1].Dest[0].objgen == pdf.pages[2].obj.objgen
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
            assert titles == ["Introduction", "Argument"]
            assert outline.root[1].destination[0].objgen == pdf.pages[2].obj.objgen
        assert [page.label for page in pdf.pages] == ["i", "ii", "1"]
    assert "Rich page 2 quick brown fox" in pdftotext(dst)
    assert qpdf_check(dst)[0]


def test_existing_resource_names_are_not_clobbered(tmp_path: Path) -> None:
    """A page that already calls Times-Roman "/CDHelvB" keeps it; the stamp picks another name."""
    pdf = pikepdf.new()
    times = helvetica(pdf, "Times-Roman")
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=[0, 0, 612, 792],
        Contents=pdf.make_stream(b"BT /CDHelvB 12 Tf 72 700 Td (Times body) Tj ET\n"),
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(CDHelvB=times)),
    )
    pdf.pages.append(pikepdf.Page(page))
    src, dst = tmp_path / "clash.pdf", tmp_path / "out.pdf"
    pdf.save(src)
    bates_stamp(src, dst, prefix="ACME", first=1)
    with pikepdf.open(dst) as out:
        fonts = out.pages[0].obj.Resources.Font
        assert str(fonts.CDHelvB.BaseFont) == "/Times-Roman"
        assert str(fonts.CDHelvB1.BaseFont) == "/Helvetica-Bold"
    text = pdftotext(dst)
    assert "Times body" in text and "ACME000001" in text


def test_inherited_and_shared_resources(tmp_path: Path) -> None:
    """Pages inheriting /Resources from the page tree, or sharing one, still work."""
    pdf = pikepdf.new()
    shared = pdf.make_indirect(pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica(pdf))))
    for n in range(3):
        body = b"BT /F1 12 Tf 72 700 Td (Shared %d) Tj ET\n" % n
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=pdf.make_stream(body)
        )
        if n < 2:
            page.Resources = shared
        pdf.pages.append(pikepdf.Page(page))
    pdf.Root.Pages.Resources = shared  # page 3 inherits
    src, dst = tmp_path / "inherit.pdf", tmp_path / "out.pdf"
    pdf.save(src)
    bates_stamp(src, dst, prefix="ACME", first=1)
    for n in range(3):
        text = pdftotext(dst, page=n + 1)
        assert f"Shared {n}" in text and f"ACME00000{n + 1}" in text
    with pikepdf.open(dst) as out:
        assert "/F1" in out.pages[0].obj.Resources.Font
    assert qpdf_check(dst)[0]


def test_pages_without_resources_or_contents(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    pdf.pages.append(
        pikepdf.Page(pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 300, 300]))
    )
    src, dst = tmp_path / "blank.pdf", tmp_path / "out.pdf"
    pdf.save(src)
    bates_stamp(src, dst, prefix="B", first=0, digits=3)
    assert "B000" in pdftotext(dst)
    assert qpdf_check(dst)[0]


def test_image_only_scan_gets_a_label(tmp_path: Path) -> None:
    import img2pdf  # type: ignore[import-untyped]
    from PIL import Image

    image = tmp_path / "scan.png"
    Image.new("L", (850, 1100), 230).save(image, dpi=(100, 100))
    src = tmp_path / "scan.pdf"
    src.write_bytes(img2pdf.convert(str(image)))
    dst = tmp_path / "out.pdf"
    bates_stamp(src, dst, prefix="SCAN", first=1, legend="CONFIDENTIAL")
    assert pdftotext(dst).split() == ["CONFIDENTIAL", "SCAN000001"]
    found = find_text(dst, 0, "SCAN000001")
    assert found.upright and found.right <= 612 - 18 + 1


def test_legend_refuses_characters_it_cannot_stamp(tmp_path: Path) -> None:
    src = make_text_pdf(tmp_path / "a.pdf", 1)
    with pytest.raises(ValueError, match=r"The legend can only use .*'ộ' cannot be stamped\."):
        bates_stamp(src, tmp_path / "b.pdf", prefix="A", first=1, legend="Bi mat ộ")
    assert not (tmp_path / "b.pdf").exists()
    bates_stamp(src, tmp_path / "c.pdf", prefix="A", first=1, legend="Société – confidentiel")
    assert "Société – confidentiel" in pdftotext(tmp_path / "c.pdf")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"prefix": "AC/ME"}, "slash"),
        ({"prefix": "A", "digits": 2}, "between 3 and 15"),
        ({"prefix": "A", "first": -1}, "negative"),
        ({"prefix": "A", "first": 999, "digits": 3}, "needs 4 digits"),
    ],
)
def test_bad_settings_are_refused_before_writing(
    tmp_path: Path, kwargs: dict[str, object], message: str
) -> None:
    src = make_text_pdf(tmp_path / "a.pdf", 2)
    dst = tmp_path / "b.pdf"
    arguments: dict[str, object] = {"first": 1, **kwargs}
    with pytest.raises(ValueError, match=message):
        bates_stamp(src, dst, **arguments)  # type: ignore[arg-type]
    assert not dst.exists()


def test_style_validation() -> None:
    with pytest.raises(ValueError, match="font"):
        StampStyle(font="Comic Sans")
    with pytest.raises(ValueError, match="position"):
        StampStyle(position="middle")
    with pytest.raises(ValueError, match="size"):
        StampStyle(size=200)
    with pytest.raises(ValueError, match="margin"):
        StampStyle(margin=-1)


@pytest.mark.parametrize("font", ["Helvetica", "Times-Bold", "Courier-Bold"])
def test_fonts_and_sizes(tmp_path: Path, font: str) -> None:
    src = make_text_pdf(tmp_path / "a.pdf", 1)
    dst = tmp_path / "b.pdf"
    bates_stamp(src, dst, prefix="ACME", first=5, style=StampStyle(font=font, size=14))
    with pikepdf.open(dst) as pdf:
        bases = {str(f.BaseFont) for f in pdf.pages[0].obj.Resources.Font.values()}
    assert f"/{font}" in bases
    found = find_text(dst, 0, "ACME000005")
    assert 14 <= found.top - found.bottom + 6 <= 24


def test_input_errors_name_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "scan.pdf"
    empty.write_bytes(b"")
    with pytest.raises(PdfInputError, match=r"^Exhibit 3\.pdf is empty \(0 bytes\)\.$"):
        bates_stamp(empty, tmp_path / "o.pdf", prefix="A", first=1, name="Exhibit 3.pdf")
    assert not (tmp_path / "o.pdf").exists()


def test_page_stamper_for_binders(tmp_path: Path) -> None:
    """The binder stamps pages of an open PDF: page numbers and Bates with two stampers."""
    pdf = pikepdf.new()
    fonts: dict[str, pikepdf.Dictionary] = {}
    for n in range(3):
        canvas = Canvas()
        canvas.text(72, 700, f"Binder page {n + 1}", "Times-Roman", 12)
        new_page(pdf, canvas, fonts=fonts)
    numbers = PageStamper(pdf, StampStyle(position="bottom-center", font="Helvetica", size=9))
    bates = PageStamper(pdf, StampStyle(), legend="CONFIDENTIAL")
    for n, page in enumerate(pdf.pages, start=1):
        numbers.stamp(page, f"Page {n} of 3")
        bates.stamp(page, f"ACME{n:06d}")
    dst = tmp_path / "binder.pdf"
    pdf.save(dst)
    text = pdftotext(dst, page=2)
    for expected in ("Binder page 2", "Page 2 of 3", "ACME000002", "CONFIDENTIAL"):
        assert expected in text
    centre = find_text(dst, 1, "Page 2 of 3")
    assert abs((centre.left + centre.right) / 2 - 306) < 2
    assert qpdf_check(dst)[0]


def test_two_thousand_pages_memory_is_flat(tmp_path: Path) -> None:
    """Python-side memory while stamping does not grow with the page count."""
    bates_stamp(
        make_text_pdf(tmp_path / "warm.pdf", 3), tmp_path / "warm-out.pdf", prefix="W", first=1
    )
    peaks = {}
    for count in (200, 2000):
        src = make_text_pdf(tmp_path / f"big{count}.pdf", count)
        tracemalloc.start()
        started = time.perf_counter()
        result = bates_stamp(src, tmp_path / f"out{count}.pdf", prefix="BIG", first=1)
        elapsed = time.perf_counter() - started
        peaks[count] = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        assert result.end_label == f"BIG{count:06d}"
        assert elapsed < 20
    assert peaks[2000] < peaks[200] * 2 + 256 * 1024, peaks
    assert "BIG002000" in pdftotext(tmp_path / "out2000.pdf", page=2000)


@pytest.mark.skipif(not BRIEFS, reason="shared data (../shared/data/briefs/osg) not present")
def test_real_brief_keeps_its_text(tmp_path: Path) -> None:
    src = BRIEFS[0]
    dst = tmp_path / "brief.pdf"
    result = bates_stamp(src, dst, prefix="OSG", first=1, legend="PUBLIC")
    before = pdftotext(src, page=3).split()
    after = pdftotext(dst, page=3).split()
    assert [w for w in after if w not in ("OSG000003", "PUBLIC")] == before
    assert result.pages == len(pikepdf.open(src).pages)
    assert qpdf_check(dst)[0]


def test_spec_boxes_helper_sanity(tmp_path: Path) -> None:
    """The odd-box helper itself makes valid files (guards the table-driven tests)."""
    src = make_pdf(tmp_path / "x.pdf", [PageSpec(media=(612, 792, 0, 0), rotate=90)])
    assert qpdf_check(src)[0]


def test_page_stamper_on_a_page_inheriting_resources(tmp_path: Path) -> None:
    """In memory (no reopen pushing attributes down), an inheriting page keeps its fonts."""
    pdf = pikepdf.new()
    body = pdf.make_stream(b"BT /F1 12 Tf 72 500 Td (Inherited body) Tj ET\n")
    page = pikepdf.Dictionary(Type=pikepdf.Name.Page, MediaBox=[0, 0, 612, 792], Contents=body)
    pdf.pages.append(pikepdf.Page(page))  # (qpdf pushes attributes down on append: set after)
    pdf.Root.Pages.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=helvetica(pdf)))
    pdf.Root.Pages.Rotate = 90
    assert "/Resources" not in pdf.pages[0].obj
    PageStamper(pdf).stamp(pdf.pages[0], "INH000001")
    dst = tmp_path / "out.pdf"
    pdf.save(dst)
    assert "Inherited body" in pdftotext(dst)
    found = find_text(dst, 0, "INH000001")
    assert found.upright and found.page_width == 792  # the inherited /Rotate 90 counted
    assert found.right > 792 - 18 - 8


@pytest.mark.parametrize("size", [0, 1, 127, 128, 129, 300])
def test_runlength_round_trip(size: int) -> None:
    data = bytes(range(256))[:size] if size <= 256 else bytes(size)
    pdf = pikepdf.new()
    stream = pdf.make_stream(runlength(data))
    stream[pikepdf.Name.Filter] = pikepdf.Name.RunLengthDecode
    assert stream.read_bytes(pikepdf.StreamDecodeLevel.specialized) == data


def test_each_page_gets_one_small_object_of_its_own(tmp_path: Path) -> None:
    """Shared wrapper, head and tail; per page only the label, kept run-length encoded."""
    src = make_text_pdf(tmp_path / "a.pdf", 6)
    dst = tmp_path / "b.pdf"
    bates_stamp(src, dst, prefix="ACME", first=1, legend="CONFIDENTIAL")
    with pikepdf.open(dst) as pdf:
        contents = [list(page.obj.Contents) for page in pdf.pages]
        assert all(len(parts) == 5 for parts in contents)
        for position in (0, 2, 4):  # q, head, tail: one object each for all pages
            assert len({parts[position].objgen for parts in contents}) == 1
        labels = [parts[3] for parts in contents]
        assert len({label.objgen for label in labels}) == 6
        assert all(label.Filter == pikepdf.Name.RunLengthDecode for label in labels)
        text = labels[2].read_bytes(pikepdf.StreamDecodeLevel.specialized)
        assert text.startswith(b"BT\n/CDHelvB 10 Tf") and b"(ACME000003) Tj\nET\n" in text
        assert len(labels[2].read_raw_bytes()) < 80
