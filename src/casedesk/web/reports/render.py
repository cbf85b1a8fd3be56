"""Turning a report's data into files: the PDF (the ``reports/report_pdf.html`` template laid
out by WeasyPrint through :mod:`casedesk.core.reports.pdf`) and the Word document
(:mod:`casedesk.core.reports.word`), each with the chronology's timeline.

The long tables' rows (thousands of facts and documents) are written here as HTML with plain
string formatting: the Django template engine takes about a second per 5,000 rows, this a few
hundredths. Everything that goes into them is escaped.
"""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from casedesk.core.reports.model import (
    PRIVILEGE_LEGEND,
    SECTION_TITLES,
    CaseReport,
    DocumentEntry,
    Fact,
)
from casedesk.core.reports.pdf import PartPlan, RenderedPdf, plan_parts, render_pdf
from casedesk.core.reports.textfit import text_width, wrap
from casedesk.core.reports.word import write_report_docx
from casedesk.web.reports.selectors import ReportData

TIMELINE_TITLE = "Timeline of dated facts"
# Parts are laid out in parallel only when the report is long enough to be cut into parts.
MAX_WORKERS = 4


def workers() -> int:
    """How many processes lay out a long report's parts: the cores, at most four."""
    return max(1, min(MAX_WORKERS, os.cpu_count() or 1))


# --- the timeline ----------------------------------------------------------------------------


def timeline_pictures(data: ReportData, *, svg: bool, png: bool) -> tuple[str, bytes | None]:
    """The chronology's timeline as SVG (for the PDF) and PNG (for Word), when wanted."""
    report = data.report
    if not report.has("chronology") or not data.timeline_facts:
        return "", None
    from casedesk.core.chronology.timeline import timeline_png, timeline_svg
    from casedesk.web.chronology.selectors import timeline_items

    items = timeline_items(data.timeline_facts)
    if not any(item.date.sort_date is not None for item in items):
        return "", None
    title = TIMELINE_TITLE + (
        " (material facts)" if report.chronology and report.chronology.material_only else ""
    )
    return (
        timeline_svg(items, width=960, title=title, max_labels=30) if svg else "",
        timeline_png(items, width=1600, title=title, max_labels=30) if png else None,
    )


# --- long table rows -------------------------------------------------------------------------


def _e(text: str) -> str:
    return escape(text, quote=False)


# The facts are set as preformatted lines too: the date in bold at the left, a tab to the
# fact's column, its text broken here to the column's width (casedesk.core.reports.textfit),
# and a grey line for the marks, people, issues and source. These numbers follow the
# stylesheet (US Letter, 19 mm margins, 1.6 mm padding, 8.5 pt text, a 31 mm date column).
TEXT_PT = 8.5
LINE_WIDTH_MM = 215.9 - 2 * 19 - 2 * 1.6
DATE_COLUMN_MM = 31.0
FACT_WIDTH_MM = LINE_WIDTH_MM - DATE_COLUMN_MM - 1.5  # a little room for rounding
TITLE_WIDTH_MM = LINE_WIDTH_MM - 19.0 - 1.5


def _fact_lines(f: Fact) -> str:
    meta = [word for word, on in (("MATERIAL", f.material), ("DISPUTED", f.disputed)) if on]
    if f.people:
        meta.append("People: " + "; ".join(f.people))
    if f.issues:
        meta.append("Issues: " + "; ".join(f.issues))
    if f.source_text:
        meta.append("Source: " + f.source_text)
    # The tab goes inside the bold date: a tab stop counts from the start of its own run.
    text = [_e(line) for line in wrap(f.description, FACT_WIDTH_MM, TEXT_PT)]
    if text_width(f.date, TEXT_PT, bold=True) < DATE_COLUMN_MM - 2:
        lines = [f"<b>{_e(f.date)}\t</b>{text[0]}", *(f"\t{line}" for line in text[1:])]
    else:  # a long date ("Jan. 1 – Mar. 1, 2020") gets a line of its own
        lines = [f"<b>{_e(f.date)}</b>", *(f"\t{line}" for line in text)]
    if meta:
        lines.extend(
            f'\t<span class="m">{_e(line)}</span>'
            for line in wrap(" · ".join(meta), FACT_WIDTH_MM, TEXT_PT)
        )
    return "\n".join(lines)


# The case file index is set as preformatted lines (a tab puts the title at its column), which
# WeasyPrint lays out in about two thirds of the time of one paragraph a document; titles are
# wrapped here, at a width that fits the column, so their next lines keep to the column too.
def _document_lines(d: DocumentEntry) -> str:
    day = d.date.strftime("%Y-%m-%d") if d.date else "n.d."
    text = d.title
    if d.bates:
        text += f" — {d.bates}"
    if d.privileged:
        text += " · PRIVILEGED"
    lines = wrap(text, TITLE_WIDTH_MM, TEXT_PT)
    return "\n".join(f"{day if i == 0 else ''}\t{_e(line)}" for i, line in enumerate(lines))


