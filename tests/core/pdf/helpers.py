"""Test PDFs made on the fly, and ways to read back where text landed as a reader sees it.

Positions are read with PDFium (``FPDF_PageToDevice``, which applies the crop box and
/Rotate as a viewer does) and cross-checked with Poppler's ``pdftotext``: neither shares
any code with casedesk's geometry.
"""

from __future__ import annotations

import ctypes
import itertools
import subprocess
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

SHARED_DATA = Path(__file__).resolve().parents[4] / "shared" / "data"
BRIEFS = sorted((SHARED_DATA / "briefs" / "osg").glob("*/body.pdf"))

Box = tuple[float, float, float, float]


@dataclass(frozen=True)
class PageSpec:
    """One test page: boxes, rotation and a line of body text."""

    media: Box = (0, 0, 612, 792)
    crop: Box | None = None
    rotate: int = 0
    text: str = "Body text"


def body_stream(text: str, x: float, y: float, *, prelude: bytes = b"") -> bytes:
    """A content stream drawing ``text`` in the page's own font /F1 at (x, y)."""
    return prelude + b"BT /F1 12 Tf %g %g Td (%s) Tj ET\n" % (x, y, text.encode("latin-1"))


def helvetica(pdf: pikepdf.Pdf, base: str = "Helvetica") -> pikepdf.Object:
    """An indirect standard-font dictionary."""
    return pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name("/" + base),
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )


def add_page(pdf: pikepdf.Pdf, spec: PageSpec, font: pikepdf.Object) -> pikepdf.Page:
    """Append a page built from ``spec`` with its body text near the visible box's middle."""
    x0, y0, x1, y1 = spec.crop or spec.media
    left, bottom = min(x0, x1), min(y0, y1)
    page = pikepdf.Dictionary(
        Type=pikepdf.Name.Page,
        MediaBox=pikepdf.Array(list(spec.media)),
        Contents=pdf.make_stream(body_stream(spec.text, left + 40, bottom + 120)),
        Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
    )
    if spec.crop is not None:
        page.CropBox = pikepdf.Array(list(spec.crop))
    if spec.rotate:
        page.Rotate = spec.rotate
    pdf.pages.append(pikepdf.Page(page))
    return pdf.pages[-1]


def make_pdf(path: Path, specs: Sequence[PageSpec]) -> Path:
    """Write a PDF with one page per spec."""
    pdf = pikepdf.new()
    font = helvetica(pdf)
    for spec in specs:
        add_page(pdf, spec, font)
    pdf.save(path)
    return path


def make_text_pdf(path: Path, pages: int, *, text: str = "Page") -> Path:
    """A plain letter PDF of ``pages`` pages, each saying "<text> N"."""
    return make_pdf(path, [PageSpec(text=f"{text} {n}") for n in range(1, pages + 1)])


def make_rich_pdf(path: Path) -> Path:
    """Three pages with a web link, an internal link, an outline and page labels (i, ii, 1)."""
    pdf = pikepdf.new()
    font = helvetica(pdf)
    for n in range(1, 4):
        add_page(pdf, PageSpec(text=f"Rich page {n} quick brown fox"), font)
    first, third = pdf.pages[0], pdf.pages[2]
    first.obj.Annots = pdf.make_indirect(
        pikepdf.Array(
            [
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[40, 110, 300, 140],
                    Border=[0, 0, 0],
                    A=pikepdf.Dictionary(S=pikepdf.Name.URI, URI="https://example.com/x"),
                ),
                pikepdf.Dictionary(
                    Type=pikepdf.Name.Annot,
                    Subtype=pikepdf.Name.Link,
                    Rect=[40, 200, 300, 230],
                    Border=[0, 0, 0],
                    Dest=[third.obj, pikepdf.Name.Fit],
                ),
            ]
        )
    )
    with pdf.open_outline() as outline:
        outline.root.append(pikepdf.OutlineItem("Introduction", 0))
        outline.root.append(pikepdf.OutlineItem("Argument", 2))
    pdf.Root.PageLabels = pikepdf.Dictionary(
        Nums=[
            0,
            pikepdf.Dictionary(S=pikepdf.Name.r),
            2,
            pikepdf.Dictionary(S=pikepdf.Name.D),
        ]
    )
    pdf.save(path)
    return path


def pdftotext(path: Path, *, page: int | None = None, layout: bool = False) -> str:
    """Poppler's text of a PDF (or of one 1-based page)."""
    args = ["pdftotext"]
    if layout:
        args.append("-layout")
    if page is not None:
        args += ["-f", str(page), "-l", str(page)]
    done = subprocess.run([*args, str(path), "-"], capture_output=True, text=True, check=True)
    return done.stdout


@dataclass(frozen=True)
class Found:
    """Where a string was drawn, in the displayed page: y up from the bottom-left corner."""

    left: float
    bottom: float
    right: float
    top: float
    page_width: float
    page_height: float
    upright: bool


def find_text(path: Path, page_index: int, needle: str) -> Found:
    """Locate ``needle`` on a page as a viewer shows it (crop box, /Rotate applied)."""
    doc = pdfium.PdfDocument(str(path))
    try:
        page = doc[page_index]
        width, height = page.get_size()
        textpage = page.get_textpage()
        text = textpage.get_text_range()
        start = text.find(needle)
        assert start >= 0, f"{needle!r} not on page {page_index + 1}: {text!r}"
        scale = 10

        def device(x: float, y: float) -> tuple[float, float]:
            dx, dy = ctypes.c_int(), ctypes.c_int()
            pdfium_c.FPDF_PageToDevice(
                page.raw, 0, 0, int(width * scale), int(height * scale), 0, x, y, dx, dy
            )
            return dx.value / scale, height - dy.value / scale

        centres: list[tuple[float, float]] = []
        xs: list[float] = []
        ys: list[float] = []
        for index in range(start, start + len(needle)):
            if needle[index - start] == " ":
                continue
            left, bottom, right, top = textpage.get_charbox(index)
            corners = [device(left, bottom), device(right, top)]
            xs += [c[0] for c in corners]
            ys += [c[1] for c in corners]
            # loose boxes (font ascent to descent) share one height along a line of text
            l_left, l_bottom, l_right, l_top = textpage.get_charbox(index, loose=True)
            centres.append(device((l_left + l_right) / 2, (l_bottom + l_top) / 2))
        upright = all(
            b[0] > a[0] and abs(b[1] - a[1]) < 1.5 for a, b in itertools.pairwise(centres)
        )
        return Found(min(xs), min(ys), max(xs), max(ys), width, height, upright)
    finally:
        doc.close()
