"""Exhibit numbering and the AO 187 exhibit list and FRCP 26(a)(3) witness list documents."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import given
from hypothesis import strategies as st

from casedesk.core.trial import (
    AO187_FOOTNOTE,
    ExhibitRow,
    WitnessRow,
    exhibit_list_docx,
    exhibit_number_value,
    exhibit_numbers,
    exhibit_sort_key,
    letters_label,
    party_possessive,
    witness_list_docx,
)
from casedesk.core.trial.docx_parts import direction_spans, split_caption

ARABIC = "محمد عبد الله"
VIETNAMESE = "Nguyễn Thị Minh Khai"
COURT = "United States District Court\nDistrict of Arizona"
CAPTION = "Teresa Montoya v. Sunset Terrace Apartments, L.P."


@pytest.mark.parametrize(
    ("count", "style", "start", "labels"),
    [
        (3, "numbers", 1, ["1", "2", "3"]),
        (2, "numbers", 101, ["101", "102"]),
        (3, "letters", 1, ["A", "B", "C"]),
        (3, "letters", 25, ["Y", "Z", "AA"]),
        (2, "letters", 52, ["AZ", "BA"]),
        (1, "letters", 702, ["ZZ"]),
        (1, "letters", 703, ["AAA"]),
        (0, "letters", 1, []),
    ],
)
def test_exhibit_numbers(count: int, style: str, start: int, labels: list[str]) -> None:
    assert exhibit_numbers(count, style, start) == labels


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1, "roman", 1), "is not one of: numbers, letters"),
        ((-1, "numbers", 1), "cannot be negative"),
        ((1, "letters", 0), "starts at 1"),
    ],
)
def test_exhibit_numbers_refuses(args: tuple[int, str, int], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        exhibit_numbers(*args)


@given(st.integers(min_value=1, max_value=200_000))
def test_letters_round_trip(n: int) -> None:
    assert exhibit_number_value(letters_label(n), "letters") == n


@pytest.mark.parametrize(
    ("label", "style", "value"),
    [
        ("12", "numbers", 12),
        ("A", "letters", 1),
        ("ab", "letters", 28),
        ("P-1", "numbers", None),
        ("12", "letters", None),
    ],
)
def test_exhibit_number_value(label: str, style: str, value: int | None) -> None:
    assert exhibit_number_value(label, style) == value


def test_sort_key_orders_like_a_clerk() -> None:
    labels = ["10", "AA", "2", "Z", "P-10", "P-2", "B", "1", "ACME000010", "ACME000009"]
    assert sorted(labels, key=exhibit_sort_key) == [
        "1",
        "2",
        "10",
        "B",
        "Z",
        "AA",
        "ACME000009",
        "ACME000010",
        "P-2",
        "P-10",
    ]


@pytest.mark.parametrize(
    ("party", "owner"),
    [
        ("plaintiff", "PLAINTIFF'S"),
        ("defendants", "DEFENDANTS'"),
        ("Joint", "JOINT'S"),
        ("", ""),
        ("plaintiff's", "PLAINTIFF'S"),
    ],
)
def test_party_possessive(party: str, owner: str) -> None:
    assert party_possessive(party) == owner


def test_direction_spans_mark_arabic_runs() -> None:
    assert direction_spans(f"Email to {ARABIC} re lease") == [
        ("Email to ", False),
        (ARABIC, True),
        (" re lease", False),
    ]
    assert direction_spans(VIETNAMESE) == [(VIETNAMESE, False)]


def test_split_caption() -> None:
    assert split_caption(CAPTION) == ("Teresa Montoya", "Sunset Terrace Apartments, L.P.")
    assert split_caption("In re Estate of Doe") is None


def _all_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for tbl in doc.tables:
        for row in tbl.rows:
            parts.extend(c.text for c in row.cells)
    for section in doc.sections:
        parts.extend(p.text for p in section.footer.paragraphs)
    return "\n".join(parts)


def _exhibit_rows() -> list[ExhibitRow]:
    return [
        ExhibitRow(
            plf_no="1",
            date_offered=datetime.date(2027, 3, 5),
            marked=datetime.date(2027, 3, 5),
            admitted=datetime.date(2027, 3, 6),
            description=f"Letter from {VIETNAMESE} to {ARABIC}",
            witness=VIETNAMESE,
            bates="ACME000001-ACME000004",
        ),
        ExhibitRow(def_no="A", description="Lease agreement", status="refused"),
        ExhibitRow(plf_no="2", description="Photograph of the unit", status="withdrawn"),
    ]


def test_exhibit_list_docx_has_the_ao187_layout(tmp_path: Path) -> None:
    path = tmp_path / "exhibits.docx"
    exhibit_list_docx(
        _exhibit_rows(),
        path,
        court=COURT,
        case_caption=CAPTION,
        case_number="2:24-cv-01234",
        judge="Hon. Jane Judge",
        plaintiff_attys=["Ada Attorney", "Smith & Jones LLP"],
        defendant_attys="Bert Barrister",
        trial_dates="March 5-9, 2027",
        court_reporter="R. Reporter",
        courtroom_deputy="D. Deputy",
    )
    doc = Document(str(path))
    section = doc.sections[0]
    assert section.page_width > section.page_height  # landscape
    main = doc.tables[-1]
    header = [c.text for c in main.rows[0].cells]
    assert header == [
        "PLF.\nNO.",
        "DEF.\nNO.",
        "DATE\nOFFERED",
        "MARKED",
        "ADMITTED",
        "DESCRIPTION OF EXHIBITS* AND WITNESSES",
    ]
    assert main.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None  # repeats on each page
    first = [c.text for c in main.rows[1].cells]
    assert first[:5] == ["1", "", "03/05/2027", "03/05/2027", "03/06/2027"]
    assert first[5] == (
        f"Letter from {VIETNAMESE} to {ARABIC}\nBates ACME000001-ACME000004 · Witness: {VIETNAMESE}"
    )
    assert main.rows[2].cells[1].text == "A"
    assert main.rows[2].cells[5].text.endswith("Refused")
    assert main.rows[3].cells[5].text.endswith("Withdrawn")
    text = _all_text(path)
    for expected in (
        "UNITED STATES DISTRICT COURT",
        "District of Arizona",
        "EXHIBIT LIST",
        "Case Number: 2:24-cv-01234",
        "PRESIDING JUDGE",
        "Hon. Jane Judge",
        "PLAINTIFF'S ATTORNEY",
        "Smith & Jones LLP",
        "TRIAL DATE (S)",
        "COURT REPORTER",
        "COURTROOM DEPUTY",
        "D. Deputy",
        AO187_FOOTNOTE,
        "Teresa Montoya\nV.\nSunset Terrace Apartments, L.P.",
    ):
        assert expected in text, expected
    rtl_runs = [
        r
        for r in doc.element.body.iter(qn("w:r"))
        if r.find(qn("w:rPr")) is not None and r.find(qn("w:rPr")).find(qn("w:rtl")) is not None
    ]
    assert ["".join(t.text for t in r.iter(qn("w:t"))) for r in rtl_runs] == [ARABIC]


def test_witness_list_docx_separates_will_and_may_call(tmp_path: Path) -> None:
    path = tmp_path / "witnesses.docx"
    rows = [
        WitnessRow("Teresa Montoya", "123 Main St\nPhoenix, AZ", "602-555-0100", "t@example.com"),
        WitnessRow(
            ARABIC,
            "Cairo",
            will_call=False,
            by_deposition=True,
            designations="12:3-15:7\n22:1-24:9",
        ),
        WitnessRow(VIETNAMESE, phone="+84 24 1234 5678"),
    ]
    witness_list_docx(
        rows,
        path,
        court=COURT,
        case_caption=CAPTION,
        case_number="2:24-cv-01234",
        party="plaintiff",
        submitted_by=["/s/ Ada Attorney", "Smith & Jones LLP"],
        date=datetime.date(2027, 2, 1),
    )
    doc = Document(str(path))
    text = _all_text(path)
    assert "PLAINTIFF'S WITNESS LIST" in text
    assert "26(a)(3)(A)(i)-(ii)" in text
    will, may, deposition = doc.tables[1], doc.tables[2], doc.tables[3]
    assert [r.cells[1].text for r in will.rows[1:]] == ["Teresa Montoya", VIETNAMESE]
    assert (
        will.rows[1].cells[2].text == "123 Main St\nPhoenix, AZ\nTel. 602-555-0100\nt@example.com"
    )
    assert [(r.cells[0].text, r.cells[1].text, r.cells[3].text) for r in may.rows[1:]] == [
        ("3.", ARABIC, "By deposition")
    ]
    assert deposition.rows[1].cells[1].text == "12:3-15:7\n22:1-24:9"
    assert "Dated: 02/01/2027" in text and "/s/ Ada Attorney" in text


def test_witness_list_with_no_one_says_none(tmp_path: Path) -> None:
    path = tmp_path / "w.docx"
    witness_list_docx([], path, court="", case_caption="In re Doe", case_number="1")
    text = _all_text(path)
    assert text.count("None.") == 3
    assert "WITNESS LIST" in text


@pytest.mark.slow
def test_exhibit_list_pdf_keeps_vietnamese_and_arabic(tmp_path: Path) -> None:
    from casedesk.core.drafting.convert import convert_cold, soffice_path

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "exhibits.docx"
    exhibit_list_docx(
        _exhibit_rows(), path, court=COURT, case_caption=CAPTION, case_number="2:24-cv-01234"
    )
    convert_cold(path, tmp_path / "exhibits.pdf")
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "exhibits.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert VIETNAMESE in text
    assert ARABIC in text.replace("\u202b", "").replace("\u202c", "")
    assert "Page 1 of 1 Pages" in text
