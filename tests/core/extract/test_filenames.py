"""Display names for uploads: one harmless component, any script kept."""

from __future__ import annotations

import unicodedata

import pytest

from casedesk.core.extract.filenames import MAX_NAME_BYTES, clean_filename


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Hợp đồng thuê nhà.pdf", "Hợp đồng thuê nhà.pdf"),
        ("عقد الإيجار.pdf", "عقد الإيجار.pdf"),
        ("Ho\u0302\u0300ng.pdf", "Hồng.pdf"),  # NFD from macOS becomes NFC
        ("می\u200cخواهم.docx", "می\u200cخواهم.docx"),  # ZWNJ is part of Persian spelling
        ("क्\u200dष.txt", "क्\u200dष.txt"),  # ZWJ in Devanagari
        ("../../etc/passwd", "passwd"),
        ("C:\\Users\\clerk\\Desktop\\Motion.docx", "Motion.docx"),
        ("folder/sub\\mixed/Exhibit A.pdf", "Exhibit A.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),  # right-to-left override spoofing
        ("a\x07b\x00c\tx.txt", "abcx.txt"),
        ("\ufeffbom.txt", "bom.txt"),
        ("line\u2028break.txt", "line break.txt"),
        ("  .hidden  ", "hidden"),
        (" . .env", "env"),
        ("...", "unnamed"),
        ("", "unnamed"),
        ("   ", "unnamed"),
        ("dir/", "unnamed"),
        ("\x01\x02", "unnamed"),
        ("report.v2.final.pdf", "report.v2.final.pdf"),
    ],
)
def test_clean_filename(raw: str, expected: str) -> None:
    assert clean_filename(raw) == expected


@pytest.mark.parametrize(
    ("stem", "ext"),
    [
        ("x" * 400, ".pdf"),
        ("ệ" * 200, ".pdf"),
        ("عقد " * 100, ".docx"),
        ("Hồng" * 100, ""),
        ("a" * 300, ".x" * 20),
    ],
    ids=["ascii", "vietnamese", "arabic", "no-extension", "long-extension"],
)
def test_long_names_fit_in_255_bytes_and_keep_the_extension(stem: str, ext: str) -> None:
    name = clean_filename(stem + ext)
    assert len(name.encode()) <= MAX_NAME_BYTES
    assert len(name.encode()) > MAX_NAME_BYTES - 8  # cut close to the limit, not far below it
    if ext and len(ext) <= 16:
        assert name.endswith(ext)
    assert name == name.strip() and unicodedata.is_normalized("NFC", name)


def test_truncation_never_leaves_a_letter_without_its_mark() -> None:
    # 250 + 1 bytes fit beside ".pdf", but the e's marks would not: the e goes too.
    stem = "a" * 250 + "e\u0301\u0302" + "zzz"  # NFC cannot compose both marks onto the e
    assert clean_filename(stem + ".pdf") == "a" * 250 + ".pdf"
    # A joiner is not left dangling at the end either.
    assert clean_filename("a" * 248 + "\u200dzzzz.pdf") == "a" * 248 + ".pdf"


def test_idempotent() -> None:
    for raw in ["Hợp đồng thuê nhà.pdf", " ../x/.y ", "ệ" * 200 + ".pdf", "a\u202eb"]:
        once = clean_filename(raw)
        assert clean_filename(once) == once
