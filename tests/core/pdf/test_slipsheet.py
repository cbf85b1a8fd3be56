"""Slip sheets for natives: the note, title and file name, stamped like every other page."""

from __future__ import annotations

from pathlib import Path

import pytest

from casedesk.core.pdf.inputs import pdf_page_count, qpdf_check
from casedesk.core.pdf.slipsheet import slip_sheet
from casedesk.core.pdf.stamp import StampStyle, bates_stamp
from tests.core.pdf.helpers import find_text, make_text_pdf, pdftotext


def test_slip_sheet_text_and_label(tmp_path: Path) -> None:
    dst = tmp_path / "ACME000042.pdf"
    slip_sheet(
        dst,
        label="ACME000042",
        title="Quarterly sales — Báo cáo của Nguyễn",
        filename="Q4 sales (final).xlsx",
        legend="CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",
        style=StampStyle(),
    )
    assert pdf_page_count(dst) == 1
    text = " ".join(pdftotext(dst).split())
    for expected in (
        "Document produced in native format",
        "Quarterly sales — Báo cáo cua Nguyen",
        "Original file name:",
        "Q4 sales (final).xlsx",
        "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",
        "ACME000042",
    ):
        assert expected in text
    assert qpdf_check(dst)[0]


@pytest.mark.parametrize("position", ["bottom-right", "top-left", "bottom-center"])
def test_label_sits_where_the_production_puts_it(tmp_path: Path, position: str) -> None:
    style = StampStyle(position=position, font="Courier-Bold", size=11)
    slip = tmp_path / "slip.pdf"
    slip_sheet(slip, label="ACME000002", title="Audio", filename="call.mp3", style=style)
    stamped = tmp_path / "doc.pdf"
    bates_stamp(
        make_text_pdf(tmp_path / "doc-src.pdf", 1), stamped, prefix="ACME", first=2, style=style
    )
    on_slip = find_text(slip, 0, "ACME000002")
    on_page = find_text(stamped, 0, "ACME000002")
    assert on_slip == on_page


def test_long_title_wraps_and_label_must_be_stampable(tmp_path: Path) -> None:
    dst = tmp_path / "s.pdf"
    slip_sheet(
        dst, label="X001", title="word " * 60, filename="a" * 150 + ".wav", note="Native file"
    )
    text = pdftotext(dst)
    assert "Native file" in text and text.count("word") >= 30
    with pytest.raises(ValueError, match="The Bates label can only use"):
        slip_sheet(tmp_path / "t.pdf", label="X\n1", title="t", filename="f")
    assert not (tmp_path / "t.pdf").exists()
