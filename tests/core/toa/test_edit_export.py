"""Page lists (ranges, footnotes), the review edits, and the JSON and Word outputs."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.enum.text import WD_TAB_ALIGNMENT, WD_TAB_LEADER

from casedesk.core.toa import (
    CASES,
    OTHER,
    ToaEntry,
    ToaResult,
    merge_entries,
    move_entry,
    rename_entry,
    toa_from_text,
    toa_json,
    write_toa_docx,
)
from casedesk.core.toa.edit import merge_pages
from casedesk.core.toa.engine import Reference, distinct_pages, expand_pages, format_pages


@pytest.mark.parametrize(
    ("refs", "pages"),
    [
        ([("1", ""), ("2", ""), ("3", "")], ("1-3",)),
        ([("1", ""), ("2", ""), ("4", "")], ("1", "2", "4")),  # two in a row stay apart
        ([("5", "3"), ("6", "")], ("5 n.3", "6")),
        ([("5", "3"), ("5", "")], ("5",)),  # cited in the text and a note: the page
        ([("5", "3"), ("5", "4")], ("5 n.3", "5 n.4")),
        ([("9", ""), ("1a", ""), ("2a", ""), ("3a", "")], ("9", "1a-3a")),
    ],
)
def test_format_pages(refs: list[tuple[str, str]], pages: tuple[str, ...]) -> None:
    order = {label: index for index, label in enumerate(dict.fromkeys(label for label, _ in refs))}
    references = [Reference(order[label], label, note) for label, note in refs]
    assert format_pages(references) == pages


def test_expand_and_count_pages() -> None:
    assert expand_pages(["4", "11-13", "5 n.3", "2a-3a"]) == [
        "4",
        "11",
        "12",
        "13",
        "5 n.3",
        "2a",
        "3a",
    ]
    assert distinct_pages(["4", "4 n.2", "6-8"]) == 4


def _result() -> ToaResult:
    return toa_from_text(
        "Roe v. Wade, 410 U.S. 113 (1973).\fRoe v. Wade, 93 S. Ct. 705 (1973).\f"
        "See 42 U.S.C. § 1983; Black’s Law Dictionary 10 (11th ed. 2019).",
        passim=3,
    )


def test_merge_entries() -> None:
    result = _result()
    keys = [e.key for e in result.entries if e.category == CASES]
    assert len(keys) == 2
    merged = merge_entries(result, keys)
    cases = merged.in_category(CASES)
    assert len(cases) == 1 and cases[0].pages == ("1", "2") and not cases[0].passim
    assert len(merged.entries) == len(result.entries) - 1
    assert merge_pages(("1-3", "7 n.2"), ("4", "7")) == ("1-4", "7")


def test_rename_and_move_entries() -> None:
    result = _result()
    roe = result.in_category(CASES)[0]
    renamed = rename_entry(result, roe.key, "Aaron v. Zed, 410 U.S. 113 (1973)")
    assert renamed.in_category(CASES)[0].authority == "Aaron v. Zed, 410 U.S. 113 (1973)"
    moved = move_entry(result, roe.key, OTHER)
    assert roe.key in [e.key for e in moved.in_category(OTHER)]
    with pytest.raises(ValueError, match="Unknown category"):
        move_entry(result, roe.key, "treatises")
    with pytest.raises(KeyError):
        rename_entry(result, "no such key", "x")


def test_json_is_exactly_the_contract() -> None:
    data = toa_json(_result())
    assert list(data) == ["entries"]
    assert all(
        list(entry) == ["category", "authority", "pages", "passim"] for entry in data["entries"]
    )
    assert data["entries"][-1] == {
        "category": "other authorities",
        "authority": "Black’s Law Dictionary (11th ed. 2019)",
        "pages": ["3"],
        "passim": False,
    }


def test_word_section_with_dot_leaders(tmp_path: Path) -> None:
    result = ToaResult(
        entries=(
            ToaEntry(CASES, "Roe v. Wade, 410 U.S. 113 (1973)", ("1", "4-6"), False, "k1", "roe"),
            ToaEntry(OTHER, "Black’s Law Dictionary (11th ed. 2019)", ("2",), True, "k2", "b"),
        )
    )
    path = tmp_path / "toa.docx"
    write_toa_docx(result, path)
    paragraphs = docx.Document(str(path)).paragraphs
    texts = [p.text for p in paragraphs]
    assert texts[0] == "TABLE OF AUTHORITIES"
    assert texts[1:] == [
        "Cases\tPage(s)",
        "Roe v. Wade, 410 U.S. 113 (1973)\t1, 4-6",
        "Other Authorities\tPage(s)",
        "Black’s Law Dictionary (11th ed. 2019)\tpassim",
    ]
    entry = paragraphs[2]
    stop = entry.paragraph_format.tab_stops[0]
    assert stop.alignment == WD_TAB_ALIGNMENT.RIGHT and stop.leader == WD_TAB_LEADER.DOTS
    assert entry.paragraph_format.first_line_indent < 0  # a hanging indent
    assert entry.runs[0].text == "Roe v. Wade" and entry.runs[0].italic


@pytest.mark.slow
def test_pdf_through_libreoffice(tmp_path: Path) -> None:
    from casedesk.core.drafting.convert import soffice_path
    from casedesk.core.toa import write_toa_pdf

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    path = tmp_path / "toa.pdf"
    write_toa_pdf(_result(), path)
    assert path.read_bytes().startswith(b"%PDF")
