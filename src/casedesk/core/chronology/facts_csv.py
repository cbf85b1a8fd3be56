"""The fact table as CSV: one header row, one fact a row, the columns of :data:`CSV_COLUMNS`.

Writing: the date is its canonical display ("Mar. 5, 2024", "before June 1, 2021"); People and
Issues hold several names joined by "; "; Material and Disputed are "Yes"/"No"; a text cell a
spreadsheet would run as a formula gets a leading apostrophe (the guard of
:mod:`casedesk.core.production.tables`). The caller chooses the encoding of ``out`` (write
``"\\ufeff"`` first, or pass ``bom=True``, so Excel reads UTF-8 names right).

Reading (:func:`read_facts_csv`) is forgiving where a person would be and strict where the
database would be: a byte-order mark, UTF-8 or Windows-1252 (Excel's "CSV" on Windows) or
UTF-16 ("Unicode text"), commas, semicolons or tabs; header names in any case, with a few
CaseMap and Everchron names understood ("Fact Text", "Date & Time", "Linked Issues"...);
unknown columns ignored with one note; Material/Disputed as yes/no/true/false/x/1/0/blank.
Each problem is a :class:`RowError` naming the line, and a row with a problem is left out:
the caller shows the errors and imports nothing until the file is right.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TextIO

from casedesk.core.chronology.dates import FuzzyDate, FuzzyDateError, parse_fuzzy_date
from casedesk.core.production.tables import FORMULA_STARTS, guard_formula

CSV_COLUMNS = (
    "Date",
    "Description",
    "People",
    "Issues",
    "Source",
    "Page",
    "Bates",
    "Material",
    "Disputed",
    "Entered by",
)
MAX_ROWS = 20_000
MAX_DESCRIPTION = 20_000
MAX_ISSUE = 100  # Issue.name
MAX_PAGE = 20  # Fact.source_page
MAX_BATES = 40  # Fact.source_bates
MAX_NAME = 200
LIST_SEPARATOR = "; "

_TRUE = frozenset({"yes", "y", "true", "t", "x", "1", "✓", "✔", "material", "disputed"})
_FALSE = frozenset({"", "no", "n", "false", "f", "0", "-"})
_ALIASES = {
    "date": "Date",
    "date & time": "Date",
    "date and time": "Date",
    "fact date": "Date",
    "when": "Date",
    "description": "Description",
    "fact": "Description",
    "fact text": "Description",
    "facts": "Description",
    "event": "Description",
    "people": "People",
    "persons": "People",
    "person": "People",
    "people involved": "People",
    "linked people": "People",
    "issues": "Issues",
    "issue": "Issues",
    "linked issues": "Issues",
    "source": "Source",
    "source(s)": "Source",
    "sources": "Source",
    "source document": "Source",
    "document": "Source",
    "page": "Page",
    "pages": "Page",
    "bates": "Bates",
    "bates number": "Bates",
    "bates no.": "Bates",
    "material": "Material",
    "key": "Material",
    "disputed": "Disputed",
    "entered by": "Entered by",
    "author": "Entered by",
    "created by": "Entered by",
}
_LIST_SPLIT = re.compile(r"\s*(?:;|\r?\n)\s*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")

__all__ = [
    "CSV_COLUMNS",
    "MAX_ROWS",
    "FactRow",
    "RowError",
    "read_facts_csv",
    "write_facts_csv",
]


@dataclass(frozen=True)
class FactRow:
    """One fact as a CSV row carries it (names, not database rows)."""

    date: FuzzyDate
    description: str
    people: tuple[str, ...] = ()
    issues: tuple[str, ...] = ()
    source: str = ""
    page: str = ""
    bates: str = ""
    material: bool = False
    disputed: bool = False
    entered_by: str = ""


@dataclass(frozen=True)
class RowError:
    """A problem on a line of the file (line 1 is the header); ``str()`` reads "Line 4: ..."."""

    line: int
    message: str

    def __str__(self) -> str:
        return f"Line {self.line}: {self.message}"


# ---------------------------------------------------------------- writing


def _guard(text: str) -> str:
    """The formula guard, also on text that already starts with the guard's apostrophe."""
    if (
        text.startswith("'")
        and text[1:2]
        and (text[1:].startswith(FORMULA_STARTS) or text[1] == "'")
    ):
        return "'" + text
    return guard_formula(text)


def _unguard(text: str) -> str:
    if text.startswith("'") and (text[1:].startswith(FORMULA_STARTS) or text[1:2] == "'"):
        return text[1:]
    return text


def _yes(value: bool) -> str:
    return "Yes" if value else "No"


def write_facts_csv(rows: Iterable[FactRow], out: TextIO, *, bom: bool = False) -> None:
    """Write the header and one line per fact to ``out`` (CRLF line ends, as Excel writes)."""
    if bom:
        out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for row in rows:
        writer.writerow(
            [
                _guard(row.date.display if row.date.is_dated else ""),
                _guard(row.description),
                _guard(LIST_SEPARATOR.join(row.people)),
                _guard(LIST_SEPARATOR.join(row.issues)),
                _guard(row.source),
                _guard(row.page),
                _guard(row.bates),
                _yes(row.material),
                _yes(row.disputed),
                _guard(row.entered_by),
            ]
        )


# ---------------------------------------------------------------- reading


