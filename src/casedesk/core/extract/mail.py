"""E-mail messages (.eml and Outlook .msg): their parts, and their text for searching.

Pure: a path in, frozen dataclasses out. HTML-only bodies are turned into plain text.
"""

from __future__ import annotations

import mimetypes
import re
from dataclasses import dataclass
from datetime import datetime
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from email.utils import format_datetime, formataddr, getaddresses, parsedate_to_datetime
from html.parser import HTMLParser
from pathlib import Path

from .filenames import clean_filename
from .kinds import FileKind
from .results import ExtractionError
from .results import clean_text as _clean

_BLOCK_TAG = re.compile(r"p|div|br|tr|li|h[1-6]|table|blockquote|pre|hr|title|[uod]l|d[td]")
_SKIP_TAGS = ("script", "style", "head")


@dataclass(frozen=True)
class EmailAttachment:
    """One file attached to an e-mail: a cleaned display name, its MIME type and its bytes."""

    filename: str
    content_type: str
    data: bytes


@dataclass(frozen=True)
class EmailParts:
    """The parts of an e-mail message a law office files and searches."""

    subject: str
    sender: str
    to: tuple[str, ...]
    cc: tuple[str, ...]
    date: datetime | None
    body: str
    attachments: tuple[EmailAttachment, ...]


