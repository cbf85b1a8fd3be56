"""What kind of file an upload is, decided from its bytes first and its name second.

A user-supplied file name is a hint, never the truth: a PDF renamed to ``.docx`` is still a PDF,
and a ``.pdf`` that starts with ``PK`` is a ZIP. :func:`sniff` looks at the first bytes only;
:func:`sniff_path` opens the file, which is needed to tell a Word document from any other ZIP
and an Outlook message from any other OLE compound file.
"""

from __future__ import annotations

import re
import zipfile
from enum import StrEnum
from pathlib import Path

HEAD_BYTES = 8192
"""How many leading bytes :func:`sniff` wants to see (more are ignored)."""


class FileKind(StrEnum):
    """The kinds of file casedesk knows how to take text from (or to unpack)."""

    PDF = "pdf"
    DOCX = "docx"
    EML = "eml"
    MSG = "msg"
    TEXT = "text"
    IMAGE = "image"
    ZIP = "zip"
    UNKNOWN = "unknown"


CONTENT_TYPES: dict[FileKind, str] = {
    FileKind.PDF: "application/pdf",
    FileKind.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileKind.EML: "message/rfc822",
    FileKind.MSG: "application/vnd.ms-outlook",
    FileKind.TEXT: "text/plain",
    # The exact image type depends on the bytes: see content_type().
    FileKind.IMAGE: "application/octet-stream",
    FileKind.ZIP: "application/zip",
    FileKind.UNKNOWN: "application/octet-stream",
}
"""One MIME type per kind, for serving a stored file back."""

_PDF_MAGIC = b"%PDF-"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_IMAGE_MAGICS: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"II*\x00", "image/tiff"),
    (b"MM\x00*", "image/tiff"),
)
_TEXT_EXTENSIONS = frozenset({".txt", ".md", ".csv", ".text", ".markdown", ".tsv"})
_EXTENSION_KINDS: dict[str, FileKind] = {
    ".pdf": FileKind.PDF,
    ".docx": FileKind.DOCX,
    ".eml": FileKind.EML,
    ".msg": FileKind.MSG,
    ".png": FileKind.IMAGE,
    ".jpg": FileKind.IMAGE,
    ".jpeg": FileKind.IMAGE,
    ".tif": FileKind.IMAGE,
    ".tiff": FileKind.IMAGE,
    ".zip": FileKind.ZIP,
    **dict.fromkeys(_TEXT_EXTENSIONS, FileKind.TEXT),
}
# Header names that mark the top of an RFC 822 / 5322 message.
_MAIL_HEADERS = frozenset(
    {
        "from",
        "to",
        "cc",
        "subject",
        "date",
        "message-id",
        "received",
        "return-path",
        "mime-version",
        "reply-to",
        "sender",
        "delivered-to",
        "x-mailer",
        "in-reply-to",
        "references",
        "content-type",
    }
)
_HEADER_LINE = re.compile(rb"^([A-Za-z0-9][A-Za-z0-9-]*):[ \t]*\S?")


def _extension(filename: str) -> str:
    """The lower-cased extension (``".pdf"``) of the last component of ``filename``."""
    last = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return Path(last).suffix.lower()


