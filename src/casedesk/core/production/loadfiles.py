"""Load files and the production log for a production volume.

Review platforms (Relativity, Everlaw, Concordance and the rest) load a production from two
files beside the images:

* the Concordance **DAT** (metadata, one row per document): UTF-8 with a byte-order mark,
  every field between thorn characters ``þ`` (U+00FE) and fields separated by ASCII 20
  (DC4, which Concordance shows as ``¶``), CRLF line ends, a header row first;
* the Opticon **OPT** (image cross-reference, one line per page):
  ``LABEL,VOLUME,PATH,DOCBREAK,FOLDERBREAK,BOXBREAK,PAGECOUNT``, where the document break
  ``Y`` and the page count appear on the first page of each document only, paths use
  Windows backslashes and lines end CRLF.

The production log (begin, end, pages, date, title, custodian, confidentiality) is the same
rows as a CSV or XLSX table for people (see ``casedesk.core.production.tables``).
"""

from __future__ import annotations

import datetime
import hashlib
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from casedesk.core.production.tables import Cell, write_table_csv, write_table_xlsx

THORN = "\u00fe"
DC4 = "\x14"
NEWLINE_MARK = "\u00ae"  # Concordance's default "newline" character inside a field
CRLF = "\r\n"

DAT_FIELDS = (
    "BEGBATES",
    "ENDBATES",
    "PGCOUNT",
    "TITLE",
    "DATE",
    "CUSTODIAN",
    "CONFIDENTIALITY",
    "FILENAME",
    "NATIVEPATH",
    "TEXTPATH",
    "MD5HASH",
)
LOG_COLUMNS = ("Begin", "End", "Pages", "Date", "Title", "Custodian", "Confidentiality")

_LINE_BREAKS = re.compile(r"\r\n|\r|\n|\u2028|\u2029")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_NUMBER = re.compile(r"^(.*?)(\d+)$")

__all__ = [
    "DAT_FIELDS",
    "LOG_COLUMNS",
    "ProducedDocument",
    "dat_value",
    "file_md5",
    "label_series",
    "log_rows",
    "read_dat",
    "write_dat",
    "write_log_csv",
    "write_log_xlsx",
    "write_opt",
]


@dataclass(frozen=True)
class ProducedDocument:
    """One document as produced: its Bates range, metadata and where its files sit.

    Paths are relative to the volume's root folder and written with ``/`` (the load files
    turn them into Windows paths). ``pdf_path`` is "" for a document produced only as a
    native; ``page_labels`` holds one Bates label per produced page (left empty, it is
    worked out from ``begin_label`` and ``pages``).
    """

    begin_label: str
    end_label: str
    pages: int
    title: str = ""
    date: datetime.date | None = None
    custodian: str = ""
    confidentiality: str = ""
    filename: str = ""
    native_path: str = ""
    pdf_path: str = ""
    text_path: str = ""
    md5: str = ""
    page_labels: tuple[str, ...] = ()

    def labels(self) -> tuple[str, ...]:
        """One Bates label per page: ``page_labels`` or the series from ``begin_label``."""
        if self.page_labels:
            if len(self.page_labels) != self.pages:
                raise ValueError(
                    f"{self.begin_label} has {self.pages} pages but "
                    f"{len(self.page_labels)} page labels."
                )
            return self.page_labels
        return label_series(self.begin_label, self.pages)


def label_series(begin_label: str, pages: int) -> tuple[str, ...]:
    """The labels of ``pages`` consecutive pages from ``begin_label`` (same prefix and width).

    ``label_series("ACME000098", 3)`` is ``("ACME000098", "ACME000099", "ACME000100")``.
    """
    match = _TRAILING_NUMBER.match(begin_label)
    if match is None:
        raise ValueError(f"The Bates label {begin_label!r} does not end in a number.")
    prefix, digits = match.groups()
    first = int(digits)
    return tuple(f"{prefix}{first + i:0{len(digits)}d}" for i in range(pages))


def file_md5(path: Path) -> str:
    """The MD5 hash of a file (hex), as the DAT's MD5HASH field expects."""
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dat_value(value: str) -> str:
    """A value made safe for a DAT field.

    Line breaks (CRLF, CR, LF, U+2028/2029) become ``®`` (U+00AE, Concordance's default
    newline character, which review platforms turn back into line breaks); a ``þ`` inside
    the value becomes ``th`` (its usual transliteration) because ``þ`` quotes the fields; the
    DC4 separator and other control characters become a space.
    """
    value = _LINE_BREAKS.sub(NEWLINE_MARK, value)
    value = value.replace(THORN, "th").replace(DC4, " ")
    return _CONTROL.sub(" ", value)


