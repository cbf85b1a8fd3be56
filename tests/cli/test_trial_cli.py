"""The `casedesk bates`, `exhibit-stamp` and `binder` contracts: outputs, printed lines, load
files, and one-line errors (exit 1) that stop before anything is written."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
import typer
from typer.testing import CliRunner

from casedesk.cli.failures import EXIT_ERROR
from casedesk.cli.trial_commands import register
from casedesk.core.production import read_dat
from tests.core.pdf.test_binder import make_pdf


def _app() -> typer.Typer:
    app = typer.Typer()

    @app.command()
    def version() -> None:  # a second command, so ours are real subcommands
        typer.echo("0")

    register(app)
    return app


runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(_app(), list(args))
    return result.exit_code, result.stdout, result.stderr


def text_of(path: Path, page: int) -> str:
    return subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout


@pytest.fixture
def inputs(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "in"
    folder.mkdir()
    return [
        make_pdf(folder / "contract.pdf", 12, "Contract"),
        make_pdf(folder / "letter.pdf", 1, "Letter", rotate=90),
        make_pdf(folder / "memo.pdf", 3, "Memo"),
    ]


def test_bates_numbers_across_inputs_and_writes_load_files(
    tmp_path: Path, inputs: list[Path]
) -> None:
    out = tmp_path / "VOL001"
    before = [p.read_bytes() for p in inputs]
    code, stdout, stderr = run(
        "bates", *map(str, inputs), "--prefix", "ACME", "--start", "98", "--legend",
        "CONFIDENTIAL", "--out", str(out), "--log", str(out / "log.csv"),
        "--dat", str(out / "VOL001.dat"), "--opt", str(out / "VOL001.opt"),
    )  # fmt: skip
    assert code == 0, stderr
    assert stdout.splitlines() == [
        "ACME000098-ACME000109 contract.pdf (12 pages)",
        "ACME000110-ACME000110 letter.pdf (1 page)",
        "ACME000111-ACME000113 memo.pdf (3 pages)",
    ]
    assert [p.read_bytes() for p in inputs] == before  # originals untouched
    assert sorted(p.name for p in out.glob("*.pdf")) == ["contract.pdf", "letter.pdf", "memo.pdf"]
    page = text_of(out / "contract.pdf", 12)
    assert "ACME000109" in page and "CONFIDENTIAL" in page
    assert "ACME000110" in text_of(out / "letter.pdf", 1)
    rows = read_dat(out / "VOL001.dat")
    assert [(r["BEGBATES"], r["ENDBATES"], r["PGCOUNT"], r["FILENAME"]) for r in rows] == [
        ("ACME000098", "ACME000109", "12", "contract.pdf"),
        ("ACME000110", "ACME000110", "1", "letter.pdf"),
        ("ACME000111", "ACME000113", "3", "memo.pdf"),
    ]
    assert rows[0]["CONFIDENTIALITY"] == "CONFIDENTIAL" and len(rows[0]["MD5HASH"]) == 32
    opt = (out / "VOL001.opt").read_bytes().decode().split("\r\n")
    assert opt[0] == "ACME000098,VOL001,contract.pdf,Y,,,12"
    assert opt[1] == "ACME000099,VOL001,contract.pdf,,,,"
    assert opt[12] == "ACME000110,VOL001,letter.pdf,Y,,,1"
    assert len([line for line in opt if line]) == 16
    log = (out / "log.csv").read_bytes().decode("utf-8-sig").splitlines()
    assert log[0] == "Begin,End,Pages,Date,Title,Custodian,Confidentiality"
    assert log[1] == "ACME000098,ACME000109,12,,contract,,CONFIDENTIAL"


def test_bates_options_font_size_position_digits(tmp_path: Path, inputs: list[Path]) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run(
        "bates", str(inputs[2]), "--prefix", "D-", "--digits", "4", "--position", "top-left",
        "--font", "Courier", "--size", "12", "--out", str(out),
    )  # fmt: skip
    assert code == 0, stderr
    assert stdout.strip() == "D-0001-D-0003 memo.pdf (3 pages)"
    with pikepdf.open(out / "memo.pdf") as pdf:
        fonts = pdf.pages[0].obj.Resources.Font
        assert any(f.get("/BaseFont") == pikepdf.Name.Courier for f in fonts.values())


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--prefix", "AC/ME"], "cannot contain a slash"),
        (["--prefix", "ACME", "--position", "middle"], "--position must be one of"),
        (["--prefix", "ACME", "--font", "Arial"], "--font must be one of"),
        (["--prefix", "ACME", "--legend", "Bảo mật"], "legend can only use Latin letters"),
        (["--prefix", "ACME", "--digits", "3", "--start", "990"], "needs 4 digits"),
    ],
)
def test_bates_bad_options_write_nothing(
    tmp_path: Path, inputs: list[Path], args: list[str], message: str
) -> None:
    out = tmp_path / "out"
    code, stdout, stderr = run("bates", *map(str, inputs), *args, "--out", str(out))
    assert code == EXIT_ERROR
    assert stderr.startswith("error: ") and message in stderr
    assert len(stderr.strip().splitlines()) == 1
    assert not out.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "broken.pdf is empty (0 bytes)."),
        (b"just text", "broken.pdf is not a PDF."),
        (None, "broken.pdf is encrypted: remove its password"),
    ],
)
def test_bates_bad_input_stops_before_writing(
    tmp_path: Path, inputs: list[Path], content: bytes | None, message: str
) -> None:
    broken = tmp_path / "in" / "broken.pdf"
    if content is None:
        with pikepdf.open(inputs[0]) as pdf:
            pdf.save(broken, encryption=pikepdf.Encryption(owner="o", user="pw"))
    else:
        broken.write_bytes(content)
    out = tmp_path / "out"
    code, stdout, stderr = run(
        "bates", str(inputs[0]), str(broken), "--prefix", "A", "--out", str(out)
    )
    assert code == EXIT_ERROR
    assert message in stderr and stdout == ""
    assert not out.exists()


def test_bates_never_writes_over_an_input(tmp_path: Path, inputs: list[Path]) -> None:
    before = inputs[0].read_bytes()
    code, _, stderr = run("bates", str(inputs[0]), "--prefix", "A", "--out", str(inputs[0].parent))
    assert code == EXIT_ERROR
    assert "holds the input contract.pdf" in stderr
    assert inputs[0].read_bytes() == before
    code, _, stderr = run(
        "bates", str(inputs[0]), "--prefix", "A", "--out", str(tmp_path / "o"),
        "--dat", str(inputs[0]),
    )  # fmt: skip
    assert code == EXIT_ERROR and "contract.pdf is one of the inputs" in stderr


def test_bates_missing_input_and_same_names(tmp_path: Path, inputs: list[Path]) -> None:
    code, _, stderr = run(
        "bates", str(tmp_path / "nope.pdf"), "--prefix", "A", "--out", str(tmp_path / "o")
    )
    assert code == EXIT_ERROR and "nope.pdf: no such file." in stderr
    other = tmp_path / "other"
    other.mkdir()
    twin = make_pdf(other / "memo.pdf", 1, "Twin")
    code, _, stderr = run(
        "bates", str(inputs[2]), str(twin), "--prefix", "A", "--out", str(tmp_path / "o")
    )
    assert code == EXIT_ERROR and "Two inputs are named memo.pdf" in stderr


def test_exhibit_stamp(tmp_path: Path, inputs: list[Path]) -> None:
    out = tmp_path / "PX12.pdf"
    code, stdout, stderr = run(
        "exhibit-stamp", str(inputs[0]), "--party", "plaintiff", "--number", "12",
        "--case", "2:24-cv-01234", "-o", str(out), "--witness", "T. Montoya",
        "--date", "2027-03-05",
    )  # fmt: skip
    assert code == 0, stderr
    assert stdout.strip() == f"PLAINTIFF'S EXHIBIT 12: contract.pdf -> {out}"
    first = text_of(out, 1)
    for expected in ("PLAINTIFF", "EXHIBIT", "12", "2:24-cv-01234", "T. Montoya", "03/05/2027"):
        assert expected in first, expected
    assert "EXHIBIT" not in text_of(out, 2)


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--date", "5 March 2027"], "is not a date written YYYY-MM-DD"),
        (["--position", "middle"], "position 'middle' is not known"),
    ],
)
def test_exhibit_stamp_bad_values(
    tmp_path: Path, inputs: list[Path], extra: list[str], message: str
) -> None:
    out = tmp_path / "x.pdf"
    code, _, stderr = run(
        "exhibit-stamp", str(inputs[0]), "--party", "defendant", "--number", "A",
        "--case", "1", "-o", str(out), *extra,
    )  # fmt: skip
    assert code == EXIT_ERROR and message in stderr
    assert not out.exists()


def test_exhibit_stamp_refuses_its_input_as_output(inputs: list[Path]) -> None:
    code, _, stderr = run(
        "exhibit-stamp", str(inputs[0]), "--party", "joint", "--number", "1", "--case", "1",
        "-o", str(inputs[0]),
    )  # fmt: skip
    assert code == EXIT_ERROR and "is the input" in stderr


def _write_spec(tmp_path: Path, body: str) -> Path:
    spec = tmp_path / "in" / "binder.toml"
    spec.write_text(body, encoding="utf-8")
    return spec


SPEC = """
title = "Trial Binder"
subtitle = "Montoya v. Sunset Terrace"

