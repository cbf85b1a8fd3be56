"""The preliminary case report as a Word document (python-docx).

A title page (firm, report title, the caption, who prepared it and when, the sections that
follow), then one heading per chosen section. Every page has the privilege legend and the
matter in its header and "Page N of M" in its footer; tables repeat their header row on every
page and keep each row on one page.

Long tables (thousands of facts or documents) are written as table-row XML directly:
python-docx's ``Table.add_row`` re-reads the whole table for every row, which made 5,000 rows
take 25 seconds; building the rows with lxml takes well under one. Text goes in split by
writing direction as in :mod:`casedesk.core.trial.docx_parts` (Arabic and Hebrew spans become
right-to-left runs), so Vietnamese and Arabic names come out intact.
"""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Inches, Pt, RGBColor

from casedesk.core.reports.model import (
    PRIVILEGE_LEGEND,
    SECTION_TITLES,
    CaseReport,
    Chronology,
    ConflictSummary,
    Deadline,
    Deadlines,
    Summary,
)
from casedesk.core.trial.docx_parts import (
    CENTER,
    FONT,
    add_text,
    direction_spans,
    new_document,
    page_x_of_y,
    paragraph,
)

# A cell is lines; a line is segments of (text, style); style letters: b bold, i italic,
# s small, m muted (grey). Kept as plain tuples: a 5,000-row table builds millions of them.
Segment = tuple[str, str]
Line = Sequence[Segment]
Cell = Sequence[Line]

_TEXT_WIDTH_IN = 6.5  # US Letter with 1-inch margins
_HEADER_FILL = "DCE3EC"
_GROUP_FILL = "F0F2F5"
_ACCENT = "1F3A5F"
_MUTED = "555555"
_BODY_PT = 9.5
_SMALL_PT = 8
_BODY_HALF_POINTS = str(int(_BODY_PT * 2))
_SMALL_HALF_POINTS = str(int(_SMALL_PT * 2))
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean_xml_text(text: str) -> str:
    """``text`` without the control characters XML cannot hold (tabs and newlines stay)."""
    return _XML_BAD.sub("", text)


def _date(value: datetime.date | None) -> str:
    """ "Mar. 5, 2024" (May, June, July unabbreviated), "" for none."""
    if value is None:
        return ""
    month = value.strftime("%b")
    if month not in ("May", "Jun", "Jul"):
        month += "."
    else:
        month = value.strftime("%B")
    return f"{month} {value.day}, {value.year}"


def _when(value: datetime.datetime, all_day: bool) -> str:
    text = _date(value.date())
    if all_day:
        return text
    hour = value.strftime("%I").lstrip("0") or "12"
    return f"{text}, {hour}:{value.strftime('%M')} {value.strftime('%p').lower()}"


def _stamp(value: datetime.datetime) -> str:
    return _when(value, all_day=False)


# --- fast table rows -------------------------------------------------------------------------


def _sub(parent: Any, tag: str, **attrs: str) -> Any:
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(key), value)
    parent.append(element)
    return element


def _run_xml(text: str, style: str, rtl: bool) -> str:
    props = []
    if "b" in style:
        props.append("<w:b/><w:bCs/>")
    if "i" in style:
        props.append("<w:i/><w:iCs/>")
    if "m" in style:
        props.append(f'<w:color w:val="{_MUTED}"/>')
    half_points = _SMALL_HALF_POINTS if "s" in style else _BODY_HALF_POINTS
    props.append(f'<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>')
    if rtl:
        props.append("<w:rtl/>")
    return (
        f'<w:r><w:rPr>{"".join(props)}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
    )


def _cell_xml(lines: Cell, width_in: float, *, fill: str = "", span: int = 1) -> str:
    parts = [f'<w:tc><w:tcPr><w:tcW w:w="{int(width_in * 1440)}" w:type="dxa"/>']
    if span > 1:
        parts.append(f'<w:gridSpan w:val="{span}"/>')
    if fill:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill="{fill}"/>')
    parts.append("</w:tcPr>")
    for line in lines or ((("", ""),),):
        parts.append('<w:p><w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>')
        for text, style in line:
            text = clean_xml_text(text)
            if text:
                parts.extend(_run_xml(piece, style, rtl) for piece, rtl in direction_spans(text))
        parts.append("</w:p>")
    parts.append("</w:tc>")
    return "".join(parts)


def _append_rows(tbl: Any, rows: Sequence[str]) -> None:
    """Parse the rows' XML once and move them into the table."""
    if not rows:
        return
    fragment = parse_xml(f"<w:tbl {nsdecls('w')}>{''.join(rows)}</w:tbl>")
    for tr in list(fragment):
        tbl.append(tr)


