"""``casedesk research import|search|cited-by`` and ``casedesk cite-check``: the case-law
library from the shell.

The commands act as ``CASEDESK_USER`` (or the first administrator) and call the same services
as the web pages. ``research import`` runs the import job in this process (not through the
worker), with a progress bar; an interrupted import is resumed from the Import page or by
importing the same files again (records already there are skipped).

JSON shapes (other programs depend on them):
  research search --json    {"total": N, "hits": [{"id", "case_name", "court", "date_filed",
                             "score", "snippet"}]}
  research cited-by --json  {"citation": "<normalised>", "opinions": [{"id", "case_name",
                             "count"}]}
  cite-check --json         {"citations": [{"text", "normalized", "status", "opinion_id",
                             "sentence"}]}
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, TextColumn
from rich.table import Table

from casedesk.cli.failures import fail
from casedesk.cli.search_output import plain_snippet, print_hits

console = Console()
err = Console(stderr=True)

app = typer.Typer(
    help="Case-law research: import opinions, search them, see who cites a case.",
    no_args_is_help=True,
)

FORMAT_HELP = "auto, jsonl, courtlistener, cap or files (PDF/Word/text opinions)."


@app.command("import")
def import_command(
    paths: list[Path] = typer.Argument(
        ..., help="Opinion files (JSONL, JSON, PDF, DOCX, TXT) or folders of them."
    ),
    fmt: str = typer.Option("auto", "--format", help=FORMAT_HELP),
) -> None:
    """Import opinions into the library, with their citations, and index them for search.

    Importing the same file again adds nothing; every rejected record is listed with why.

    Examples:
      casedesk research import scotus-50.jsonl
      casedesk research import --format courtlistener opinions.json
    """
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.errors import ServiceError
    from casedesk.web.research.import_services import import_run, import_start

    for path in paths:
        if not path.exists():
            raise fail(f"{path}: no such file or folder.")
    try:
        job = import_start(by=system_user(), files=paths, fmt=fmt, copy=False, enqueue=False)
    except ServiceError as exc:
        raise fail(exc.message) from exc
    with Progress(
        TextColumn("Importing"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}% · {task.fields[read]} read"),
        console=err,
        transient=True,
    ) as bar:
        task = bar.add_task("import", total=100, read=0)

        def progress(current: Any) -> None:
            bar.update(task, completed=current.progress, read=current.processed)

        job = import_run(job.pk, progress=progress)
    for rejected in job.rejected:
        err.print(f"Rejected: {rejected['where']}: {rejected['reason']}", markup=False)
    if job.rejected_count > len(job.rejected):
        err.print(f"... and {job.rejected_count - len(job.rejected)} more rejected.")
    if job.status != "done":
        raise fail(job.message or f"The import {job.status}.")
    typer.echo(job.message)


@app.command("search")
def search_command(
    query: str = typer.Argument(..., help='Words, "phrases", AND/OR/NOT, w/5, prefix*, fields.'),
    limit: int = typer.Option(20, "--limit", min=1, max=100, help="How many hits."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON for other programs."),
) -> None:
    """Search the library of opinions.

    Examples:
      casedesk research search '"qualified immunity" AND court:scotus'
      casedesk research search 'cites:"410 U.S. 113"' --json
    """
    from casedesk.cli.bootstrap import django_ready

    django_ready()
    from casedesk.web.errors import ServiceError
    from casedesk.web.research.selectors import opinion_search

    try:
        page = opinion_search(query, limit=limit)
    except ServiceError as exc:
        raise fail(exc.message) from exc
    hits = [
        {
            "id": hit.opinion.source_id,
            "case_name": hit.opinion.case_name,
            "court": hit.opinion.court,
            "date_filed": hit.opinion.date_filed.isoformat() if hit.opinion.date_filed else None,
            "score": round(hit.score, 4),
            "snippet": plain_snippet(hit.snippet_html),
        }
        for hit in page.hits
    ]
    print_hits(
        page.total,
        hits,
        json_out=json_out,
        title=f"{page.total} opinion(s) found",
        columns=[
            ("Id", lambda r: str(r["id"])),
            ("Case", lambda r: str(r["case_name"])),
            ("Court", lambda r: str(r["court"])),
            ("Filed", lambda r: str(r["date_filed"] or "")),
            ("Snippet", lambda r: str(r["snippet"])),
        ],
        console=console,
    )


@app.command("cited-by")
def cited_by_command(
    citation: str = typer.Argument(..., help='A case citation, e.g. "410 U.S. 113".'),
    json_out: bool = typer.Option(False, "--json", help="Print JSON for other programs."),
) -> None:
    """Every opinion in the library that cites CITATION, with how many times.

    The cited case need not be in the library.
    """
    from casedesk.cli.bootstrap import django_ready

    django_ready()
    from casedesk.core.citations import normalize_citation
    from casedesk.web.research.selectors import cited_by

    norm = normalize_citation(citation)
    if not norm:
        raise fail(f"{citation!r} is not a case citation; write it like 410 U.S. 113.")
    rows = [
        {"id": c.opinion.source_id, "case_name": c.opinion.case_name, "count": c.count}
        for c in cited_by(norm)
    ]
    if json_out:
        typer.echo(json.dumps({"citation": norm, "opinions": rows}, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} opinion(s) cite {norm}")
    for column in ("Id", "Case", "Times"):
        table.add_column(column)
    for row in rows:
        table.add_row(str(row["id"]), str(row["case_name"]), str(row["count"]))
    console.print(table)


def cite_check_command(
    file: Path = typer.Argument(..., help="The draft: PDF, Word (.docx) or text."),
    json_out: bool = typer.Option(False, "--json", help="Print JSON for other programs."),
) -> None:
    """Check every case citation in a draft against the library.

    Statuses: found, not_found, name_mismatch, year_mismatch, malformed, ambiguous.
    """
    from casedesk.cli.bootstrap import django_ready

    django_ready()
    from casedesk.core.citations import cite_check, cite_check_json
    from casedesk.web.errors import ServiceError
    from casedesk.web.research.adapters import OrmCitationLibrary
    from casedesk.web.research.services import read_draft

    try:
        text = read_draft(file, file.name)
    except ServiceError as exc:
        raise fail(exc.message) from exc
    results = cite_check(text, OrmCitationLibrary())
    if json_out:
        typer.echo(json.dumps(cite_check_json(results), ensure_ascii=False))
        return
    table = Table(title=f"{len(results)} citation(s) checked in {file.name}")
    for column in ("Citation", "Status", "Message"):
        table.add_column(column)
    for checked in results:
        table.add_row(checked.citation.text, checked.status, checked.message)
    console.print(table)


def register(root: typer.Typer) -> None:
    """Add ``research`` and ``cite-check`` to the main command."""
    root.add_typer(app, name="research")
    root.command("cite-check")(cite_check_command)