[bates]
prefix = "TB"
start = 1
digits = 5

[[tab]]
file = "contract.pdf"
title = "Master Services Agreement"
description = "Signed January 5, 2024"

[[tab]]
file = "memo.pdf"
title = "Internal memo"
tab = "B"
"""


def test_binder_from_spec(tmp_path: Path, inputs: list[Path]) -> None:
    spec = _write_spec(tmp_path, SPEC)
    out = tmp_path / "binder.pdf"
    code, stdout, stderr = run("binder", str(spec), "-o", str(out))
    assert code == 0, stderr
    assert stdout.splitlines() == [
        "Tab 1: Master Services Agreement (page 2, 12 pages)  TB00001-TB00012",
        "Tab B: Internal memo (page 15, 3 pages)  TB00013-TB00015",
        f"{out}: 18 pages, 2 tabs",
    ]
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 18
        assert pdf.pages[14].label == "Tab B"
    assert "Master Services Agreement" in text_of(out, 1)
    assert "TB00015" in text_of(out, 18)


def test_binder_missing_file_is_named(tmp_path: Path, inputs: list[Path]) -> None:
    spec = _write_spec(tmp_path, SPEC.replace("memo.pdf", "exhibits/missing.pdf"))
    out = tmp_path / "binder.pdf"
    code, stdout, stderr = run("binder", str(spec), "-o", str(out))
    assert code == EXIT_ERROR
    assert stderr.strip() == ("error: exhibits/missing.pdf (tab 2 in binder.toml): no such file.")
    assert not out.exists()


def test_binder_encrypted_part_and_output_over_a_part(tmp_path: Path, inputs: list[Path]) -> None:
    with pikepdf.open(inputs[2]) as pdf:
        pdf.save(tmp_path / "in" / "locked.pdf", encryption=pikepdf.Encryption(owner="o", user="u"))
    spec = _write_spec(tmp_path, SPEC.replace("memo.pdf", "locked.pdf"))
    code, _, stderr = run("binder", str(spec), "-o", str(tmp_path / "b.pdf"))
    assert code == EXIT_ERROR and "locked.pdf is encrypted" in stderr
    spec = _write_spec(tmp_path, SPEC)
    code, _, stderr = run("binder", str(spec), "-o", str(inputs[0]))
    assert code == EXIT_ERROR and "would be written over" in stderr


def test_main_app_has_the_commands() -> None:
    from casedesk.cli.main import app

    result = runner.invoke(app, ["--help"])
    for command in ("bates", "exhibit-stamp", "binder"):
        assert command in result.stdout
