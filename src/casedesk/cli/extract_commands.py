"""``casedesk extract``: the fields found in a file, for data entry (file-free of the firm's data).

Contract (other programs depend on it)::

    casedesk extract FILE [--json]

The file is read as what its bytes say it is (PDF, Word, e-mail, text, image); a scan or an
image without a text layer is OCRed first. ``--json`` prints exactly
``{"fields": [{"kind", "value", "text"}, ...]}``: ``kind`` is one of case_number, court,
party, date, hearing, deadline; ``value`` is normalised (a date ``YYYY-MM-DD``, a hearing
``YYYY-MM-DDTHH:MM``, a court its courts-db id where there is one, a case number as printed);
``text`` is the passage it came from. Without ``--json`` a table is printed. A missing, empty,
password-protected or unreadable file, or one of a kind without text, exits with status 1 and
a one-line reason on stderr.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from casedesk.cli.failures import fail as _fail

HELP = """Find case numbers, courts, parties, dates, hearings and deadlines in a file.

The file may be a PDF, a Word document, an e-mail (.eml/.msg), a text file or an image; scans
are OCRed first (this takes a few seconds a page).

Examples:

  casedesk extract notice-of-hearing.pdf

  casedesk extract scan.png --json
"""

_out = Console(soft_wrap=True)


class _Failure(Exception):
    """A file this command cannot take text from; the message is the one line to print."""


def read_text(path: Path) -> str:
    """The text of the file at ``path``, OCRed first when it has no text layer.

    Raises ``_Failure`` with a one-sentence reason for anything that cannot be read.
    """
    from casedesk.core.extract.kinds import FileKind, sniff_path
    from casedesk.core.extract.ocr import ocr_to_pdf
    from casedesk.core.extract.text import ExtractionError, extract_text

    if not path.is_file():
        raise _Failure(f"{path}: no such file.")
    try:
        kind = sniff_path(path)
        if kind in (FileKind.ZIP, FileKind.UNKNOWN):
            raise _Failure(f"{path}: casedesk cannot take text from this kind of file.")
        result = extract_text(path, kind)
        if result.encrypted:
            raise _Failure(f"{path}: the PDF is password-protected, so its text cannot be read.")
        if result.needs_ocr:
            with tempfile.TemporaryDirectory(prefix="casedesk-extract-") as work:
                result = ocr_to_pdf(path, Path(work) / "ocr.pdf", kind=kind)
    except ExtractionError as exc:
        raise _Failure(f"{path}: {exc}") from exc
    except OSError as exc:
        raise _Failure(f"{path}: the file could not be read ({exc.strerror or exc}).") from exc
    return result.text


def extract(
    file: Path = typer.Argument(..., metavar="FILE", help="The file to read."),
    json_out: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Find case numbers, courts, parties, dates, hearings and deadlines in a file."""
    from casedesk.core.extract.fields import find_fields

    try:
        text = read_text(file)
    except _Failure as exc:
        raise _fail(str(exc)) from None
    fields = find_fields(text)
    if json_out:
        payload = {"fields": [f.as_json() for f in fields]}
        typer.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    if not fields:
        _out.print(f"No fields found in {file.name}.", markup=False)
        return
    table = Table(title=f"Fields found in {file.name}", title_justify="left")
    table.add_column("Kind", no_wrap=True)
    table.add_column("Value", overflow="fold")
    table.add_column("Detail", overflow="fold")
    table.add_column("Passage", overflow="fold", ratio=1)
    for f in fields:
        detail = ", ".join(f"{k}: {v}" for k, v in f.detail.items() if v != "")
        table.add_row(f.kind.value.replace("_", " "), f.value, detail, f.text)
    _out.print(table)


def register(main_app: typer.Typer) -> None:
    """Add ``casedesk extract FILE [--json]`` to the main command."""
    main_app.command("extract", help=HELP, no_args_is_help=True)(extract)
