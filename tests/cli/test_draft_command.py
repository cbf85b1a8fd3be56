"""The `casedesk draft render|fields` contract: output files, JSON shape, one-line errors."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli.draft_commands import register
from casedesk.core.drafting.convert import soffice_path
from tests.core.drafting.test_fields import LETTER, LETTER_DATA, make_docm, make_docx

needs_soffice = pytest.mark.skipif(
    soffice_path() is None, reason="LibreOffice (soffice) is not installed"
)


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command, so `draft` is a real subcommand
        """Print nothing."""

    register(app)
    return app


def _run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    return make_docx(tmp_path / "letter-template.docx", LETTER)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "data.json"
    path.write_text(json.dumps(LETTER_DATA, ensure_ascii=False), encoding="utf-8")
    return path


def test_render_writes_the_docx(tmp_path: Path, letter: Path, data_file: Path) -> None:
    out = tmp_path / "letter.docx"
    code, _stdout, stderr = _run(
        "draft", "render", str(letter), "--data", str(data_file), "-o", str(out)
    )
    assert (code, stderr) == (0, "")
    texts = [p.text for p in docx.Document(str(out)).paragraphs]
    assert texts[0] == "Smith & Jones, Attorneys at Law"
    assert "2. محمد عبد الله, Defendant" in texts


def test_missing_fields_exit_1_name_each_and_write_nothing(tmp_path: Path, letter: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text(json.dumps({"matter": {"urgent": False, "fee": 1}, "parties": []}))
    out = tmp_path / "letter.docx"
    code, _stdout, stderr = _run(
        "draft", "render", str(letter), "--data", str(data), "-o", str(out)
    )
    assert code == 1
    assert len(stderr.strip().splitlines()) == 1
    assert stderr.startswith("error: ")
    # client.name is not listed again under the missing client itself
    assert stderr.endswith("needs: matter.case_number, client, matter.due\n")
    assert not out.exists()


def test_bad_json_is_one_line(tmp_path: Path, letter: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text('{"client": ')
    code, _stdout, stderr = _run(
        "draft", "render", str(letter), "--data", str(data), "-o", str(tmp_path / "o.docx")
    )
    assert code == 1
    assert stderr.startswith("error: ") and "not valid JSON" in stderr
    assert len(stderr.strip().splitlines()) == 1


def test_json_that_is_not_an_object_is_refused(tmp_path: Path, letter: Path) -> None:
    data = tmp_path / "data.json"
    data.write_text("[1, 2]")
    code, _stdout, stderr = _run(
        "draft", "render", str(letter), "--data", str(data), "-o", str(tmp_path / "o.docx")
    )
    assert code == 1 and "JSON object" in stderr


@pytest.mark.parametrize("missing", ["template", "data"])
def test_a_missing_file_is_one_line(
    tmp_path: Path, letter: Path, data_file: Path, missing: str
) -> None:
    template = tmp_path / "nope.docx" if missing == "template" else letter
    data = tmp_path / "nope.json" if missing == "data" else data_file
    code, _stdout, stderr = _run(
        "draft", "render", str(template), "--data", str(data), "-o", str(tmp_path / "o.docx")
    )
    assert code == 1
    assert "no such file" in stderr and len(stderr.strip().splitlines()) == 1
    assert not (tmp_path / "o.docx").exists()


def test_a_docm_is_refused(tmp_path: Path, letter: Path, data_file: Path) -> None:
    docm = make_docm(tmp_path / "letter.docm", letter)
    out = tmp_path / "o.docx"
    code, _stdout, stderr = _run(
        "draft", "render", str(docm), "--data", str(data_file), "-o", str(out)
    )
    assert code == 1
    assert "macro-enabled" in stderr and len(stderr.strip().splitlines()) == 1
    assert not out.exists()
    code, _stdout, stderr = _run("draft", "fields", str(docm))
    assert code == 1 and "macro-enabled" in stderr


def test_a_jinja_error_is_one_line_quoting_the_paragraph(tmp_path: Path, data_file: Path) -> None:
    template = make_docx(tmp_path / "t.docx", ["Dear {{ client.name }, please sign."])
    code, _stdout, stderr = _run(
        "draft", "render", str(template), "--data", str(data_file), "-o", str(tmp_path / "o.docx")
    )
    assert code == 1
    assert len(stderr.strip().splitlines()) == 1
    assert "Dear {{ client.name }, please sign." in stderr


def test_fields_json_contract(letter: Path) -> None:
    code, stdout, stderr = _run("draft", "fields", str(letter), "--json")
    assert (code, stderr) == (0, "")
    payload = json.loads(stdout)
    assert list(payload) == ["fields"]
    assert all(list(item) == ["name", "kind", "paragraph"] for item in payload["fields"])
    assert {"name": "parties", "kind": "list", "paragraph": "{% for p in parties %}"} in payload[
        "fields"
    ]
    assert [item["name"] for item in payload["fields"]][:3] == [
        "matter.case_number",
        "client.name",
        "parties",
    ]


def test_fields_table(letter: Path) -> None:
    code, stdout, _stderr = _run("draft", "fields", str(letter))
    assert code == 0
    assert "parties[].name" in stdout and "condition" in stdout


def test_pdf_without_libreoffice_exits_1_and_writes_nothing(
    tmp_path: Path, letter: Path, data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("casedesk.cli.draft_commands.soffice_path", lambda: None)
    out = tmp_path / "letter.pdf"
    code, _stdout, stderr = _run(
        "draft", "render", str(letter), "--data", str(data_file), "--pdf", "-o", str(out)
    )
    assert code == 1
    assert "LibreOffice" in stderr and len(stderr.strip().splitlines()) == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.json", "letter-template.docx"]


@needs_soffice
@pytest.mark.slow
def test_pdf_output_is_the_pdf_and_no_docx_is_kept(
    tmp_path: Path, letter: Path, data_file: Path
) -> None:
    out = tmp_path / "letter.pdf"
    code, _stdout, stderr = _run(
        "draft", "render", str(letter), "--data", str(data_file), "--pdf", "-o", str(out)
    )
    assert (code, stderr) == (0, "")
    assert out.read_bytes().startswith(b"%PDF")
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "data.json",
        "letter-template.docx",
        "letter.pdf",
    ]


@needs_soffice
@pytest.mark.slow
def test_pdf_with_a_docx_output_keeps_both(tmp_path: Path, letter: Path, data_file: Path) -> None:
    out = tmp_path / "letter.docx"
    code, _stdout, stderr = _run(
        "draft", "render", str(letter), "--data", str(data_file), "--pdf", "-o", str(out)
    )
    assert (code, stderr) == (0, "")
    assert (tmp_path / "letter.pdf").read_bytes().startswith(b"%PDF")
    assert docx.Document(str(out)).paragraphs[0].text == "Smith & Jones, Attorneys at Law"
