"""``casedesk deadline``: court-rule deadlines from the command line (file-free, no Django).

Contract (other programs depend on it)::

    casedesk deadline --court COURT --from DATE[THH:MM]
        (--days N | --court-days N | --hours N | --rule RULE_ID)
        [--before] [--service METHOD] [--closed DATE]... [--json]
    casedesk deadline rules [--court COURT]

``--json`` prints ``{"due_date", "due_time", "court", "rule", "steps", "notes"}``. Any invalid
input exits with status 2 and a one-line reason on stderr.
"""

from __future__ import annotations

import datetime as dt
import json

import typer
from rich.console import Console

from casedesk.core.deadlines import (
    COURTS,
    SERVICE_METHODS,
    DeadlineError,
    DeadlineRequest,
    Direction,
    Period,
    Unit,
    compute,
    load_rules,
)

HELP = f"""Compute a court-rule deadline and show how it was derived.

COURT: {", ".join(COURTS)}.
METHOD: {", ".join(SERVICE_METHODS)}.

Examples:

  casedesk deadline --court federal-ca --from 2027-03-10 --rule frcp-answer

  casedesk deadline --court ca --from 2026-06-17 --court-days 16 --before --service mail

  casedesk deadline --court federal --from 2026-11-25T10:30 --hours 72 --json

  casedesk deadline --court federal --from 2007-09-11 --days 10 --before --closed 2007-08-31

  casedesk deadline rules --court tx
"""

app = typer.Typer(
    help=HELP,
    invoke_without_command=True,
    no_args_is_help=False,
    rich_markup_mode=None,
)
_out = Console(soft_wrap=True)
_err = Console(stderr=True, highlight=False, soft_wrap=True)
EXIT_INVALID = 2


def _fail(reason: str) -> typer.Exit:
    """Print a one-line reason on stderr and return the exit to raise."""
    _err.print(f"error: {' '.join(reason.split())}", markup=False)
    return typer.Exit(EXIT_INVALID)


def _parse_from(text: str) -> tuple[dt.date, dt.time | None]:
    try:
        if "T" in text:
            moment = dt.datetime.strptime(text, "%Y-%m-%dT%H:%M")
            return moment.date(), moment.time()
        return dt.date.fromisoformat(text), None
    except ValueError:
        raise _fail(f"bad --from {text!r}: use YYYY-MM-DD or YYYY-MM-DDTHH:MM") from None


def _parse_day(text: str, option: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise _fail(f"bad {option} {text!r}: use YYYY-MM-DD") from None


@app.callback()
def deadline(
    ctx: typer.Context,
    court: str | None = typer.Option(None, "--court", help="Court id (see above)."),
    start: str | None = typer.Option(
        None, "--from", metavar="DATE[THH:MM]", help="The trigger: an event, service, a hearing."
    ),
    days: int | None = typer.Option(None, "--days", help="A period in calendar days."),
    court_days: int | None = typer.Option(None, "--court-days", help="A period in court days."),
    hours: int | None = typer.Option(None, "--hours", help="A period in hours."),
    rule: str | None = typer.Option(None, "--rule", metavar="RULE_ID", help="A rule's period."),
    before: bool = typer.Option(False, "--before", help="Count backward from the trigger."),
    service: str = typer.Option("none", "--service", metavar="METHOD", help="How it was served."),
    closed: list[str] = typer.Option(
        [], "--closed", metavar="DATE", help="A day the clerk's office was inaccessible."
    ),
    as_json: bool = typer.Option(False, "--json", help="Print one JSON object."),
) -> None:
    """Compute a deadline (when no subcommand is given)."""
    if ctx.invoked_subcommand is not None:
        return
    if court is None:
        raise _fail("--court is required: " + ", ".join(COURTS))
    if start is None:
        raise _fail("--from is required: YYYY-MM-DD or YYYY-MM-DDTHH:MM")
    chosen = [
        (name, value)
        for name, value in (
            ("--days", days),
            ("--court-days", court_days),
            ("--hours", hours),
            ("--rule", rule),
        )
        if value is not None
    ]
    if len(chosen) != 1:
        raise _fail("give exactly one of --days, --court-days, --hours, --rule")
    if court not in COURTS:
        raise _fail(f"unknown court {court!r}: use one of {', '.join(COURTS)}")
    if service not in SERVICE_METHODS:
        raise _fail(f"unknown --service {service!r}: use one of {', '.join(SERVICE_METHODS)}")
    trigger, trigger_time = _parse_from(start)
    direction = Direction.BACKWARD if before else Direction.FORWARD
    period = None
    name, value = chosen[0]
    if name != "--rule":
        assert isinstance(value, int)
        if value <= 0:
            raise _fail(f"{name} must be at least 1, not {value}")
        unit = {"--days": Unit.CALENDAR_DAYS, "--court-days": Unit.COURT_DAYS}.get(name, Unit.HOURS)
        period = Period(unit, value, direction)
    request = DeadlineRequest(
        court=court,
        trigger=trigger,
        trigger_time=trigger_time,
        period=period,
        rule_id=rule,
        service=service,
        closed=frozenset(_parse_day(day, "--closed") for day in closed),
        direction=Direction.BACKWARD if before and rule else None,
    )
    try:
        result = compute(request)
    except DeadlineError as error:
        raise _fail(str(error)) from None
    if as_json:
        typer.echo(json.dumps(result.as_json(), ensure_ascii=False))
        return
    _print_readable(result.as_json(), result.rule_pack_version)


def _print_readable(data: dict[str, object], version: str) -> None:
    due = dt.date.fromisoformat(str(data["due_date"]))
    when = f"{due:%A, %B} {due.day}, {due.year}"
    if data["due_time"]:
        when += f" at {data['due_time']}"
    _out.print(f"[bold]Due {when}[/bold]  ({data['court']}, {data['rule'] or 'period'})")
    _out.print("[bold]How it was computed[/bold]")
    for number, step in enumerate(list(data["steps"]), start=1):  # type: ignore[call-overload]
        _out.print(f"  {number}. {step}", markup=False, highlight=False)
    notes = list(data["notes"])  # type: ignore[call-overload]
    if notes:
        _out.print("[bold]Notes[/bold]")
        for note in notes:
            _out.print(f"  - {note}", markup=False, highlight=False)
    _out.print(f"[dim]Rule pack {version}[/dim]")


@app.command("rules")
def rules(
    court: str | None = typer.Option(None, "--court", help="Only the rules for this court."),
) -> None:
    """List every rule with its citation (and its period, if it has one)."""
    if court is not None and court not in COURTS:
        raise _fail(f"unknown court {court!r}: use one of {', '.join(COURTS)}")
    for item in load_rules(court):
        period = "computing rule, no period of its own"
        if item.period is not None:
            unit = item.period.unit.value.replace("-", " ")
            period = f"{item.period.amount} {unit}, {item.period.direction.value}"
        _out.print(
            f"{item.id:<27} {item.citation:<22} {item.title} [{period}] ({', '.join(item.courts)})",
            markup=False,
            highlight=False,
        )


def register(main_app: typer.Typer) -> None:
    """Add ``deadline`` (and ``deadline rules``) to the ``casedesk`` command."""
    main_app.add_typer(app, name="deadline")