def _group_row(label: str, *, continued: bool = False) -> str:
    more = ' <span class="cont">(continued)</span>' if continued else ""
    return f'<h4 class="group">{_e(label)}{more}</h4>'


LINES_PER_BLOCK = 40  # a page may break between two blocks of a list, or inside one


def _blocks(
    items: Sequence[Any],
    start: int,
    stop: int,
    *,
    key: Callable[[Any], str],
    lines: Callable[[Any], str],
    css: str,
) -> SafeString:
    """Rows ``start:stop`` as preformatted blocks under their group headings."""
    out: list[str] = []
    block: list[str] = []
    current: str | None = None

    def flush() -> None:
        if block:
            out.append(f'<pre class="{css}">' + "\n".join(block) + "</pre>")
            block.clear()

    for index in range(start, stop):
        item = items[index]
        group = key(item)
        if group != current:
            flush()
            continued = index == start and index > 0 and key(items[index - 1]) == group
            out.append(_group_row(group, continued=continued))
            current = group
        block.append(lines(item))
        if len(block) >= LINES_PER_BLOCK:
            flush()
    flush()
    return mark_safe("".join(out))  # noqa: S308 - every value above is escaped


@dataclass(frozen=True)
class PieceView:
    """One section (or a slice of a long one) of a part, ready for the template."""

    key: str
    number: int
    title: str
    continued: bool
    first: bool  # the section's first piece (its introduction and the timeline go there)
    rows: SafeString = mark_safe("")


def _group_of_fact(f: Fact) -> str:
    return f.year or "Undated"


def _group_of_document(d: DocumentEntry) -> str:
    return d.category or "Uncategorized"


def _pieces(report: CaseReport, part: PartPlan) -> list[PieceView]:
    numbers = {key: i for i, key in enumerate(report.sections, start=1)}
    views = []
    for piece in part.pieces:
        rows = mark_safe("")
        if piece.section == "chronology" and report.chronology is not None:
            rows = _blocks(
                report.chronology.facts,
                piece.start,
                piece.stop,
                key=_group_of_fact,
                lines=_fact_lines,
                css="facts",
            )
        elif piece.section == "documents":
            rows = _blocks(
                report.documents,
                piece.start,
                piece.stop,
                key=_group_of_document,
                lines=_document_lines,
                css="docs",
            )
        views.append(
            PieceView(
                key=piece.section,
                number=numbers[piece.section],
                title=SECTION_TITLES[piece.section],
                continued=piece.continued,
                first=not piece.continued,
                rows=rows,
            )
        )
    return views


def plan(report: CaseReport) -> list[PartPlan]:
    groups: dict[str, list[str]] = {}
    if report.has("chronology"):
        facts = report.chronology.facts if report.chronology else ()
        groups["chronology"] = [_group_of_fact(f) for f in facts]
    if report.has("documents"):
        groups["documents"] = [_group_of_document(d) for d in report.documents]
    return plan_parts(report.sections, groups)


def report_html_parts(report: CaseReport, *, timeline_svg: str = "") -> list[str]:
    """The report as HTML documents, one per part (see :func:`plan_parts`)."""
    picture = ""
    if timeline_svg:
        picture = "data:image/svg+xml;base64," + base64.b64encode(
            timeline_svg.encode("utf-8")
        ).decode("ascii")
    css = render_to_string("reports/report_pdf.css", {"report": report})
    plans = plan(report)
    common = {
        "report": report,
        "css": mark_safe(css),  # noqa: S308 - our own stylesheet
        "timeline": picture,
        "legend": PRIVILEGE_LEGEND,
        "summary": report.summary,
        "chronology": report.chronology,
        "deadlines": report.deadlines,
        "conflicts": report.conflicts,
        "section_titles": [SECTION_TITLES[key] for key in report.sections],
    }
    return [
        render_to_string(
            "reports/report_pdf.html",
            {
                **common,
                "cover": part.cover,
                "pieces": _pieces(report, part),
                "last": index == len(plans) - 1,
            },
        )
        for index, part in enumerate(plans)
    ]


def report_pdf(
    report: CaseReport,
    *,
    timeline_svg: str = "",
    progress: Callable[[int, int], None] | None = None,
) -> RenderedPdf:
    """The report laid out as PDF (its parts in parallel when it is long)."""
    parts = report_html_parts(report, timeline_svg=timeline_svg)
    return render_pdf(
        parts,
        workers=workers() if len(parts) > 1 else 1,
        title=f"{report.title}: {report.headline}",
        author=report.prepared_by,
        subject=PRIVILEGE_LEGEND,
        progress=progress,
    )


def report_docx(report: CaseReport, path: Path, *, timeline_png: bytes | None = None) -> None:
    write_report_docx(report, path, timeline_png=timeline_png)
