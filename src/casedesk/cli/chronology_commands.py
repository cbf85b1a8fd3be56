"""``casedesk chronology export``: a matter's fact chronology from the shell.

Contract (other programs depend on it)::

    casedesk chronology export MATTER_NUMBER [--format csv|json] -o OUT

CSV has the columns Date, Description, People, Issues, Source, Page, Bates, Material,
Disputed, Entered by (UTF-8 with a BOM; people and issues joined by "; "). JSON is
``{"matter": number, "facts": [{"date", "date_kind", "date_start", "date_end",
"description", "people", "issues", "source", "page", "bates", "material", "disputed",
"entered_by"}]}``. Facts are in date order, undated last. The command acts as
``CASEDESK_USER`` (or the first administrator), so walls apply and the export is audited.
An unknown matter (or one hidden from the user) exits 1 with one ``error: ...`` line.
"""

from __future__ import annotations

import json
from pathlib import Path

import typer

from casedesk.cli.failures import fail

app = typer.Typer(help="Fact chronologies: export a matter's facts.", no_args_is_help=True)

EXPORT_HELP = """Write MATTER_NUMBER's facts to OUT as CSV (default) or JSON.

Example:

  casedesk chronology export 2027-0042 -o facts.csv
  casedesk chronology export 2027-0042 --format json -o facts.json
"""


@app.command("export", help=EXPORT_HELP)
def export(
    matter_number: str = typer.Argument(..., metavar="MATTER_NUMBER", help="The matter number."),
    fmt: str = typer.Option("csv", "--format", help="csv or json."),
    out: Path = typer.Option(..., "-o", "--out", help="The file to write.", dir_okay=False),
) -> None:
    fmt = fmt.lower()
    if fmt not in ("csv", "json"):
        raise fail(f"--format must be csv or json, not {fmt!r}.")
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    from casedesk.web.access import visible_matters
    from casedesk.web.chronology.selectors import matter_facts
    from casedesk.web.chronology.services import facts_export_csv, facts_export_json

    by = system_user()
    matter = visible_matters(by).filter(number=matter_number).first()
    if matter is None:
        raise fail(f"no matter {matter_number!r} that this user may see.")
    if not out.parent.is_dir():
        raise fail(f"{out.parent} is not a folder.")
    facts = list(matter_facts(by, matter))
    try:
        if fmt == "csv":
            out.write_bytes(facts_export_csv(by=by, matter=matter, facts=facts))
        else:
            data = facts_export_json(by=by, matter=matter, facts=facts)
            out.write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    except OSError as exc:
        raise fail(f"{out} could not be written: {exc.strerror or exc}.") from exc
    typer.echo(f"{out} ({len(facts)} fact{'s' if len(facts) != 1 else ''})")


def register(root: typer.Typer) -> None:
    """Add ``chronology`` to the main command."""
    root.add_typer(app, name="chronology")
