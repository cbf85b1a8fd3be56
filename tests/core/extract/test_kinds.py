"""File kinds are decided from bytes first, names second."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from casedesk.core.extract.kinds import (
    CONTENT_TYPES,
    HEAD_BYTES,
    FileKind,
    content_type,
    sniff,
    sniff_path,
)

from .test_text import make_docx, make_eml, make_msg, make_text_pdf

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _zip_bytes(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name in names:
            zf.writestr(name, "x")
    return buffer.getvalue()


MAIL = b"Received: from mx\r\nFrom: a@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nBody"


@pytest.mark.parametrize(
    ("head", "filename", "expected"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "brief.docx", FileKind.PDF),
        (b"\r\n\x00junk before %PDF-1.4\n", "scan", FileKind.PDF),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "scan.pdf", FileKind.IMAGE),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF", "photo.jpg", FileKind.IMAGE),
        (b"II*\x00\x08\x00", "fax.tif", FileKind.IMAGE),
        (b"MM\x00*\x00\x00", "fax", FileKind.IMAGE),
        (_zip_bytes("[Content_Types].xml", "word/document.xml"), "x.zip", FileKind.DOCX),
        (_zip_bytes("a.pdf", "b.pdf"), "lease.docx", FileKind.ZIP),
        (_zip_bytes("a.pdf"), "bundle.zip", FileKind.ZIP),
        (b"PK\x05\x06" + b"\x00" * 18, "empty.zip", FileKind.ZIP),
        (OLE + b"\x00" * 100, "mail.msg", FileKind.MSG),
        (OLE + b"\x00" * 100, "old.doc", FileKind.UNKNOWN),
        (MAIL, "saved.txt", FileKind.EML),
        (b"From someone@example.com Sat Jan  3 01:05:34 1996\n" + MAIL, "mbox", FileKind.EML),
        (b"Just the body of a message.", "message.EML", FileKind.EML),
        (b"Subject: one header is not an e-mail\n\ntext", "note", FileKind.TEXT),
        ("Hợp đồng thuê nhà\n".encode(), "notes", FileKind.TEXT),
        ("Café; “total”\r\n".encode("cp1252"), "fees.csv", FileKind.TEXT),
        ("\ufeffعقد الإيجار".encode("utf-16-le"), "a.md", FileKind.TEXT),
        (b"\x00\x01\x02\x03binary", "data.txt", FileKind.UNKNOWN),
        (b"\x00" + b"mostly text", "x.eml", FileKind.UNKNOWN),
        (bytes(range(1, 32)) * 10, "controls.txt", FileKind.UNKNOWN),
        (b"", "empty.pdf", FileKind.PDF),
        (b"", "empty", FileKind.UNKNOWN),
        (b"", "C:\\Users\\x\\notes.TXT", FileKind.TEXT),
    ],
)
def test_sniff(head: bytes, filename: str, expected: FileKind) -> None:
    assert sniff(head, filename) is expected


@pytest.mark.parametrize("bom", ["", "\ufeff"])
def test_sniff_accepts_utf8_cut_mid_character(bom: str) -> None:
    text = (bom + "ệ" * HEAD_BYTES).encode()  # 3 bytes per character: the sample ends mid-character
    assert sniff(text[:HEAD_BYTES], "notes") is FileKind.TEXT
    assert sniff(text[: HEAD_BYTES - 1], "notes") is FileKind.TEXT


@pytest.mark.parametrize(
    ("build", "stored_as", "uploaded_as", "expected"),
    [
        (lambda p: make_docx(p), "a.bin", "Hợp đồng.pdf", FileKind.DOCX),
        (
            lambda p: p.write_bytes(_zip_bytes("word/document.xml", "readme.txt")),
            "a.docx",
            None,
            FileKind.ZIP,
        ),
        (lambda p: p.write_bytes(_zip_bytes("a.pdf", "b/c.docx")), "a.docx", None, FileKind.ZIP),
        (lambda p: p.write_bytes(b"PK\x03\x04 truncated"), "a.zip", None, FileKind.UNKNOWN),
        (lambda p: make_msg(p), "mail.dat", "mail.dat", FileKind.MSG),
        (lambda p: p.write_bytes(OLE + b"\x00" * 1000), "fake.msg", None, FileKind.UNKNOWN),
        (lambda p: make_eml(p), "a.bin", "a", FileKind.EML),
        (lambda p: make_text_pdf(p, [["x"]]), "a", "عقد الإيجار.docx", FileKind.PDF),
        (lambda p: p.write_bytes(b""), "empty.txt", None, FileKind.TEXT),
    ],
    ids=[
        "docx",
        "docx-name-no-content-types",
        "zip-named-docx",
        "broken-zip",
        "msg",
        "broken-ole",
        "eml",
        "pdf",
        "empty",
    ],
)
def test_sniff_path(
    tmp_path: Path, build: object, stored_as: str, uploaded_as: str | None, expected: FileKind
) -> None:
    path = tmp_path / stored_as
    build(path)  # type: ignore[operator]
    assert sniff_path(path, uploaded_as) is expected


def test_sniff_path_of_a_non_message_ole_file(tmp_path: Path) -> None:
    from extract_msg.ole_writer import OleWriter

    writer = OleWriter()
    writer.addEntry("WordDocument", b"\x00" * 600)
    writer.write(str(tmp_path / "old.doc"))
    assert sniff_path(tmp_path / "old.doc", "old.msg") is FileKind.UNKNOWN


def test_every_kind_has_a_content_type() -> None:
    assert set(CONTENT_TYPES) == set(FileKind)
    assert all("/" in mime and "*" not in mime for mime in CONTENT_TYPES.values())


@pytest.mark.parametrize(
    ("head", "kind", "expected"),
    [
        (b"\x89PNG\r\n\x1a\n", FileKind.IMAGE, "image/png"),
        (b"\xff\xd8\xff\xe1", FileKind.IMAGE, "image/jpeg"),
        (b"II*\x00", FileKind.IMAGE, "image/tiff"),
        (b"%PDF-1.7", FileKind.PDF, "application/pdf"),
        (b"??", FileKind.IMAGE, "application/octet-stream"),
    ],
)
def test_content_type(head: bytes, kind: FileKind, expected: str) -> None:
    assert content_type(head, kind) == expected
