"""``casedesk chronology export MATTER_NUMBER [--format csv|json] -o OUT`` (exact contract)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casedesk.cli.main import app
from casedesk.web.audit.models import AuditEntry
from casedesk.web.chronology.services import FactInput, fact_create
from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db
runner = CliRunner()
CLIENT = "Nguyễn Thị Minh Khai"
ADVERSE = "شركة النور للتجارة"


@pytest.fixture
def matter(admin_user: Any) -> Any:
    matter = make_matter(
        "2027-0301",
        "Nguyễn v. Al-Noor",
        attorney=admin_user,
        parties=[(CLIENT, "person", "client", []), (ADVERSE, "organization", "adverse-party", [])],
    )
    people = [p.contact.pk for p in matter.parties.order_by("contact__name")]
    fact_create(
        by=admin_user,
        matter=matter,
        data=FactInput(
            date_text="March 2024",
            description="Roof collapsed",
            people=people,
            new_issues="Thiệt hại; Notice",
            source_page="4",
            source_bates="AN0001",
            material=True,
        ),
    )
    fact_create(by=admin_user, matter=matter, data=FactInput(description="Undated", disputed=True))
    return matter


def test_json_export(tmp_path: Path, matter: Any, admin_user: Any) -> None:
    out = tmp_path / "facts.json"
    result = runner.invoke(
        app, ["chronology", "export", matter.number, "--format", "json", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "2 facts" in result.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["matter"] == "2027-0301"
    first, second = data["facts"]
    assert set(first) == {
        "date", "date_kind", "date_start", "date_end", "description", "people", "issues",
        "source", "page", "bates", "material", "disputed", "entered_by",
    }  # fmt: skip
    assert (first["date"], first["date_kind"]) == ("Mar. 2024", "month")
    assert (first["date_start"], first["date_end"]) == ("2024-03-01", "2024-03-31")
    assert sorted(first["people"]) == sorted([CLIENT, ADVERSE])
    assert sorted(first["issues"]) == ["Notice", "Thiệt hại"]
    assert (first["page"], first["bates"], first["material"]) == ("4", "AN0001", True)
    assert first["entered_by"] == admin_user.display_name
    assert second["date_kind"] == "unknown" and second["date_start"] is None and second["disputed"]
    assert AuditEntry.objects.filter(action="chronology.export").exists()


def test_csv_export_is_the_default(tmp_path: Path, matter: Any) -> None:
    out = tmp_path / "facts.csv"
    result = runner.invoke(app, ["chronology", "export", matter.number, "-o", str(out)])
    assert result.exit_code == 0, result.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert rows[0] == [
        "Date", "Description", "People", "Issues", "Source", "Page", "Bates", "Material",
        "Disputed", "Entered by",
    ]  # fmt: skip
    assert rows[1][0] == "Mar. 2024" and ADVERSE in rows[1][2] and CLIENT in rows[1][2]
    assert rows[2][0] == "" and rows[2][1] == "Undated"  # an undated fact: no date


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["chronology", "export", "1999-0000", "-o", "{out}"], "no matter '1999-0000'"),
        (["chronology", "export", "2027-0301", "--format", "xml", "-o", "{out}"], "csv or json"),
        (["chronology", "export", "2027-0301", "-o", "{missing}"], "is not a folder"),
    ],
)
def test_errors_are_one_line_exit_1(
    tmp_path: Path, matter: Any, args: list[str], words: str
) -> None:
    paths = {"out": str(tmp_path / "o.csv"), "missing": str(tmp_path / "nope" / "o.csv")}
    result = runner.invoke(app, [a.format(**paths) for a in args])
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and words in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_walled_matter_is_unknown(
    tmp_path: Path, matter: Any, make_user: Any, monkeypatch: Any, admin_user: Any
) -> None:
    user = make_user("attorney", "walled")
    EthicalWall.objects.create(matter=matter, user=user, reason="screen", created_by=admin_user)
    monkeypatch.setenv("CASEDESK_USER", "walled")
    result = runner.invoke(
        app, ["chronology", "export", matter.number, "-o", str(tmp_path / "o.csv")]
    )
    assert result.exit_code == 1 and "no matter" in result.stderr
    assert not (tmp_path / "o.csv").exists()
