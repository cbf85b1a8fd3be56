"""Concordance DAT and Opticon OPT load files: exact bytes, safe values, and the log."""

from __future__ import annotations

import datetime
import zipfile
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from casedesk.core.production import (
    DAT_FIELDS,
    ProducedDocument,
    dat_value,
    file_md5,
    label_series,
    read_dat,
    write_dat,
    write_log_csv,
    write_log_xlsx,
    write_opt,
)

CONTRACT = ProducedDocument(
    begin_label="ACME000001",
    end_label="ACME000003",
    pages=3,
    title="Master Services Agreement",
    date=datetime.date(2027, 3, 5),
    custodian="Nguyễn Văn An",
    confidentiality="CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",
    filename="contract.pdf",
    pdf_path="IMAGES/ACME000001.pdf",
    text_path="TEXT/ACME000001.txt",
    md5="0123456789abcdef0123456789abcdef",
)
SHEET = ProducedDocument(
    begin_label="ACME000004",
    end_label="ACME000004",
    pages=1,
    title="Damages model",
    filename="damages.xlsx",
    native_path="NATIVES/ACME000004.xlsx",
    pdf_path="IMAGES/ACME000004.pdf",
    md5="fedcba9876543210fedcba9876543210",
)


def test_dat_exact_bytes(tmp_path: Path) -> None:
    path = tmp_path / "VOL001.dat"
    write_dat([CONTRACT, SHEET], path)
    t, s = "\u00fe", "\x14"
    expected = (
        "\ufeff"
        + s.join(f"{t}{f}{t}" for f in DAT_FIELDS)
        + "\r\n"
        + s.join(
            f"{t}{v}{t}"
            for v in (
                "ACME000001",
                "ACME000003",
                "3",
                "Master Services Agreement",
                "03/05/2027",
                "Nguyễn Văn An",
                "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",
                "contract.pdf",
                "",
                "TEXT\\ACME000001.txt",
                "0123456789abcdef0123456789abcdef",
            )
        )
        + "\r\n"
        + s.join(
            f"{t}{v}{t}"
            for v in (
                "ACME000004",
                "ACME000004",
                "1",
                "Damages model",
                "",
                "",
                "",
                "damages.xlsx",
                "NATIVES\\ACME000004.xlsx",
                "",
                "fedcba9876543210fedcba9876543210",
            )
        )
        + "\r\n"
    )
    assert path.read_bytes() == expected.encode("utf-8")
    assert path.read_bytes().startswith(b"\xef\xbb\xbf\xc3\xbeBEGBATES\xc3\xbe\x14")
    rows = read_dat(path)
    assert [r["BEGBATES"] for r in rows] == ["ACME000001", "ACME000004"]
    assert rows[0]["CUSTODIAN"] == "Nguyễn Văn An"


@pytest.mark.parametrize(
    ("raw", "stored"),
    [
        ("plain", "plain"),
        ("line one\r\nline two\nthree\rfour", "line one®line two®three®four"),
        ("Þór þing", "Þór thing"),
        ("a\x14b", "a b"),
        ("tab\there\x00", "tab\there "),
        ("para\u2029graph", "para®graph"),
        ("ملف العقد", "ملف العقد"),
    ],
)
def test_dat_value_replacements(raw: str, stored: str) -> None:
    assert dat_value(raw) == stored


@given(st.text())
def test_dat_value_never_breaks_the_format(text: str) -> None:
    value = dat_value(text)
    assert "\u00fe" not in value
    assert "\x14" not in value
    assert "\r" not in value and "\n" not in value


def test_dat_round_trip_with_hostile_title(tmp_path: Path) -> None:
    doc = ProducedDocument("X001", "X001", 1, title="þ\x14\r\n=cmd|' /C calc'!A0")
    path = tmp_path / "v.dat"
    write_dat([doc], path)
    rows = read_dat(path)
    assert len(rows) == 1
    assert rows[0]["TITLE"] == "th ®=cmd|' /C calc'!A0"