class _Grid:
    """A bordered table with a repeated, shaded header row; rows are written as XML text and
    parsed in one go when the table is closed (use it as a context manager)."""

    def __init__(self, container: Any, headers: Sequence[str], widths_in: Sequence[float]):
        self.widths = tuple(widths_in)
        tbl = container.add_table(rows=0, cols=len(self.widths))
        tbl.alignment = WD_TABLE_ALIGNMENT.CENTER
        tbl.autofit = False
        tbl.style = "Table Grid"
        _sub(tbl._tbl.tblPr, "w:tblLayout", **{"w:type": "fixed"})
        for width, column in zip(self.widths, tbl.columns, strict=True):
            column.width = Inches(width)
        self._tbl = tbl._tbl
        self._rows: list[str] = []
        self._row([[[(h, "b")]] for h in headers], fill=_HEADER_FILL, header=True)

    def __enter__(self) -> _Grid:
        return self

    def __exit__(self, *exc: object) -> None:
        _append_rows(self._tbl, self._rows)
        self._rows = []

    def _row(self, cells: Sequence[Cell], *, fill: str = "", header: bool = False) -> None:
        head = '<w:tblHeader w:val="true"/>' if header else ""
        self._rows.append(
            f"<w:tr><w:trPr><w:cantSplit/>{head}</w:trPr>"
            + "".join(
                _cell_xml(lines, width, fill=fill)
                for lines, width in zip(cells, self.widths, strict=True)
            )
            + "</w:tr>"
        )

    def row(self, *cells: Cell) -> None:
        self._row(cells)

    def group(self, title: str) -> None:
        """A full-width shaded row naming the group the following rows belong to."""
        self._rows.append(
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            + _cell_xml([[(title, "b")]], sum(self.widths), fill=_GROUP_FILL, span=len(self.widths))
            + "</w:tr>"
        )


def _text_cell(*lines: str, style: str = "") -> Cell:
    return [[(line, style)] for line in lines if line] or [[("", "")]]


# --- page furniture --------------------------------------------------------------------------


def _bottom_border(para: Any) -> None:
    ppr = para._p.get_or_add_pPr()
    borders = _sub(ppr, "w:pBdr")
    _sub(
        borders, "w:bottom", **{"w:val": "single", "w:sz": "4", "w:space": "1", "w:color": "999999"}
    )


def _furniture(doc: Any, report: CaseReport) -> None:
    section = doc.sections[0]
    for side in ("left_margin", "right_margin"):
        setattr(section, side, Inches(1))
    section.top_margin, section.bottom_margin = Inches(0.9), Inches(0.8)
    section.header_distance, section.footer_distance = Inches(0.4), Inches(0.4)
    section.different_first_page_header_footer = True
    header = section.header.paragraphs[0]
    tabs = header.paragraph_format.tab_stops
    tabs.add_tab_stop(Inches(_TEXT_WIDTH_IN / 2), WD_TAB_ALIGNMENT.CLEAR)  # the style's centre
    tabs.add_tab_stop(Inches(_TEXT_WIDTH_IN), WD_TAB_ALIGNMENT.RIGHT)
    add_text(header, clean_xml_text(report.headline[:90]), size=8, color=_MUTED)
    header.add_run("\t")
    add_text(header, PRIVILEGE_LEGEND, size=8, bold=True, color=_ACCENT)
    _bottom_border(header)
    for footer in (section.footer, section.first_page_footer):
        para = footer.paragraphs[0]
        para.alignment = CENTER
        page_x_of_y(para, size=8)
    first = section.first_page_header.paragraphs[0]
    first.alignment = CENTER
    add_text(first, PRIVILEGE_LEGEND.upper(), size=8, bold=True, color=_ACCENT)


def _styles(doc: Any) -> None:
    for name, size, before in (("Heading 1", 14, 16), ("Heading 2", 11, 10)):
        style = doc.styles[name]
        style.font.name = FONT
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor.from_string(_ACCENT)
        rpr = style.element.get_or_add_rPr()
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is None:
            fonts = OxmlElement("w:rFonts")
            rpr.insert(0, fonts)
        for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
            fonts.set(qn(attr), FONT)
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:cstheme", "w:eastAsiaTheme"):
            fonts.attrib.pop(qn(theme), None)
        fmt = style.paragraph_format
        fmt.space_before = Pt(before)
        fmt.space_after = Pt(4)
        fmt.keep_with_next = True


