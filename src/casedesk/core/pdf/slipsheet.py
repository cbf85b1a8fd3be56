"""Slip sheets: the numbered placeholder page produced in place of a native file.

A spreadsheet, a recording or an e-mail archive is produced as the file itself, renamed to
its Bates number; the production's PDF gets one letter page saying so, with the document's
title and original file name, and the same Bates label (and legend) every other page has.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pikepdf

from casedesk.core.pdf.draw import Canvas, new_page, wrap_text
from casedesk.core.pdf.fonts import encode_winansi, to_winansi
from casedesk.core.pdf.inputs import save_pdf
from casedesk.core.pdf.stamp import PageStamper, StampStyle

PAGE_WIDTH = 612.0
PAGE_HEIGHT = 792.0
TEXT_WIDTH = 432.0  # 6 inches
_MAX_LINES = 6


def slip_sheet_canvas(*, title: str, filename: str, note: str) -> Canvas:
    """The slip sheet's centred text (note, title, original file name) on a letter page.

    Title and file name are descriptive: characters the standard fonts lack are
    transliterated (see `to_winansi`); long ones wrap (at most six lines each).
    """
    canvas = Canvas()
    centre = PAGE_WIDTH / 2
    y = PAGE_HEIGHT / 2 + 96
    for line in wrap_text(to_winansi(note).strip() or " ", "Helvetica-Bold", 20, TEXT_WIDTH):
        canvas.text(centre, y, line, "Helvetica-Bold", 20, align="center")
        y -= 26
    canvas.line(centre - 108, y + 8, centre + 108, y + 8, width=0.75)
    y -= 28
    title_lines = wrap_text(to_winansi(title), "Helvetica", 14, TEXT_WIDTH)
    for line in title_lines[:_MAX_LINES]:
        canvas.text(centre, y, line, "Helvetica", 14, align="center")
        y -= 19
    if title_lines:
        y -= 14
    if filename.strip():
        canvas.text(centre, y, "Original file name:", "Helvetica", 10, align="center")
        y -= 15
        for line in wrap_text(to_winansi(filename), "Courier", 10, TEXT_WIDTH)[:_MAX_LINES]:
            canvas.text(centre, y, line, "Courier", 10, align="center")
            y -= 13
    return canvas


def slip_sheet(
    dst: Path,
    *,
    label: str,
    title: str,
    filename: str,
    note: str = "Document produced in native format",
    legend: str = "",
    style: StampStyle | None = None,
) -> None:
    """Write a one-page letter PDF to ``dst``: the note, title and file name, Bates-stamped.

    ``label`` (e.g. "ACME000042") and ``legend`` are stamped exactly like the other pages of
    the production (same ``style``); ValueError when either has characters the standard
    fonts cannot show. ``dst`` is written to a temporary file and renamed.
    """
    style = style or StampStyle()
    encode_winansi(label, what="The Bates label")
    encode_winansi(legend, what="The legend")
    canvas = slip_sheet_canvas(title=title, filename=filename, note=note)
    pdf = pikepdf.new()
    with contextlib.closing(pdf):
        page = new_page(pdf, canvas, width=PAGE_WIDTH, height=PAGE_HEIGHT)
        PageStamper(pdf, style, legend).stamp(page, label)
        save_pdf(pdf, dst)
