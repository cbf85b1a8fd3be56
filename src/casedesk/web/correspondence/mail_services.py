"""E-mail in and out of the correspondence log.

:func:`email_send` sends an e-mail through Django's mail backend (SMTP when configured) with
attachments chosen from the matter's documents, then files the exact message sent as an .eml
document and logs it. :func:`message_import` files an .eml or Outlook .msg file: the message,
each attachment as its own document, and a log entry. Both check permission through
:mod:`casedesk.web.access` and audit in the same transaction as their writes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import smtplib
import tempfile
from dataclasses import dataclass, field
from email import policy
from email.parser import BytesParser
from email.utils import getaddresses, make_msgid, parseaddr
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from casedesk.core.extract.filenames import clean_filename
from casedesk.core.extract.kinds import FileKind, sniff_path
from casedesk.core.extract.mail import EmailParts, read_email
from casedesk.core.extract.results import ExtractionError
from casedesk.web.access import visible_documents
from casedesk.web.accounts.models import User
from casedesk.web.correspondence.models import (
    Communication,
    CommunicationDirection,
    CommunicationKind,
)
from casedesk.web.correspondence.services import (
    SUBJECT_LIMIT,
    check_matter,
    clean_long_text,
    communication_record,
)
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.document_services import (
    DocumentDetails,
    IncomingFile,
    default_category,
    document_add,
)
from casedesk.web.documents.models import Direction, Document
from casedesk.web.documents.upload_limit import limit_text
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.scheduling.event_services import clean_text

MAX_RECIPIENTS = 50
BODY_LIMIT = 200_000
SUMMARY_CHARS = 1000
TITLE_LIMIT = 300
DEFAULT_MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024


# --- sending -----------------------------------------------------------------------------------


_SEPARATOR = re.compile(r'[,;](?=(?:[^"]*"[^"]*")*[^"]*$)')  # not inside "quoted, names"


def split_addresses(values: list[str]) -> list[str]:
    """Addresses typed in boxes, split at commas and semicolons outside quoted names."""
    return [p for raw in values for p in _SEPARATOR.split(str(raw)) if p.strip()]


def _addresses(values: list[str], *, field: str, label: str) -> list[str]:
    """Each address checked; "Name <addr>" is kept as written. Names the first bad one."""
    out: list[str] = []
    for raw in values:
        for part in split_addresses([raw]):
            text = " ".join(part.split())
            if not text:
                continue
            name, addr = parseaddr(text)
            try:
                if not addr or "\n" in part or "\r" in part:
                    raise ValidationError("bad")
                validate_email(addr)
            except ValidationError:
                raise ServiceError(
                    f"“{text}” is not a valid e-mail address ({label}).", field=field
                ) from None
            if text not in out:
                out.append(text)
    if len(out) > MAX_RECIPIENTS:
        raise ServiceError(
            f"That is {len(out)} addresses in {label}; the limit is {MAX_RECIPIENTS}.", field=field
        )
    return out


def _attachments(by: Any, matter: Matter, ids: list[Any]) -> list[Document]:
    """The chosen documents, each a visible, filed document of ``matter`` with a file."""
    wanted: list[int] = []
    for raw in ids:
        try:
            number = int(raw)
        except (TypeError, ValueError):
            raise ServiceError("One of the chosen attachments is not a document.") from None
        if number not in wanted:
            wanted.append(number)
    found = {
        d.pk: d
        for d in visible_documents(by)
        .filter(pk__in=wanted)
        .select_related("matter", "current_version__blob")
    }
    out: list[Document] = []
    for number in wanted:
        document = found.get(number)
        if document is None:
            raise ServiceError(
                f"Document {number} is not a document of {matter.number}; attach only the "
                "matter's own documents.",
                field="attachments",
            )
        if document.matter_id != matter.pk:
            raise ServiceError(
                f"“{document.title}” belongs to matter {document.matter.number}, not "
                f"{matter.number}; attach only this matter's documents.",
                field="attachments",
            )
        if document.current_version is None:
            raise ServiceError(f"“{document.title}” has no file to attach.", field="attachments")
        out.append(document)
    limit = int(
        getattr(settings, "CASEDESK_MAIL_MAX_ATTACHMENT_BYTES", DEFAULT_MAX_ATTACHMENT_BYTES)
    )
    total = sum(d.current_version.size for d in out if d.current_version is not None)
    if total > limit:
        raise ServiceError(
            f"The attachments add up to {limit_text(total)}; one e-mail may carry at most "
            f"{limit_text(limit)}. Attach fewer documents.",
            field="attachments",
        )
    return out


class _SentMessage(EmailMessage):
    """An e-mail whose MIME message is built once, so the bytes filed are the bytes sent."""

    _built: Any = None

    def message(self, *args: Any, **kwargs: Any) -> Any:
        if self._built is None:
            self._built = super().message(*args, **kwargs)
        return self._built


def _text(value: object) -> str:
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)


def _refusal(exc: Exception) -> str:
    """The mail server's answer, in one line."""
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        parts = []
        for addr, answer in exc.recipients.items():
            code, text = answer if isinstance(answer, tuple) else ("", answer)
            parts.append(f"{addr}: {code} {_text(text)}".strip())
        return "; ".join(parts)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{exc.smtp_code} {_text(exc.smtp_error)}"
    if isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException):
        return f"could not connect ({exc.strerror or exc})"
    return str(exc) or type(exc).__name__


