"""Pictures to PDF: JPEG, PNG with alpha, multi-page TIFF; unreadable files refused."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from casedesk.core.pdf.errors import PdfInputError
from casedesk.core.pdf.images import image_to_pdf
from casedesk.core.pdf.inputs import qpdf_check
from casedesk.core.pdf.stamp import bates_stamp
from tests.core.pdf.helpers import pdftotext


def _sizes(path: Path) -> list[tuple[float, float]]:
    with pikepdf.open(path) as pdf:
        return [(float(p.mediabox[2]), float(p.mediabox[3])) for p in pdf.pages]


def test_jpeg_is_embedded_at_its_resolution(tmp_path: Path) -> None:
    src = tmp_path / "photo.jpg"
    Image.new("RGB", (600, 300), (200, 10, 10)).save(src, dpi=(150, 150), quality=80)
    dst = tmp_path / "photo.pdf"
    image_to_pdf(src, dst)
    assert _sizes(dst) == [(288.0, 144.0)]
    with pikepdf.open(dst) as pdf:
        image = next(iter(pdf.pages[0].obj.Resources.XObject.values()))
        assert image.Filter == pikepdf.Name.DCTDecode  # not re-encoded
        assert image.read_raw_bytes() == src.read_bytes()
    assert qpdf_check(dst)[0]


def test_png_with_alpha(tmp_path: Path) -> None:
    src = tmp_path / "logo.png"
    Image.new("RGBA", (200, 100), (0, 0, 255, 100)).save(src)
    dst = tmp_path / "logo.pdf"
    image_to_pdf(src, dst)
    assert len(_sizes(dst)) == 1
    assert qpdf_check(dst)[0]


def test_palette_png_with_transparency_and_16_bit(tmp_path: Path) -> None:
    palette = tmp_path / "p.png"
    Image.new("P", (50, 50), 3).save(palette, transparency=3)
    deep = tmp_path / "deep.png"
    Image.new("I;16", (50, 50), 3000).save(deep)
    for src in (palette, deep):
        dst = src.with_suffix(".pdf")
        image_to_pdf(src, dst)
        assert qpdf_check(dst)[0]


def test_multi_page_tiff_scan_fits_letter_and_can_be_stamped(tmp_path: Path) -> None:
    src = tmp_path / "scan.tif"
    pages = [Image.new("1", (2550, 3300), 1), Image.new("1", (3300, 2550), 1)]
    pages[0].save(src, save_all=True, append_images=pages[1:], dpi=(300, 300), compression="group4")
    dst = tmp_path / "scan.pdf"
    image_to_pdf(src, dst)
    assert _sizes(dst) == [(612.0, 792.0), (792.0, 612.0)]
    stamped = tmp_path / "stamped.pdf"
    bates_stamp(dst, stamped, prefix="IMG", first=1)
    assert "IMG000002" in pdftotext(stamped, page=2)


def test_huge_image_without_resolution_is_shrunk_to_letter(tmp_path: Path) -> None:
    src = tmp_path / "camera.png"
    Image.new("L", (4000, 3000), 128).save(src)
    dst = tmp_path / "camera.pdf"
    image_to_pdf(src, dst)
    width, height = _sizes(dst)[0]
    assert width == pytest.approx(792.0) and height == pytest.approx(594.0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "scan.png is empty (0 bytes)."),
        (b"not an image at all", "scan.png could not be read as an image: "),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "scan.png could not be read as an image: "),
    ],
)
def test_unreadable_images(tmp_path: Path, data: bytes, message: str) -> None:
    src = tmp_path / "scan.png"
    src.write_bytes(data)
    with pytest.raises(PdfInputError) as caught:
        image_to_pdf(src, tmp_path / "scan.pdf")
    assert str(caught.value).startswith(message)
    assert str(caught.value).endswith(".")
    assert not (tmp_path / "scan.pdf").exists()


def test_image_destination_cannot_be_the_source(tmp_path: Path) -> None:
    src = tmp_path / "a.png"
    Image.new("L", (10, 10)).save(src)
    with pytest.raises(ValueError, match="over the original"):
        image_to_pdf(src, src)
