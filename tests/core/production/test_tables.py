"""CSV and XLSX tables: Excel-friendly encoding, the formula guard, real cells."""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from pathlib import Path

import pytest

from casedesk.core.production import guard_formula, write_table_csv, write_table_xlsx


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=SUM(A1:A3)", "'=SUM(A1:A3)"),
        ("+1-555-0100", "'+1-555-0100"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\tindent", "'\tindent"),
        ("\rcarriage", "'\rcarriage"),
        ("Smith = Jones", "Smith = Jones"),
        ("ACME-000001", "ACME-000001"),
        ("", ""),
    ],
)
def test_guard_formula(text: str, written: str) -> None:
    assert guard_formula(text) == written


def test_csv_bom_guard_and_types(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    write_table_csv(
        ["No.", "Name", "Date", "Count", "Privileged"],
        [
            ["PRIV-0001", '=HYPERLINK("http://x")', datetime.date(2027, 1, 2), -3, True],
            ["PRIV-0002", "محمد عبد الله, Esq.", None, 2.5, False],
        ],
        path,
    )
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    assert b"\r\n" in raw
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows == [
        ["No.", "Name", "Date", "Count", "Privileged"],
        ["PRIV-0001", '\'=HYPERLINK("http://x")', "01/02/2027", "-3", "Yes"],
        ["PRIV-0002", "محمد عبد الله, Esq.", "", "2.5", "No"],
    ]


def test_csv_row_width_checked(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="Row 1 has 1 cells but the table has 2 columns"):
        write_table_csv(["a", "b"], [["x"]], tmp_path / "t.csv")


def test_xlsx_cells_are_text_numbers_and_dates(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table_xlsx(
        ["Plf. No.", "Description", "Admitted", "Pages"],
        [
            ["1", "=1+1 is not a formula here", datetime.date(2027, 3, 5), 12],
            ["2", "Trần Thị Bích — " + "long text " * 12, None, 3],
        ],
        path,
        title="Exhibit list: Montoya v. Sunset [Trial]",
        subtitle="Case No. 24STCV12345",
    )
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
        strings = z.read("xl/sharedStrings.xml").decode()
        workbook = z.read("xl/workbook.xml").decode()
    assert "xl/worksheets/sheet1.xml" in names
    assert "<f>" not in sheet  # no formulas at all
    assert "=1+1 is not a formula here" in strings
    assert "Trần Thị Bích" in strings
    assert 'name="Exhibit list Montoya v. Sunset"' in workbook  # ":" and "[" not allowed
    assert re.search(r'<c r="D4"[^>]*><v>12</v>', sheet)  # a number cell
    assert re.search(r'<c r="C4"[^>]*><v>46451</v>', sheet)  # 2027-03-05 as a serial date
    assert 'ySplit="3"' in sheet
    assert "<autoFilter" in sheet


def test_xlsx_without_subtitle_freezes_row_two(tmp_path: Path) -> None:
    path = tmp_path / "t.xlsx"
    write_table_xlsx(["A"], [], path, title="Empty")
    with zipfile.ZipFile(path) as z:
        assert 'ySplit="2"' in z.read("xl/worksheets/sheet1.xml").decode()
