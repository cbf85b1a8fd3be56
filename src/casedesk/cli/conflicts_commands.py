"""``casedesk conflicts check``: the conflict check from the command line.

Contract (other programs depend on it)::

    casedesk conflicts check [--registry REGISTRY.csv] [--json] NAME [NAME ...]
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table

from casedesk.core.conflicts import (
    ConflictHit,
    ConflictIndex,
    RegistryFormatError,
    load_registry_csv,
)

app = typer.Typer(help="Conflict-of-interest checks.", no_args_is_help=True)
console = Console()
err = Console(stderr=True)


def _hit_json(hit: ConflictHit) -> dict[str, Any]:
    return {
        "id": hit.party.id,
        "name": hit.party.name,
        "role": hit.party.role,
        "matter": hit.party.matter,
        "score": hit.score,
        "reason": hit.reason,
    }


def _index_from_database() -> tuple[ConflictIndex, set[str]]:
    """The firm's index, plus the registry ids the acting user is screened from."""
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.access import hidden_matter_ids
    from casedesk.web.matters.adapters import build_index

    index, links = build_index()
    hidden = hidden_matter_ids(system_user())
    screened = {key for key, link in links.items() if link.matter_id in hidden}
    return index, screened


def _audit_search(names: list[str], hits: int) -> None:
    from django.db import transaction

    from casedesk.cli.bootstrap import system_user
    from casedesk.web.audit.services import audit_record

    with transaction.atomic():
        audit_record(
            actor=system_user(),
            action="conflict-search",
            object_type="conflict-search",
            summary=f"Command-line conflict search: {len(names)} name(s), {hits} hit(s)",
            data={"terms": names, "hits": hits, "channel": "cli"},
        )


@app.command("check")
def check(
    names: list[str] = typer.Argument(..., metavar="NAME...", help="Names to check (quote each)."),
    registry: Path | None = typer.Option(
        None,
        "--registry",
        help="Check against this CSV (id,name,kind,role,matter,aliases) instead of the firm's database.",
    ),
    as_json: bool = typer.Option(
        False, "--json", help="Print a JSON array, one object per NAME, in order."
    ),
) -> None:
    """Check names against everyone the firm knows (or a registry CSV), with the reason for every hit.

    Examples:
      casedesk conflicts check "Margaret O'Brien" "Acme Holdings, Inc."
      casedesk conflicts check --registry parties.csv --json "Bob Smith"
    """
    screened: set[str] = set()
    if registry is not None:
        try:
            index = ConflictIndex.build(load_registry_csv(registry))
        except FileNotFoundError:
            err.print(f"[red]No such file:[/red] {registry}")
            raise typer.Exit(2) from None
        except RegistryFormatError as exc:
            err.print(f"[red]The registry cannot be used:[/red]\n{exc}")
            raise typer.Exit(2) from None
    else:
        index, screened = _index_from_database()
    results: list[dict[str, Any]] = []
    for name in names:
        try:
            hits = [h for h in index.search(name) if h.party.id not in screened]
        except ValueError as exc:
            err.print(f"[red]{name[:60]!r}: {exc}[/red]")
            raise typer.Exit(2) from None
        results.append({"query": name, "hits": [_hit_json(h) for h in hits]})
    if registry is None:
        _audit_search(names, sum(len(r["hits"]) for r in results))
    if as_json:
        typer.echo(json.dumps(results, ensure_ascii=False, indent=2))
        return
    for result in results:
        if not result["hits"]:
            console.print(f"[green]No possible conflicts[/green] for {result['query']!r}.")
            continue
        table = Table(title=f"Possible conflicts for {result['query']!r}")
        for column in ("Score", "Name", "Role", "Matter", "Why"):
            table.add_column(column)
        for hit in result["hits"]:
            table.add_row(str(hit["score"]), hit["name"], hit["role"], hit["matter"], hit["reason"])
        console.print(table)
