"""``casedesk draft``: fill in a Word template from a JSON file, and list a template's fields.

Contract (other programs depend on it)::

    casedesk draft render TEMPLATE.docx --data DATA.json [--pdf] -o OUT
    casedesk draft fields TEMPLATE.docx [--json]

``render`` writes OUT (a .docx) all-or-nothing: when the data lacks any field the template
needs it exits 1, prints one line on stderr naming each missing field
(``error: the data lacks 2 fields the template needs: client.name, parties[].name``) and
writes nothing. With ``--pdf`` the document is also converted by LibreOffice headless: OUT
is then the PDF path and the intermediate .docx is not kept, unless OUT ends in ``.docx``, in
which case the .docx is written to OUT and the PDF next to it with the suffix ``.pdf``.

``fields --json`` prints exactly ``{"fields": [{"name", "kind", "paragraph"}, ...]}``, where
``kind`` is value, list or condition and ``name`` is a dotted path (``client.name``,
``parties[].name`` for an attribute of each item of a loop); without ``--json`` a table.

A missing file, bad JSON in --data, a non-Word or macro-enabled (.docm) template, a Jinja
error, or a missing LibreOffice exits with status 1 and a one-line reason on stderr.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from casedesk.cli.failures import fail as _fail
from casedesk.core.drafting.convert import ConversionError, convert_cold, soffice_path

SOFFICE_TIMEOUT_S = 180

app = typer.Typer(
    help="Draft documents from Word templates (.docx with Jinja fields such as {{ client.name }}).",
    no_args_is_help=True,
)
_out = Console(soft_wrap=True)


class _Failure(Exception):
    """Something this command cannot do; the message is the one line to print."""


def _read_data(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise _Failure(f"{path}: no such file.")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise _Failure(f"{path}: the data file is not UTF-8 text.") from exc
    except json.JSONDecodeError as exc:
        raise _Failure(
            f"{path}: not valid JSON ({exc.msg} at line {exc.lineno}, column {exc.colno})."
        ) from exc
    except OSError as exc:
        raise _Failure(f"{path}: the file could not be read ({exc.strerror or exc}).") from exc
    if not isinstance(data, dict):
        raise _Failure(f"{path}: the data must be a JSON object ({{...}}) of field values.")
    return data


RENDER_HELP = """Fill in TEMPLATE.docx with the values in DATA.json and write OUT.

Nothing is written if the data lacks any field the template needs; each missing field is named on stderr.

With --pdf the result is converted by LibreOffice (soffice) headless: OUT is the PDF and the .docx is not kept, unless OUT ends in .docx, in which case the .docx goes to OUT and the PDF beside it (same name, .pdf).

Example:

  casedesk draft render engagement-letter.docx --data client.json -o letter.docx
"""


@app.command("render", help=RENDER_HELP)
def render_command(
    template: Path = typer.Argument(..., help="The Word template (.docx)."),
    data: Path = typer.Option(..., "--data", help="A JSON object with the field values."),
    out: Path = typer.Option(..., "-o", "--out", help="Where to write the result."),
    pdf: bool = typer.Option(False, "--pdf", help="Also convert to PDF with LibreOffice."),
) -> None:
    from casedesk.core.drafting import DraftingError, render_docx

    try:
        if pdf and soffice_path() is None:
            raise _Failure(
                "--pdf needs LibreOffice, and `soffice` is not on PATH; install "
                "libreoffice-writer-nogui or drop --pdf."
            )
        values = _read_data(data)
        if not out.parent.is_dir():
            raise _Failure(f"{out.parent}: no such folder for the output.")
        if not pdf:
            render_docx(template, values, out)
        else:
            with tempfile.TemporaryDirectory(prefix="casedesk-draft-") as work:
                work_dir = Path(work)
                keep_docx = out.suffix.lower() == ".docx"
                docx = work_dir / ((out.stem if keep_docx else "document") + ".docx")
                render_docx(template, values, docx)
                made = work_dir / "document.pdf"
                try:
                    convert_cold(docx, made, timeout_s=SOFFICE_TIMEOUT_S)
                except ConversionError as exc:
                    raise _Failure(str(exc)) from exc
                _place(made, out.with_suffix(".pdf") if keep_docx else out)
                if keep_docx:
                    _place(docx, out)
    except _Failure as exc:
        raise _fail(str(exc)) from exc
    except DraftingError as exc:
        raise _fail(f"{template}: {exc}" if str(template) not in str(exc) else str(exc)) from exc
    except OSError as exc:
        raise _fail(f"{out}: could not write the result ({exc.strerror or exc}).") from exc


def _place(src: Path, dest: Path) -> None:
    """Copy ``src`` beside ``dest`` and swap it into place, so ``dest`` is never half-written."""
    fd, tmp_name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".tmp", dir=dest.parent)
    os.close(fd)
    try:
        shutil.copyfile(src, tmp_name)
        os.replace(tmp_name, dest)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise


FIELDS_HELP = """List the fields TEMPLATE.docx uses: name, kind (value, list, condition) and the paragraph where each first appears.

--json prints {"fields": [{"name", "kind", "paragraph"}, ...]}.
"""


@app.command("fields", help=FIELDS_HELP)
def fields_command(
    template: Path = typer.Argument(..., help="The Word template (.docx)."),
    as_json: bool = typer.Option(False, "--json", help="Print JSON instead of a table."),
) -> None:
    from casedesk.core.drafting import DraftingError, template_fields
    from casedesk.core.drafting.fields import iter_field_dicts

    try:
        fields = template_fields(template)
    except DraftingError as exc:
        raise _fail(f"{template}: {exc}" if str(template) not in str(exc) else str(exc)) from exc
    if as_json:
        typer.echo(json.dumps({"fields": list(iter_field_dicts(fields))}, ensure_ascii=False))
        return
    table = Table(title=Text(f"Fields in {template.name}"))
    table.add_column("Field")
    table.add_column("Kind")
    table.add_column("Paragraph")
    for field in fields:
        table.add_row(Text(field.name), Text(field.kind), Text(field.paragraph))
    _out.print(table)


def register(root: typer.Typer) -> None:
    """Add ``casedesk draft ...`` to the root command."""
    root.add_typer(app, name="draft")
