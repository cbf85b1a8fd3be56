"""open_pdf: bad inputs are refused with a sentence naming the file; damage qpdf can fix is fixed."""

from __future__ import annotations

import os
from pathlib import Path

import pikepdf
import pytest

from casedesk.core.pdf.errors import PdfInputError
from casedesk.core.pdf.inputs import (
    check_destination,
    open_pdf,
    pdf_page_count,
    qpdf_check,
    repair_warnings,
    save_pdf,
    write_atomic,
)
from casedesk.core.pdf.stamp import bates_stamp
from tests.core.pdf.helpers import make_text_pdf, pdftotext


def _encrypted(path: Path, **kwargs: object) -> Path:
    source = make_text_pdf(path.with_suffix(".plain.pdf"), 2)
    with pikepdf.open(source) as pdf:
        pdf.save(path, encryption=pikepdf.Encryption(**kwargs))  # type: ignore[arg-type]
    return path


def _truncated(tmp_path: Path) -> Path:
    """A PDF whose xref table and trailer were cut off (qpdf rebuilds them)."""
    source = make_text_pdf(tmp_path / "whole.pdf", 3)
    data = source.read_bytes()
    cut = data.rindex(b"xref")
    path = tmp_path / "truncated.pdf"
    path.write_bytes(data[:cut])
    return path


def _garbage(tmp_path: Path) -> Path:
    path = tmp_path / "garbage.pdf"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 40)
    return path


CASES = [
    ("scan.pdf", b"", "scan.pdf is empty (0 bytes)."),
    ("x.pdf", b"PK\x03\x04 a zip archive", "x.pdf is not a PDF."),
    ("notes.pdf", b"Dear Sir,\n" * 200, "notes.pdf is not a PDF."),
    ("gone.pdf", None, "gone.pdf was not found."),
]


@pytest.mark.parametrize(("filename", "data", "message"), CASES, ids=[c[0] for c in CASES])
def test_simple_refusals(tmp_path: Path, filename: str, data: bytes | None, message: str) -> None:
    path = tmp_path / filename
    if data is not None:
        path.write_bytes(data)
    with pytest.raises(PdfInputError) as caught:
        open_pdf(path)
    assert str(caught.value) == message
    assert caught.value.name == filename


def test_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    path = _encrypted(tmp_path / "contract.pdf", owner="owner", user="secret")
    with pytest.raises(PdfInputError) as caught:
        open_pdf(path)
    assert (
        str(caught.value) == "contract.pdf is encrypted: remove its password and upload it again."
    )


def test_restricted_pdf_without_user_password_is_refused_the_same_way(tmp_path: Path) -> None:
    restricted = pikepdf.Permissions(modify_other=False, modify_assembly=False, extract=False)
    path = _encrypted(tmp_path / "locked.pdf", owner="owner", user="", allow=restricted)
    with pytest.raises(PdfInputError, match=r"^locked\.pdf is encrypted: remove its password"):
        open_pdf(path)
    with pytest.raises(PdfInputError, match="Custodian copy.pdf is encrypted"):
        bates_stamp(path, tmp_path / "o.pdf", prefix="A", first=1, name="Custodian copy.pdf")
    assert not (tmp_path / "o.pdf").exists()


def test_unrestricted_empty_password_opens_with_a_warning(tmp_path: Path) -> None:
    everything = pikepdf.Permissions(modify_assembly=True)  # pikepdf's default withholds it
    path = _encrypted(tmp_path / "open.pdf", owner="", user="", allow=everything)
    result = bates_stamp(path, tmp_path / "o.pdf", prefix="A", first=1)
    assert any("not encrypted" in w for w in result.warnings)
    with pikepdf.open(tmp_path / "o.pdf") as out:
        assert not out.is_encrypted


def test_damaged_pdf_is_repaired_and_reported(tmp_path: Path) -> None:
    path = _truncated(tmp_path)
    with open_pdf(path) as pdf:
        assert len(pdf.pages) == 3
        warnings = repair_warnings(pdf, "truncated.pdf")
    assert warnings and warnings[0].startswith("truncated.pdf was damaged and has been repaired")
    assert str(path.parent) not in warnings[0]  # no full paths in messages
    result = bates_stamp(path, tmp_path / "fixed.pdf", prefix="R", first=1)
    assert result.pages == 3 and result.warnings
    assert "R000003" in pdftotext(tmp_path / "fixed.pdf", page=3)
    assert qpdf_check(tmp_path / "fixed.pdf")[0]


def test_garbage_is_damaged_beyond_repair(tmp_path: Path) -> None:
    path = _garbage(tmp_path)
    with pytest.raises(PdfInputError) as caught:
        open_pdf(path, name="Bank statement.pdf")
    message = str(caught.value)
    assert message.startswith("Bank statement.pdf is damaged and could not be repaired: ")
    assert message.endswith(".") and str(tmp_path) not in message


def test_pdf_without_pages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "nopages.pdf"
    pikepdf.new().save(path)
    with pytest.raises(PdfInputError, match=r"^nopages\.pdf has no pages\.$"):
        open_pdf(path)


def test_page_count_and_qpdf_check(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "a.pdf", 5)
    assert pdf_page_count(path) == 5
    ok, output = qpdf_check(path)
    assert ok and "No syntax or stream encoding errors" in output
    bad_ok, bad_output = qpdf_check(_truncated(tmp_path))
    assert not bad_ok and bad_output


def test_check_destination(tmp_path: Path) -> None:
    a = make_text_pdf(tmp_path / "a.pdf", 1)
    check_destination(a, tmp_path / "b.pdf")
    with pytest.raises(ValueError, match="a.pdf cannot be written over the original"):
        check_destination(a, tmp_path / "sub" / ".." / "a.pdf")


def test_save_pdf_and_write_atomic_leave_no_temporary_files(tmp_path: Path) -> None:
    path = make_text_pdf(tmp_path / "a.pdf", 1)
    out = tmp_path / "out" / "b.pdf"
    with pikepdf.open(path) as pdf:
        save_pdf(pdf, out)
        save_pdf(pdf, out)  # replaces
    write_atomic(tmp_path / "c.bin", b"data")
    assert sorted(p.name for p in tmp_path.rglob("*") if p.is_file()) == [
        "a.pdf",
        "b.pdf",
        "c.bin",
    ]
    assert oct(out.stat().st_mode & 0o777) == oct(0o666 & ~_umask())


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
