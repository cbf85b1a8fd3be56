"""Court captions as courts in each family expect them.

- federal: "UNITED STATES DISTRICT COURT" over the district, the parties on the left closed by
  a rule, "Case No." and the paper's title on the right (with the hearing under it for a
  motion, as the Northern and Central Districts of California ask).
- California (Cal. Rules of Court, rules 2.111 and 3.1110): the attorney's name, State Bar
  number, firm, address, phone and e-mail at the top left, "Attorneys for …", then
  "SUPERIOR COURT OF THE STATE OF CALIFORNIA / COUNTY OF …", the parties, "Case No.", the
  title and the hearing date, time, department and judge.
- New York (CPLR 2101(c)): "SUPREME COURT OF THE STATE OF NEW YORK / COUNTY OF …", the
  parties in the boxed "-against-" form, "Index No." and the title.
- Texas: "CAUSE NO. …", the parties and the court in two columns split by the § column:
  "IN THE DISTRICT COURT OF", "… COUNTY, TEXAS", "… JUDICIAL DISTRICT".

``family_caption`` puts all of them in one template behind ``{%p if court.family == … %}``.
Its family-specific parts (district, county, judicial district) are read with
``|default`` so a California matter is not asked for a federal district; a blank shows as a
line to fill in.
"""

from __future__ import annotations

from docx.table import _Cell

from casedesk.core.drafting.starter.docx_build import CENTER, Builder, Run, set_cell_borders

BLANK = "__________"
PLAINTIFF = '{{ "Plaintiffs," if " and " in case.plaintiffs else "Plaintiff," }}'
DEFENDANT = '{{ "Defendants." if " and " in case.defendants else "Defendant." }}'
PLAINTIFFS_NAME = "{{ case.plaintiffs|caption_name }},"
DEFENDANTS_NAME = "{{ case.defendants|caption_name }},"


def court_part(name: str, optional: bool) -> str:
    """``court.<name>`` as a Jinja expression, defaulting to a blank line when ``optional``."""
    return f"court.{name}|default('{BLANK}')" if optional else f"court.{name}"


def _parties_cell(b: Builder, cell: _Cell, versus: str = "v.") -> None:
    b.cell(cell, PLAINTIFFS_NAME)
    b.cell(cell, "")
    b.cell(cell, PLAINTIFF, left_indent=1.5)
    b.cell(cell, "")
    b.cell(cell, versus, left_indent=0.75)
    b.cell(cell, "")
    b.cell(cell, DEFENDANTS_NAME)
    b.cell(cell, "")
    b.cell(cell, DEFENDANT, left_indent=1.5)
    b.cell(cell, "")


def _boxed_caption(b: Builder, number_label: str, title: str, hearing: bool) -> None:
    """Parties on the left closed by a rule at the right and bottom; number and title right."""
    table = b.table(1, [3.1, 3.4])
    left, right = table.rows[0].cells
    set_cell_borders(left, right="single", bottom="single")
    _parties_cell(b, left)
    b.cell(right, f"{number_label} {{{{ case.number }}}}", left_indent=0.15)
    b.cell(right, "", left_indent=0.15)
    b.cell(right, Run(title, bold=True), left_indent=0.15)
    if hearing:
        for paragraph_text in (
            "",
            "Date: {{ hearing.date|long_date }}",
            "Time: {{ hearing.time }}",
            "Place: {{ hearing.department }}",
            "Judge: {{ judge.name }}",
        ):
            b.cell(right, paragraph_text, left_indent=0.15)
    b.para("")


def federal_caption(
    b: Builder, title: str, *, hearing: bool = False, optional: bool = False
) -> None:
    """The caption of a United States District Court paper."""
    b.para(Run("UNITED STATES DISTRICT COURT", bold=True), align=CENTER)
    b.para(Run(f"{{{{ {court_part('district', optional)}|upper }}}}", bold=True), align=CENTER)
    b.para("")
    _boxed_caption(b, "Case No.", title, hearing)


