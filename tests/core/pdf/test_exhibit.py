"""Exhibit stickers: content, colours, first page only, upright inside the visible box."""

from __future__ import annotations

import datetime
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.pdf.errors import PdfInputError
from casedesk.core.pdf.exhibit import exhibit_stamp, party_color, party_heading
from casedesk.core.pdf.geometry import POSITIONS
from casedesk.core.pdf.inputs import qpdf_check
from tests.core.pdf.helpers import PageSpec, find_text, make_pdf, make_rich_pdf, pdftotext


@pytest.mark.parametrize(
    ("party", "heading", "fill"),
    [
        ("plaintiff", "PLAINTIFF'S", (1.0, 0.98, 0.72)),
        ("Defendant", "DEFENDANT'S", (0.8, 0.9, 1.0)),
        ("joint", "JOINT", (1.0, 1.0, 1.0)),
        ("government", "GOVERNMENT'S", (1.0, 1.0, 1.0)),
        ("  third-party   defendant ", "THIRD-PARTY DEFENDANT'S", (1.0, 1.0, 1.0)),
        ("Respondents'", "RESPONDENTS'", (1.0, 1.0, 1.0)),
        ("Bà Nguyễn", "BÀ NGUYEN'S", (1.0, 1.0, 1.0)),
    ],
)
def test_party_heading_and_colour(party: str, heading: str, fill: tuple[float, ...]) -> None:
    assert party_heading(party) == heading
    assert party_color(party) == fill


def test_sticker_lines_on_first_page_only(tmp_path: Path) -> None:
    src = make_rich_pdf(tmp_path / "email.pdf")
    dst = tmp_path / "PX12.pdf"
    result = exhibit_stamp(
        src,
        dst,
        party="plaintiff",
        number="12",
        case_number="1:24-cv-01234-ABC",
        witness="Nguyễn Văn An",
        date=datetime.date(2027, 3, 5),
    )
    assert result.pages == 3 and result.warnings == ()
    first = pdftotext(dst, page=1)
    for line in (
        "PLAINTIFF'S",
        "EXHIBIT",
        "12",
        "Case No. 1:24-cv-01234-ABC",
        "Witness: Nguyen Van An",
        "Date: 03/05/2027",
    ):
        assert line in first
    assert "EXHIBIT" not in pdftotext(dst, page=2)
    with pikepdf.open(dst) as pdf:
        stamp = pdf.pages[0].obj.Contents[-1].read_bytes()
        assert b"1 0.98 0.72 rg" in stamp  # pale yellow
        assert len(pdf.pages[1].obj.Contents.read_bytes()) > 0
        assert str(pdf.pages[0].obj.Annots[0].A.URI) == "https://example.com/x"
    assert qpdf_check(dst)[0]


def test_optional_lines_are_left_out(tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "a.pdf", [PageSpec()])
    dst = tmp_path / "b.pdf"
    exhibit_stamp(src, dst, party="defendant", number="A")
    text = pdftotext(dst)
    assert "DEFENDANT'S" in text and "Case No." not in text and "Witness" not in text


@pytest.mark.parametrize("rotate", [0, 90, 180, 270])
@pytest.mark.parametrize("position", POSITIONS)
def test_upright_inside_visible_box(tmp_path: Path, rotate: int, position: str) -> None:
    spec = PageSpec(media=(-50, -40, 562, 752), crop=(-30, -20, 540, 700), rotate=rotate)
    src = make_pdf(tmp_path / "a.pdf", [spec])
    dst = tmp_path / "b.pdf"
    exhibit_stamp(
        src, dst, party="joint", number="JX-104", case_number="22-1234", position=position
    )
    party = find_text(dst, 0, "JOINT")
    number = find_text(dst, 0, "JX-104")
    case = find_text(dst, 0, "Case No. 22-1234")
    assert party.upright and number.upright and case.upright
    assert party.bottom > number.top > case.top  # reads top to bottom as displayed
    for found in (party, number, case):
        assert found.left >= 18 - 1 and found.right <= found.page_width - 18 + 1
        assert found.bottom >= 18 - 1 and found.top <= found.page_height - 18 + 1
    if position.startswith("bottom"):
        assert case.bottom < 60
    else:
        assert party.top > party.page_height - 60


def test_small_page_shrinks_the_sticker(tmp_path: Path) -> None:
    src = make_pdf(tmp_path / "a.pdf", [PageSpec(media=(0, 0, 100, 80))])
    result = exhibit_stamp(src, tmp_path / "b.pdf", party="plaintiff", number="1")
    assert any("smaller to fit" in w for w in result.warnings)
    found = find_text(tmp_path / "b.pdf", 0, "PLAINTIFF'S")
    assert found.right <= 100 and found.top <= 80


@pytest.mark.parametrize(
    ("kwargs", "error"),
    [
        ({"number": " "}, "number is empty"),
        ({"number": "x" * 21}, "longer than 20"),
        ({"number": "ộ"}, "The exhibit number can only use"),
        ({"number": "1", "case_number": "案件"}, "The case number can only use"),
        ({"number": "1", "party": " "}, "needs a party"),
        ({"number": "1", "position": "middle"}, "position"),
    ],
)
def test_bad_values(tmp_path: Path, kwargs: dict[str, str], error: str) -> None:
    src = make_pdf(tmp_path / "a.pdf", [PageSpec()])
    arguments = {"party": "plaintiff", **kwargs}
    with pytest.raises(ValueError, match=error):
        exhibit_stamp(src, tmp_path / "b.pdf", **arguments)  # type: ignore[arg-type]
    assert not (tmp_path / "b.pdf").exists()


def test_bad_input(tmp_path: Path) -> None:
    src = tmp_path / "photo.pdf"
    src.write_bytes(b"\xff\xd8\xff\xe0 JFIF")
    with pytest.raises(PdfInputError, match=r"^photo\.pdf is not a PDF\.$"):
        exhibit_stamp(src, tmp_path / "b.pdf", party="plaintiff", number="1")


@pytest.mark.parametrize("rotate", [0, 90])
@pytest.mark.parametrize("position", ["bottom-right", "top-left"])
def test_sticker_leaves_the_bates_label_in_its_corner_readable(
    tmp_path: Path, rotate: int, position: str
) -> None:
    from casedesk.core.pdf.stamp import StampStyle, bates_stamp

    src = make_pdf(tmp_path / "doc.pdf", [PageSpec(rotate=rotate)])
    numbered = tmp_path / "numbered.pdf"
    bates_stamp(src, numbered, prefix="ACME", first=7, style=StampStyle(position=position))
    dst = tmp_path / "PX1.pdf"
    exhibit_stamp(
        numbered, dst, party="plaintiff", number="1", case_number="CV-9", position=position
    )
    label = find_text(dst, 0, "ACME000007")
    if position.startswith("bottom"):  # the sticker's last line, then its padding, then the label
        assert label.top + 6 <= find_text(dst, 0, "CV-9").bottom
    else:
        assert find_text(dst, 0, "PLAINTIFF").top + 6 <= label.bottom
