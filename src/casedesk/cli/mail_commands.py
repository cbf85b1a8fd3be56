"""``casedesk mail import``: file an .eml or Outlook .msg message from the shell.

The command acts as ``CASEDESK_USER`` (or the first administrator) and calls the same services
as the web pages, so walls, permissions and the audit log apply. Without ``--matter`` it only
prints the matters the message probably belongs to (with the reasons) and exits with status 2,
so a script never files a message to a guessed matter.
"""

from __future__ import annotations

from pathlib import Path

import typer
from rich.console import Console
from rich.table import Table

from casedesk.cli.failures import fail

console = Console(highlight=False)
err = Console(stderr=True, highlight=False)
EXIT_CHOOSE = 2

app = typer.Typer(help="E-mail: file .eml and .msg messages to a matter.", no_args_is_help=True)


def _print_suggestions(suggestions: list) -> None:  # type: ignore[type-arg]
    if not suggestions:
        console.print("No matter stands out from the addresses or the subject.")
        return
    table = Table(title="Matters this message probably belongs to")
    table.add_column("Matter")
    table.add_column("Title")
    table.add_column("Score", justify="right")
    table.add_column("Why")
    for s in suggestions:
        table.add_row(s.matter.number, s.matter.title, str(s.score), "; ".join(s.reasons))
    console.print(table)


@app.command("import")
def import_message(
    path: Path = typer.Argument(
        ..., exists=True, dir_okay=False, readable=True, help="An .eml or .msg file."
    ),
    matter: str | None = typer.Option(None, "--matter", help="The matter number to file it to."),
    suggest: bool = typer.Option(
        False, "--suggest", help="Only print the matters it probably belongs to; file nothing."
    ),
) -> None:
    """File an e-mail message to a matter: the message, each attachment, and a log entry.

    Prints the id of each filed document, the message first.

    Examples:
      casedesk mail import --suggest "Re settlement.eml"
      casedesk mail import --matter 2027-0042 "Re settlement.eml"
    """
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.access import visible_matters
    from casedesk.web.correspondence.mail_services import message_import, message_preview
    from casedesk.web.correspondence.selectors import matter_suggestions
    from casedesk.web.errors import ServiceError

    by = system_user()
    try:
        parts = message_preview(path, path.name)
    except ServiceError as exc:
        raise fail(exc.message) from exc
    if suggest or not matter:
        _print_suggestions(matter_suggestions(by, parts))
        if suggest:
            return
        err.print("Give --matter NUMBER to file it (nothing was filed).")
        raise typer.Exit(EXIT_CHOOSE)
    target = visible_matters(by).filter(number=matter).first()
    if target is None:
        raise fail(f"No matter {matter!r} that this user may see.")
    try:
        result = message_import(by=by, matter=target, path=path, filename=path.name)
    except ServiceError as exc:
        raise fail(exc.message) from exc
    for document in result.documents:
        typer.echo(document.pk)
    for note in result.notes:
        err.print(f"Note: {note}")
    attachments = len(result.documents) - 1
    subject = result.communication.subject or "(no subject)"
    err.print(f"Filed {subject!r} to {target.number} with {attachments} attachment(s).")


def register(root: typer.Typer) -> None:
    """Add ``mail`` to the main command."""
    root.add_typer(app, name="mail")
