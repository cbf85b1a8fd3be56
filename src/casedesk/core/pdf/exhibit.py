"""Exhibit stickers: "PLAINTIFF'S EXHIBIT 12" on the first page of a copy of a document.

The sticker imitates the paper ones courtroom deputies know: a bordered box filled with the
party's colour (plaintiff pale yellow, defendant pale blue, joint and others white), the
party and "EXHIBIT" on top, the number large, then the case number, witness and date when
given. It is drawn upright as the first page is displayed and inside its visible box (see
`casedesk.core.pdf.geometry`), shrunk if the page is too small; the rest of the document is
copied untouched, with the same care as a Bates stamp (`casedesk.core.pdf.stamp`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from casedesk.core.pdf.draw import BLACK, Canvas, Color
from casedesk.core.pdf.fonts import encode_winansi, font_metrics, text_width, to_winansi
from casedesk.core.pdf.geometry import check_position, page_rotation, place_stamp, visible_box
from casedesk.core.pdf.inputs import check_destination, open_pdf, repair_warnings, save_pdf
from casedesk.core.pdf.stamp import PageStamper, shrink_warning

PARTY_COLORS: dict[str, Color] = {
    "plaintiff": (1.0, 0.98, 0.72),  # pale yellow
    "defendant": (0.80, 0.90, 1.0),  # pale blue
}
WHITE_FILL: Color = (1.0, 1.0, 1.0)
MARGIN = 18.0
BATES_BAND = 26.0
"""Room left between the sticker and the page edge it sits on, for a Bates label there.

A Bates label at the default size (10 pt, 18 pt inside the edge) ends about 26 pt from the
edge, so a sticker in the same corner stops above it instead of hiding it."""
MIN_WIDTH = 108.0  # 1.5 inches, the common sticker width
MAX_NUMBER = 20
_BOLD = "Helvetica-Bold"
_PLAIN = "Helvetica"
_PAD = 6.0


@dataclass(frozen=True)
class ExhibitResult:
    """What `exhibit_stamp` did: the document's page count and any warnings."""

    pages: int
    warnings: tuple[str, ...] = ()


def party_heading(party: str) -> str:
    """The sticker's first line: "PLAINTIFF'S", "DEFENDANT'S", "JOINT", "GOVERNMENT'S" …

    Free text is allowed (transliterated to what the standard fonts can show) and shown
    upper-case with a possessive, unless it already has one; "joint" has none.
    """
    text = " ".join(to_winansi(party).split()).upper()
    if not text:
        raise ValueError("The exhibit needs a party, e.g. plaintiff, defendant or joint.")
    if text == "JOINT" or text.endswith(("'S", "S'", "\u2019S")):
        return text
    return text + "'S"


def party_color(party: str) -> Color:
    """The sticker's fill: pale yellow for plaintiff, pale blue for defendant, else white."""
    return PARTY_COLORS.get(" ".join(party.split()).lower(), WHITE_FILL)


@dataclass(frozen=True)
class _Row:
    text: str
    font: str
    size: float


def sticker_rows(
    *,
    party: str,
    number: str,
    case_number: str = "",
    witness: str = "",
    date: datetime.date | None = None,
) -> list[_Row]:
    """The sticker's lines, top to bottom (only the lines that were given)."""
    number = " ".join(number.split())
    if not number:
        raise ValueError("The exhibit number is empty.")
    if len(number) > MAX_NUMBER:
        raise ValueError(f"The exhibit number {number!r} is longer than {MAX_NUMBER} characters.")
    encode_winansi(number, what="The exhibit number")
    rows = [_Row(party_heading(party), _BOLD, 10.0), _Row("EXHIBIT", _BOLD, 10.0)]
    rows.append(_Row(number, _BOLD, 22.0))
    case = " ".join(case_number.split())
    if case:
        encode_winansi(case, what="The case number")
        rows.append(_Row(f"Case No. {case}", _PLAIN, 7.5))
    name = " ".join(to_winansi(witness).split())
    if name:
        rows.append(_Row(f"Witness: {name}", _PLAIN, 7.5))
    if date is not None:
        rows.append(_Row(f"Date: {date:%m/%d/%Y}", _PLAIN, 7.5))
    return rows


def draw_sticker(
    rows: list[_Row], fill: Color, *, lift: float = 0.0
) -> tuple[Canvas, float, float]:
    """A canvas with the sticker drawn from (0, ``lift``), and the sticker's width and height."""
    heights = [(font_metrics(r.font).cap_height / 1000 * r.size, r.size * 0.45) for r in rows]
    width = max(MIN_WIDTH, *(text_width(r.font, r.size, r.text) + 2 * _PAD for r in rows))
    height = sum(cap + gap for cap, gap in heights) + 2 * _PAD - heights[-1][1]
    canvas = Canvas()
    if lift:
        canvas.transform(1, 0, 0, 1, 0, lift)
    canvas.rect(0, 0, width, height, fill=fill, stroke=BLACK, width=1.2)
    y = height - _PAD
    for index, (row, (cap, gap)) in enumerate(zip(rows, heights, strict=True)):
        y -= cap
        canvas.text(width / 2, y, row.text, row.font, row.size, align="center")
        if index == 2 and len(rows) > 3:  # a rule between the number and the details
            canvas.line(_PAD, y - gap / 2, width - _PAD, y - gap / 2, width=0.6)
        y -= gap
    return canvas, width, height


def exhibit_stamp(
    src: Path,
    dst: Path,
    *,
    party: str,
    number: str,
    case_number: str = "",
    witness: str = "",
    date: datetime.date | None = None,
    position: str = "bottom-right",
    clear_bates: bool = True,
    name: str | None = None,
) -> ExhibitResult:
    """Write a copy of ``src`` to ``dst`` with an exhibit sticker on its first page.

    ``party``: "plaintiff", "defendant", "joint" or free text ("government", "respondent"),
    shown upper-case ("PLAINTIFF'S" / "EXHIBIT"). ``number`` is shown large; case number,
    witness and date (MM/DD/YYYY) only when given. With ``clear_bates`` (the default) the
    sticker keeps `BATES_BAND` points clear of the edge it sits on, so a Bates label in the
    same corner stays readable. Raises `PdfInputError` for an unusable
    input and ValueError for bad values or ``dst`` being ``src``, before writing anything.
    """
    name = name or src.name
    check_position(position)
    rows = sticker_rows(
        party=party, number=number, case_number=case_number, witness=witness, date=date
    )
    band = BATES_BAND if clear_bates else 0.0
    lift = band if position.startswith("bottom") else 0.0
    canvas, width, height = draw_sticker(rows, party_color(party), lift=lift)
    height += band
    check_destination(src, dst, name=name)
    with open_pdf(src, name=name) as pdf:
        warnings = list(repair_warnings(pdf, name))
        page = pdf.pages[0]
        placement = place_stamp(
            visible_box(page), page_rotation(page), width, height,
            position=position, margin=MARGIN,
        )  # fmt: skip
        PageStamper(pdf).overlay(page, canvas, placement.matrix)
        count = len(pdf.pages)
        save_pdf(pdf, dst)
        warnings.extend(w for w in repair_warnings(pdf, name) if w not in warnings)
        warnings.extend(shrink_warning(name, 1 if placement.scale < 1 else 0))
    return ExhibitResult(pages=count, warnings=tuple(warnings))