def test_opt_exact_bytes(tmp_path: Path) -> None:
    native_only = ProducedDocument("ACME000005", "ACME000005", 1, native_path="NATIVES/a.wav")
    path = tmp_path / "VOL001.opt"
    write_opt([CONTRACT, SHEET, native_only], path, volume="VOL001")
    assert path.read_bytes() == (
        b"ACME000001,VOL001,IMAGES\\ACME000001.pdf,Y,,,3\r\n"
        b"ACME000002,VOL001,IMAGES\\ACME000001.pdf,,,,\r\n"
        b"ACME000003,VOL001,IMAGES\\ACME000001.pdf,,,,\r\n"
        b"ACME000004,VOL001,IMAGES\\ACME000004.pdf,Y,,,1\r\n"
    )


def test_opt_uses_given_page_labels(tmp_path: Path) -> None:
    doc = ProducedDocument("P-01", "P-02", 2, pdf_path="a.pdf", page_labels=("P-01", "P-02"))
    path = tmp_path / "v.opt"
    write_opt([doc], path, volume="V")
    assert path.read_text().splitlines() == ["P-01,V,a.pdf,Y,,,2", "P-02,V,a.pdf,,,,"]


def test_opt_refuses_mismatched_labels_and_bad_volume(tmp_path: Path) -> None:
    bad = ProducedDocument("A1", "A2", 2, pdf_path="a.pdf", page_labels=("A1",))
    with pytest.raises(ValueError, match="2 pages but 1 page labels"):
        write_opt([bad], tmp_path / "v.opt", volume="V")
    with pytest.raises(ValueError, match="comma"):
        write_opt([CONTRACT], tmp_path / "v.opt", volume="VOL,1")


@pytest.mark.parametrize(
    ("begin", "pages", "labels"),
    [
        ("ACME000098", 3, ("ACME000098", "ACME000099", "ACME000100")),
        ("A-9", 2, ("A-9", "A-10")),
        ("X.001", 1, ("X.001",)),
        ("X001", 0, ()),
    ],
)
def test_label_series(begin: str, pages: int, labels: tuple[str, ...]) -> None:
    assert label_series(begin, pages) == labels


def test_label_series_needs_a_number() -> None:
    with pytest.raises(ValueError, match="does not end in a number"):
        label_series("ACME", 2)


def test_file_md5(tmp_path: Path) -> None:
    path = tmp_path / "a.bin"
    path.write_bytes(b"abc")
    assert file_md5(path) == "900150983cd24fb0d6963f7d28e17f72"


def test_log_csv(tmp_path: Path) -> None:
    path = tmp_path / "log.csv"
    write_log_csv([CONTRACT, SHEET], path)
    assert path.read_bytes().decode("utf-8-sig").splitlines() == [
        "Begin,End,Pages,Date,Title,Custodian,Confidentiality",
        "ACME000001,ACME000003,3,03/05/2027,Master Services Agreement,Nguyễn Văn An,"
        "CONFIDENTIAL - SUBJECT TO PROTECTIVE ORDER",
        "ACME000004,ACME000004,1,,Damages model,,",
    ]


def test_log_xlsx_opens(tmp_path: Path) -> None:
    path = tmp_path / "log.xlsx"
    write_log_xlsx([CONTRACT, SHEET], path, title="ACME production VOL001")
    with zipfile.ZipFile(path) as z:
        assert z.testzip() is None
        strings = z.read("xl/sharedStrings.xml").decode()
        sheet = z.read("xl/worksheets/sheet1.xml").decode()
    assert "ACME production VOL001" in strings
    assert "2 documents, 4 pages, ACME000001 to ACME000004" in strings
    assert "Nguyễn Văn An" in strings
    assert 'ySplit="3"' in sheet  # the header row is frozen
