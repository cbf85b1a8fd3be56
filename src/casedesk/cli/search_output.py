"""How the search commands print their hits: the exact JSON object, or a table for people.

``casedesk files search`` and ``casedesk research search`` both print
``{"total": N, "hits": [...]}`` with ``--json`` and a rich table otherwise; the snippets lose
their highlighting tags on the way.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Sequence
from typing import Any

import typer
from rich.console import Console
from rich.table import Table


def plain_snippet(snippet_html: str) -> str:
    """A highlighted snippet as plain text (the index escapes the text and adds <mark>)."""
    return html.unescape(re.sub(r"</?(mark|b|em)>", "", snippet_html or ""))


def print_hits(
    total: int,
    hits: Sequence[dict[str, Any]],
    *,
    json_out: bool,
    title: str,
    columns: Sequence[tuple[str, Callable[[dict[str, Any]], str]]],
    console: Console,
) -> None:
    """Print ``{"total", "hits"}`` as JSON, or a table titled ``title`` with ``columns``."""
    if json_out:
        typer.echo(json.dumps({"total": total, "hits": list(hits)}, ensure_ascii=False))
        return
    table = Table(title=title)
    for header, _ in columns:
        table.add_column(header)
    for row in hits:
        table.add_row(*(cell(row) for _, cell in columns))
    console.print(table)
