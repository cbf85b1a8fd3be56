"""Text extraction from real files built in the test: PDFs (text, scanned, encrypted, damaged),
Word, e-mail (.eml and a real OLE .msg), plain text; plus a real Supreme Court brief."""

from __future__ import annotations

import datetime as dt
import json
import struct
import unicodedata
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest

from casedesk.core.extract.kinds import FileKind, sniff_path
from casedesk.core.extract.text import (
    ExtractionError,
    _pdf_page_text,
    extract_text,
    html_to_text,
    read_email,
)

BRIEFS = Path(__file__).resolve().parents[4] / "shared" / "data" / "briefs" / "osg"

# --- builders (also used by test_kinds and test_ocr) -----------------------------------------


def make_text_pdf(path: Path, pages: list[list[str]], *, size: int = 14) -> Path:
    """A PDF with a real text layer: one Helvetica line per string, one list per page."""
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        pikepdf.Dictionary(
            Type=pikepdf.Name.Font,
            Subtype=pikepdf.Name.Type1,
            BaseFont=pikepdf.Name.Helvetica,
            Encoding=pikepdf.Name.WinAnsiEncoding,
        )
    )
    for lines in pages:
        ops = [f"BT /F1 {size} Tf 72 720 Td {size * 1.4:.0f} TL".encode()]
        for line in lines:
            escaped = line.encode("cp1252").replace(b"\\", b"\\\\")
            ops.append(b"(" + escaped.replace(b"(", b"\\(").replace(b")", b"\\)") + b") '")
        ops.append(b"ET")
        page = pikepdf.Dictionary(
            Type=pikepdf.Name.Page,
            MediaBox=[0, 0, 612, 792],
            Contents=pdf.make_stream(b"\n".join(ops)),
            Resources=pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font)),
        )
        pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def render_pages(pdf_path: Path, dpi: int = 200) -> list[object]:
    """Each page of a PDF as a greyscale Pillow image (what a scanner would produce)."""
    with pdfium.PdfDocument(pdf_path) as doc:
        return [doc[i].render(scale=dpi / 72).to_pil().convert("L") for i in range(len(doc))]


def make_scanned_pdf(path: Path, pages: list[list[str]], dpi: int = 200) -> Path:
    """An image-only PDF (no text layer) showing the given lines, like a scan."""
    source = make_text_pdf(path.with_suffix(".source.pdf"), pages, size=28)
    images = render_pages(source, dpi)
    images[0].save(path, "PDF", resolution=float(dpi), save_all=True, append_images=images[1:])  # type: ignore[attr-defined]
    source.unlink()
    return path


def _utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def _props(entries: list[tuple[int, bytes]], *, top: bool, recips: int = 0, atts: int = 0) -> bytes:
    header = b"\0" * 8
    if top:
        header += struct.pack("<IIII", recips, atts, recips, atts) + b"\0" * 8
    return header + b"".join(struct.pack("<II", tag, 6) + value for tag, value in entries)


