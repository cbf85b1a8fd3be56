"""Commands that touch the firm's data create and migrate a fresh data directory on first use."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

CASEDESK = [sys.executable, "-m", "casedesk.cli.main"]


def run(args: list[str], data_dir: Path, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DJANGO_SETTINGS_MODULE"}
    }
    environ.update({"CASEDESK_DATA_DIR": str(data_dir), "PYTHONHASHSEED": "0", **env})
    return subprocess.run(CASEDESK + args, env=environ, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def fresh(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fresh") / "data"


def test_audit_verify_on_a_fresh_directory(fresh: Path) -> None:
    result = run(["audit", "verify"], fresh)
    assert result.returncode == 0, result.stderr
    assert "chain intact" in result.stdout
    db = fresh / "casedesk.sqlite3"
    assert db.exists()
    import sqlite3

    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_conflicts_check_on_the_database_is_audited(fresh: Path) -> None:
    result = run(["conflicts", "check", "--json", "Nguyễn Văn An", "ACME Inc."], fresh)
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert [r["query"] for r in body] == ["Nguyễn Văn An", "ACME Inc."]
    assert all(r["hits"] == [] for r in body)
    verify = run(["audit", "verify"], fresh)
    assert "1 audit entries" in verify.stdout or "2 audit entries" in verify.stdout


def test_conflicts_check_with_a_registry(tmp_path: Path) -> None:
    registry = tmp_path / "registry.csv"
    registry.write_text(
        "id,name,kind,role,matter,aliases\n"
        "p1,Margaret O'Brien-Walsh,person,former-client,2024-0007,Peggy Walsh\n"
        'p2,"Acme Holdings, Inc.",organization,adverse-party,2025-0101,Acme\n'
        "p3,Ronjon Arrowsmith,person,witness,2025-0101,\n",
        encoding="utf-8",
    )
    result = run(
        [
            "conflicts",
            "check",
            "--registry",
            str(registry),
            "--json",
            "Peggy O'Brien",
            "ACME HOLDINGS INCORPORATED",
            "Jon Smith",
        ],
        tmp_path / "unused",
    )
    assert result.returncode == 0, result.stderr
    body = json.loads(result.stdout)
    assert [h["id"] for h in body[0]["hits"]][:1] == ["p1"]
    assert body[1]["hits"][0]["id"] == "p2" and body[1]["hits"][0]["score"] >= 90
    assert body[2]["hits"] == []
    for result_ in body:
        scores = [h["score"] for h in result_["hits"]]
        assert scores == sorted(scores, reverse=True)
        for hit in result_["hits"]:
            assert set(hit) == {"id", "name", "role", "matter", "score", "reason"} and hit["reason"]


def test_a_bad_registry_gets_a_clear_message(tmp_path: Path) -> None:
    registry = tmp_path / "bad.csv"
    registry.write_text(
        "id,name,kind,role,matter,aliases\np1,,person,client,,\np2,X,robot,client,,\n"
    )
    result = run(["conflicts", "check", "--registry", str(registry), "X"], tmp_path / "unused")
    assert result.returncode == 2
    assert "line 2" in result.stderr.lower() and "line 3" in result.stderr.lower()
    missing = run(
        ["conflicts", "check", "--registry", str(tmp_path / "nope.csv"), "X"], tmp_path / "unused"
    )
    assert missing.returncode == 2 and "No such file" in missing.stderr


def test_help_has_examples(tmp_path: Path) -> None:
    for args in (["--help"], ["conflicts", "check", "--help"], ["audit", "verify", "--help"]):
        result = run(args, tmp_path / "unused")
        assert result.returncode == 0
    assert "Example" in run(["conflicts", "check", "--help"], tmp_path / "unused").stdout
