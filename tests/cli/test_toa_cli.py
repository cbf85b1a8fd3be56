"""The `casedesk toa` contract: --json, --format with -o, --passim, warnings on stderr, and
one-line errors with exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli.failures import EXIT_ERROR
from casedesk.cli.toa_commands import register
from tests.core.toa.briefs import make_brief, paragraphs


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command, so `toa` is a real subcommand
        typer.echo("0")

    register(app)
    return app


runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(_app(), ["toa", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def brief(tmp_path_factory: pytest.TempPathFactory) -> Path:
    body = [
        paragraphs(f"Point {n}. Roe v. Wade, 410 U.S. 113 (1973). See 42 U.S.C. § 1983.")
        for n in range(1, 6)
    ]
    return make_brief(tmp_path_factory.mktemp("toa") / "brief.pdf", body=body)


def test_json_contract(brief: Path) -> None:
    code, out, err = run(str(brief), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert data == {
        "entries": [
            {
                "category": "cases",
                "authority": "Roe v. Wade, 410 U.S. 113 (1973)",
                "pages": ["1-5"],
                "passim": True,
            },
            {
                "category": "statutes",
                "authority": "42 U.S.C. § 1983",
                "pages": ["1-5"],
                "passim": True,
            },
        ]
    }


def test_passim_option(brief: Path) -> None:
    code, out, _ = run(str(brief), "--json", "--passim", "0")
    assert code == 0
    assert not any(entry["passim"] for entry in json.loads(out)["entries"])
    code, _, err = run(str(brief), "--passim", "-1")
    assert code != 0


def test_table_without_options(brief: Path) -> None:
    code, out, _ = run(str(brief))
    assert code == 0
    assert "Roe v. Wade" in out and "passim" in out


@pytest.mark.parametrize("fmt", ["docx", "json"])
def test_format_writes_the_file(brief: Path, tmp_path: Path, fmt: str) -> None:
    out_path = tmp_path / f"toa.{fmt}"
    code, out, err = run(str(brief), "--format", fmt, "-o", str(out_path))
    assert code == 0, err
    assert out == ""
    if fmt == "docx":
        texts = [p.text for p in docx.Document(str(out_path)).paragraphs]
        assert texts[0] == "TABLE OF AUTHORITIES"
        assert "Roe v. Wade, 410 U.S. 113 (1973)\tpassim" in texts
    else:
        assert json.loads(out_path.read_text("utf-8"))["entries"][0]["category"] == "cases"


def test_format_from_the_output_suffix(brief: Path, tmp_path: Path) -> None:
    out_path = tmp_path / "table.docx"
    code, _, err = run(str(brief), "-o", str(out_path))
    assert code == 0, err
    assert out_path.exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.pdf"], "missing.pdf: no such file."),
        (["{brief}", "--format", "html", "-o", "x.html"], "--format must be docx, pdf or json"),
        (["{brief}", "--format", "docx"], "--format docx needs -o OUT"),
        (["{brief}", "-o", "table.txt"], "give --format docx, pdf or json"),
    ],
)
def test_errors_exit_1_with_one_line(brief: Path, args: list[str], message: str) -> None:
    code, out, err = run(*[arg.replace("{brief}", str(brief)) for arg in args])
    assert code == EXIT_ERROR
    assert out == ""
    assert err.startswith("error: ") and message in err and err.count("\n") == 1


def test_unreadable_file(tmp_path: Path) -> None:
    bad = tmp_path / "notes.pdf"
    bad.write_bytes(b"just text")
    code, _, err = run(str(bad), "--json")
    assert code == EXIT_ERROR
    assert err == "error: notes.pdf is not a PDF or a Word (.docx) document.\n"


def test_warnings_go_to_stderr(tmp_path: Path) -> None:
    plain = make_brief(
        tmp_path / "plain.pdf",
        body=[paragraphs("Roe v. Wade, 410 U.S. 113 (1973), decided the question.")],
        numbering="none",
    )
    code, out, err = run(str(plain), "--json")
    assert code == 0
    assert json.loads(out)["entries"][0]["pages"] == ["1"]
    assert err.startswith("warning: No printed page numbers were found")


def test_word_brief_without_libreoffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    document = docx.Document()
    document.add_paragraph("Roe v. Wade, 410 U.S. 113 (1973).")
    path = tmp_path / "brief.docx"
    document.save(str(path))
    monkeypatch.setattr("casedesk.core.drafting.convert.soffice_path", lambda: None)
    code, _, err = run(str(path), "--json")
    assert code == EXIT_ERROR
    assert "LibreOffice is not installed" in err
