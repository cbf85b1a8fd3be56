"""``casedesk mail import``: suggestions, filing, refusals (through a root like cli.main's)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli import mail_commands
from casedesk.web.correspondence.models import Communication
from casedesk.web.documents.models import Document

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture
def app() -> typer.Typer:
    root = typer.Typer()

    @root.callback()
    def main() -> None:
        """casedesk (test root)."""

    mail_commands.register(root)
    return root


@pytest.fixture(autouse=True)
def as_secretary(secretary: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CASEDESK_USER", secretary.username)


def test_suggest_prints_reasons_and_files_nothing(app: Any, matter: Any, eml_file: Any) -> None:
    path = eml_file(subject="Re: 3:24-cv-01234")
    result = runner.invoke(app, ["mail", "import", "--suggest", str(path)])
    assert result.exit_code == 0, result.output
    assert "2027-0201" in result.stdout and "client Jane Roe" in result.stdout
    without = runner.invoke(app, ["mail", "import", str(path)])
    assert without.exit_code == 2 and "Give --matter NUMBER" in without.stderr
    assert not Communication.objects.exists()


def test_import_with_matter_prints_document_ids(app: Any, matter: Any, eml_file: Any) -> None:
    path = eml_file()
    result = runner.invoke(app, ["mail", "import", "--matter", "2027-0201", str(path)])
    assert result.exit_code == 0, result.output
    ids = [int(line) for line in result.stdout.split()]
    assert sorted(ids) == sorted(Document.objects.values_list("pk", flat=True)) and len(ids) == 2
    assert "with 1 attachment(s)" in result.stderr
    again = runner.invoke(app, ["mail", "import", "--matter", "2027-0201", str(path)])
    assert again.exit_code == 1 and "error: This message" in again.stderr
    assert "already filed" in again.stderr


def test_refusals(
    app: Any, matter: Any, screened: Any, tmp_path: Path, eml_file: Any, monkeypatch: Any
) -> None:
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    result = runner.invoke(app, ["mail", "import", "--matter", "2027-0201", str(pdf)])
    assert result.exit_code == 1 and "not an e-mail message" in result.stderr
    missing = runner.invoke(app, ["mail", "import", "--matter", "1999-9999", str(eml_file())])
    assert missing.exit_code == 1 and "No matter '1999-9999'" in missing.stderr
    monkeypatch.setenv("CASEDESK_USER", screened.username)
    walled = runner.invoke(app, ["mail", "import", "--matter", "2027-0201", str(eml_file())])
    assert walled.exit_code == 1 and "No matter '2027-0201'" in walled.stderr
    assert not Communication.objects.exists()
