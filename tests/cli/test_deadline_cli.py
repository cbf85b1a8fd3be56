"""The `casedesk deadline` contract: options, the `rules` subcommand, --json, one-line errors."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli.deadline_commands import register


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command, so `deadline` is a real subcommand
        typer.echo("0")

    register(app)
    return app


runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(_app(), ["deadline", *args])
    return result.exit_code, result.stdout, result.stderr


def test_json_contract() -> None:
    code, out, _ = run(
        "--court", "federal-ca", "--from", "2027-03-10", "--rule", "frcp-answer", "--json"
    )
    assert code == 0
    data = json.loads(out)
    assert list(data) == ["due_date", "due_time", "court", "rule", "steps", "notes"]
    assert data["due_date"] == "2027-04-01"
    assert data["due_time"] == "23:59"
    assert data["court"] == "federal-ca"
    assert data["rule"] == "frcp-answer"
    assert any("Cesar Chavez Day" in step for step in data["steps"])


def test_period_options_before_service_closed_and_hours() -> None:
    code, out, _ = run(
        "--court",
        "ca",
        "--from",
        "2010-09-15",
        "--court-days",
        "16",
        "--before",
        "--service",
        "mail",
        "--json",
    )
    assert code == 0 and json.loads(out)["due_date"] == "2010-08-18"
    assert json.loads(out)["rule"] is None and json.loads(out)["due_time"] is None
    code, out, _ = run(
        "--court",
        "federal",
        "--from",
        "2007-09-11",
        "--days",
        "10",
        "--before",
        "--closed",
        "2007-08-31",
        "--json",
    )
    assert code == 0 and json.loads(out)["due_date"] == "2007-09-04"
    code, out, _ = run(
        "--court", "federal", "--from", "2026-11-25T10:30", "--hours", "72", "--json"
    )
    assert code == 0 and json.loads(out)["due_date"] == "2026-11-30"
    assert json.loads(out)["due_time"] == "10:30"
    code, out, _ = run("--court", "tx", "--from", "2013-10-01", "--rule", "tx-answer", "--json")
    assert code == 0 and (json.loads(out)["due_date"], json.loads(out)["due_time"]) == (
        "2013-10-28",
        "10:00",
    )


def test_readable_output() -> None:
    code, out, _ = run("--court", "ca", "--from", "2026-03-01", "--rule", "ca-answer")
    assert code == 0
    assert "Due Wednesday, April 1, 2026" in out
    assert "Cesar Chavez Day" in out


def test_rules_subcommand_lists_citations() -> None:
    code, out, _ = run("rules")
    assert code == 0
    for rule_id, citation in [
        ("frcp-answer", "FRCP 12(a)(1)(A)(i)"),
        ("tx-answer", "TRCP 99(b)"),
        ("ca-reply", "CCP 1005(b)"),
    ]:
        line = next(line for line in out.splitlines() if line.startswith(rule_id + " "))
        assert citation in line
    code, out, _ = run("rules", "--court", "ny")
    assert code == 0 and "ny-answer-personal" in out and "frcp-answer" not in out


@pytest.mark.parametrize(
    "args",
    [
        ["--court", "mars", "--from", "2026-01-05", "--days", "3"],
        ["--court", "ca", "--from", "2026-01-05", "--rule", "no-such-rule"],
        ["--court", "ca", "--from", "2026-02-30", "--days", "3"],
        ["--court", "ca", "--from", "yesterday", "--days", "3"],
        ["--court", "ca", "--from", "2026-01-05", "--days", "0"],
        ["--court", "ca", "--from", "2026-01-05", "--court-days", "-2"],
        ["--court", "ca", "--from", "2040-01-05", "--days", "3"],
        ["--court", "ca", "--from", "2026-01-05"],
        ["--court", "ca", "--from", "2026-01-05", "--days", "3", "--rule", "ca-answer"],
        ["--court", "ca", "--from", "2026-01-05", "--days", "3", "--service", "pigeon"],
        ["--court", "ca", "--from", "2026-01-05", "--days", "3", "--closed", "someday"],
        ["rules", "--court", "mars"],
    ],
)
def test_bad_input_exits_non_zero_with_one_line(args: list[str]) -> None:
    code, out, err = run(*args)
    assert code != 0
    assert err.strip() and len(err.strip().splitlines()) == 1, err
    assert out == ""


def test_help_has_examples() -> None:
    result = runner.invoke(_app(), ["deadline", "--help"])
    assert result.exit_code == 0
    assert "casedesk deadline --court" in result.stdout and "rules" in result.stdout


def test_the_command_does_not_import_django() -> None:
    code = (
        "import sys, casedesk.cli.deadline_commands as m, casedesk.core.deadlines as d;"
        "assert not any(n == 'django' or n.startswith('django.') for n in sys.modules), 'django'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
