"""Reading a binder spec (TOML): defaults, paths relative to the spec, clear refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from casedesk.core.trial.binder_spec import read_binder_spec


def _spec(folder: Path, text: str) -> Path:
    (folder / "docs").mkdir(exist_ok=True)
    for name in ("a.pdf", "b.pdf"):
        (folder / "docs" / name).write_bytes(b"%PDF-1.7\n")
    path = folder / "binder.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_full_spec(tmp_path: Path) -> None:
    spec = read_binder_spec(
        _spec(
            tmp_path,
            """
title = "Trial Binder"
subtitle = "Montoya v. Sunset"
page_numbers = false

[bates]
prefix = "ACME"
start = 101
digits = 7
position = "bottom-left"

[[tab]]
file = "docs/a.pdf"
title = "Complaint"
description = "Filed 2024"
tab = "P-1"
bates = "X001-X009"

[[tab]]
file = "docs/b.pdf"
title = "Nguyễn Văn An declaration"
tab = 7
""",
        )
    )
    assert spec.title == "Trial Binder" and spec.subtitle == "Montoya v. Sunset"
    assert (spec.index, spec.dividers, spec.page_numbers) == (True, True, False)
    assert spec.bates is not None
    assert (spec.bates.prefix, spec.bates.first, spec.bates.digits) == ("ACME", 101, 7)
    assert spec.bates.style.position == "bottom-left"
    first, second = spec.parts
    assert first.path == (tmp_path / "docs" / "a.pdf").resolve()
    assert (first.title, first.tab, first.description, first.bates) == (
        "Complaint",
        "P-1",
        "Filed 2024",
        "X001-X009",
    )
    assert (second.title, second.tab) == ("Nguyễn Văn An declaration", "7")


def test_minimal_spec_defaults(tmp_path: Path) -> None:
    spec = read_binder_spec(
        _spec(tmp_path, 'title = "B"\n[[tab]]\nfile = "docs/a.pdf"\ntitle = "A"\n')
    )
    assert spec.bates is None and spec.subtitle == ""
    assert spec.parts[0].tab == ""  # build_binder numbers it


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'title = "B"\n[[tab]]\nfile = "docs/missing.pdf"\ntitle = "M"\n',
            r"docs/missing.pdf \(tab 1 in binder.toml\): no such file",
        ),
        ('title = "B"\n', "lists no documents"),
        ('[[tab]]\nfile = "docs/a.pdf"\ntitle = "A"\n', "title is required"),
        ('title = "B"\n[[tab]]\nfile = "docs/a.pdf"\n', "tab 1: title is required"),
        (
            'title = "B"\ncolour = "red"\n[[tab]]\nfile = "docs/a.pdf"\ntitle = "A"\n',
            "unknown key colour",
        ),
        (
            'title = "B"\n[[tab]]\nfile = "docs/a.pdf"\ntitle = "A"\npages = 3\n',
            "tab 1: unknown key pages",
        ),
        (
            'title = "B"\n[bates]\nstart = 1\n[[tab]]\nfile = "docs/a.pdf"\ntitle = "A"\n',
            r"\[bates\]: prefix is required",
        ),
        (
            'title = "B"\n[bates]\nprefix = "A"\nstart = "one"\n[[tab]]\nfile = "docs/a.pdf"\n'
            'title = "A"\n',
            "start must be a whole number",
        ),
        (
            'title = "B"\nindex = "yes"\n[[tab]]\nfile = "docs/a.pdf"\ntitle = "A"\n',
            "index must be true or false",
        ),
        ('title = "B"\ntab = "x"\n', r"written as \[\[tab\]\] tables"),
        ('title = "B\n', "not valid TOML"),
        (
            'title = "B"\n[bates]\nprefix = "A"\nposition = "middle"\n[[tab]]\n'
            'file = "docs/a.pdf"\ntitle = "A"\n',
            "position 'middle' is not known",
        ),
    ],
)
def test_bad_specs(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        read_binder_spec(_spec(tmp_path, text))


def test_missing_spec(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no such file"):
        read_binder_spec(tmp_path / "nope.toml")