def make_msg(path: Path) -> Path:
    """A real Outlook .msg (OLE compound file) with a recipient and one attachment."""
    from extract_msg.ole_writer import OleWriter

    sent = dt.datetime(2024, 3, 5, 14, 30, tzinfo=dt.UTC)
    filetime = int((sent - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds() * 10**7)
    w = OleWriter()
    flags = (0x0E070003, struct.pack("<Q", 1))  # read, sent
    when = (0x00390040, struct.pack("<Q", filetime))
    w.addEntry("__properties_version1.0", _props([when, flags], top=True, recips=1, atts=1))
    w.addEntry("__substg1.0_001A001F", _utf16("IPM.Note"))
    w.addEntry("__substg1.0_0037001F", _utf16("Hợp đồng thuê nhà — signed copy"))
    w.addEntry(
        "__substg1.0_1000001F", _utf16("Dear counsel,\r\nPlease find the lease attached.\r\n")
    )
    w.addEntry("__substg1.0_0C1A001F", _utf16("Nguyễn Văn An"))
    w.addEntry("__substg1.0_5D01001F", _utf16("an@example.vn"))
    w.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        w.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    r = "__recip_version1.0_#00000000"
    w.addEntry(r, storage=True)
    w.addEntry(
        f"{r}/__properties_version1.0", _props([(0x0C150003, struct.pack("<Q", 1))], top=False)
    )
    w.addEntry(f"{r}/__substg1.0_3001001F", _utf16("Ada Attorney"))
    w.addEntry(f"{r}/__substg1.0_39FE001F", _utf16("ada@firm.example"))
    w.addEntry(f"{r}/__substg1.0_3003001F", _utf16("ada@firm.example"))
    a = "__attach_version1.0_#00000000"
    w.addEntry(a, storage=True)
    w.addEntry(
        f"{a}/__properties_version1.0", _props([(0x37050003, struct.pack("<Q", 1))], top=False)
    )
    w.addEntry(f"{a}/__substg1.0_3707001F", _utf16("عقد الإيجار.txt"))
    w.addEntry(f"{a}/__substg1.0_370E001F", _utf16("text/plain"))
    w.addEntry(f"{a}/__substg1.0_37010102", b"LEASE AGREEMENT")
    w.write(str(path))
    return path


def make_eml(path: Path) -> Path:
    """A multipart e-mail: plain + HTML alternatives, a PDF attachment, a forwarded message."""
    inner = EmailMessage()
    inner["From"] = "Clerk <clerk@court.example>"
    inner["Subject"] = "Notice of hearing"
    inner.set_content("Hearing on 12 May.")
    msg = EmailMessage()
    msg["From"] = "Nguyễn Văn An <an@example.vn>"
    msg["To"] = '"Doe, John" <john@example.com>, ada@firm.example'
    msg["Cc"] = "Bea <bea@firm.example>"
    msg["Date"] = format_datetime(dt.datetime(2024, 3, 5, 9, 15, tzinfo=dt.UTC))
    msg["Subject"] = "Hợp đồng thuê nhà"
    msg.set_content("Dear counsel,\nThe signed lease is attached.\n")
    msg.add_alternative(
        "<p>Dear counsel,<br>The <b>signed</b> lease is attached.</p>", subtype="html"
    )
    msg.add_attachment(
        b"%PDF-1.4 fake", maintype="application", subtype="pdf", filename="عقد الإيجار.pdf"
    )
    msg.add_attachment(inner)
    path.write_bytes(bytes(msg))
    return path


# --- PDF -------------------------------------------------------------------------------------


def test_text_pdf_pages_and_separator(tmp_path: Path) -> None:
    pdf = make_text_pdf(
        tmp_path / "motion.pdf",
        [
            ["MOTION TO DISMISS", "Plaintiff's claims fail as a matter of law."],
            ["Exhibit B (page two)"],
        ],
    )
    result = extract_text(pdf, FileKind.PDF)
    assert (result.pages, result.method, result.needs_ocr, result.encrypted) == (
        2,
        "pdf-text",
        False,
        False,
    )
    first, second = result.text.split("\f")
    assert first.splitlines() == [
        "MOTION TO DISMISS",
        "Plaintiff's claims fail as a matter of law.",
    ]
    assert second.strip() == "Exhibit B (page two)"
    assert "\r" not in result.text


def test_scanned_pdf_needs_ocr(tmp_path: Path) -> None:
    pdf = make_scanned_pdf(tmp_path / "scan.pdf", [["QUIXOTIC ZEPHYR 4471"], ["Second page"]])
    result = extract_text(pdf, FileKind.PDF)
    assert (result.pages, result.needs_ocr, result.encrypted, result.text) == (2, True, False, "\f")


@pytest.mark.parametrize(
    ("user", "owner", "encrypted"),
    [("x", "y", True), ("", "owner-only", False)],
    ids=["user-password", "owner-password-only"],
)
def test_encrypted_pdf_is_flagged_not_an_error(
    tmp_path: Path, user: str, owner: str, encrypted: bool
) -> None:
    plain = make_text_pdf(tmp_path / "plain.pdf", [["Settlement agreement, confidential"]])
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(plain) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user=user, owner=owner))
    result = extract_text(locked, FileKind.PDF)
    assert result.encrypted is encrypted
    if encrypted:
        assert (result.text, result.needs_ocr, result.method) == ("", False, "none")
        assert "password" in result.warnings[0]
    else:
        assert "Settlement agreement" in result.text


