"""The stipulation extending time to respond, with the caption and form of each family.

Federal: "Stipulation and [Proposed] Order" (an extension asked of the court, Fed. R. Civ.
P. 6(b)(1)(A)) with the order below the signatures; New York: a stipulation subscribed by
counsel (CPLR 2104); Texas: a Rule 11 agreement, in writing, signed and filed; California and
other courts: a stipulation signed by counsel for both sides.
"""

from __future__ import annotations

from docx.table import _Cell

from casedesk.core.drafting.starter.captions import family_caption
from casedesk.core.drafting.starter.docx_build import Builder, Run
from casedesk.core.drafting.starter.service import by_family

TITLE = (
    '{% if court.family == "federal" %}STIPULATION AND [PROPOSED] ORDER EXTENDING TIME'
    '{% elif court.family == "tx" %}RULE 11 AGREEMENT EXTENDING TIME'
    "{% else %}STIPULATION EXTENDING TIME{% endif %} TO RESPOND TO "
    "{{ stipulation.document|upper }}"
)

FORM: dict[str, str] = {
    "federal": "The parties ask the Court to approve this stipulation under Federal Rule of "
    "Civil Procedure 6(b)(1)(A). The extension does not alter the date of any event or any "
    "deadline already fixed by order of the Court.",
    "ca": "Nothing in this stipulation changes any hearing date or other date set by the Court.",
    "ny": "This stipulation is made in writing and subscribed by the attorneys for the "
    "parties, as CPLR 2104 requires, and may be filed without further notice.",
    "tx": "This agreement is made under Rule 11 of the Texas Rules of Civil Procedure and "
    "will be filed with the papers of this cause as part of the record.",
    "other": "Nothing in this stipulation changes any hearing date or other date set by the Court.",
}


def _signature_cell(b: Builder, cell: _Cell, firm: str, name: str, party: str) -> None:
    for text in ("Dated: ____________________", "", firm, "", "", "By: ________________________"):
        b.cell(cell, text)
    b.cell(cell, name)
    b.cell(cell, f"Attorneys for {party}")


def stipulation(b: Builder) -> None:
    """The stipulation: the current and new dates, the family's form, both counsel's lines."""
    family_caption(b, TITLE)
    b.body(
        "{{ client.name }} and {{ adverse.name }}, through their counsel of record, stipulate "
        "and agree as follows:"
    )
    b.body(
        "1. The time for the responding party to respond to the {{ stipulation.document }} "
        "currently expires on {{ stipulation.original_date|long_date }}."
    )
    b.body("2. That time is extended to and including {{ stipulation.new_date|long_date }}.")
    b.body(
        "3. This stipulation does not waive any party's rights, claims or defenses, including "
        "any objection to jurisdiction, venue or service."
    )
    b.body(
        "4. This stipulation may be signed in counterparts, and signatures sent electronically "
        "or by facsimile have the same effect as originals."
    )
    by_family(b, {family: f"5. {text}" for family, text in FORM.items()})
    b.para("")
    b.para("IT IS SO STIPULATED.", keep_with_next=True)
    b.para("")
    table = b.table(1, [3.25, 3.25])
    left, right = table.rows[0].cells
    _signature_cell(b, left, "{{ firm.name }}", "{{ attorney.name }}", "{{ client.name }}")
    _signature_cell(
        b,
        right,
        "{{ opposing_counsel.firm }}",
        "{{ opposing_counsel.name }}",
        "{{ adverse.name }}",
    )
    b.para("")
    b.tag('{%p if court.family == "federal" %}')
    b.page_break()
    b.heading("[PROPOSED] ORDER")
    b.body("PURSUANT TO STIPULATION, IT IS SO ORDERED.")
    b.para("")
    b.para("Dated: ____________________")
    b.para("")
    b.para("")
    b.para("______________________________", left_indent=3.25)
    b.para(Run("United States District Judge"), left_indent=3.25)
    b.tag("{%p endif %}")
