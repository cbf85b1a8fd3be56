"""``casedesk templates list|install-starter|add|generate``."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli import template_commands
from casedesk.web.drafting.models import DraftTemplate, GeneratedDocument, MatterAnswer
from tests.web.drafting.conftest import CLIENT_NAME, LETTER

pytestmark = pytest.mark.django_db
runner = CliRunner()

root = typer.Typer()
template_commands.register(root)


@root.callback()
def _root() -> None:
    """casedesk (test root)."""


def test_add_list_and_generate_with_a_copy(
    admin_user: Any, matter: Any, make_docx: Callable[..., Path], tmp_path: Path
) -> None:
    added = runner.invoke(
        root, ["templates", "add", "Hearing letter", str(make_docx(LETTER)), "--kind", "letter"]
    )
    assert added.exit_code == 0, added.output
    assert added.stdout.strip() == "hearing-letter"
    listed = runner.invoke(root, ["templates", "list"])
    assert listed.exit_code == 0 and "hearing-letter" in listed.stdout

    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"hearing.date": "2027-06-01"}), encoding="utf-8")
    bad = runner.invoke(
        root, ["templates", "generate", matter.number, "hearing-letter", "--answers", str(answers)]
    )
    assert bad.exit_code == 1
    assert (
        "error: 1 answer(s)" in bad.stderr
        and "hearing.department: Answer this question." in bad.stderr
    )
    assert not GeneratedDocument.objects.exists()

    answers.write_text(
        json.dumps({"hearing.date": "2027-06-01", "hearing.department": "Dept. 17"}),
        encoding="utf-8",
    )
    out = tmp_path / "letter.docx"
    made = runner.invoke(
        root,
        [
            "templates",
            "generate",
            matter.number,
            "hearing-letter",
            "--answers",
            str(answers),
            "-o",
            str(out),
        ],
    )
    assert made.exit_code == 0, made.output
    generated = GeneratedDocument.objects.get()
    assert made.stdout.strip() == str(generated.document_id)
    assert CLIENT_NAME in [p.text for p in docx.Document(str(out)).paragraphs]
    assert MatterAnswer.objects.filter(matter=matter).count() == 2


def test_clear_one_line_errors(admin_user: Any, matter: Any, tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("not word")
    result = runner.invoke(root, ["templates", "add", "Fake", str(fake)])
    assert result.exit_code == 1 and result.stderr.startswith("error: fake.docx is not a Word")
    answers = tmp_path / "a.json"
    answers.write_text("{}", encoding="utf-8")
    missing = runner.invoke(
        root, ["templates", "generate", "1999-0001", "nope", "--answers", str(answers)]
    )
    assert missing.exit_code == 1 and "No matter '1999-0001'" in missing.stderr
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    result = runner.invoke(
        root, ["templates", "generate", matter.number, "x", "--answers", str(broken)]
    )
    assert result.exit_code == 1 and "not valid JSON" in result.stderr


def test_install_starter_twice(admin_user: Any) -> None:
    first = runner.invoke(root, ["templates", "install-starter"])
    assert first.exit_code == 0, first.output
    count = DraftTemplate.objects.count()
    assert f"{count} added" in first.stdout
    second = runner.invoke(root, ["templates", "install-starter"])
    assert "0 added, 0 updated" in second.stdout and DraftTemplate.objects.count() == count
