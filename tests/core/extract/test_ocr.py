"""OCR with OCRmyPDF + Tesseract on scans made in the test (a rendered page of known words)."""

from __future__ import annotations

import hashlib
import time
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.extract.kinds import FileKind
from casedesk.core.extract.ocr import ocr_available, ocr_to_pdf
from casedesk.core.extract.text import ExtractionError, extract_text

from .test_text import make_scanned_pdf, make_text_pdf, render_pages

AVAILABLE, REASON = ocr_available()
needs_ocr = pytest.mark.skipif(not AVAILABLE, reason=f"OCR is not available here: {REASON}")
WORDS = "QUIXOTIC ZEPHYR 4471"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder: Path, *keep: Path) -> list[Path]:
    return [p for p in folder.iterdir() if p not in keep]


@needs_ocr
def test_scanned_pdf_becomes_searchable(tmp_path: Path) -> None:
    src = make_scanned_pdf(
        tmp_path / "scan.pdf", [[WORDS, "Motion to compel"], ["Exhibit B", "Lease agreement"]]
    )
    before = _sha(src)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    dst = out_dir / "searchable.pdf"
    calls: list[tuple[int, int]] = []
    started = time.monotonic()
    result = ocr_to_pdf(
        src, dst, kind=FileKind.PDF, progress=lambda done, total: calls.append((done, total))
    )
    seconds = time.monotonic() - started
    assert _sha(src) == before  # the original is never touched
    assert (result.method, result.pages, result.needs_ocr, result.encrypted) == (
        "ocr",
        2,
        False,
        False,
    )
    assert WORDS in result.text and "Lease agreement" in result.text.split("\f")[1]
    assert WORDS in extract_text(dst, FileKind.PDF).text  # the text layer is in the file
    assert calls[0] == (0, 2) and calls[-1] == (2, 2) and (1, 2) in calls
    assert calls == sorted(calls)
    assert _leftovers(out_dir, dst) == []  # no temporary file left beside dst
    print(f"OCR: {seconds / 2:.1f} s per page")


@needs_ocr
def test_mixed_pdf_keeps_its_born_digital_pages(tmp_path: Path) -> None:
    text_page = make_text_pdf(tmp_path / "typed.pdf", [["Typed cover letter, page one of two"]])
    scanned = make_scanned_pdf(tmp_path / "scanned.pdf", [[WORDS]])
    src = tmp_path / "mixed.pdf"
    with pikepdf.open(text_page) as pdf, pikepdf.open(scanned) as scan:
        pdf.pages.extend(scan.pages)
        pdf.save(src)
    assert extract_text(src, FileKind.PDF).needs_ocr  # 1 of 2 pages has text: average too low
    result = ocr_to_pdf(src, tmp_path / "out.pdf", kind=FileKind.PDF)
    first, second = result.text.split("\f")
    assert first.strip() == "Typed cover letter, page one of two"  # kept as text, not re-OCRed
    assert WORDS in second


@needs_ocr
@pytest.mark.parametrize(
    ("name", "mode", "dpi"),
    [
        ("photo.png", "L", None),
        ("scan.tif", "L", 300),
        ("screenshot.png", "RGBA", 144),
        ("print.jpg", "CMYK", 300),
    ],
    ids=["png-no-dpi", "tiff-300-dpi", "png-with-alpha", "cmyk-jpeg"],
)
def test_image_becomes_searchable_pdf(
    tmp_path: Path, name: str, mode: str, dpi: int | None
) -> None:
    """OCRmyPDF itself refuses alpha channels and CMYK JPEGs; they are flattened on a copy."""
    source = make_text_pdf(tmp_path / "page.pdf", [[WORDS]], size=28)
    image = render_pages(source, 300)[0].convert(mode)  # type: ignore[attr-defined]
    src = tmp_path / name
    image.save(src, **({"dpi": (dpi, dpi)} if dpi else {}))
    before = _sha(src)
    out = tmp_path / "out"
    out.mkdir()
    result = ocr_to_pdf(src, out / "searchable.pdf", kind=FileKind.IMAGE)
    assert WORDS in result.text and result.pages == 1 and _sha(src) == before
    assert [p.name for p in out.iterdir()] == ["searchable.pdf"]


@needs_ocr
@pytest.mark.parametrize(
    ("make", "kwargs", "message"),
    [
        ("encrypted", {}, "password-protected"),
        ("garbage", {}, "damaged"),
        ("scan", {"language": "deu"}, "language 'deu' is not installed"),
        ("scan", {"timeout_s": 0.5}, "took longer than 0.5 seconds"),
        ("garbage-image", {}, "image could not be opened"),
    ],
)
def test_failures_are_clear_and_leave_nothing_behind(
    tmp_path: Path, make: str, kwargs: dict[str, object], message: str
) -> None:
    kind = FileKind.PDF
    src = tmp_path / "in.pdf"
    if make == "encrypted":
        with pikepdf.open(make_text_pdf(tmp_path / "p.pdf", [["x"]])) as pdf:
            pdf.save(src, encryption=pikepdf.Encryption(user="x", owner="y"))
    elif make == "scan":
        make_scanned_pdf(src, [[WORDS]])
    elif make == "garbage-image":
        src.write_bytes(b"\x89PNG\r\n\x1a\n not really")
        kind = FileKind.IMAGE
    else:
        src.write_bytes(b"%PDF-1.7\n" + b"garbage " * 100)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(ExtractionError, match=message) as info:
        ocr_to_pdf(src, out / "dst.pdf", kind=kind, **kwargs)  # type: ignore[arg-type]
    assert str(info.value).endswith(".") and "Traceback" not in str(info.value)
    assert list(out.iterdir()) == []


@needs_ocr
def test_a_failing_progress_callback_stops_ocr_cleanly(tmp_path: Path) -> None:
    src = make_scanned_pdf(tmp_path / "scan.pdf", [["one"], ["two"], ["three"]])
    out = tmp_path / "out"
    out.mkdir()

    def progress(done: int, total: int) -> None:
        if done == 1:
            raise KeyError("the task row is gone")

    with pytest.raises(KeyError):
        ocr_to_pdf(src, out / "dst.pdf", kind=FileKind.PDF, progress=progress)
    assert list(out.iterdir()) == []


def test_missing_paths(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="could not be found"):
        ocr_to_pdf(tmp_path / "gone.pdf", tmp_path / "out.pdf", kind=FileKind.PDF)
    with pytest.raises(FileNotFoundError):
        ocr_to_pdf(tmp_path / "gone.pdf", tmp_path / "no" / "out.pdf", kind=FileKind.PDF)


def test_tesseract_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    ok, reason = ocr_available()
    assert not ok and "Tesseract is not installed" in reason
    src = make_scanned_pdf(tmp_path / "scan.pdf", [[WORDS]])
    with pytest.raises(ExtractionError, match="OCR is not set up on this server"):
        ocr_to_pdf(src, tmp_path / "out.pdf", kind=FileKind.PDF)


@pytest.mark.parametrize(
    ("kind", "language"),
    [(FileKind.DOCX, "eng"), (FileKind.PDF, "--help"), (FileKind.PDF, "eng deu")],
)
def test_bad_arguments(tmp_path: Path, kind: FileKind, language: str) -> None:
    with pytest.raises(ValueError):
        ocr_to_pdf(tmp_path / "a", tmp_path / "b", kind=kind, language=language)


@needs_ocr
def test_ocr_available_here() -> None:
    assert ocr_available() == (True, "")
