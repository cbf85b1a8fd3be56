"""``casedesk report MATTER_NUMBER [--format pdf|docx] -o OUT`` (exact contract)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest
from typer.testing import CliRunner

from casedesk.cli.main import app
from casedesk.web.audit.models import AuditEntry
from casedesk.web.matters.models import EthicalWall
from tests.web.reports.conftest import VIETNAMESE, make_case

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def matter(admin_user: Any, file_storage: Path, tmp_path: Path) -> Any:
    return make_case(admin_user, tmp_path / "case")


def test_pdf_by_default_prints_the_path_and_pages(matter: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    result = runner.invoke(app, ["report", matter.number, "-o", str(out)])
    assert result.exit_code == 0, result.output
    info = subprocess.run(["pdfinfo", str(out)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert result.stdout.strip() == f"{out} ({pages} pages)"
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert VIETNAMESE in text and "PRELIMINARY CASE REPORT" in text
    assert AuditEntry.objects.filter(action="export", object_type="case-report").exists()


def test_word(matter: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    result = runner.invoke(app, ["report", matter.number, "--format", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == str(out)
    cells = [c.text for t in docx.Document(str(out)).tables for r in t.rows for c in r.cells]
    assert VIETNAMESE in cells


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["2099-9999"], "error: No matter '2099-9999' that this user may see."),
        (["{number}", "--format", "odt"], "error: --format must be pdf or docx, not 'odt'."),
        (
            ["{number}", "-o", "{tmp}/missing/r.pdf"],
            "error: The folder {tmp}/missing does not exist.",
        ),
        (["{number}", "-o", "{tmp}"], "error: {tmp} is a folder; give the file to write."),
    ],
)
def test_errors_are_one_line_and_exit_1(
    matter: Any, tmp_path: Path, args: list[str], message: str
) -> None:
    fill = {"number": matter.number, "tmp": str(tmp_path)}
    argv = ["report", *(a.format(**fill) for a in args)]
    if "-o" not in argv:
        argv += ["-o", str(tmp_path / "r.pdf")]
    result = runner.invoke(app, argv)
    assert result.exit_code == 1
    assert result.stderr.strip() == message.format(**fill)
    assert not (tmp_path / "r.pdf").exists()


def test_a_walled_cli_user_gets_no_report(
    matter: Any, tmp_path: Path, make_user: Any, admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    screened = make_user("attorney", "screened")
    EthicalWall.objects.create(
        matter=matter, user=screened, reason="lateral", created_by=admin_user
    )
    monkeypatch.setenv("CASEDESK_USER", screened.username)
    out = tmp_path / "r.pdf"
    result = runner.invoke(app, ["report", matter.number, "-o", str(out)])
    assert result.exit_code == 1 and "No matter" in result.stderr
    assert not out.exists()
