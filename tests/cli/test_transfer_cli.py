"""``casedesk demo``, ``casedesk import`` and ``casedesk export`` through Typer's test runner.

The commands run against the pytest-django test database: ``django_ready()`` finds Django
already set up and the database migrated, so it changes nothing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from casedesk.cli.main import app
from casedesk.web.contacts.models import Contact
from casedesk.web.matters.models import Matter

pytestmark = pytest.mark.django_db
runner = CliRunner()
HEADER = "kind,name,aliases,email,phone,street,city,region,postal_code,country,notes"


def _write(tmp_path: Path, *lines: str) -> Path:
    path = tmp_path / "contacts.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_contacts(tmp_path: Path, admin_user: object) -> None:
    path = _write(
        tmp_path, HEADER, "person,Đặng Quốc Bảo,,,,,,,,,", "organization,Kestrel Solar LLC,,,,,,,,,"
    )
    dry = runner.invoke(app, ["import", "contacts", str(path), "--dry-run"])
    assert dry.exit_code == 0, dry.output
    assert "2 contacts ready to import." in dry.output and Contact.objects.count() == 0
    done = runner.invoke(app, ["import", "contacts", str(path)])
    assert done.exit_code == 0 and "Imported 2 contacts." in done.output
    assert Contact.objects.filter(name="Đặng Quốc Bảo").exists()


def test_import_with_bad_rows_exits_1_and_lists_them(tmp_path: Path, admin_user: object) -> None:
    path = _write(
        tmp_path, HEADER, "person,,,,,,,,,,", "person,Fine Name,,,,,,,,,", "thing,X,,,,,,,,,"
    )
    result = runner.invoke(app, ["import", "contacts", str(path)])
    assert result.exit_code == 1
    assert (
        "line 2" in result.output
        and "line 4" in result.output
        and "nothing was imported" in result.output
    )
    assert Contact.objects.count() == 0


def test_import_bad_file_and_missing_file(tmp_path: Path, admin_user: object) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("kind,name\nperson,Zoë\n".encode("latin-1"))
    result = runner.invoke(app, ["import", "contacts", str(path), "--layout", "clio"])
    assert result.exit_code == 1 and "UTF-8" in result.output
    missing = runner.invoke(app, ["import", "matters", str(tmp_path / "nope.csv")])
    assert missing.exit_code == 2 and "No such file" in missing.output


def test_demo_then_export(tmp_path: Path) -> None:
    result = runner.invoke(app, ["demo", "--clients", "5", "--matters", "8", "--seed", "3"])
    assert result.exit_code == 0, result.output
    assert "alice.attorney" in result.output and "casedesk-demo-2026" in result.output
    assert Matter.objects.count() == 8
    again = runner.invoke(app, ["demo", "--clients", "5", "--matters", "8"])
    assert again.exit_code == 1 and "--reset" in again.output
    target = tmp_path / "firm.json"
    exported = runner.invoke(app, ["export", "--format", "json", "--output", str(target)])
    assert exported.exit_code == 0, exported.output
    assert len(json.loads(target.read_text(encoding="utf-8"))["matters"]) == 8
    zipped = runner.invoke(app, ["export", "--format", "csv", "-o", str(tmp_path / "firm.zip")])
    assert zipped.exit_code == 0 and (tmp_path / "firm.zip").read_bytes()[:2] == b"PK"


def test_help_has_examples() -> None:
    for command in ("demo", "import", "export"):
        result = runner.invoke(app, [command, "--help"])
        assert result.exit_code == 0 and "Example" in result.output