@pytest.mark.parametrize("damage", ["no-xref-table", "cut-inside-an-object"])
def test_damaged_pdf_is_repaired(tmp_path: Path, damage: str) -> None:
    data = make_text_pdf(
        tmp_path / "ok.pdf", [["Affidavit of service"], ["Second page"]]
    ).read_bytes()
    cut = data.index(b"xref") if damage == "no-xref-table" else data.index(b"7 0 obj") + 30
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(data[:cut])
    with pytest.raises(pdfium.PdfiumError):
        pdfium.PdfDocument(broken)  # pdfium alone gives up on these
    result = extract_text(broken, FileKind.PDF)
    assert "Affidavit of service" in result.text
    assert any("repaired" in w for w in result.warnings)


@pytest.mark.parametrize(
    ("content", "phrase"),
    [
        (b"%PDF-1.7\n" + b"garbage " * 200, "cut off"),
        (
            b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
            "broken",
        ),
    ],
    ids=["truncated", "no-pages"],
)
def test_hopeless_pdf_raises_a_clear_sentence(tmp_path: Path, content: bytes, phrase: str) -> None:
    path = tmp_path / "bad.pdf"
    path.write_bytes(content)
    with pytest.raises(ExtractionError) as info:
        extract_text(path, FileKind.PDF)
    message = str(info.value)
    assert message.startswith("This PDF is damaged and could not be read: ") and phrase in message
    assert message.endswith(".") and "Error" not in message and "Traceback" not in message


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Federal Com\x02munications", "Federal Communications"),
        ("re-\r\nported at 86 F.4th", "re-\nported at 86 F.4th"),
        ("ap\x02\r\npeals", "ap-\npeals"),
        ("ap\ufffe\r\npeals", "ap-\npeals"),
        ("form\x0cfeed and nul\x00", "formfeed and nul"),
        ("Ho\u0302\u0300ng", "Hồng"),
    ],
)
def test_pdfium_page_text_is_tidied(raw: str, expected: str) -> None:
    assert _pdf_page_text(raw) == expected


def test_unicode_pdf_comes_back_nfc(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "vi.pdf"
    weasyprint.HTML(string="<p>Hợp đồng thuê nhà giữa các bên</p>").write_pdf(path)
    result = extract_text(path, FileKind.PDF)
    assert "Hợp đồng thuê nhà giữa các bên" in result.text
    assert unicodedata.is_normalized("NFC", result.text)


def test_real_supreme_court_brief(tmp_path: Path) -> None:
    folder = BRIEFS / "1357511_Garland_v__VanDerStok"
    if not (folder / "body.pdf").is_file():
        pytest.skip(f"real briefs not present at {BRIEFS}")
    expected = [json.loads(line) for line in (folder / "body_pages.jsonl").read_text().splitlines()]
    result = extract_text(folder / "body.pdf", FileKind.PDF)
    pages = result.text.split("\f")
    assert result.pages == len(expected) == len(pages) and not result.needs_ocr
    assert "OPINIONS BELOW" in pages[0] and "86 F.4th 179" in pages[0]
    assert "\x02" not in result.text and "\ufffe" not in result.text
    for ours, theirs in zip(pages, expected, strict=True):  # pdftotext's words, page by page
        words = {w for w in theirs["text"].split() if w.isalpha() and len(w) > 3}
        found = {w for w in words if w in ours}
        assert len(found) >= 0.95 * len(words), theirs["pdf_page"]


# --- Word ------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "SMITH & JONES LLP — Privileged"
    document.sections[0].footer.paragraphs[0].text = "Page footer"
    document.add_paragraph("HỢP ĐỒNG THUÊ NHÀ")
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).text = "Party"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "Role"
    table.cell(1, 0).text = "Nguyễn Văn An"
    table.cell(1, 1).text = "Landlord"
    table.cell(1, 2).text = "عقد الإيجار"
    document.add_paragraph("Signed in Hà Nội.")
    document.save(str(path))
    return path


