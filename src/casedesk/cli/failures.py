"""How file-in/file-out commands report a failure: one ``error: ...`` line on stderr, exit 1."""

from __future__ import annotations

import typer
from rich.console import Console

EXIT_ERROR = 1
err_console = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(reason: str) -> typer.Exit:
    """Print a one-line reason on stderr and return the exit to raise."""
    err_console.print(f"error: {' '.join(reason.split())}", markup=False)
    return typer.Exit(EXIT_ERROR)
