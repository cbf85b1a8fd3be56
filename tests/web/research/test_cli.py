"""``casedesk research import|search|cited-by`` and ``casedesk cite-check``: exact JSON shapes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli import research_commands
from casedesk.web.research.models import Opinion
from tests.web.research.conftest import BROWN, CITING, MIRANDA, ROE
from tests.web.research.test_search_and_check import DRAFT

pytestmark = pytest.mark.django_db
runner = CliRunner()

root = typer.Typer()
research_commands.register(root)


@root.callback()
def _root() -> None:
    """casedesk (test root)."""


def test_import_search_cited_by_and_cite_check(
    admin_user: Any, write_jsonl: Callable[..., Path], tmp_path: Path
) -> None:
    path = write_jsonl([ROE, BROWN, "{broken", MIRANDA, CITING])
    imported = runner.invoke(root, ["research", "import", str(path)])
    assert imported.exit_code == 0, imported.output
    assert "Added 4 opinions; 0 already in the library; 1 rejected." in imported.stdout
    assert "Rejected: line 3:" in imported.stderr
    assert Opinion.objects.count() == 4
    again = runner.invoke(root, ["research", "import", str(path)])
    assert "Added 0 opinions; 4 already in the library" in again.stdout

    found = runner.invoke(root, ["research", "search", '"expectation of privacy"', "--json"])
    assert found.exit_code == 0, found.output
    data = json.loads(found.stdout)
    assert set(data) == {"total", "hits"} and data["total"] == 1
    (hit,) = data["hits"]
    assert set(hit) == {"id", "case_name", "court", "date_filed", "score", "snippet"}
    assert (hit["id"], hit["court"], hit["date_filed"]) == ("t-citing", "nm", "2005-03-01")
    assert "<mark>" not in hit["snippet"] and "privacy" in hit["snippet"]

    bad = runner.invoke(root, ["research", "search", '"unbalanced', "--json"])
    assert bad.exit_code == 1 and bad.stderr.startswith("error: ")

    cited = runner.invoke(root, ["research", "cited-by", "410 U. S. 113", "--json"])
    assert cited.exit_code == 0, cited.output
    assert json.loads(cited.stdout) == {
        "citation": "410 U.S. 113",
        "opinions": [{"id": "t-citing", "case_name": "Doe v. State", "count": 2}],
    }
    not_one = runner.invoke(root, ["research", "cited-by", "hello", "--json"])
    assert not_one.exit_code == 1 and "not a case citation" in not_one.stderr

    draft = tmp_path / "brief.txt"
    draft.write_text(DRAFT)
    checked = runner.invoke(root, ["cite-check", str(draft), "--json"])
    assert checked.exit_code == 0, checked.output
    rows = json.loads(checked.stdout)["citations"]
    assert all(set(r) == {"text", "normalized", "status", "opinion_id", "sentence"} for r in rows)
    assert [r["status"] for r in rows] == [
        "found",
        "found",
        "name_mismatch",
        "year_mismatch",
        "not_found",
    ]
    missing = runner.invoke(root, ["cite-check", str(tmp_path / "nope.pdf")])
    assert missing.exit_code == 1 and missing.stderr.startswith("error: ")