def _heading(doc: Any, text: str, level: int = 1) -> None:
    para = doc.add_paragraph(style=f"Heading {level}")
    add_text(para, clean_xml_text(text))


def _note(doc: Any, text: str, *, italic: bool = False) -> None:
    para = paragraph(doc, space_after=4)
    add_text(
        para, clean_xml_text(text), size=_BODY_PT, italic=italic, color=_MUTED if italic else None
    )


def _pairs(doc: Any, rows: Iterable[tuple[str, str]]) -> None:
    """A borderless two-column list of labels and values."""
    shown = [(k, v) for k, v in rows if v]
    if not shown:
        return
    tbl = doc.add_table(rows=0, cols=2)
    tbl.autofit = False
    _sub(tbl._tbl.tblPr, "w:tblLayout", **{"w:type": "fixed"})
    widths = (1.8, _TEXT_WIDTH_IN - 1.8)
    for width, column in zip(widths, tbl.columns, strict=True):
        column.width = Inches(width)
    _append_rows(
        tbl._tbl,
        [
            "<w:tr>"
            + _cell_xml([[(label, "bm")]], widths[0])
            + _cell_xml([[(line, "")] for line in value.splitlines() or [""]], widths[1])
            + "</w:tr>"
            for label, value in shown
        ],
    )
    paragraph(doc, space_after=2)


# --- the title page --------------------------------------------------------------------------


def _title_page(doc: Any, report: CaseReport) -> None:
    summary = report.summary
    x = clean_xml_text
    paragraph(doc, x(report.firm_name), bold=True, size=12, align=CENTER, space_before=36)
    paragraph(doc, report.title.upper(), bold=True, size=20, align=CENTER, space_before=28)
    paragraph(doc, x(report.matter_title), size=14, align=CENTER, space_before=10)
    paragraph(doc, x(f"Matter {report.matter_number}"), size=11, align=CENTER, space_after=24)
    if summary is not None and (summary.court_lines or summary.case_number):
        for line in summary.court_lines:
            paragraph(doc, x(line.upper()), bold=True, size=11, align=CENTER)
        if summary.case_number:
            paragraph(
                doc, x(f"Case No. {summary.case_number}"), size=11, align=CENTER, space_before=6
            )
        if summary.judge:
            paragraph(doc, x(summary.judge), size=10, align=CENTER, italic=True)
        paragraph(doc, space_after=18)
    _pairs(
        doc,
        [
            ("Prepared by", report.prepared_by),
            ("Prepared on", _stamp(report.prepared_at)),
            ("For", report.firm_name),
        ],
    )
    paragraph(doc, "This report contains", bold=True, size=10, space_before=12, space_after=2)
    for number, key in enumerate(report.sections, start=1):
        paragraph(doc, f"{number}.  {SECTION_TITLES[key]}", size=10)
    paragraph(
        doc,
        "Prepared from the firm's records as they stood when it was made; deadlines are "
        "computed from court rules and must be confirmed against the rule text.",
        italic=True,
        size=8,
        space_before=18,
    )
    doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


# --- sections --------------------------------------------------------------------------------


def _summary(doc: Any, s: Summary) -> None:
    _pairs(
        doc,
        [
            ("Matter", f"{s.number} · {s.title}"),
            ("Court", s.court),
            ("Case number", s.case_number),
            ("Judge", s.judge),
            ("Status", s.status),
            ("Practice area", s.practice_area),
            ("Responsible attorney", s.responsible_attorney),
            ("Intake", _date(s.intake_on)),
            ("Opened", _date(s.opened_on)),
            ("Closed", _date(s.closed_on)),
            ("Team", "; ".join(s.team)),
        ],
    )
    if s.description:
        _heading(doc, "Description", 2)
        for line in s.description.splitlines():
            if line.strip():
                _note(doc, line.strip())


def _parties(doc: Any, report: CaseReport) -> None:
    if not report.parties:
        _note(doc, "No parties are recorded on this matter.", italic=True)
        return
    with _Grid(doc, ("Name", "Role", "Kind", "Also known as"), (2.4, 1.4, 1.0, 1.7)) as grid:
        for party in report.parties:
            name: Line = [(party.name, "b" if party.client else "")]
            lines: list[Line] = [name]
            if party.notes:
                lines.append([(party.notes, "sm")])
            grid.row(
                lines,
                _text_cell(party.role),
                _text_cell(party.kind),
                _text_cell("; ".join(party.aliases)),
            )


