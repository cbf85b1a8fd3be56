"""``casedesk templates``: the firm's drafting templates from the shell.

    casedesk templates list [--archived]
    casedesk templates install-starter
    casedesk templates add NAME FILE.docx [--kind letter] [--description TEXT]
    casedesk templates generate MATTER_NUMBER TEMPLATE_SLUG --answers ANSWERS.json [--pdf] [-o OUT.docx]

The commands act as ``CASEDESK_USER`` (or the first administrator) and call the same services
as the web pages, so walls, permissions and the audit log apply. ``generate`` files the
document to the matter (as the page does) and, with ``-o``, also writes a copy; with
``--pdf`` it makes the PDF at once (LibreOffice) and files it too. A failure prints one
``error: ...`` line on stderr and exits 1.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from casedesk.cli.failures import fail

app = typer.Typer(
    help="Drafting templates: list them, install the starter library, add one, generate a document.",
    no_args_is_help=True,
)
_out = Console(soft_wrap=True)

KINDS = "letter, notice, pleading, service, stipulation, cover, email, other"


def _ready() -> Any:
    from casedesk.cli.bootstrap import django_ready, system_user

    django_ready()
    return system_user()


@app.command("list")
def list_command(
    archived: bool = typer.Option(False, "--archived", help="Include archived templates."),
) -> None:
    """List the templates: slug (for `generate`), name, kind, version."""
    by = _ready()
    from casedesk.web.drafting.selectors import templates_visible

    table = Table(title="Templates")
    for column in ("Slug", "Name", "Kind", "Version", "Fields"):
        table.add_column(column)
    for template in templates_visible(by, archived=archived):
        latest = template.latest_version()
        name = template.name + (" (archived)" if template.archived else "")
        table.add_row(
            Text(template.slug),
            Text(name),
            Text(template.get_kind_display()),
            Text(str(latest.number) if latest else "—"),
            Text(str(len(latest.fields)) if latest else "—"),
        )
    _out.print(table)


@app.command("install-starter")
def install_starter_command() -> None:
    """Install or update the starter library (safe to run again; firm changes are kept)."""
    by = _ready()
    from casedesk.web.drafting.template_services import starter_install
    from casedesk.web.errors import ServiceError

    try:
        result = starter_install(by=by)
    except ServiceError as exc:
        raise fail(exc.message) from exc
    typer.echo(result.summary())


@app.command("add")
def add_command(
    name: str = typer.Argument(..., help="The template's name, e.g. 'Engagement letter'."),
    file: Path = typer.Argument(..., help="The Word file (.docx)."),
    kind: str = typer.Option("other", "--kind", help=f"What it makes: {KINDS}."),
    description: str = typer.Option("", "--description", help="A line about the template."),
) -> None:
    """Add a template from a Word file and print its slug."""
    if not file.is_file():
        raise fail(f"{file}: no such file.")
    by = _ready()
    from casedesk.web.drafting.template_services import template_upload
    from casedesk.web.errors import ServiceError

    try:
        template = template_upload(
            by=by, name=name, path=file, filename=file.name, description=description, kind=kind
        )
    except ServiceError as exc:
        raise fail(exc.message) from exc
    latest = template.latest_version()
    fields = len(latest.fields) if latest else 0
    typer.echo(template.slug)
    Console(stderr=True).print(f"Added {template.name!r} ({fields} fields).", markup=False)


def _read_answers(path: Path) -> dict[str, str]:
    if not path.is_file():
        raise fail(f"{path}: no such file.")
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise fail(f"{path}: the answers file is not UTF-8 text.") from exc
    except json.JSONDecodeError as exc:
        raise fail(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    if not isinstance(raw, dict):
        raise fail(f"{path}: the answers must be a JSON object of field names and answers.")
    out: dict[str, str] = {}
    for key, value in raw.items():
        if isinstance(value, bool):
            out[str(key)] = "yes" if value else "no"
        elif value is None:
            out[str(key)] = ""
        elif isinstance(value, list):
            out[str(key)] = "\n".join(str(v) for v in value)
        else:
            out[str(key)] = str(value)
    return out


@app.command("generate")
def generate_command(
    matter_number: str = typer.Argument(..., help="The matter number, e.g. 2027-0042."),
    template_slug: str = typer.Argument(..., help="The template's slug (see `templates list`)."),
    answers: Path = typer.Option(
        ...,
        "--answers",
        help='A JSON object answering the questions, e.g. {"hearing.date": "2027-06-01"}.',
    ),
    pdf: bool = typer.Option(False, "--pdf", help="Also make the PDF now and file it."),
    out: Path | None = typer.Option(None, "-o", "--out", help="Also write a copy here (.docx)."),
) -> None:
    """Generate a document for a matter, file it to the matter, and print the document id."""
    values = _read_answers(answers)
    if out is not None and not out.parent.is_dir():
        raise fail(f"{out.parent}: no such folder for the output.")
    by = _ready()
    from casedesk.web.access import visible_matters
    from casedesk.web.drafting.models import DraftTemplate, PdfStatus
    from casedesk.web.drafting.services import AnswersInvalid, document_generate
    from casedesk.web.errors import ServiceError

    matter = visible_matters(by).filter(number=matter_number).first()
    if matter is None:
        raise fail(f"No matter {matter_number!r} that this user may see.")
    template = DraftTemplate.objects.filter(slug=template_slug).first()
    if template is None:
        raise fail(f"No template {template_slug!r}; `casedesk templates list` shows the slugs.")
    try:
        generated = document_generate(
            by=by, matter=matter, template=template, raw_answers=values, pdf=pdf, out=out
        )
    except AnswersInvalid as exc:
        detail = "; ".join(f"{name}: {message}" for name, message in exc.errors.items())
        raise fail(f"{len(exc.errors)} answer(s) in {answers} need correcting: {detail}") from exc
    except ServiceError as exc:
        raise fail(exc.message) from exc
    assert generated is not None
    typer.echo(generated.document_id)
    err = Console(stderr=True)
    err.print(f"Filed {generated.document.title!r} to {matter.number}.", markup=False)
    if pdf:
        from casedesk.web.drafting.pdf import make_pdf

        status = make_pdf(generated.pk)
        generated.refresh_from_db()
        if status != PdfStatus.DONE or generated.pdf_document is None:
            raise fail(generated.pdf_message or "The PDF could not be made.")
        typer.echo(generated.pdf_document_id)
        err.print(f"Filed the PDF {generated.pdf_document.title!r}.", markup=False)
        if out is not None:
            _copy_pdf(generated.pdf_document, out.with_suffix(".pdf"))


def _copy_pdf(document: Any, dest: Path) -> None:
    from casedesk.web.documents.blob_store import blob_open

    with blob_open(document.current_version.blob) as src, dest.open("wb") as fh:
        shutil.copyfileobj(src, fh)


def register(root: typer.Typer) -> None:
    """Add ``casedesk templates ...`` to the root command."""
    root.add_typer(app, name="templates")