def _write_temp(data: bytes, suffix: str = "") -> Path:
    folder = Path(settings.CASEDESK_UPLOAD_TMP_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(dir=folder, suffix=suffix)
    with open(fd, "wb") as out:
        out.write(data)
    return Path(name)


def _mail_filename(subject: str) -> str:
    return clean_filename(f"{subject[:120] or 'e-mail'}.eml")


UNFILLED = "[Answer: "  # what a template left for the writer (web/drafting/email_drafts.py)


def email_send(
    *,
    by: Any,
    matter: Matter,
    to: list[str],
    cc: list[str] | None = None,
    subject: str,
    body: str,
    attachment_ids: list[Any] | None = None,
    reply_to: str | None = None,
) -> Communication:
    """Send an e-mail about the matter, file the sent message as a document and log it.

    Nothing is filed when the mail server refuses the message.
    """
    check_matter(by, matter)
    recipients = _addresses(to, field="to", label="To")
    if not recipients:
        raise ServiceError("Give at least one address to send to.", field="to")
    copies = _addresses(cc or [], field="cc", label="Cc")
    subject = clean_text(
        subject, field="subject", label="Subject", limit=SUBJECT_LIMIT, required=True
    )
    body = clean_long_text(body, field="body", label="The message", limit=BODY_LIMIT)
    if not body:
        raise ServiceError("Write the message before sending it.", field="body")
    for text, name in ((subject, "subject"), (body, "body")):
        if UNFILLED in text:
            raise ServiceError(
                "Part of the message is still marked [Answer: …] from the template: replace it "
                "with the real text before sending.",
                field=name,
            )
    documents = _attachments(by, matter, list(attachment_ids or []))
    answer_to = _addresses(
        [reply_to or getattr(by, "email", "") or ""], field="reply_to", label="Reply-To"
    )
    from_email = settings.DEFAULT_FROM_EMAIL
    domain = parseaddr(from_email)[1].rpartition("@")[2] or "localhost"
    message = _SentMessage(
        subject=subject,
        body=body + "\n",
        from_email=from_email,
        to=recipients,
        cc=copies,
        reply_to=answer_to,
        headers={"Message-ID": make_msgid(domain=domain)},
    )
    for document in documents:
        version = document.current_version
        assert version is not None
        try:
            with blob_open(version.blob) as fh:
                data = fh.read()
        except FileNotFoundError as exc:
            raise ServiceError(f"“{document.title}” cannot be attached: {exc}") from exc
        message.attach(version.filename, data, version.content_type or None)
    try:
        message.connection = get_connection(fail_silently=False)
        message.send(fail_silently=False)
    except (smtplib.SMTPException, OSError) as exc:
        raise ServiceError(f"The mail server refused the message: {_refusal(exc)}") from exc
    raw = message.message().as_bytes()
    message_id = str(message.message()["Message-ID"] or "").strip()[:500]
    path = _write_temp(raw, ".eml")
    try:
        with transaction.atomic():
            document = document_add(
                by=by,
                matter=matter,
                incoming=IncomingFile(path=path, name=_mail_filename(subject)),
                details=DocumentDetails(
                    category=default_category(FileKind.EML),
                    title=subject,
                    document_date=timezone.localdate(),
                    author=str(getattr(by, "display_name", "") or by)[:200],
                    direction=Direction.SENT,
                ),
            )
            everyone = ", ".join(recipients + copies)
            names = ", ".join(d.current_version.filename for d in documents if d.current_version)
            summary = body[:SUMMARY_CHARS] + ("…" if len(body) > SUMMARY_CHARS else "")
            if names:
                summary += f"\n\nAttached: {names}"
            communication = communication_record(
                by=by,
                matter=matter,
                fields={
                    "kind": CommunicationKind.EMAIL,
                    "direction": CommunicationDirection.OUT,
                    "occurred_at": timezone.now(),
                    "participants": f"From: {from_email}; To: {everyone}"[:1000],
                    "subject": subject,
                    "summary": summary,
                },
                document=document,
                message_id=message_id,
                action="send",
            )
    finally:
        path.unlink(missing_ok=True)
    return communication


# --- importing ---------------------------------------------------------------------------------


@dataclass
class ImportResult:
    """What an import filed: the log entry, the documents (message first) and notes."""

    communication: Communication
    documents: list[Document] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def message_preview(path: Path, filename: str) -> EmailParts:
    """The parts of an uploaded .eml/.msg file; a clear refusal for anything else."""
    display = clean_filename(filename or path.name)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ServiceError(f"{display} could not be read ({exc.strerror or exc}).") from exc
    if size == 0:
        raise ServiceError(f"{display} is empty (0 bytes); nothing was filed.", field="file")
    limit = int(settings.CASEDESK_MAX_UPLOAD_BYTES)
    if size > limit:
        raise ServiceError(
            f"{display} is larger than the upload limit of {limit_text(limit)}; nothing was filed.",
            field="file",
        )
    kind = sniff_path(path, display)
    if kind not in (FileKind.EML, FileKind.MSG):
        if display.lower().endswith(".msg"):
            raise ServiceError(
                f"{display} could not be read as an Outlook message; it may be damaged. "
                "Nothing was filed.",
                field="file",
            )
        raise ServiceError(
            f"{display} is not an e-mail message (.eml or .msg); file it from the case file "
            "instead.",
            field="file",
        )
    try:
        return read_email(path, kind)
    except ExtractionError as exc:
        raise ServiceError(f"{display}: {exc} Nothing was filed.", field="file") from exc
    except Exception as exc:  # the e-mail parsers raise many types on hostile input
        raise ServiceError(
            f"{display} could not be read as an e-mail message; it may be damaged. "
            "Nothing was filed.",
            field="file",
        ) from exc


def message_identity(path: Path, filename: str) -> str:
    """The message's Message-ID, or ``sha256:<digest>`` of the file when it has none."""
    found = ""
    try:
        kind = sniff_path(path, filename)
        if kind is FileKind.EML:
            with path.open("rb") as fh:
                headers = BytesParser(policy=policy.default).parse(fh, headersonly=True)
            found = str(headers.get("Message-ID") or "")
        elif kind is FileKind.MSG:
            import extract_msg

            msg = extract_msg.openMsg(str(path), strict=False)
            try:
                found = str(getattr(msg, "messageId", "") or "")
            finally:
                msg.close()
    except Exception:  # a broken header: fall back to the file's digest
        found = ""
    found = " ".join(found.split())
    if found:
        return found[:500]
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(1024 * 1024):
            digest.update(chunk)
    return f"sha256:{digest.hexdigest()}"


def _bare_addresses(values: list[str]) -> set[str]:
    return {addr.lower() for _name, addr in getaddresses(values) if addr}


def _from_the_firm(parts: EmailParts) -> bool:
    """True when the sender is one of the firm's users (a sent message exported from Outlook)."""
    sender = _bare_addresses([parts.sender])
    if not sender:
        return False
    users = User.objects.filter(is_active=True).exclude(email="")
    return any(u.email.lower() in sender for u in users.only("email"))


def _earlier_import(matter: Matter, message_id: str) -> None:
    earlier = (
        Communication.objects.filter(matter=matter, message_id=message_id)
        .select_related("created_by")
        .first()
    )
    if earlier is None:
        return
    local = timezone.localtime(earlier.created_at)
    when = f"{local:%b} {local.day}, {local.year}"
    who = earlier.created_by.display_name if earlier.created_by else "someone"
    subject = earlier.subject or "(no subject)"
    raise ServiceError(
        f"This message (“{subject}”) was already filed to {matter.number} on {when} by {who}; "
        "it was not filed again.",
        field="file",
    )


def _message_date(parts: EmailParts) -> dt.datetime:
    when = parts.date
    if when is None:
        return timezone.now()
    if timezone.is_naive(when):
        when = timezone.make_aware(when)
    return when


def message_import(*, by: Any, matter: Matter, path: Path, filename: str) -> ImportResult:
    """File an .eml or .msg message to the matter: the message, its attachments, a log entry."""
    check_matter(by, matter)
    parts = message_preview(path, filename)
    message_id = message_identity(path, filename)
    _earlier_import(matter, message_id)
    subject = " ".join(parts.subject.split())[:TITLE_LIMIT]
    title = subject or "(no subject)"
    when = _message_date(parts)
    outgoing = _from_the_firm(parts)
    direction = Direction.SENT if outgoing else Direction.RECEIVED
    category = default_category(FileKind.EML)
    notes: list[str] = []
    with transaction.atomic():
        original = document_add(
            by=by,
            matter=matter,
            incoming=IncomingFile(path=path, name=filename),
            details=DocumentDetails(
                category=category,
                title=title,
                document_date=timezone.localtime(when).date(),
                author=" ".join(parts.sender.split())[:200],
                direction=direction,
            ),
        )
        documents = [original]
        for attachment in parts.attachments:
            name = attachment.filename or "attachment"
            if not attachment.data:
                notes.append(f"The attachment {name} is empty and was not filed.")
                continue
            temp = _write_temp(attachment.data)
            try:
                documents.append(
                    document_add(
                        by=by,
                        matter=matter,
                        incoming=IncomingFile(path=temp, name=name),
                        details=DocumentDetails(
                            title=f"{name} (attachment to {title})"[:TITLE_LIMIT],
                            document_date=timezone.localtime(when).date(),
                            author=" ".join(parts.sender.split())[:200],
                            direction=direction,
                        ),
                    )
                )
            except ServiceError as exc:
                notes.append(f"The attachment {name} was not filed: {exc.message}")
            finally:
                temp.unlink(missing_ok=True)
        people = [f"From: {parts.sender}"]
        if parts.to:
            people.append(f"To: {', '.join(parts.to)}")
        if parts.cc:
            people.append(f"Cc: {', '.join(parts.cc)}")
        body = parts.body.strip()
        communication = communication_record(
            by=by,
            matter=matter,
            fields={
                "kind": CommunicationKind.EMAIL,
                "direction": CommunicationDirection.OUT if outgoing else CommunicationDirection.IN,
                "occurred_at": when,
                "participants": " ".join("; ".join(people).split())[:1000],
                "subject": subject,
                "summary": body[:SUMMARY_CHARS] + ("…" if len(body) > SUMMARY_CHARS else ""),
            },
            document=original,
            message_id=message_id,
            action="import",
        )
    return ImportResult(communication=communication, documents=documents, notes=notes)