def _conflicts(doc: Any, c: ConflictSummary | None) -> None:
    if c is None:
        _note(doc, "No conflict check has been run on this matter.", italic=True)
        return
    cleared = ""
    if c.completed_at is not None:
        cleared = f"{c.completed_by or 'Unknown'}, {_stamp(c.completed_at)}"
    _pairs(
        doc,
        [
            ("Result", c.status),
            ("Run", f"{_stamp(c.run_at)}" + (f" by {c.run_by}" if c.run_by else "")),
            ("Why", c.trigger),
            ("Completed by", cleared),
            ("Names checked", "; ".join(c.names_checked)),
            (
                "Possible conflicts",
                f"{c.total} found, {c.decided} decided"
                + (f", {c.declined} declined" if c.declined else "")
                + (f"; {c.redacted} in matters you are screened from" if c.redacted else ""),
            ),
            ("Checks on file", str(c.checks_run) if c.checks_run > 1 else ""),
        ],
    )
    if not c.hits:
        return
    with _Grid(doc, ("Possible conflict", "Role / matter", "Disposition"), (2.4, 1.9, 2.2)) as grid:
        for hit in c.hits:
            if hit.redacted:
                grid.row(
                    _text_cell("A matter you are screened from", style="i"),
                    _text_cell(""),
                    _text_cell(hit.disposition, hit.decided_by and f"by {hit.decided_by}"),
                )
                continue
            where = " · ".join(x for x in (hit.role, hit.matter_number) if x)
            disposition: list[Line] = [[(hit.disposition, "b")]]
            if hit.decided_by:
                disposition.append([(f"by {hit.decided_by}", "sm")])
            if hit.note:
                disposition.append([(hit.note, "s")])
            grid.row(_text_cell(hit.name), _text_cell(where), disposition)


def _deadline_rows(doc: Any, rows: Sequence[Deadline], *, title: str) -> None:
    _heading(doc, title, 2)
    with _Grid(doc, ("When", "What", "Rule"), (1.5, 2.6, 2.4)) as grid:
        for d in rows:
            what: list[Line] = [[(d.title, "b" if d.kind.lower() == "deadline" else "")]]
            details = " · ".join(x for x in (d.kind, d.chain, d.location) if x)
            if details:
                what.append([(details, "sm")])
            rule: list[Line] = [[(d.rule_citation, "")]] if d.rule_citation else []
            rule.extend([[(step, "sm")] for step in d.derivation[:6]])
            when: list[Line] = [[(_when(d.when, d.all_day), "b" if d.overdue else "")]]
            if d.overdue:
                when.append([("Overdue", "b")])
            grid.row(when, what, rule or _text_cell("—", style="m"))


def _deadlines(doc: Any, d: Deadlines | None) -> None:
    if d is None or not (d.key_dates or d.upcoming or d.overdue):
        _note(doc, "No dates or deadlines are calendared on this matter.", italic=True)
        return
    if d.key_dates:
        _heading(doc, "Key dates", 2)
        with _Grid(doc, ("Date", "What"), (1.5, 5.0)) as grid:
            for k in d.key_dates:
                what: list[Line] = [[(k.label, "")]]
                if k.note:
                    what.append([(k.note, "sm")])
                grid.row(_text_cell(_date(k.day)), what)
    if d.overdue:
        _deadline_rows(doc, d.overdue, title="Overdue")
    if d.upcoming:
        _deadline_rows(doc, d.upcoming, title="Upcoming deadlines and hearings")
    else:
        _note(doc, "Nothing is calendared from today on.", italic=True)


def _chronology(doc: Any, c: Chronology | None, timeline_png: bytes | None) -> None:
    if c is None or not c.facts:
        if c is not None and c.material_only and c.total:
            _note(doc, f"None of the {c.total:,} facts is marked material.", italic=True)
        else:
            _note(doc, "No facts have been entered in this matter's chronology.", italic=True)
        return
    counts = f"{len(c.facts):,} fact{'s' if len(c.facts) != 1 else ''}"
    if c.material_only:
        counts += f" marked material, of {c.total:,}"
    counts += f"; {c.material:,} material, {c.disputed:,} disputed"
    if c.undated:
        counts += f", {c.undated:,} undated"
    _note(doc, counts + ".")
    if c.issues:
        _note(doc, "Issues: " + "; ".join(f"{name} ({n})" for name, n in c.issues[:12]))
    if timeline_png:
        doc.add_picture(io.BytesIO(timeline_png), width=Inches(_TEXT_WIDTH_IN))
        doc.paragraphs[-1].alignment = CENTER
    with _Grid(doc, ("Date", "Fact", "Source"), (1.15, 3.75, 1.6)) as grid:
        year = None
        for fact in c.facts:
            if fact.year != year:
                year = fact.year
                grid.group(year or "Undated")
            lines: list[Line] = [[(fact.description, "")]]
            flags = [
                x for x, on in (("MATERIAL", fact.material), ("DISPUTED", fact.disputed)) if on
            ]
            details = []
            if fact.people:
                details.append("People: " + "; ".join(fact.people))
            if fact.issues:
                details.append("Issues: " + "; ".join(fact.issues))
            if flags or details:
                line: list[Segment] = []
                if flags:
                    line.append((" · ".join(flags) + ("  " if details else ""), "bs"))
                if details:
                    line.append((" · ".join(details), "sm"))
                lines.append(line)
            source: list[Line] = [[(fact.source_text, "s")]] if fact.source_text else []
            if fact.entered_by:
                source.append([(f"Entered by {fact.entered_by}", "sm")])
            grid.row(_text_cell(fact.date), lines, source or _text_cell(""))