def test_docx_paragraphs_tables_headers_footers(tmp_path: Path) -> None:
    result = extract_text(make_docx(tmp_path / "lease.docx"), FileKind.DOCX)
    assert (result.method, result.pages, result.needs_ocr) == ("docx", None, False)
    assert result.text.splitlines() == [
        "SMITH & JONES LLP — Privileged",
        "",
        "HỢP ĐỒNG THUÊ NHÀ",
        "Party\tRole",
        "Nguyễn Văn An\tLandlord\tعقد الإيجار",
        "Signed in Hà Nội.",
        "",
        "Page footer",
    ]


def test_broken_docx_raises(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "broken.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", "<not-xml")
    with pytest.raises(ExtractionError, match="^This Word document could not be read"):
        extract_text(path, FileKind.DOCX)


# --- E-mail ----------------------------------------------------------------------------------


def test_eml_parts_and_text(tmp_path: Path) -> None:
    path = make_eml(tmp_path / "mail.eml")
    parts = read_email(path, FileKind.EML)
    assert parts.subject == "Hợp đồng thuê nhà"
    assert parts.sender == "Nguyễn Văn An <an@example.vn>"
    assert parts.to == ('"Doe, John" <john@example.com>', "ada@firm.example")
    assert parts.cc == ("Bea <bea@firm.example>",)
    assert parts.date == dt.datetime(2024, 3, 5, 9, 15, tzinfo=dt.UTC)
    assert parts.body == "Dear counsel,\nThe signed lease is attached."
    assert [(a.filename, a.content_type) for a in parts.attachments] == [
        ("عقد الإيجار.pdf", "application/pdf"),
        ("Notice of hearing.eml", "message/rfc822"),
    ]
    assert parts.attachments[0].data == b"%PDF-1.4 fake"
    assert b"Hearing on 12 May." in parts.attachments[1].data
    result = extract_text(path, FileKind.EML)
    assert result.method == "email" and not result.needs_ocr
    head, body = result.text.split("\n\n", 1)
    assert head.splitlines() == [
        "From: Nguyễn Văn An <an@example.vn>",
        'To: "Doe, John" <john@example.com>, ada@firm.example',
        "Cc: Bea <bea@firm.example>",
        "Date: Tue, 05 Mar 2024 09:15:00 +0000",
        "Subject: Hợp đồng thuê nhà",
        "Attachments: عقد الإيجار.pdf, Notice of hearing.eml",
    ]
    assert body == parts.body


@pytest.mark.parametrize(
    ("content", "subtype", "charset", "expected"),
    [
        (
            "<html><head><style>p{color:red}</style></head><body><p>Dear&nbsp;counsel,</p>"
            "<script>alert(1)</script><p>Fees &amp; costs: <b>$1,200</b></p></body></html>",
            "html",
            "utf-8",
            "Dear counsel,\n\nFees & costs: $1,200",
        ),
        (
            "Caf\u00e9 au lait, r\u00e9sum\u00e9 attached.\n",
            "plain",
            "latin-1",
            "Café au lait, résumé attached.",
        ),
    ],
    ids=["html-only", "latin-1"],
)
def test_eml_single_part_bodies(
    tmp_path: Path, content: str, subtype: str, charset: str, expected: str
) -> None:
    msg = EmailMessage()
    msg["From"] = "a@example.com"
    msg["To"] = "b@example.com"
    msg["Subject"] = "x"
    msg.set_content(content, subtype=subtype, charset=charset)
    path = tmp_path / "one.eml"
    path.write_bytes(bytes(msg))
    parts = read_email(path, FileKind.EML)
    assert parts.body == expected and parts.attachments == () and parts.date is None


