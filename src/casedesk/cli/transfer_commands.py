"""``casedesk demo``, ``casedesk import`` and ``casedesk export``."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    """Add the demo, import and export commands to ``app``."""
