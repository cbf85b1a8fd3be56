"""``casedesk report``: a matter's preliminary case report as PDF or Word.

Contract (other programs depend on it)::

    casedesk report MATTER_NUMBER [--format pdf|docx] -o OUT

Every section is included (caption and summary, parties, the conflict check, key dates and
deadlines, the chronology with its timeline, the case file index, authorities, open tasks).
The command acts as ``CASEDESK_USER`` (or the first administrator): walls and restricted
matters apply, and the export is written to the audit log. On success it prints one line,
``OUT (N pages)`` for a PDF or ``OUT`` for Word. A matter the user cannot see (or that does
not exist), a bad format or an unwritable OUT exits 1 with one ``error: ...`` line on stderr.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

from casedesk.cli.failures import fail

HELP = """Write a matter's preliminary case report as PDF (default) or Word.

All sections: caption and summary, clients and parties, the conflict check, key dates and deadlines with their rules, the chronology with its timeline, the case file index, authorities, open tasks.

Examples:

  casedesk report 2027-0042 -o report.pdf

  casedesk report 2027-0042 --format docx -o report.docx
"""

FORMATS = ("pdf", "docx")
_out = Console(soft_wrap=True, highlight=False)


def report(
    matter_number: str = typer.Argument(..., metavar="MATTER_NUMBER", help="The matter's number."),
    fmt: str = typer.Option("pdf", "--format", help="pdf (default) or docx."),
    output: Path = typer.Option(..., "-o", "--output", help="The file to write."),
) -> None:
    """Write a matter's preliminary case report."""
    chosen = fmt.lower().strip()
    if chosen not in FORMATS:
        raise fail(f"--format must be pdf or docx, not {fmt!r}.")
    if output.exists() and output.is_dir():
        raise fail(f"{output} is a folder; give the file to write.")
    if not output.parent.exists():
        raise fail(f"The folder {output.parent} does not exist.")
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.access import visible_matters
    from casedesk.web.errors import ServiceError
    from casedesk.web.reports.services import report_write

    user = system_user()
    matter = visible_matters(user).filter(number=matter_number.strip()).first()
    if matter is None:
        raise fail(f"No matter {matter_number!r} that this user may see.")
    try:
        pages = report_write(by=user, matter=matter, fmt=chosen, path=output)
    except ServiceError as exc:
        raise fail(exc.message) from None
    except OSError as exc:
        raise fail(f"{output} could not be written ({exc.strerror or exc}).") from None
    if pages is None:
        _out.print(str(output), markup=False)
    else:
        _out.print(f"{output} ({pages} page{'s' if pages != 1 else ''})", markup=False)


def register(main_app: typer.Typer) -> None:
    """Add ``casedesk report MATTER_NUMBER [--format pdf|docx] -o OUT``."""
    main_app.command("report", help=HELP, no_args_is_help=True)(report)