def _looks_like_text(head: bytes) -> bool:
    """True when ``head`` decodes as UTF-8, UTF-16 (with BOM) or cp1252 text without NULs."""
    text = _decode_text_head(head)
    if text is None:
        return False
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return controls <= max(1, len(text) // 100)


def _decode_text_head(head: bytes) -> str | None:
    """Decode the start of a plain-text file, or None if it is not text.

    UTF-16 needs a byte-order mark; UTF-8 may be cut mid-character at the end of ``head``;
    anything else must be cp1252 and free of NUL bytes.
    """
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        codec = "utf-16-le" if head.startswith(b"\xff\xfe") else "utf-16-be"
        body = head[2:]
        body = body[: len(body) - len(body) % 2]
        for candidate in (body, body[:-2]):  # the sample may end inside a surrogate pair
            try:
                return candidate.decode(codec)
            except UnicodeDecodeError:
                continue
        return None
    if b"\x00" in head:
        return None
    body = head.removeprefix(b"\xef\xbb\xbf")
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut off by the end of the sample is still UTF-8.
        if exc.start >= len(body) - 3 and exc.reason == "unexpected end of data":
            return body[: exc.start].decode("utf-8", "replace")
    try:
        return head.decode("cp1252")
    except UnicodeDecodeError:
        return None


def _looks_like_email(head: bytes) -> bool:
    """True when ``head`` starts with an RFC 822 header block naming at least two mail headers."""
    lines = head.replace(b"\r\n", b"\n").split(b"\n")
    if lines and lines[0].startswith(b"From "):  # an mbox "From " separator line
        lines = lines[1:]
    known: set[str] = set()
    for line in lines[:60]:
        if not line.strip():
            break
        if line[:1] in (b" ", b"\t"):  # a folded continuation line
            continue
        match = _HEADER_LINE.match(line)
        if match is None:
            return False
        name = match.group(1).decode("ascii").lower()
        if name in _MAIL_HEADERS:
            known.add(name)
    return len(known) >= 2 and bool(known & {"from", "to", "subject", "date", "received"})


def sniff(head: bytes, filename: str) -> FileKind:
    """Decide a file's kind from its first bytes (ideally :data:`HEAD_BYTES` of them) and name.

    Magic bytes win over the extension. Without the ZIP member list a Word document is
    recognised by ``word/`` appearing in the first local headers (use :func:`sniff_path` to be
    sure); an OLE compound file is taken for an Outlook message only when named ``.msg``.
    """
    head = head[:HEAD_BYTES]
    ext = _extension(filename)
    if not head:
        return _EXTENSION_KINDS.get(ext, FileKind.UNKNOWN)
    if head.startswith(_PDF_MAGIC):
        return FileKind.PDF
    if head.startswith(_ZIP_MAGICS):
        if b"word/" in head or (ext == ".docx" and b"[Content_Types].xml" in head):
            return FileKind.DOCX
        return FileKind.ZIP
    if head.startswith(_OLE_MAGIC):
        return FileKind.MSG if ext == ".msg" else FileKind.UNKNOWN
    if any(head.startswith(magic) for magic, _ in _IMAGE_MAGICS):
        return FileKind.IMAGE
    if _PDF_MAGIC in head[:1024]:  # readers accept junk before the header
        return FileKind.PDF
    if _looks_like_email(head):
        return FileKind.EML
    if _looks_like_text(head):
        return FileKind.EML if ext == ".eml" else FileKind.TEXT
    return FileKind.UNKNOWN


def _zip_kind(path: Path) -> FileKind:
    """DOCX when the ZIP at ``path`` holds ``word/document.xml``, else ZIP (or UNKNOWN if broken)."""
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except Exception:  # sniffing must survive any hostile or broken file
        return FileKind.UNKNOWN
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return FileKind.DOCX
    return FileKind.ZIP


def _is_outlook_message(path: Path) -> bool:
    """True when the OLE compound file at ``path`` has the streams of an Outlook .msg."""
    import olefile  # type: ignore[import-untyped]  # ships with extract-msg; no type hints

    try:
        with olefile.OleFileIO(str(path)) as ole:
            return bool(ole.exists("__properties_version1.0")) and any(
                entry and entry[0].startswith("__substg1.0_") for entry in ole.listdir()
            )
    except Exception:  # olefile raises many types on a broken file; sniffing must not fail
        return False


def sniff_path(path: Path, filename: str | None = None) -> FileKind:
    """Decide the kind of the file at ``path``; ``filename`` is the uploaded name (default: path's).

    Unlike :func:`sniff` this looks inside ZIP and OLE containers, so a Word document and an
    Outlook message are recognised whatever they are called.
    """
    name = filename if filename is not None else path.name
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    kind = sniff(head, name)
    if kind in (FileKind.DOCX, FileKind.ZIP):
        return _zip_kind(path)
    if head.startswith(_OLE_MAGIC):
        return FileKind.MSG if _is_outlook_message(path) else FileKind.UNKNOWN
    return kind


def content_type(head: bytes, kind: FileKind) -> str:
    """The MIME type to serve a file of ``kind`` with, naming the exact image format."""
    if kind is FileKind.IMAGE:
        for magic, mime in _IMAGE_MAGICS:
            if head.startswith(magic):
                return mime
    return CONTENT_TYPES[kind]
