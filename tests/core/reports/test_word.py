"""The Word report: it opens, holds every chosen section, keeps Vietnamese and Arabic text,
repeats table headers, carries the privilege legend and page numbers, and stays fast."""

from __future__ import annotations

import dataclasses
import io
import time
import zipfile
from pathlib import Path

import docx
import pytest

from casedesk.core.reports.model import PRIVILEGE_LEGEND, SECTION_TITLES, Party
from casedesk.core.reports.word import clean_xml_text, write_report_docx
from tests.core.reports.samples import ARABIC, VIETNAMESE, sample_report


def _text(path: Path) -> str:
    document = docx.Document(str(path))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def _xml(path: Path, name: str) -> str:
    with zipfile.ZipFile(path) as z:
        return z.read(name).decode("utf-8")


def test_every_section_and_the_names_are_in_the_document(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_report_docx(sample_report(), path, timeline_png=None)
    text = _text(path)
    for number, title in enumerate(SECTION_TITLES.values(), start=1):
        assert f"{number}. {title}" in text
    assert VIETNAMESE in text and ARABIC in text
    assert "PRELIMINARY CASE REPORT" in text
    assert "UNITED STATES DISTRICT COURT" in text and "Case No. 2:27-cv-01234" in text
    assert "Fed. R. Civ. P. 12(a)(1)(A)(i)" in text
    assert "Hợp đồng thuê kho" in text
    assert "A matter you are screened from" in text and "Minh Khai Nguyen" in text
    assert "Prepared by Cleo Clerk" in text


def test_arabic_runs_are_right_to_left(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_report_docx(sample_report(), path, timeline_png=None)
    body = _xml(path, "word/document.xml")
    assert "<w:rtl/>" in body
    assert ARABIC in body


def test_header_footer_legend_and_page_numbers(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_report_docx(sample_report(), path, timeline_png=None)
    section = docx.Document(str(path)).sections[0]
    assert section.different_first_page_header_footer
    header = section.header.paragraphs[0].text
    assert header == f"2027-0042 · Delgado v. Acme Holdings\t{PRIVILEGE_LEGEND}"
    assert section.first_page_header.paragraphs[0].text == PRIVILEGE_LEGEND.upper()
    with zipfile.ZipFile(path) as z:
        footers = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("word/footer"))
    assert " PAGE " in footers and " NUMPAGES " in footers


def test_tables_repeat_their_header_row_and_keep_rows_whole(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    write_report_docx(sample_report(), path, timeline_png=None)
    document = docx.Document(str(path))
    grids = [t for t in document.tables if t.style is not None and t.style.name == "Table Grid"]
    assert len(grids) >= 7
    for table in grids:
        first = table.rows[0]._tr
        assert (
            first.find(docx.oxml.ns.qn("w:trPr")).find(docx.oxml.ns.qn("w:tblHeader")) is not None
        )
    facts = next(t for t in grids if t.rows[0].cells[1].text == "Fact")
    texts = [row.cells[0].text for row in facts.rows]
    assert texts[:3] == ["Date", "2019", "c. 2019"]  # a year row, then its facts


def test_only_the_chosen_sections(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    report = sample_report(sections=("parties", "tasks"))
    write_report_docx(report, path, timeline_png=None)
    text = _text(path)
    assert "1. Clients and parties" in text and "2. Open tasks" in text
    assert "Chronology of facts" not in text and "Case file index" not in text


def test_empty_sections_say_so(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    report = dataclasses.replace(
        sample_report(),
        parties=(),
        conflicts=None,
        deadlines=None,
        chronology=None,
        documents=(),
        authorities=(),
        tasks=(),
    )
    write_report_docx(report, path, timeline_png=None)
    text = _text(path)
    for sentence in (
        "No parties are recorded on this matter.",
        "No conflict check has been run on this matter.",
        "No dates or deadlines are calendared on this matter.",
        "No facts have been entered in this matter's chronology.",
        "The case file is empty.",
        "No authorities have been saved to this matter from research.",
        "No open tasks on this matter.",
    ):
        assert sentence in text


def test_the_timeline_picture_goes_in(tmp_path: Path) -> None:
    from PIL import Image

    png = io.BytesIO()
    Image.new("RGB", (800, 200), "white").save(png, format="PNG")
    path = tmp_path / "report.docx"
    write_report_docx(sample_report(), path, timeline_png=png.getvalue())
    with zipfile.ZipFile(path) as z:
        assert any(n.startswith("word/media/") for n in z.namelist())


def test_control_characters_do_not_break_the_file(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    report = dataclasses.replace(
        sample_report(), parties=(Party(name="Bad\x0bname\x00 Co.", role="Client"),)
    )
    write_report_docx(report, path, timeline_png=None)
    assert "Badname Co." in _text(path)
    assert clean_xml_text("a\tb\nc\x07") == "a\tb\nc"


@pytest.mark.slow
def test_seven_thousand_rows_in_a_few_seconds(tmp_path: Path) -> None:
    path = tmp_path / "report.docx"
    report = sample_report(facts=2000, documents=5000)
    started = time.perf_counter()
    write_report_docx(report, path, timeline_png=None)
    assert time.perf_counter() - started < 15  # about 1.5 s on an idle 2-core machine
    document = docx.Document(str(path))
    assert sum(len(t.rows) for t in document.tables) > 7000