def test_html_to_text_block_tags() -> None:
    assert html_to_text("<div>One</div><div>Two<br/>Three</div><ul><li>a</li><li>b</li></ul>") == (
        "One\n\nTwo\nThree\n\na\n\nb"
    )


def test_msg_parts_and_text(tmp_path: Path) -> None:
    path = make_msg(tmp_path / "mail.bin")
    assert sniff_path(path, "mail.bin") is FileKind.MSG
    parts = read_email(path, FileKind.MSG)
    assert parts.subject == "Hợp đồng thuê nhà — signed copy"
    assert parts.sender == "Nguyễn Văn An <an@example.vn>"
    assert parts.to == ("Ada Attorney <ada@firm.example>",) and parts.cc == ()
    assert parts.date == dt.datetime(2024, 3, 5, 14, 30, tzinfo=dt.UTC)
    assert parts.body == "Dear counsel,\nPlease find the lease attached."
    assert [(a.filename, a.content_type, a.data) for a in parts.attachments] == [
        ("عقد الإيجار.txt", "text/plain", b"LEASE AGREEMENT")
    ]
    result = extract_text(path, FileKind.MSG)
    assert result.method == "msg"
    assert result.text.startswith("From: Nguyễn Văn An <an@example.vn>\nTo: Ada Attorney")
    assert result.text.endswith("\n\nDear counsel,\nPlease find the lease attached.")


def test_broken_msg_raises(tmp_path: Path) -> None:
    path = tmp_path / "broken.msg"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ExtractionError, match="^This Outlook message could not be read"):
        read_email(path, FileKind.MSG)


def test_read_email_refuses_other_kinds(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        read_email(tmp_path / "x.pdf", FileKind.PDF)


# --- plain text, images, empty files ---------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "expected", "warned"),
    [
        ("\ufeffHợp đồng\r\nline two\r".encode(), "Hợp đồng\nline two\n", False),
        ("\ufeffعقد الإيجار\nb".encode("utf-16-le"), "عقد الإيجار\nb", False),
        ("\ufeffdata".encode("utf-16-be"), "data", False),
        ("Café “quoted” – dash".encode("cp1252"), "Café “quoted” – dash", False),
        (b"bad \x81 byte \xe9", "bad \ufffd byte é", True),
        ("Ho\u0302\u0300ng\x00\x1b[0m".encode(), "Hồng[0m", False),
    ],
    ids=["utf8-bom-crlf", "utf16le", "utf16be", "cp1252", "undecodable", "nfd-controls"],
)
def test_plain_text_decoding(tmp_path: Path, data: bytes, expected: str, warned: bool) -> None:
    path = tmp_path / "notes.txt"
    path.write_bytes(data)
    result = extract_text(path, FileKind.TEXT)
    assert (result.text, result.method, result.pages) == (expected, "plain", None)
    assert bool(result.warnings) is warned


@pytest.mark.parametrize(
    ("kind", "method", "needs_ocr"),
    [
        (FileKind.IMAGE, "none", True),
        (FileKind.ZIP, "none", False),
        (FileKind.UNKNOWN, "none", False),
    ],
)
def test_kinds_without_text(tmp_path: Path, kind: FileKind, method: str, needs_ocr: bool) -> None:
    path = tmp_path / "file.bin"
    path.write_bytes(b"\x89PNG\r\n\x1a\n rest")
    result = extract_text(path, kind)
    assert (result.text, result.method, result.needs_ocr, result.encrypted) == (
        "",
        method,
        needs_ocr,
        False,
    )


@pytest.mark.parametrize("kind", list(FileKind))
def test_empty_file_is_an_error(tmp_path: Path, kind: FileKind) -> None:
    path = tmp_path / "empty"
    path.write_bytes(b"")
    with pytest.raises(ExtractionError, match=r"^The file is empty\.$"):
        extract_text(path, kind)


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(ExtractionError, match="could not be found"):
        extract_text(tmp_path / "gone.pdf", FileKind.PDF)
