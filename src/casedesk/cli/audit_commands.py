"""``casedesk audit``: check the audit log's hash chain."""

from __future__ import annotations

import typer
from rich.console import Console

from casedesk.cli.bootstrap import django_ready

app = typer.Typer(help="The tamper-evident audit log.", no_args_is_help=True)
console = Console()


@app.command("verify")
def verify() -> None:
    """Recompute every link of the audit chain and report any altered, removed or reordered entry.

    Exit code 0 when the chain is intact, 1 when any problem is found.

    Example:  casedesk audit verify
    """
    django_ready()
    from casedesk.web.audit.selectors import audit_verify

    count, problems = audit_verify()
    if not problems:
        console.print(f"[green]OK[/green]: {count:,} audit entries, chain intact.")
        return
    console.print(f"[red]FAILED[/red]: {len(problems)} problem(s) in {count:,} entries:")
    for problem in problems[:200]:
        console.print(f"  entry {problem.seq}: {problem.problem}")
    if len(problems) > 200:
        console.print(f"  ... and {len(problems) - 200} more")
    raise typer.Exit(1)