def _windows_path(path: str) -> str:
    return path.replace("/", "\\")


def _dat_row(doc: ProducedDocument) -> tuple[str, ...]:
    return (
        doc.begin_label,
        doc.end_label,
        str(doc.pages),
        doc.title,
        doc.date.strftime("%m/%d/%Y") if doc.date else "",
        doc.custodian,
        doc.confidentiality,
        doc.filename,
        _windows_path(doc.native_path),
        _windows_path(doc.text_path),
        doc.md5,
    )


def _dat_line(values: Sequence[str]) -> str:
    return DC4.join(f"{THORN}{dat_value(v)}{THORN}" for v in values) + CRLF


def write_dat(docs: Iterable[ProducedDocument], path: Path) -> None:
    """Write the Concordance DAT for ``docs`` (fields ``DAT_FIELDS``; see the module notes).

    DATE is MM/DD/YYYY; NATIVEPATH and TEXTPATH use backslashes.
    """
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        handle.write(_dat_line(DAT_FIELDS))
        for doc in docs:
            handle.write(_dat_line(_dat_row(doc)))


def read_dat(path: Path) -> list[dict[str, str]]:
    """Read a DAT written by ``write_dat``: one dict per document, keyed by the header.

    Values come back as stored (a line break inside a value reads as ``®``).
    """
    text = path.read_bytes().decode("utf-8-sig")
    lines = [line for line in text.split(CRLF) if line]
    if not lines:
        return []

    def fields(line: str) -> list[str]:
        parts = line.split(DC4)
        for part in parts:
            if len(part) < 2 or not (part.startswith(THORN) and part.endswith(THORN)):
                raise ValueError(f"{path.name}: a field is not quoted with þ: {part!r}.")
        return [part[1:-1] for part in parts]

    header = fields(lines[0])
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        values = fields(line)
        if len(values) != len(header):
            raise ValueError(f"{path.name}: line {number} has {len(values)} fields.")
        rows.append(dict(zip(header, values, strict=True)))
    return rows


def write_opt(docs: Iterable[ProducedDocument], path: Path, *, volume: str) -> None:
    """Write the Opticon OPT: one line per produced page of every document with a PDF.

    Each page of a document points at the document's PDF (``pdf_path``, backslashes); the
    first page carries the document break ``Y`` and the page count. Documents produced only
    as natives (no ``pdf_path``) have no image and are left out.
    """
    if "," in volume or _LINE_BREAKS.search(volume):
        raise ValueError("The volume name cannot contain a comma or a line break.")
    with path.open("w", encoding="utf-8", newline="") as handle:
        for doc in docs:
            if not doc.pdf_path:
                continue
            image = _windows_path(doc.pdf_path)
            if "," in image:
                raise ValueError(f"The image path {doc.pdf_path!r} cannot contain a comma.")
            for i, label in enumerate(doc.labels()):
                if i == 0:
                    handle.write(f"{label},{volume},{image},Y,,,{doc.pages}{CRLF}")
                else:
                    handle.write(f"{label},{volume},{image},,,,{CRLF}")


def log_rows(docs: Iterable[ProducedDocument]) -> list[tuple[Cell, ...]]:
    """The production log's rows (``LOG_COLUMNS``) for ``docs``."""
    return [
        (d.begin_label, d.end_label, d.pages, d.date, d.title, d.custodian, d.confidentiality)
        for d in docs
    ]


def write_log_csv(docs: Iterable[ProducedDocument], path: Path) -> None:
    """Write the production log as CSV (UTF-8 with BOM, formula-guarded)."""
    write_table_csv(LOG_COLUMNS, log_rows(docs), path)


def write_log_xlsx(docs: Iterable[ProducedDocument], path: Path, *, title: str) -> None:
    """Write the production log as an XLSX workbook headed by ``title``.

    The subtitle line says how many documents and pages and the overall Bates range.
    """
    docs = list(docs)
    pages = sum(d.pages for d in docs)
    subtitle = f"{len(docs):,} document{'s' if len(docs) != 1 else ''}, {pages:,} pages"
    if docs:
        subtitle += f", {docs[0].begin_label} to {docs[-1].end_label}"
    write_table_xlsx(LOG_COLUMNS, log_rows(docs), path, title=title, subtitle=subtitle)
