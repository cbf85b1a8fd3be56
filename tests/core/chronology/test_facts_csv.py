"""The fact table as CSV: exact round trips, what Excel and CaseMap write, and bad files told
apart line by line."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from casedesk.core.chronology import (
    CSV_COLUMNS,
    FactRow,
    RowError,
    parse_fuzzy_date,
    read_facts_csv,
    write_facts_csv,
)
from casedesk.core.chronology.facts_csv import MAX_ROWS


def _written(rows: list[FactRow], **kwargs: bool) -> str:
    out = io.StringIO()
    write_facts_csv(rows, out, **kwargs)
    return out.getvalue()


def _same(a: FactRow, b: FactRow) -> bool:
    """Equal but for the typed text of the date (the file holds its canonical display)."""
    da, db = a.date, b.date
    return (da.kind, da.start, da.end) == (db.kind, db.start, db.end) and (
        a.description,
        a.people,
        a.issues,
        a.source,
        a.page,
        a.bates,
        a.material,
        a.disputed,
        a.entered_by,
    ) == (
        b.description,
        b.people,
        b.issues,
        b.source,
        b.page,
        b.bates,
        b.material,
        b.disputed,
        b.entered_by,
    )


ROWS = [
    FactRow(
        parse_fuzzy_date("March 5, 2024"),
        "Nguyễn Văn An signs the lease with محمد عبد الله",
        people=("Nguyễn Văn An", "محمد عبد الله"),
        issues=("Breach of lease", "Notice"),
        source="Lease agreement",
        page="3",
        bates="ACME-000123",
        material=True,
        entered_by="Trần Thị Mai",
    ),
    FactRow(
        parse_fuzzy_date("c. 2019"), '=HYPERLINK("http://x") looks like a formula', disputed=True
    ),
    FactRow(parse_fuzzy_date(""), 'Undated call,\nwith a line break and "quotes"'),
    FactRow(parse_fuzzy_date("before June 1, 2021"), "'=already guarded text", source="-minus"),
    FactRow(parse_fuzzy_date("Q1 2024"), "+1 555 0100 called", people=("@handle",)),
]


def test_header_and_cells() -> None:
    text = _written(ROWS)
    table = list(csv.reader(io.StringIO(text)))
    assert tuple(table[0]) == CSV_COLUMNS
    assert table[1] == [
        "Mar. 5, 2024",
        "Nguyễn Văn An signs the lease with محمد عبد الله",
        "Nguyễn Văn An; محمد عبد الله",
        "Breach of lease; Notice",
        "Lease agreement",
        "3",
        "ACME-000123",
        "Yes",
        "No",
        "Trần Thị Mai",
    ]
    assert table[2][0:2] == ["c. 2019", '\'=HYPERLINK("http://x") looks like a formula']
    assert table[3][0] == ""  # undated
    assert table[4][1] == "''=already guarded text"
    assert table[4][4] == "'-minus"
    assert table[5][2] == "'@handle"
    assert "\r\n" in text
    assert not text.startswith("\ufeff")
    assert _written([], bom=True).startswith("\ufeffDate,Description")


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_round_trip(encoding: str) -> None:
    rows, errors = read_facts_csv(_written(ROWS).encode(encoding))
    assert errors == []
    assert len(rows) == len(ROWS)
    assert all(_same(a, b) for a, b in zip(rows, ROWS, strict=True))


def test_excel_on_windows_cp1252_with_semicolons() -> None:
    data = "Date;Description;Material\r\n5/3/2024;Café owner José signs — “the deal”;x\r\n".encode(
        "cp1252"
    )
    rows, errors = read_facts_csv(data)
    assert errors == []
    assert rows[0].description == "Café owner José signs — “the deal”"
    assert rows[0].date.start == dt.date(2024, 5, 3)
    assert rows[0].material is True


def test_tabs_casemap_names_and_any_case() -> None:
    data = (
        b"DATE & TIME\tFact Text\tLinked Issues\tSource(s)\tKEY\tdisputed\n"
        b"Mar 2024\tMeeting at the site\tSafety; Notice; safety\tSite log\tyes\tFALSE\n"
    )
    rows, errors = read_facts_csv(data)
    assert errors == []
    (row,) = rows
    assert row.date.kind == "month"
    assert row.issues == ("Safety", "Notice")  # same name twice kept once
    assert (row.source, row.material, row.disputed) == ("Site log", True, False)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("yes", True),
        ("Yes", True),
        ("TRUE", True),
        ("x", True),
        ("X", True),
        ("1", True),
        ("y", True),
        ("no", False),
        ("false", False),
        ("0", False),
        ("", False),
        ("  ", False),
        ("n", False),
    ],
)
def test_flags(value: str, expected: bool) -> None:
    rows, errors = read_facts_csv(
        f"Date,Description,Material,Disputed\n2024,x,{value},{value}\n".encode()
    )
    assert errors == []
    assert rows[0].material is expected
    assert rows[0].disputed is expected


BAD_FILES: list[tuple[str, bytes, list[tuple[int, str]]]] = [
    ("empty", b"", [(1, "The file is empty.")]),
    ("only a BOM and blank lines", b"\xef\xbb\xbf\r\n\r\n  \r\n", [(1, "The file is empty.")]),
    (
        "binary",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        [(1, "The file is not a CSV table (it holds binary data).")],
    ),
    (
        "header only",
        b"Date,Description\r\n",
        [(1, "The file has a header row but no facts.")],
    ),
    (
        "wrong columns",
        b"Name,Address\nJohn,Main St\n",
        [
            (
                1,
                "The first row must name the columns (Date, Description, People, Issues, Source, "
                "Page, Bates, Material, Disputed, Entered by); Date and Description are missing "
                '(found "Name", "Address").',
            )
        ],
    ),
    (
        "no description column",
        b"Date,People\n2024,x\n",
        [(1, "Description is missing")],
    ),
    (
        "unknown columns noted once",
        b"Date,Description,Colour,Mood\n2024,ok,red,calm\n",
        [(1, 'Columns ignored: "Colour", "Mood".')],
    ),
    (
        "bad rows named by line",
        b"Date,Description,Material\n"
        b"2024-02-30,Impossible day,\n"
        b"2024,Fine,\n"
        b'2025,"A fact\nover two lines",maybe\n'
        b",,\n"
        b"2024,,\n"
        b"sometime,Garbage date,no\n",
        [
            (2, '"2024-02-30" is not a date: February 2024 has 29 days.'),
            (4, 'Material must be yes or no, not "maybe".'),
            (7, "The fact has no description."),
            (8, '"sometime" is not a date casedesk can read'),
        ],
    ),
    (
        "too long for the database",
        b"Date,Description,Page,Bates,Issues\n2024,x,"
        + b"9" * 21
        + b","
        + b"B" * 41
        + b","
        + b"I" * 101
        + b"\n",
        [
            (2, "is longer than 100 characters."),
            (2, "The page is longer than 20 characters."),
            (2, "The Bates number is longer than 40 characters."),
        ],
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES])
def test_bad_files(name: str, data: bytes, expected: list[tuple[int, str]]) -> None:
    rows, errors = read_facts_csv(data)
    assert len(errors) == len(expected), errors
    for error, (line, message) in zip(sorted(errors, key=lambda e: e.line), expected, strict=True):
        assert error.line == line
        assert message in error.message
    if name == "bad rows named by line":
        assert [r.description for r in rows] == ["Fine"]
    if name == "unknown columns noted once":
        assert len(rows) == 1


def test_row_error_reads_as_a_line() -> None:
    assert (
        str(RowError(4, "The fact has no description.")) == "Line 4: The fact has no description."
    )


def test_too_many_rows_refused() -> None:
    data = ("Date,Description\n" + "2024,x\n" * (MAX_ROWS + 1)).encode()
    rows, errors = read_facts_csv(data)
    assert rows == []
    assert len(errors) == 1
    assert errors[0].message.startswith("The file has more than 20,000 facts")
    rows, errors = read_facts_csv(("Date,Description\n" + "2024,x\n" * MAX_ROWS).encode())
    assert (len(rows), errors) == (MAX_ROWS, [])


def test_two_megabytes_of_junk() -> None:
    junk = bytes((i * 7919 + 13) % 251 + 1 for i in range(2_000_000))  # no NUL, not a table
    rows, errors = read_facts_csv(junk)
    assert rows == []
    assert len(errors) == 1


def test_huge_cell_is_a_clear_error() -> None:
    rows, errors = read_facts_csv(b'Date,Description\n2024,"' + b"x" * 200_000 + b'"\n')
    assert rows == []
    assert len(errors) == 1
    assert errors[0].message.startswith(
        ("The file is not a readable CSV table", "The description has")
    )


names = (
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters=";"),
        min_size=1,
        max_size=20,
    )
    .map(lambda s: " ".join(s.split()))
    .filter(bool)
)
cell = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30)


@settings(max_examples=150)
@given(
    st.lists(
        st.builds(
            FactRow,
            date=st.sampled_from(
                ["Mar. 5, 2024", "c. 2019", "", "before June 1, 2021", "Q3 1999"]
            ).map(parse_fuzzy_date),
            description=cell.map(lambda s: " ".join(s.split())).filter(bool),
            people=st.lists(names, max_size=3, unique_by=str.casefold).map(tuple),
            issues=st.lists(names, max_size=3, unique_by=str.casefold).map(tuple),
            source=cell.map(lambda s: " ".join(s.split())),
            page=st.text(alphabet="0123456789-ivx", max_size=5),
            bates=st.text(alphabet="ABC-0123456789=+@", max_size=12),
            material=st.booleans(),
            disputed=st.booleans(),
            entered_by=cell.map(lambda s: " ".join(s.split())),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_any_rows_round_trip(rows: list[FactRow]) -> None:
    back, errors = read_facts_csv(_written(rows, bom=True).encode("utf-8"))
    assert errors == []
    assert len(back) == len(rows)
    for a, b in zip(back, rows, strict=True):
        assert _same(a, b), (a, b)
