"""DOCX to PDF with LibreOffice: the warm converter and the cold one-shot give the same PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document

from casedesk.core.drafting.convert import (
    ConversionError,
    WarmConverter,
    convert_cold,
    soffice_path,
)

needs_office = pytest.mark.skipif(
    not WarmConverter.available()[0], reason=f"no warm LibreOffice: {WarmConverter.available()[1]}"
)


def _letter(folder: Path, words: str) -> Path:
    doc = Document()
    doc.add_paragraph("Smith & Jones LLP")
    doc.add_paragraph(f"Dear Ms. Nguyễn Thị Minh and السيد أحمد: {words}")
    path = folder / "letter.docx"
    doc.save(path)
    return path


def _text(pdf: Path) -> str:
    return subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@needs_office
def test_warm_conversions_reuse_one_office_and_keep_the_text(tmp_path: Path) -> None:
    src = _letter(tmp_path, "engagement confirmed")
    with WarmConverter() as converter:
        for n in range(3):
            converter.convert(src, tmp_path / f"out{n}.pdf")
        office = converter._office
        assert office is not None and office.poll() is None
    for n in range(3):
        text = _text(tmp_path / f"out{n}.pdf")
        assert "Smith & Jones LLP" in text and "Nguyễn Thị Minh" in text
    assert office.poll() is not None  # closed with the converter


@needs_office
def test_a_dead_office_is_restarted_and_a_bad_file_is_a_clear_error(tmp_path: Path) -> None:
    src = _letter(tmp_path, "status")
    bad = tmp_path / "broken.docx"
    bad.write_bytes(b"PK\x03\x04 not really a document")
    with WarmConverter() as converter:
        converter.convert(src, tmp_path / "a.pdf")
        assert converter._office is not None
        converter._office.kill()
        converter._office.wait()
        converter.convert(src, tmp_path / "b.pdf")
        with pytest.raises(ConversionError, match="could not convert"):
            converter.convert(bad, tmp_path / "c.pdf")
        converter.convert(src, tmp_path / "d.pdf")
    assert (tmp_path / "d.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.skipif(soffice_path() is None, reason="LibreOffice is not installed")
def test_cold_conversion(tmp_path: Path) -> None:
    src = _letter(tmp_path, "cold")
    convert_cold(src, tmp_path / "cold.pdf")
    assert "Smith & Jones LLP" in _text(tmp_path / "cold.pdf")
