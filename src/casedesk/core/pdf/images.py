"""Pictures to PDF (JPEG, PNG, TIFF including multi-page TIFF) so they can be stamped.

img2pdf embeds JPEG and most PNG/TIFF data without re-encoding, so a scan loses nothing.
Images with an alpha channel (which PDF images cannot carry that way) are flattened onto
white with Pillow first. Each image becomes one page at its own resolution, or shrunk to
fit US letter (in the image's orientation) when it would be larger. EXIF orientation is
honoured when it is valid.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

import img2pdf  # type: ignore[import-untyped,unused-ignore]
from PIL import Image, ImageSequence

from casedesk.core.pdf.errors import PdfInputError
from casedesk.core.pdf.inputs import check_destination, write_atomic

LETTER_SHORT = 612.0
LETTER_LONG = 792.0
_PIL_ERRORS = (OSError, ValueError, SyntaxError, Image.DecompressionBombError)


def _fit_letter(
    width_px: int, height_px: int, dpi: tuple[float, float]
) -> tuple[float, float, float, float]:
    """img2pdf layout: the image's own size in points, shrunk to fit letter if larger."""
    width = width_px * 72.0 / (dpi[0] or 96.0)
    height = height_px * 72.0 / (dpi[1] or 96.0)
    box_w, box_h = (LETTER_SHORT, LETTER_LONG) if height >= width else (LETTER_LONG, LETTER_SHORT)
    scale = min(1.0, box_w / width, box_h / height)
    return width * scale, height * scale, width * scale, height * scale


def _flatten(data: bytes) -> list[bytes]:
    """Every frame of the image as a PNG without alpha (composited onto white)."""
    frames: list[bytes] = []
    with Image.open(io.BytesIO(data)) as image:
        for frame in ImageSequence.Iterator(image):
            rgba = frame.convert("RGBA")
            flat = Image.new("RGB", rgba.size, (255, 255, 255))
            flat.paste(rgba, mask=rgba.getchannel("A"))
            out = io.BytesIO()
            dpi = frame.info.get("dpi")
            flat.save(out, format="PNG", dpi=dpi if dpi else (96, 96))
            frames.append(out.getvalue())
    return frames


def _convert(images: list[bytes]) -> bytes:
    pdf = img2pdf.convert(
        images, layout_fun=_fit_letter, rotation=img2pdf.Rotation.ifvalid, nodate=True
    )
    assert isinstance(pdf, bytes)
    return pdf


def image_to_pdf(src: Path, dst: Path, *, name: str | None = None) -> None:
    """Write ``src`` (a JPEG, PNG or TIFF; every TIFF page) to ``dst`` as a PDF.

    Raises `PdfInputError` naming the file when it is empty or not an image Pillow can read,
    ValueError when ``dst`` is ``src``. ``dst`` is written to a temporary file and renamed.
    """
    name = name or src.name
    check_destination(src, dst, name=name)
    try:
        data = src.read_bytes()
    except OSError as error:
        raise PdfInputError(
            f"{name} could not be read: {error.strerror or error}.", name=name
        ) from None
    if not data:
        raise PdfInputError(f"{name} is empty (0 bytes).", name=name)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as probe:
                probe.verify()
            try:
                pdf = _convert([data])
            except (img2pdf.AlphaChannelError, img2pdf.UnsupportedColorspaceError, ValueError):
                pdf = _convert(_flatten(data))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise PdfInputError(
            f"{name} is too large an image to convert (too many pixels).", name=name
        ) from None
    except (*_PIL_ERRORS, img2pdf.ImageOpenError, img2pdf.PdfTooLargeError) as error:
        detail = str(error).strip().rstrip(".") or type(error).__name__
        raise PdfInputError(f"{name} could not be read as an image: {detail}.", name=name) from None
    write_atomic(dst, pdf)
