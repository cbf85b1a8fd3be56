"""The `casedesk extract FILE [--json]` contract: JSON shape, the table, OCR first for scans,
and one-line errors with exit status 1."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli.extract_commands import register
from casedesk.cli.failures import EXIT_ERROR
from casedesk.core.extract.results import ExtractedText
from tests.core.extract.test_text import make_text_pdf

NOTICE = """\
SUPERIOR COURT OF THE STATE OF CALIFORNIA
FOR THE COUNTY OF LOS ANGELES

TERESA MONTOYA,                     )   Case No. 24STCV12345
            Plaintiff,              )
     v.                             )
SUNSET TERRACE APARTMENTS, L.P.,    )
            Defendant.              )

PLEASE TAKE NOTICE that the hearing is set for January 5, 2027 at 9:00 a.m. in Department 12.
Any opposition shall be filed no later than nine court days before the hearing.

Dated: November 18, 2026
"""


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command, so `extract` is a real subcommand
        typer.echo("0")

    register(app)
    return app


runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(_app(), ["extract", *args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def notice(tmp_path: Path) -> Path:
    path = tmp_path / "notice.txt"
    path.write_text(NOTICE, encoding="utf-8")
    return path


def test_json_contract(notice: Path) -> None:
    code, out, err = run(str(notice), "--json")
    assert code == 0, err
    data = json.loads(out)
    assert list(data) == ["fields"]
    assert all(list(f) == ["kind", "value", "text"] for f in data["fields"])
    found = [(f["kind"], f["value"]) for f in data["fields"]]
    assert found == [
        ("court", "calsuppctla"),
        ("party", "TERESA MONTOYA"),
        ("case_number", "24STCV12345"),
        ("party", "SUNSET TERRACE APARTMENTS, L.P."),
        ("hearing", "2027-01-05T09:00"),
        ("deadline", "9 court days before hearing"),
        ("date", "2026-11-18"),
    ]
    hearing = next(f for f in data["fields"] if f["kind"] == "hearing")
    assert hearing["text"] == (
        "PLEASE TAKE NOTICE that the hearing is set for January 5, 2027 at 9:00 a.m. in "
        "Department 12."
    )


def test_table(notice: Path) -> None:
    code, out, _ = run(str(notice))
    assert code == 0
    for expected in ("calsuppctla", "24STCV12345", "2027-01-05T09:00", "Department 12"):
        assert expected in out


def test_nothing_found(tmp_path: Path) -> None:
    path = tmp_path / "memo.txt"
    path.write_text("Please keep the kitchen tidy.\n", encoding="utf-8")
    assert run(str(path), "--json")[:2] == (0, '{\n  "fields": []\n}\n')
    assert "No fields found" in run(str(path))[1]


def test_a_text_pdf(tmp_path: Path) -> None:
    pdf = make_text_pdf(
        tmp_path / "order.pdf",
        [["Case No. 2:24-cv-01234-ABC", "The hearing is set for March 3, 2027 at 10:00 a.m."]],
    )
    code, out, err = run(str(pdf), "--json")
    assert code == 0, err
    values = [f["value"] for f in json.loads(out)["fields"]]
    assert values == ["2:24-cv-01234-ABC", "2027-03-03T10:00"]


def test_a_scan_is_ocred_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    calls: list[tuple[Path, Path, str]] = []

    def fake_ocr(src: Path, dst: Path, *, kind: object) -> ExtractedText:
        calls.append((src, dst, str(kind)))
        assert dst.parent.is_dir()
        return ExtractedText("Index No. 654321/2024", 1, "ocr", False, False)

    import casedesk.core.extract.ocr as ocr

    monkeypatch.setattr(ocr, "ocr_to_pdf", fake_ocr)
    code, out, err = run(str(scan), "--json")
    assert code == 0, err
    assert json.loads(out)["fields"][0]["value"] == "654321/2024"
    assert calls and calls[0][0] == scan and calls[0][2] == "image"
    assert not calls[0][1].parent.exists()  # the temporary folder is gone


@pytest.mark.parametrize(
    ("name", "content", "phrase"),
    [
        ("missing.txt", None, "no such file"),
        ("empty.txt", b"", "empty"),
        ("archive.bin", b"\x00\x01\x02\x03" * 100, "cannot take text"),
    ],
)
def test_errors_exit_1_with_one_line(
    tmp_path: Path, name: str, content: bytes | None, phrase: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(str(path), "--json")
    assert code == EXIT_ERROR == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("error: ") and phrase in err.lower()


def test_encrypted_pdf(tmp_path: Path) -> None:
    plain = make_text_pdf(tmp_path / "plain.pdf", [["Case No. 24STCV12345"]])
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="secret", owner="owner"))
    code, _, err = run(str(locked))
    assert code == 1
    assert "password-protected" in err and err.count("\n") == 1


def test_ocr_failure_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from casedesk.core.extract import ocr
    from casedesk.core.extract.results import ExtractionError

    def broken(src: Path, dst: Path, *, kind: object) -> ExtractedText:
        raise ExtractionError("OCR is not set up on this server.", detail="tesseract missing")

    monkeypatch.setattr(ocr, "ocr_to_pdf", broken)
    scan = tmp_path / "scan.png"
    scan.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    code, _, err = run(str(scan))
    assert code == 1
    assert err == f"error: {scan}: OCR is not set up on this server.\n"


@pytest.mark.slow
def test_a_real_scan_end_to_end(tmp_path: Path) -> None:
    from casedesk.core.extract.ocr import ocr_available
    from tests.core.extract.test_text import make_scanned_pdf

    available, reason = ocr_available()
    if not available:
        pytest.skip(f"OCR is not available here: {reason}")
    scan = make_scanned_pdf(
        tmp_path / "scan.pdf", [["Case No. 24STCV12345", "Dated: November 18, 2026"]]
    )
    code, out, err = run(str(scan), "--json")
    assert code == 0, err
    values = [f["value"] for f in json.loads(out)["fields"]]
    assert values == ["24STCV12345", "2026-11-18"]
