"""Fixtures for the table-of-authorities app: a private data folder per test, a matter with a
screened user, the test brief (made once per session) and finished tables made in-process."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter
from tests.web.toa.briefs import write_brief


@pytest.fixture(autouse=True)
def toa_storage(file_storage: Path, settings: Any) -> Path:
    """Every test stores blobs and upload temp files under its own folder."""
    settings.DATA_DIR = file_storage
    return file_storage


@pytest.fixture(scope="session")
def brief_master(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test brief, laid out once per session (WeasyPrint takes about a second)."""
    return write_brief(tmp_path_factory.mktemp("briefs") / "brief.pdf")


@pytest.fixture
def brief(brief_master: Path, tmp_path: Path) -> Path:
    """A private copy of the test brief (PDF) named brief.pdf."""
    return Path(shutil.copy(brief_master, tmp_path / "brief.pdf"))


@pytest.fixture
def matter(attorney: Any) -> Any:
    return make_matter("2027-0801", "Equal protection appeal", attorney=attorney)


@pytest.fixture
def screened(make_user: Callable[..., Any], matter: Any, admin_user: Any) -> Any:
    """A clerk walled off from the matter."""
    user = make_user("clerk", "screened", "Screened Clerk")
    EthicalWall.objects.create(
        matter=matter, user=user, reason="lateral hire", created_by=admin_user
    )
    return user


@pytest.fixture
def make_table(brief: Path) -> Callable[..., Any]:
    """A finished table: the brief stored and its table made in-process (the task's body)."""
    from casedesk.web.toa.services import toa_run, toa_start

    def factory(by: Any, *, matter: Any = None, passim: int = 5, path: Path | None = None) -> Any:
        source = path or brief
        table = toa_start(
            by=by, path=source, filename=source.name, matter=matter, passim=passim, enqueue=False
        )
        toa_run(table.pk)
        table.refresh_from_db()
        return table

    return factory


def keys_by_text(table: Any) -> dict[str, str]:
    """The table's entries: authority text -> key."""
    return {e["authority"]: e["key"] for e in table.result["entries"]}


def rows(table: Any) -> list[tuple[str, str, list[str]]]:
    """The table's entries as (category, authority, pages), in table order."""
    return [(e["category"], e["authority"], e["pages"]) for e in table.result["entries"]]
