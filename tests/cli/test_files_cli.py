"""``casedesk files add|search|trash|purge`` and ``casedesk reindex`` (exact output contract)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from casedesk.cli.main import app
from casedesk.web.documents.models import Document
from casedesk.web.documents.retention_services import hold_place
from casedesk.web.matters.models import EthicalWall
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db
runner = CliRunner()


@pytest.fixture(autouse=True)
def storage(settings: Any, tmp_path: Path) -> None:
    settings.CASEDESK_BLOB_DIR = tmp_path / "blobs"
    settings.CASEDESK_INDEX_DIR = tmp_path / "index"
    settings.CASEDESK_UPLOAD_TMP_DIR = tmp_path / "uploads"
    (tmp_path / "uploads").mkdir()


@pytest.fixture
def matter(admin_user: Any) -> Any:
    return make_matter("2027-0301", "Lê v. Pacific Mutual", attorney=admin_user)


def _files(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "Production 1"
    (folder / "letters").mkdir(parents=True)
    (folder / "letters" / "demand.txt").write_text(
        "Demand letter about the flooded warehouse.", encoding="utf-8"
    )
    (folder / "memo.txt").write_text("Memo on subrogation and the warehouse.", encoding="utf-8")
    single = tmp_path / "Hợp đồng.txt"
    single.write_text("Hợp đồng thuê kho (warehouse lease).", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    return [folder, single, empty]


def test_add_prints_one_id_per_stored_document_and_search_finds_them(
    tmp_path: Path, matter: Any
) -> None:
    result = runner.invoke(
        app, ["files", "add", "--matter", matter.number, *map(str, _files(tmp_path))]
    )
    assert result.exit_code == 0, result.output
    ids = [int(line) for line in result.stdout.split()]
    assert len(ids) == 3 and sorted(ids) == sorted(Document.objects.values_list("pk", flat=True))
    assert "empty.txt is empty" in result.stderr
    assert Document.objects.get(title="demand").folder == "Production 1/letters"

    found = runner.invoke(app, ["files", "search", "warehouse", "--json"])
    assert found.exit_code == 0, found.output
    body = json.loads(found.stdout)
    assert body["total"] == 3 and {h["matter"] for h in body["hits"]} == {matter.number}
    assert set(body["hits"][0]) == {"id", "matter", "title", "score", "snippet"}
    assert "warehouse" in body["hits"][0]["snippet"]

    one = json.loads(
        runner.invoke(app, ["files", "search", '"flooded warehouse"', "--json"]).stdout
    )
    assert [h["title"] for h in one["hits"]] == ["demand"]
    viet = json.loads(runner.invoke(app, ["files", "search", "thuê", "--json"]).stdout)
    assert [h["title"] for h in viet["hits"]] == ["Hợp đồng"]


def test_search_respects_walls_for_the_cli_user(
    tmp_path: Path, matter: Any, attorney: Any, admin_user: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner.invoke(app, ["files", "add", "--matter", matter.number, *map(str, _files(tmp_path))])
    EthicalWall.objects.create(matter=matter, user=attorney, reason="screen", created_by=admin_user)
    monkeypatch.setenv("CASEDESK_USER", attorney.username)
    body = json.loads(runner.invoke(app, ["files", "search", "warehouse", "--json"]).stdout)
    assert body == {"total": 0, "hits": []}
    refused = runner.invoke(app, ["files", "add", "--matter", matter.number, str(tmp_path)])
    assert refused.exit_code == 1 and "No matter" in refused.stderr


def test_bad_query_unknown_matter_and_hold(tmp_path: Path, matter: Any, admin_user: Any) -> None:
    bad = runner.invoke(app, ["files", "search", '"unclosed', "--json"])
    assert bad.exit_code == 1 and bad.stderr.strip()
    nope = runner.invoke(app, ["files", "add", "--matter", "1999-0000", str(tmp_path)])
    assert nope.exit_code == 1
    added = runner.invoke(
        app, ["files", "add", "--matter", matter.number, str(_files(tmp_path)[1])]
    )
    doc_id = int(added.stdout.split()[0])
    hold_place(by=admin_user, matter=matter, reason="Litigation hold")
    held = runner.invoke(app, ["files", "trash", str(doc_id)])
    assert held.exit_code == 1 and "legal hold" in held.stderr
    assert Document.objects.get(pk=doc_id).deleted_at is None


def test_reindex_rebuilds_from_the_database(tmp_path: Path, matter: Any, settings: Any) -> None:
    runner.invoke(app, ["files", "add", "--matter", matter.number, *map(str, _files(tmp_path))])
    import shutil

    shutil.rmtree(settings.CASEDESK_INDEX_DIR)
    assert (
        json.loads(runner.invoke(app, ["files", "search", "warehouse", "--json"]).stdout)["total"]
        == 0
    )
    done = runner.invoke(app, ["reindex"])
    assert done.exit_code == 0 and "Indexed 3 document(s)." in done.stdout
    assert (
        json.loads(runner.invoke(app, ["files", "search", "warehouse", "--json"]).stdout)["total"]
        == 3
    )
