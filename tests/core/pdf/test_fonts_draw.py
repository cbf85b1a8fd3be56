"""Standard fonts (widths as data, WinAnsi encoding) and the content-stream writer."""

from __future__ import annotations

import json
import unicodedata
from importlib import resources
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.pdf.draw import Canvas, new_page, num, pdf_string, wrap_text
from casedesk.core.pdf.fonts import (
    FONTS,
    encode_winansi,
    font_dict,
    font_metrics,
    text_width,
    to_winansi,
)
from casedesk.core.pdf.inputs import qpdf_check
from tests.core.pdf.helpers import find_text, pdftotext


def test_width_table_is_data_with_its_source() -> None:
    raw = resources.files("casedesk.core.pdf").joinpath("data/standard_font_widths.json")
    data = json.loads(raw.read_text(encoding="utf-8"))
    assert "URW" in data["source"] and "make_font_widths.py" in data["source"]
    assert set(data["fonts"]) == set(FONTS)
    assert all(len(entry["widths"]) == 256 for entry in data["fonts"].values())


@pytest.mark.parametrize(
    ("font", "text", "width_at_1000"),
    [
        # Adobe's published AFM values for the standard 14 fonts
        ("Helvetica", "A", 667),
        ("Helvetica-Bold", "A", 722),
        ("Helvetica", "0123456789", 5560),
        ("Times-Roman", "W", 944),
        ("Times-Bold", "m", 833),
        ("Courier", "iW.é€", 3000),
        ("Courier-Bold", "ACME000001", 6000),
        ("Helvetica", "é", 556),
        ("Helvetica", "\u00a0", 278),
    ],
)
def test_text_width(font: str, text: str, width_at_1000: float) -> None:
    assert text_width(font, 1000, text) == pytest.approx(width_at_1000)
    assert text_width(font, 10, text) == pytest.approx(width_at_1000 / 100)


def test_digits_are_tabular_so_labels_have_one_width() -> None:
    for font in FONTS:
        widths = font_metrics(font).widths
        assert len({widths[ord(d)] for d in "0123456789"}) == 1, font


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ACME000001", b"ACME000001"),
        ("Société", b"Soci\xe9t\xe9"),
        (unicodedata.normalize("NFD", "é"), b"\xe9"),
        ("“quoted” – €5", b"\x93quoted\x94 \x96 \x805"),
        ("EYES ONLY'", b"EYES ONLY'"),
    ],
)
def test_encode_winansi(text: str, expected: bytes) -> None:
    assert encode_winansi(text) == expected


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("Bí mật ộ", "'ậ'"),
        ("Ωmega", "'Ω'"),
        ("東京", "'東'"),
        ("a\nb", "a line break"),
        ("a\tb", "a tab"),
    ],
)
def test_encode_winansi_refuses_with_a_sentence(text: str, shown: str) -> None:
    with pytest.raises(ValueError) as caught:
        encode_winansi(text, what="The legend")
    assert str(caught.value) == (
        "The legend can only use Latin letters, digits and common punctuation: "
        f"{shown} cannot be stamped."
    )


def test_to_winansi_transliterates_descriptive_text() -> None:
    assert to_winansi("Nguyễn Văn An") == "Nguyen Van An"
    assert to_winansi("Société Générale") == "Société Générale"
    assert to_winansi("line\nbreak") == "line break"
    encode_winansi(to_winansi("Αθήνα Москва 東京 عربي"))  # always stampable


def test_unknown_font() -> None:
    with pytest.raises(ValueError, match="choose one of Helvetica"):
        text_width("Arial", 10, "x")


def test_font_dict() -> None:
    pdf = pikepdf.new()
    font = font_dict(pdf, "Times-Bold")
    assert font.is_indirect
    assert (str(font.Subtype), str(font.BaseFont), str(font.Encoding)) == (
        "/Type1",
        "/Times-Bold",
        "/WinAnsiEncoding",
    )


def test_num_and_strings() -> None:
    assert [num(v) for v in (0, 1.0, 2.5, -0.0001, 1 / 3, 612)] == [
        b"0",
        b"1",
        b"2.5",
        b"0",
        b"0.333",
        b"612",
    ]
    assert pdf_string(b"a(b)c\\") == b"(a\\(b\\)c\\\\)"


def test_canvas_pages(tmp_path: Path) -> None:
    pdf = pikepdf.new()
    fonts: dict[str, pikepdf.Dictionary] = {}
    for n in range(2):
        canvas = Canvas()
        canvas.rect(100, 100, 200, 50, fill=(1, 1, 0.8), stroke=(0, 0, 0))
        canvas.line(72, 90, 540, 90, width=0.5)
        canvas.text(306, 700, f"Centred (title) {n}", "Helvetica-Bold", 18, align="center")
        right = canvas.text(540, 650, "Right", "Times-Roman", 12, align="right")
        canvas.text(72, 600, "Left é", "Courier", 10, color=(0.5, 0, 0))
        assert right == pytest.approx(text_width("Times-Roman", 12, "Right"))
        assert canvas.fonts == ("Helvetica-Bold", "Times-Roman", "Courier")
        new_page(pdf, canvas, fonts=fonts, width=612, height=792)
    dst = tmp_path / "canvas.pdf"
    pdf.save(dst)
    assert qpdf_check(dst)[0]
    assert len(fonts) == 3
    with pikepdf.open(dst) as out:
        objs = {f.objgen for p in out.pages for f in p.obj.Resources.Font.values()}
        assert len(objs) == 3  # shared between the two pages
    text = pdftotext(dst, page=2)
    assert "Centred (title) 1" in text and "Left é" in text
    title = find_text(dst, 1, "Centred (title) 1")
    assert abs((title.left + title.right) / 2 - 306) < 1.5
    assert abs(find_text(dst, 1, "Right").right - 540) < 1.5


def test_canvas_stream_with_other_resource_names() -> None:
    canvas = Canvas()
    canvas.text(0, 0, "x", "Helvetica", 9)
    assert b"/CDHelv 9 Tf" in canvas.stream()
    assert b"/Other 9 Tf" in canvas.stream({"Helvetica": "Other"})


def test_wrap_text() -> None:
    lines = wrap_text("one two three four five six seven eight nine ten", "Helvetica", 12, 100)
    assert len(lines) > 1
    assert all(text_width("Helvetica", 12, line) <= 100 for line in lines)
    assert " ".join(lines) == "one two three four five six seven eight nine ten"
    long = wrap_text("x" * 80, "Courier", 10, 120)
    assert all(len(line) <= 20 for line in long) and "".join(long) == "x" * 80
