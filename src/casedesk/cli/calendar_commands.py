"""``casedesk calendar export|import|send-reminders``: iCalendar files and reminders from the shell.

The commands act as ``CASEDESK_USER`` (or the first administrator) and call the same services
as the web pages, so walls, permissions and the audit log apply.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console

console = Console()
err = Console(stderr=True)

app = typer.Typer(
    help="Calendar: export and import .ics files, send due reminders.", no_args_is_help=True
)


def _matter(by: object, number: str | None) -> object | None:
    if not number:
        return None
    from casedesk.web.access import visible_matters

    matter = visible_matters(by).filter(number=number).first()
    if matter is None:
        err.print(f"[red]No matter {number!r} that this user may see.[/red]")
        raise typer.Exit(1)
    return matter


@app.command("export")
def export(
    output: Path = typer.Option(..., "--output", "-o", help="The .ics file to write."),
    matter: str | None = typer.Option(
        None, "--matter", help="A matter number; default: my calendar."
    ),
) -> None:
    """Write a calendar (mine, or a matter's) as an iCalendar file; audited.

    Example:  casedesk calendar export --matter 2027-0042 -o okafor.ics
    """
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.scheduling.feed_services import calendar_export

    by = system_user()
    data, _name = calendar_export(by=by, matter=_matter(by, matter))  # type: ignore[arg-type]
    output.write_bytes(data)
    console.print(f"Wrote {output} ({data.count(b'BEGIN:VEVENT')} events).")


@app.command("import")
def import_(
    file: Path = typer.Argument(..., exists=True, dir_okay=False, help="An .ics file."),
    matter: str | None = typer.Option(
        None, "--matter", help="A matter number; default: my calendar."
    ),
) -> None:
    """Import an iCalendar file: every event, or none (bad files are explained).

    Example:  casedesk calendar import outlook.ics --matter 2027-0042
    """
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from django.conf import settings

    from casedesk.web.errors import ServiceError
    from casedesk.web.scheduling.feed_services import calendar_import
    from casedesk.web.scheduling.ics import IcsError

    by = system_user()
    limit = settings.CASEDESK_MAX_IMPORT_BYTES
    if file.stat().st_size > limit:
        err.print(
            f"[red]{file} is larger than {limit // 1_048_576} MB: nothing was imported.[/red]"
        )
        raise typer.Exit(1)
    try:
        result = calendar_import(
            by=by,
            data=file.read_bytes(),
            filename=file.name,
            matter=_matter(by, matter),  # type: ignore[arg-type]
        )
    except IcsError as exc:
        err.print(f"[red]{exc.message}[/red]")
        for problem in exc.problems:
            err.print(f"  - {problem}")
        raise typer.Exit(1) from exc
    except ServiceError as exc:
        err.print(f"[red]{exc.message}[/red]")
        raise typer.Exit(1) from exc
    console.print(f"[green]{result.summary}[/green]")
    for warning in result.warnings:
        err.print(f"[yellow]Note:[/yellow] {warning}")


@app.command("send-reminders")
def send_reminders() -> None:
    """Send every due reminder now (what the worker does every minute).

    Example:  casedesk calendar send-reminders
    """
    from casedesk.cli.bootstrap import django_ready

    django_ready()
    from casedesk.web.scheduling.reminder_services import reminders_send_due

    result = reminders_send_due()
    console.print(
        f"Sent {result.sent} reminder(s) ({result.late} late); {result.failed} failed "
        f"(kept for the next try); {result.withdrawn} withdrawn."
    )
    for error in result.errors:
        err.print(f"  - {error}")
    if result.failed:
        raise typer.Exit(1)


def register(main_app: typer.Typer) -> None:
    """Add ``casedesk calendar ...`` to the main command."""
    main_app.add_typer(app, name="calendar")
