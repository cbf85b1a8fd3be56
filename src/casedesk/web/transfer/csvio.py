"""Reading an uploaded CSV safely: size, encoding, type sniffing, header lookup, line numbers.

Everything that can be wrong with the *file as a whole* (too big, empty, header only, not
UTF-8, not a CSV at all) becomes one :class:`~casedesk.web.errors.ServiceError` whose message
says what to do. Row problems are the caller's business (see ``layouts.py``).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.conf import settings

from casedesk.web.errors import ServiceError

csv.field_size_limit(10 * 1024 * 1024)

_SAVE_AS = "Open it in your spreadsheet program and choose Save As > 'CSV UTF-8 (Comma delimited)', then try again."
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"PK\x03\x04", "This looks like an Excel workbook or a zip file, not a CSV file."),
    (b"\xd0\xcf\x11\xe0", "This looks like an old Excel (.xls) or Word file, not a CSV file."),
    (b"%PDF", "This is a PDF file, not a CSV file."),
    (b"{\\rtf", "This is a Rich Text (.rtf) file, not a CSV file."),
    (b"\x89PNG", "This is a picture (PNG), not a CSV file."),
    (b"\xff\xd8\xff", "This is a picture (JPEG), not a CSV file."),
)


@dataclass(frozen=True, slots=True)
class CsvRow:
    """One record: the file line it starts on (the header is line 1) and its cells by column."""

    line: int
    cells: dict[str, str]

    def get(self, *columns: str) -> str:
        """The first non-empty cell among ``columns`` (normalised column keys), stripped."""
        for column in columns:
            value = self.cells.get(column, "")
            if value and value.strip():
                return value.strip()
        return ""


def column_key(header: str) -> str:
    """Normalise a column title: ``"Primary Phone Number"`` and ``primary_phone_number`` match."""
    return re.sub(r"[^0-9a-z]+", "", header.casefold())


def decode(data: bytes, *, what: str = "file") -> str:
    """Bytes -> text. UTF-8 (with or without a byte-order mark) or UTF-16 with its mark."""
    limit = settings.CASEDESK_MAX_IMPORT_BYTES
    if len(data) > limit:
        raise ServiceError(
            f"The {what} is {len(data) / 1_048_576:.1f} MB; the limit is {limit / 1_048_576:.0f} MB. "
            "Split it into smaller files and import them one after the other."
        )
    if not data.strip():
        raise ServiceError(f"The {what} is empty. Choose the CSV file that holds your records.")
    for magic, message in _MAGIC:
        if data.startswith(magic):
            raise ServiceError(f"{message} {_SAVE_AS}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    elif b"\x00" in data[:4096]:
        raise ServiceError(f"This is not a text file (it contains binary data). {_SAVE_AS}")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise ServiceError(
            f"The {what} is not UTF-8 text (unreadable byte 0x{data[exc.start]:02X} on line {line}); "
            f"it was probably saved as 'CSV (Comma delimited)' in an older encoding. {_SAVE_AS}"
        ) from exc


def _dialect(sample: str) -> type[csv.Dialect] | csv.Dialect:
    first = sample.splitlines()[0] if sample.splitlines() else sample
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def read_rows(
    data: bytes, *, required: Iterable[tuple[str, ...]], known: Iterable[str] = ()
) -> tuple[list[str], list[CsvRow]]:
    """Parse ``data``; return (normalised header keys, rows with at least one non-empty cell).

    ``required`` lists groups of acceptable column keys: each group must be present (any one of
    its spellings). ``known`` only improves the message when nothing matches.
    """
    text = decode(data)
    if "\x00" in text:
        raise ServiceError(f"This is not a text file (it contains NUL characters). {_SAVE_AS}")
    reader = csv.reader(io.StringIO(text, newline=""), dialect=_dialect(text[:4096]))
    try:
        header = next(reader)
    except StopIteration as exc:
        raise ServiceError(
            "The file is empty. Choose the CSV file that holds your records."
        ) from exc
    except csv.Error as exc:
        raise ServiceError(f"The first line cannot be read as CSV ({exc}). {_SAVE_AS}") from exc
    keys = [column_key(h) for h in header]
    present = set(keys)
    missing = [group for group in required if not present.intersection(group)]
    if missing:
        wanted = ", ".join(f'"{group[0]}"' for group in missing)
        shown = ", ".join(f'"{h.strip()}"' for h in header[:12] if h.strip()) or "(nothing)"
        raise ServiceError(
            f"The first line must name the columns. Missing: {wanted}. The file's first line has: {shown}. "
            "Check that you chose the right layout (casedesk or Clio) and the right kind of records."
        )
    rows: list[CsvRow] = []
    iterator: Iterator[list[str]] = iter(reader)
    while True:
        start = reader.line_num + 1
        try:
            record = next(iterator)
        except StopIteration:
            break
        except csv.Error as exc:
            raise ServiceError(f"Line {start} cannot be read as CSV ({exc}). {_SAVE_AS}") from exc
        if not any(cell.strip() for cell in record):
            continue
        cells: dict[str, str] = {}
        for key, value in zip(keys, record, strict=False):
            if key and key not in cells:
                cells[key] = value
        rows.append(CsvRow(line=start, cells=cells))
    if not rows:
        raise ServiceError(
            "The file has only the line of column names and no records. Add one line per record under it."
        )
    return keys, rows


def split_list(value: str) -> list[str]:
    """Split a ``;``-separated cell (aliases, parties) into its trimmed, non-empty parts."""
    return [part.strip() for part in value.split(";") if part.strip()]


def write_csv(header: list[str], rows: Iterable[Iterable[object]]) -> bytes:
    """A UTF-8 CSV (with byte-order mark, so Excel shows every script correctly)."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if v is None else str(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")