def ca_attorney_block(b: Builder) -> None:
    """The attorney's identification at the top left of a California paper (rule 2.111(1))."""
    b.lines(
        [
            "{{ attorney.name }} (State Bar No. {{ attorney.bar_number }})",
            "{{ firm.name }}",
            "{{ firm.address }}",
            "Telephone: {{ attorney.phone }}",
            "E-mail: {{ attorney.email }}",
            "",
            "Attorneys for {{ client.name }}",
        ]
    )
    # pleading paper: the court's title goes on or below line 8 (rule 2.111(3))
    b.blank(7 if b.pleading_paper else 3)


def ca_caption(b: Builder, title: str, *, hearing: bool = False, optional: bool = False) -> None:
    """The caption of a California superior court paper, attorney block first."""
    ca_attorney_block(b)
    b.para(Run("SUPERIOR COURT OF THE STATE OF CALIFORNIA", bold=True), align=CENTER)
    b.para(
        Run(f"COUNTY OF {{{{ {court_part('county', optional)}|upper }}}}", bold=True),
        align=CENTER,
    )
    b.para("")
    _boxed_caption(b, "Case No.", title, hearing)


def ny_caption(b: Builder, title: str, *, optional: bool = False) -> None:
    """The caption of a New York Supreme Court paper, in the boxed "-against-" form."""
    b.para(Run("SUPREME COURT OF THE STATE OF NEW YORK", bold=True))
    b.para(Run(f"COUNTY OF {{{{ {court_part('county', optional)}|upper }}}}", bold=True))
    table = b.table(1, [3.6, 2.9])
    left, right = table.rows[0].cells
    set_cell_borders(left, top="dashed", bottom="dashed", right="single")
    b.cell(left, "")
    _parties_cell(b, left, versus="- against -")
    b.cell(right, "")
    b.cell(right, "Index No. {{ case.number }}", left_indent=0.2)
    b.cell(right, "", left_indent=0.2)
    b.cell(right, Run(title, bold=True), left_indent=0.2)
    b.para("")


def tx_caption(b: Builder, title: str, *, optional: bool = False) -> None:
    """The caption of a Texas district court paper, with the § column."""
    county = court_part("county", optional)
    district = court_part("judicial_district", optional)
    b.para(Run("CAUSE NO. {{ case.number }}", bold=True), align=CENTER)
    b.para("")
    rows = [
        (PLAINTIFFS_NAME, "IN THE DISTRICT COURT OF"),
        ("     " + PLAINTIFF, ""),
        ("", ""),
        ("v.", f"{{{{ {county}|upper }}}} COUNTY, TEXAS"),
        ("", ""),
        (DEFENDANTS_NAME, ""),
        ("     " + DEFENDANT, f"{{{{ {district}|upper }}}} JUDICIAL DISTRICT"),
    ]
    table = b.table(len(rows), [3.0, 0.5, 3.0])
    for row, (left, right) in zip(table.rows, rows, strict=True):
        b.cell(row.cells[0], left)
        b.cell(row.cells[1], "§", align=CENTER)
        b.cell(row.cells[2], right)
    b.para("")
    b.para(Run(title, bold=True), align=CENTER)
    b.para("")


def other_caption(b: Builder, title: str) -> None:
    """A plain caption for any other court: its name, the parties, the case number."""
    b.para(Run("{{ court.name|upper }}", bold=True), align=CENTER)
    b.para("")
    _boxed_caption(b, "Case No.", title, hearing=False)


def family_caption(b: Builder, title: str) -> None:
    """Every family's caption in one template, chosen by ``court.family`` when rendering."""
    b.tag('{%p if court.family == "federal" %}')
    federal_caption(b, title, optional=True)
    b.tag('{%p elif court.family == "ca" %}')
    ca_caption(b, title, optional=True)
    b.tag('{%p elif court.family == "ny" %}')
    ny_caption(b, title, optional=True)
    b.tag('{%p elif court.family == "tx" %}')
    tx_caption(b, title, optional=True)
    b.tag("{%p else %}")
    other_caption(b, title)
    b.tag("{%p endif %}")
