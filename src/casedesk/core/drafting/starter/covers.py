"""Fax and e-mail cover sheets: letterhead, the transmittal table, message, confidentiality."""

from __future__ import annotations

from casedesk.core.drafting.starter.docx_build import (
    CENTER,
    JUSTIFY,
    Builder,
    Run,
    set_cell_borders,
    set_paragraph_border,
)
from casedesk.core.drafting.starter.letters import letterhead

NOTICE = (
    "CONFIDENTIALITY NOTICE: This {what} and the documents accompanying it contain "
    "information from the law firm of {{{{ firm.name }}}} that is confidential and may be "
    "protected by the attorney-client privilege or as attorney work product. They are intended "
    "only for the use of the person or entity named above. If you are not the intended "
    "recipient, you are notified that any review, disclosure, copying, distribution or use of "
    "their contents is "
    "strictly prohibited. If you have received this {what} in error, please notify us "
    "immediately by telephone at {{{{ firm.phone }}}}{then}."
)


def _transmittal(b: Builder, title: str, rows: list[tuple[str, str]]) -> None:
    letterhead(b)
    b.para(Run(title, bold=True, size=16), align=CENTER, space_after=12)
    table = b.table(len(rows), [2.0, 4.5])
    for row, (label, value) in zip(table.rows, rows, strict=True):
        b.cell(row.cells[0], Run(label, bold=True), space_after=6)
        b.cell(row.cells[1], value, space_after=6)
        for cell in row.cells:
            set_cell_borders(cell, bottom="single")
    b.para("", space_after=12)
    b.para(Run("Message:", bold=True), space_after=6)
    b.para("{{ cover.message }}", space_after=18)


def _notice(b: Builder, text: str) -> None:
    notice = b.para(Run(text, size=10), align=JUSTIFY, space_after=0)
    set_paragraph_border(notice, top="single", bottom="single", left="single", right="single")


def fax_cover_sheet(b: Builder) -> None:
    """A facsimile transmittal sheet."""
    _transmittal(
        b,
        "FACSIMILE TRANSMITTAL",
        [
            ("To:", "{{ cover.to }}"),
            ("Fax number:", "{{ cover.fax }}"),
            ("From:", "{{ author.name }}"),
            ("Date:", "{{ today|long_date }}"),
            ("Re:", "{{ matter.title }} (Our File No. {{ matter.number }})"),
            ("Pages (with this sheet):", "{{ cover.pages }}"),
        ],
    )
    b.para(
        "If you do not receive all the pages, please call {{ author.name }} at {{ firm.phone }}.",
        space_after=18,
    )
    _notice(
        b,
        NOTICE.format(
            what="facsimile",
            then=" and return the original documents to us by mail at the address above",
        ),
    )


def email_cover_sheet(b: Builder) -> None:
    """An e-mail transmittal sheet, for documents sent as e-mail attachments."""
    _transmittal(
        b,
        "E-MAIL TRANSMITTAL",
        [
            ("To:", "{{ cover.to }}"),
            ("E-mail:", "{{ cover.email }}"),
            ("From:", "{{ author.name }} ({{ author.email }})"),
            ("Date:", "{{ today|long_date }}"),
            ("Re:", "{{ matter.title }} (Our File No. {{ matter.number }})"),
            ("Pages:", "{{ cover.pages }}"),
        ],
    )
    _notice(
        b,
        NOTICE.format(
            what="e-mail",
            then=" or by reply e-mail, and delete the message and its attachments",
        ),
    )