def _documents(doc: Any, report: CaseReport) -> None:
    if not report.documents:
        _note(doc, "The case file is empty.", italic=True)
        return
    _note(doc, f"{len(report.documents):,} documents, by category.")
    with _Grid(doc, ("Date", "Title", "Bates"), (1.15, 3.75, 1.6)) as grid:
        category = None
        for d in report.documents:
            if d.category != category:
                category = d.category
                grid.group(category or "Uncategorized")
            title: list[Line] = [[(d.title, "")]]
            if d.privileged:
                title = [[(d.title, ""), ("  Privileged", "bs")]]
            grid.row(_text_cell(_date(d.date)), title, _text_cell(d.bates, style="s"))


def _authorities(doc: Any, report: CaseReport) -> None:
    if not report.authorities:
        _note(doc, "No authorities have been saved to this matter from research.", italic=True)
        return
    with _Grid(doc, ("Authority", "Court, year", "Notes"), (3.0, 1.3, 2.2)) as grid:
        for a in report.authorities:
            name: list[Line] = [[(a.name, "i"), (f", {a.citation}" if a.name else a.citation, "")]]
            notes: list[Line] = [[(a.notes, "s")]] if a.notes else []
            if a.tags:
                notes.append([("Tags: " + ", ".join(a.tags), "sm")])
            court = ", ".join(x for x in (a.court, a.year) if x)
            grid.row(name, _text_cell(court), notes or _text_cell(""))


def _tasks(doc: Any, report: CaseReport) -> None:
    if not report.tasks:
        _note(doc, "No open tasks on this matter.", italic=True)
        return
    with _Grid(doc, ("Due", "Task", "Assigned to"), (1.3, 3.6, 1.6)) as grid:
        for t in report.tasks:
            due: list[Line] = [[(_date(t.due) or "No due date", "b" if t.overdue else "")]]
            if t.overdue:
                due.append([("Overdue", "b")])
            what: list[Line] = [[(t.title, "")]]
            if t.deadline:
                what.append([(f"For: {t.deadline}", "sm")])
            if t.notes:
                what.append([(t.notes[:300], "s")])
            grid.row(due, what, _text_cell(t.assignee or "Unassigned"))


def write_report_docx(report: CaseReport, path: Path, *, timeline_png: bytes | None) -> None:
    """Write ``report`` as a Word document at ``path`` (the timeline picture when given)."""
    doc = new_document(landscape=False, margin_in=1.0, size=10)
    _styles(doc)
    _furniture(doc, report)
    _title_page(doc, report)
    for number, key in enumerate(report.sections, start=1):
        _heading(doc, f"{number}. {SECTION_TITLES[key]}")
        if key == "summary" and report.summary is not None:
            _summary(doc, report.summary)
        elif key == "parties":
            _parties(doc, report)
        elif key == "conflicts":
            _conflicts(doc, report.conflicts)
        elif key == "deadlines":
            _deadlines(doc, report.deadlines)
        elif key == "chronology":
            _chronology(doc, report.chronology, timeline_png)
        elif key == "documents":
            _documents(doc, report)
        elif key == "authorities":
            _authorities(doc, report)
        elif key == "tasks":
            _tasks(doc, report)
    closing = paragraph(doc, space_before=18)
    add_text(
        closing,
        clean_xml_text(
            f"Prepared by {report.prepared_by} on {_stamp(report.prepared_at)} · {report.firm_name}"
        ),
        size=8,
        italic=True,
        color=_MUTED,
    )
    props = doc.core_properties
    props.title = clean_xml_text(f"{report.title} — {report.headline}")[:250]
    props.author = clean_xml_text(report.prepared_by)[:250]
    props.subject = PRIVILEGE_LEGEND
    doc.save(str(path))