class _HTMLText(HTMLParser):
    """Crude HTML-to-text: drops tags, scripts and styles; block tags become line breaks."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._skip += tag in _SKIP_TAGS
        self.parts.append("\n" if _BLOCK_TAG.fullmatch(tag) else "")

    def handle_endtag(self, tag: str) -> None:
        self._skip = max(0, self._skip - (tag in _SKIP_TAGS))
        self.parts.append("\n" if tag != "br" and _BLOCK_TAG.fullmatch(tag) else "")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(html: str) -> str:
    """Readable plain text from an HTML e-mail body (tags stripped, entities decoded)."""
    parser = _HTMLText()
    parser.feed(html)
    parser.close()
    lines = (" ".join(line.split()) for line in "".join(parser.parts).splitlines())
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _header(msg: EmailMessage, name: str) -> str:
    """A decoded header value, falling back to the raw text when the header is malformed."""
    try:
        value = msg[name]
        return "" if value is None else " ".join(str(value).split())
    except Exception:  # the email package can raise on badly broken headers
        raw = next((v for k, v in msg.raw_items() if k.lower() == name.lower()), "")
        return " ".join(str(raw).split())


def _addresses(msg: EmailMessage, name: str) -> tuple[str, ...]:
    """Each address of an address header as "Name <addr>"."""
    value = _header(msg, name)
    return tuple(formataddr(pair) for pair in getaddresses([value]) if pair[1] or pair[0])


def _part_text(part: EmailMessage) -> str:
    """The decoded text of a text/* part, whatever its declared charset."""
    try:
        content = part.get_content()
    except (LookupError, UnicodeError, AssertionError):
        payload = part.get_payload(decode=True)
        content = payload.decode("utf-8", "replace") if isinstance(payload, bytes) else ""
    text = content if isinstance(content, str) else ""
    return html_to_text(text) if part.get_content_subtype() == "html" else text


def _eml_attachments(part: EmailMessage, body: object, out: list[EmailAttachment]) -> None:
    """Collect the attachments under ``part`` (skipping the body part) into ``out``."""
    if part is body:
        return
    ctype = part.get_content_type()
    if ctype == "message/rfc822":
        inner = part.get_content()
        subject = _header(inner, "Subject") if isinstance(inner, EmailMessage) else ""
        data = inner.as_bytes() if isinstance(inner, EmailMessage) else b""
        name = part.get_filename() or f"{subject or 'message'}.eml"
        out.append(EmailAttachment(clean_filename(name), ctype, data))
        return
    if part.is_multipart():
        for sub in part.iter_parts():
            if isinstance(sub, EmailMessage):
                _eml_attachments(sub, body, out)
        return
    filename = part.get_filename()
    is_text = part.get_content_maintype() == "text"
    if part.get_content_disposition() != "attachment" and not filename and is_text:
        return  # the other alternative of the body, not a file
    payload = part.get_payload(decode=True)
    ext = mimetypes.guess_extension(ctype) or ".bin"
    name = clean_filename(filename or f"attachment-{len(out) + 1}{ext}")
    out.append(EmailAttachment(name, ctype, payload if isinstance(payload, bytes) else b""))


def _read_eml(path: Path) -> EmailParts:
    """Parse an RFC 822 message file."""
    with path.open("rb") as fh:
        msg = BytesParser(policy=policy.default).parse(fh)
    assert isinstance(msg, EmailMessage)
    body_part = msg.get_body(preferencelist=("plain", "html"))
    body = _part_text(body_part) if isinstance(body_part, EmailMessage) else ""
    if not body and not msg.is_multipart() and msg.get_content_maintype() == "text":
        body = _part_text(msg)
    date: datetime | None = None
    try:
        date = parsedate_to_datetime(_header(msg, "Date")) if _header(msg, "Date") else None
    except (TypeError, ValueError, IndexError):
        date = None
    attachments: list[EmailAttachment] = []
    _eml_attachments(msg, body_part if body_part is not None else msg, attachments)
    return EmailParts(
        subject=_header(msg, "Subject"),
        sender=_header(msg, "From"),
        to=_addresses(msg, "To"),
        cc=_addresses(msg, "Cc"),
        date=date,
        body=_clean(body).strip("\n"),
        attachments=tuple(attachments),
    )


def _msg_attachment(att: object, number: int) -> EmailAttachment | None:
    """One Outlook attachment as bytes (an embedded message is exported as a .msg file)."""
    from extract_msg.msg_classes import MSGFile

    data = getattr(att, "data", None)
    name = getattr(att, "longFilename", None) or getattr(att, "name", None)
    name = name or getattr(att, "shortFilename", None) or f"attachment-{number}"
    if isinstance(data, MSGFile):
        return EmailAttachment(
            clean_filename(f"{name}.msg"), "application/vnd.ms-outlook", data.exportBytes()
        )
    if not isinstance(data, bytes):
        return None  # a link to a cloud file, or an attachment Outlook could not store
    mime = getattr(att, "mimetype", None) or mimetypes.guess_type(str(name))[0]
    return EmailAttachment(clean_filename(str(name)), mime or "application/octet-stream", data)


def _read_msg(path: Path) -> EmailParts:
    """Parse an Outlook .msg file."""
    import extract_msg
    from extract_msg.enums import RecipientType
    from extract_msg.msg_classes import MessageBase

    try:
        msg = extract_msg.openMsg(str(path), strict=False)
    except Exception as exc:  # extract-msg and olefile raise many types on bad input
        raise ExtractionError(
            "This Outlook message could not be read; it may be damaged.",
            detail=f"{type(exc).__name__}: {exc}",
        ) from exc
    try:
        if not isinstance(msg, MessageBase):
            raise ExtractionError("This Outlook file is not an e-mail message.")
        body = msg.body or ""
        if not body.strip() and msg.htmlBody:
            body = html_to_text(msg.htmlBody.decode("utf-8", "replace"))
        # Recipients, not the "To" display string: Outlook joins names with ";" and splits
        # "Doe, John" at its comma.
        to = tuple(r.formatted for r in msg.recipients if r.type is RecipientType.TO)
        cc = tuple(r.formatted for r in msg.recipients if r.type is RecipientType.CC)
        found = (_msg_attachment(att, n) for n, att in enumerate(msg.attachments, 1))
        return EmailParts(
            subject=" ".join((msg.subject or "").split()),
            sender=" ".join((msg.sender or "").split()),
            to=to,
            cc=cc,
            date=msg.date,
            body=_clean(body).strip("\n"),
            attachments=tuple(att for att in found if att is not None),
        )
    finally:
        msg.close()


def read_email(path: Path, kind: FileKind) -> EmailParts:
    """The subject, people, date, body and attachments of an .eml or .msg file."""
    if kind is FileKind.EML:
        return _read_eml(path)
    if kind is FileKind.MSG:
        return _read_msg(path)
    raise ValueError(f"read_email() reads e-mail files, not {kind.value!r}")


def email_text(parts: EmailParts) -> str:
    """The searchable text of an e-mail: a header block, a blank line, the body."""
    lines = [f"From: {parts.sender}", f"To: {', '.join(parts.to)}"]
    if parts.cc:
        lines.append(f"Cc: {', '.join(parts.cc)}")
    if parts.date is not None:
        lines.append(f"Date: {format_datetime(parts.date)}")
    lines.append(f"Subject: {parts.subject}")
    if parts.attachments:
        lines.append(f"Attachments: {', '.join(a.filename for a in parts.attachments)}")
    return _clean("\n".join(lines) + "\n\n" + parts.body)


# --- Plain text and dispatch -----------------------------------------------------------------
