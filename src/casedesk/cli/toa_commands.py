"""``casedesk toa``: the table of authorities of a brief (file-free of the firm's data).

Contract (other programs depend on it)::

    casedesk toa BRIEF.pdf|BRIEF.docx [--json] [--passim N] [--format docx|pdf|json] [-o OUT]

``--json`` prints exactly ``{"entries": [{"category", "authority", "pages", "passim"}]}``:
``category`` is one of "cases", "constitutional provisions", "statutes", "regulations",
"rules", "other authorities"; ``pages`` are the brief's printed page numbers ("4", "11-13",
"5 n.3", "3a"), listed even when ``passim`` is true. ``--format X -o OUT`` writes the table
to OUT (a Word section ready to paste into the brief, a PDF, or the JSON); without
``--format`` the format is taken from OUT's suffix. Without either, a table is printed.
``--passim N``: an authority cited on N or more different pages is marked passim (default 5,
0 turns it off). A Word brief is laid out into pages by LibreOffice first; a scan is OCRed
first. Warnings go to stderr as ``warning: ...``; a missing, empty, encrypted or unreadable
file, or a missing LibreOffice, exits with status 1 and ``error: ...`` on stderr.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from casedesk.cli.failures import err_console
from casedesk.cli.failures import fail as _fail

HELP = """Build the table of authorities of a brief (PDF or Word).

Cases, constitutional provisions, statutes, regulations, rules and other authorities, with
the brief's printed page numbers.

Examples:

  casedesk toa brief.pdf

  casedesk toa brief.pdf --json

  casedesk toa brief.docx --format docx -o table-of-authorities.docx
"""

FORMATS = ("docx", "pdf", "json")
_out = Console(soft_wrap=True)


def _format_for(output: Path | None, chosen: str | None) -> str | None:
    if chosen is not None:
        return chosen.lower()
    if output is not None and output.suffix.lower().lstrip(".") in FORMATS:
        return output.suffix.lower().lstrip(".")
    return None


def toa(
    brief: Path = typer.Argument(..., metavar="BRIEF", help="The brief: a PDF or a .docx."),
    json_out: bool = typer.Option(False, "--json", help="Print the table as one JSON object."),
    passim: int = typer.Option(
        5, "--passim", min=0, help="Mark 'passim' from this many pages on (0: never)."
    ),
    fmt: str | None = typer.Option(
        None, "--format", help="Write the table as docx, pdf or json (with -o)."
    ),
    output: Path | None = typer.Option(None, "-o", "--output", help="The file to write."),
) -> None:
    """Build the table of authorities of a brief."""
    # eyecite logs a warning for each overlapping match it resolves ("Unknown overlap case");
    # they say nothing to the user of this command.
    logging.getLogger("eyecite").setLevel(logging.ERROR)
    from casedesk.core.drafting.convert import ConversionError
    from casedesk.core.toa import ToaInputError, generate_toa, toa_json
    from casedesk.core.toa.export import write_toa_docx, write_toa_pdf

    chosen = _format_for(output, fmt)
    if chosen is not None and chosen not in FORMATS:
        raise _fail(f"--format must be docx, pdf or json, not {fmt!r}.")
    if fmt is not None and output is None and chosen != "json":
        raise _fail(f"--format {chosen} needs -o OUT, the file to write.")
    if output is not None and chosen is None:
        raise _fail(f"{output}: give --format docx, pdf or json (the suffix does not say).")
    try:
        result = generate_toa(brief, passim=passim)
    except ToaInputError as exc:
        raise _fail(str(exc)) from exc
    except OSError as exc:
        raise _fail(f"{brief}: the file could not be read ({exc.strerror or exc}).") from exc
    for warning in result.warnings:
        err_console.print(f"warning: {' '.join(warning.split())}", markup=False)
    if json_out or (chosen == "json" and output is None):
        typer.echo(json.dumps(toa_json(result), ensure_ascii=False, indent=2))
        if output is None:
            return
    if output is not None and chosen is not None:
        try:
            if chosen == "json":
                output.write_text(
                    json.dumps(toa_json(result), ensure_ascii=False, indent=2) + "\n",
                    encoding="utf-8",
                )
            elif chosen == "docx":
                write_toa_docx(result, output)
            else:
                write_toa_pdf(result, output)
        except ConversionError as exc:
            raise _fail(f"{output}: {exc}") from exc
        except OSError as exc:
            raise _fail(f"{output}: could not be written ({exc.strerror or exc}).") from exc
        if not json_out:
            err_console.print(f"wrote {output}", markup=False)
        return
    if json_out:
        return
    _print_table(result)


def _print_table(result: object) -> None:
    from casedesk.core.toa import ToaResult
    from casedesk.core.toa import data as toa_data

    assert isinstance(result, ToaResult)
    headings = toa_data.category_headings()
    if not result.entries:
        _out.print("No authorities found.")
        return
    for category in result.category_order:
        entries = result.in_category(category)
        if not entries:
            continue
        table = Table(title=headings.get(category, category), title_justify="left")
        table.add_column("Authority", overflow="fold")
        table.add_column("Pages", justify="right")
        for entry in entries:
            table.add_row(entry.authority, "passim" if entry.passim else ", ".join(entry.pages))
        _out.print(table)


def register(main_app: typer.Typer) -> None:
    """Add ``casedesk toa BRIEF [--json] [--passim N] [--format ...] [-o OUT]``."""
    main_app.command("toa", help=HELP, no_args_is_help=True)(toa)