def _decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for encoding in ("utf-8", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _delimiter(text: str) -> str:
    first = text.split("\n", 1)[0]
    counts = {d: first.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _records(text: str, delimiter: str) -> Iterator[tuple[int, list[str]]]:
    """(first line of the record, cells) for each record of the file."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    line = 1
    for cells in reader:
        yield line, cells
        line = reader.line_num + 1


def _flag(value: str, column: str) -> bool | str:
    key = value.strip().lower()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return f'{column} must be yes or no, not "{value.strip()[:40]}".'


def _names(value: str) -> tuple[str, ...]:
    out: list[str] = []
    seen: set[str] = set()
    for part in _LIST_SPLIT.split(value):
        name = " ".join(part.split())
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            out.append(name)
    return tuple(out)


def _header(cells: list[str]) -> tuple[dict[str, int], list[str]]:
    """Column name -> index, and the names of the columns ignored."""
    found: dict[str, int] = {}
    ignored: list[str] = []
    for i, cell in enumerate(cells):
        name = " ".join(_unguard(cell).split())
        column = _ALIASES.get(name.lower())
        if column is None or column in found:
            if name:
                ignored.append(name)
            continue
        found[column] = i
    return found, ignored


def _row(line: int, cells: list[str], columns: dict[str, int]) -> FactRow | list[RowError]:
    def cell(column: str) -> str:
        i = columns.get(column)
        if i is None or i >= len(cells):
            return ""
        return _CONTROL.sub(" ", _unguard(cells[i])).strip()

    errors: list[str] = []
    date_text = cell("Date")
    try:
        date = parse_fuzzy_date(date_text)
    except FuzzyDateError as exc:
        errors.append(str(exc))
        date = FuzzyDate.unknown(date_text)
    description = cell("Description")
    if not description:
        errors.append("the fact has no description.")
    elif len(description) > MAX_DESCRIPTION:
        errors.append(
            f"the description has {len(description):,} characters; the most is {MAX_DESCRIPTION:,}."
        )
    flags: dict[str, bool] = {}
    for column in ("Material", "Disputed"):
        value = _flag(cell(column), column)
        if isinstance(value, str):
            errors.append(value)
        else:
            flags[column] = value
    people, issues = _names(cell("People")), _names(cell("Issues"))
    long_issue = next((i for i in issues if len(i) > MAX_ISSUE), None)
    if long_issue:
        errors.append(f'the issue "{long_issue[:40]}…" is longer than {MAX_ISSUE} characters.')
    long_name = next((p for p in people if len(p) > MAX_NAME), None)
    if long_name:
        errors.append(f'the name "{long_name[:40]}…" is longer than {MAX_NAME} characters.')
    page, bates = cell("Page"), cell("Bates")
    if len(page) > MAX_PAGE:
        errors.append(f"the page is longer than {MAX_PAGE} characters.")
    if len(bates) > MAX_BATES:
        errors.append(f"the Bates number is longer than {MAX_BATES} characters.")
    if errors:
        return [RowError(line, _sentence(e)) for e in errors]
    return FactRow(
        date=date,
        description=description,
        people=people,
        issues=issues,
        source=" ".join(cell("Source").split()),
        page=page,
        bates=bates,
        material=flags["Material"],
        disputed=flags["Disputed"],
        entered_by=cell("Entered by"),
    )


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:]


def read_facts_csv(data: bytes) -> tuple[list[FactRow], list[RowError]]:
    """The facts of a CSV file and the problems found, line by line (see the module docstring).

    A file that cannot be a fact table (empty, binary, no Description column, more than
    :data:`MAX_ROWS` rows) gives no rows and one error.
    """
    text = _decode(data)
    if not text.strip():
        return [], [RowError(1, "The file is empty.")]
    if "\x00" in text:
        return [], [RowError(1, "The file is not a CSV table (it holds binary data).")]
    rows: list[FactRow] = []
    errors: list[RowError] = []
    columns: dict[str, int] | None = None
    count = 0
    try:
        for line, cells in _records(text, _delimiter(text)):
            if not any(c.strip() for c in cells):
                continue
            if columns is None:
                columns, ignored = _header(cells)
                missing = [c for c in ("Date", "Description") if c not in columns]
                if missing:
                    found = ", ".join(f'"{c.strip()[:30]}"' for c in cells[:6] if c.strip())
                    return [], [
                        RowError(
                            line,
                            f"The first row must name the columns ({', '.join(CSV_COLUMNS)}); "
                            f"{' and '.join(missing)} {'is' if len(missing) == 1 else 'are'} "
                            f"missing (found {found or 'nothing'}).",
                        )
                    ]
                if ignored:
                    names = ", ".join(f'"{n[:30]}"' for n in ignored[:10])
                    more = f" and {len(ignored) - 10} more" if len(ignored) > 10 else ""
                    errors.append(RowError(line, f"Columns ignored: {names}{more}."))
                continue
            count += 1
            if count > MAX_ROWS:
                return [], [
                    RowError(
                        line,
                        f"The file has more than {MAX_ROWS:,} facts; "
                        f"split it and import at most {MAX_ROWS:,} at a time.",
                    )
                ]
            result = _row(line, cells, columns)
            if isinstance(result, FactRow):
                rows.append(result)
            else:
                errors.extend(result)
    except csv.Error as exc:
        return [], [RowError(1, f"The file is not a readable CSV table ({exc}).")]
    if columns is None:
        return [], [RowError(1, "The file is empty.")]
    if count == 0:
        errors.append(RowError(1, "The file has a header row but no facts."))
    return rows, errors
