"""``casedesk demo``, ``casedesk import`` and ``casedesk export``."""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

console = Console()
err = Console(stderr=True)


class ImportKind(StrEnum):
    contacts = "contacts"
    matters = "matters"
    firm = "firm"


class Layout(StrEnum):
    casedesk = "casedesk"
    clio = "clio"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"


def _print_report(report: object) -> None:
    errors = getattr(report, "errors", [])
    if errors:
        table = Table(title=f"{len(errors)} bad row(s): nothing was imported", show_lines=False)
        table.add_column("Where", style="bold", no_wrap=True)
        table.add_column("What is wrong")
        for error in errors:
            table.add_row(error.place, error.message)
        err.print(table)
    for warning in getattr(report, "warnings", []):
        err.print(f"[yellow]Note:[/yellow] {warning}")
    style = "red" if errors else "green"
    (err if errors else console).print(f"[{style}]{report.summary}[/{style}]")  # type: ignore[attr-defined]


def register(app: typer.Typer) -> None:
    """Add the demo, import and export commands to ``app``."""

    @app.command()
    def demo(
        seed: int = typer.Option(7, "--seed", help="The same seed always builds the same firm."),
        reset: bool = typer.Option(
            False, "--reset", help="Delete every matter and contact first (the audit log is kept)."
        ),
        clients: int = typer.Option(150, "--clients", help="How many clients.", min=1),
        matters: int = typer.Option(300, "--matters", help="How many matters.", min=1),
        if_empty: bool = typer.Option(
            False,
            "--if-empty",
            help="Load only if the firm has no matters yet; otherwise do nothing.",
        ),
        logins: bool = typer.Option(False, "--logins", help="Only list the demo sign-ins."),
    ) -> None:
        """Load the fictional demo firm: 8 users, about 150 clients and 300 matters, conflicts, one wall.

        Every record is made through the same services as the web pages, so all of it is audited.
        Refuses a firm that already has matters unless --reset is given.

        Examples:
          casedesk demo
          casedesk demo --seed 42 --reset
          casedesk demo --if-empty     (what `make run` does: load once, keep it afterwards)
          casedesk demo --logins       (list the demo users and their password)
        """
        from casedesk.cli.bootstrap import django_ready

        django_ready()
        from casedesk.web.demo import DEMO_PASSWORD, DEMO_USERS

        if logins:
            for user in DEMO_USERS:
                typer.echo(f"{user.username:<16} {user.role:<10} {user.full_name}")
            typer.echo(f"(password for all: {DEMO_PASSWORD})")
            return
        from casedesk.web.demo import demo_load
        from casedesk.web.errors import ServiceError
        from casedesk.web.matters.models import Matter

        if if_empty and Matter.objects.exists():
            console.print("The firm already has matters: the demo firm is not loaded again.")
            return

        with Progress(
            TextColumn("Building the demo firm"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=not sys.stdout.isatty(),
        ) as bar:
            task = bar.add_task("demo", total=None)

            def progress(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            try:
                summary = demo_load(
                    seed=seed, clients=clients, matters=matters, progress=progress, reset=reset
                )
            except ServiceError as exc:
                bar.stop()
                err.print(f"[red]{exc.message}[/red]")
                raise typer.Exit(1) from None
        status = ", ".join(f"{n} {s}" for s, n in summary.by_status.items())
        console.print(
            f"[green]Demo firm loaded[/green] in {summary.seconds:.1f} s: {summary.matters} matters ({status}), "
            f"{summary.clients} clients, {summary.contacts} contacts, {summary.hits} conflict hits reviewed or waiting; "
            f"walled matter {summary.walled_matter}."
        )
        table = Table(title=f"Sign in with any of these (password: {summary.password})")
        table.add_column("User name", style="bold")
        table.add_column("Name")
        table.add_column("Role")
        for user in DEMO_USERS:
            table.add_row(user.username, user.full_name, user.role)
        console.print(table)

    @app.command("import")
    def import_(
        kind: ImportKind = typer.Argument(
            ..., help="contacts, matters, or firm (a casedesk JSON export)."
        ),
        file: Path = typer.Argument(..., exists=False, help="The CSV (or, for firm, JSON) file."),
        layout: Layout = typer.Option(
            Layout.casedesk, "--layout", help="Column layout of the CSV: casedesk or clio."
        ),
        dry_run: bool = typer.Option(
            False, "--dry-run", help="Only check the file and list every bad row."
        ),
    ) -> None:
        """Import contacts or matters from a CSV file: all rows or none.

        Every bad row is listed with its line number and what is wrong; if any row is bad nothing is
        imported and the exit code is 1. Contacts before matters, so matters find their clients.

        Examples:
          casedesk import contacts clients.csv --dry-run
          casedesk import contacts clio-contacts.csv --layout clio
          casedesk import matters matters.csv
          casedesk import firm casedesk-export.json
        """
        from casedesk.cli.bootstrap import django_ready, system_user

        if not file.is_file():
            err.print(f"[red]No such file:[/red] {file}")
            raise typer.Exit(2)
        django_ready()
        from casedesk.web.access import AccessDenied
        from casedesk.web.errors import ServiceError
        from casedesk.web.transfer.services import contacts_import, firm_import, matters_import

        data = file.read_bytes()
        by = system_user()
        try:
            if kind == ImportKind.firm:
                report = firm_import(by=by, data=data, dry_run=dry_run)
            else:
                run = contacts_import if kind == ImportKind.contacts else matters_import
                with console.status(f"{'Checking' if dry_run else 'Importing'} {file.name}..."):
                    report = run(by=by, data=data, layout=layout.value, dry_run=dry_run)
        except (ServiceError, AccessDenied) as exc:
            err.print(f"[red]{getattr(exc, 'message', str(exc))}[/red]")
            raise typer.Exit(1) from None
        _print_report(report)
        if not report.ok:
            raise typer.Exit(1)

    @app.command()
    def export(
        fmt: ExportFormat = typer.Option(
            ExportFormat.json, "--format", help="json (one document) or csv (a zip of CSV files)."
        ),
        output: Path | None = typer.Option(
            None,
            "--output",
            "-o",
            help="Where to write it (default: casedesk-export.json or .zip).",
        ),
    ) -> None:
        """Export the firm's contacts, aliases, matters, parties and relationships.

        Only what the acting user (CASEDESK_USER, else the first administrator) may see is exported;
        the export is audited.

        Examples:
          casedesk export
          casedesk export --format csv --output firm.zip
          CASEDESK_USER=chloe.attorney casedesk export -o chloe.json
        """
        from casedesk.cli.bootstrap import django_ready, system_user

        django_ready()
        from casedesk.web.errors import ServiceError
        from casedesk.web.transfer.services import firm_export

        target = output or Path(f"casedesk-export.{'zip' if fmt == ExportFormat.csv else 'json'}")
        try:
            payload = firm_export(by=system_user(), fmt=fmt.value)
        except ServiceError as exc:
            err.print(f"[red]{exc.message}[/red]")
            raise typer.Exit(1) from None
        try:
            target.write_bytes(payload)
        except OSError as exc:
            err.print(
                f"[red]Cannot write {target}: {exc.strerror}. Choose another --output path.[/red]"
            )
            raise typer.Exit(1) from None
        console.print(f"[green]Exported[/green] {len(payload):,} bytes to {target}")
