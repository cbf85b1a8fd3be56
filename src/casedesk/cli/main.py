"""The ``casedesk`` command: run the server and worker, load the demo firm, check conflicts,
verify the audit log, import and export the firm's records.

File-in/file-out commands call ``casedesk.core`` directly; commands that touch the firm's data
call the same services the web uses.
"""

from __future__ import annotations

import typer

from casedesk.cli import (
    audit_commands,
    calendar_commands,
    chronology_commands,
    conflicts_commands,
    deadline_commands,
    draft_commands,
    extract_commands,
    files_commands,
    mail_commands,
    report_commands,
    research_commands,
    server_commands,
    template_commands,
    toa_commands,
    transfer_commands,
    trial_commands,
)

app = typer.Typer(
    name="casedesk",
    help=(
        "casedesk: the legal secretary's and legal clerk's work in one self-hosted system.\n\n"
        "Data lives in CASEDESK_DATA_DIR (default ./var); set DATABASE_URL to use PostgreSQL."
    ),
    no_args_is_help=True,
    rich_markup_mode="rich",
    pretty_exceptions_enable=False,
)
server_commands.register(app)
app.add_typer(conflicts_commands.app, name="conflicts")
app.add_typer(audit_commands.app, name="audit")
deadline_commands.register(app)
calendar_commands.register(app)
transfer_commands.register(app)
files_commands.register(app)
extract_commands.register(app)
draft_commands.register(app)
mail_commands.register(app)
template_commands.register(app)
research_commands.register(app)
toa_commands.register(app)
trial_commands.register(app)
chronology_commands.register(app)
report_commands.register(app)


if __name__ == "__main__":
    app()
