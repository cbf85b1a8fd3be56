"""Sending e-mail over a real local SMTP server, and importing .eml and .msg messages."""

from __future__ import annotations

import email
from email import policy
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.correspondence.mail_services import email_send, message_import
from casedesk.web.correspondence.models import Communication
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.document_services import IncomingFile, document_add
from casedesk.web.documents.models import Document
from casedesk.web.errors import ServiceError
from tests.core.extract.test_text import make_msg

pytestmark = pytest.mark.django_db


def filed_bytes(document: Document) -> bytes:
    assert document.current_version is not None
    with blob_open(document.current_version.blob) as fh:
        return fh.read()


@pytest.fixture
def exhibit(secretary: Any, matter: Any, tmp_path: Path) -> Document:
    path = tmp_path / "Hợp đồng thuê.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n% the signed lease\n%%EOF\n")
    return document_add(by=secretary, matter=matter, incoming=IncomingFile(path, path.name))


# --- sending ---------------------------------------------------------------------------------


def test_send_over_smtp_files_the_exact_message(
    secretary: Any, matter: Any, exhibit: Document, smtp_server: Any
) -> None:
    secretary.email = "sam@firm.example"
    secretary.save()
    entry = email_send(
        by=secretary,
        matter=matter,
        to=['"Roe, Jane" <jane@roe.example>'],
        cc=["otto@biglaw.example"],
        subject="Hợp đồng — signed lease",
        body="Dear Ms. Roe,\nThe signed lease is attached.\nمع التحية",
        attachment_ids=[exhibit.pk],
    )
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert sorted(envelope.rcpt_tos) == ["jane@roe.example", "otto@biglaw.example"]
    received = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert received["Subject"] == "Hợp đồng — signed lease"
    assert received["Reply-To"] == "sam@firm.example"
    parts = list(received.iter_attachments())
    assert [p.get_filename() for p in parts] == ["Hợp đồng thuê.pdf"]
    assert parts[0].get_content() == filed_bytes(exhibit)
    # The .eml filed is the message that was sent, byte for byte (line endings aside).
    document = entry.document
    assert document is not None and document.matter_id == matter.pk
    assert document.direction == "sent" and document.category.slug == "correspondence"
    assert document.title == "Hợp đồng — signed lease"
    assert document.current_version.filename.endswith(".eml")
    assert filed_bytes(document).replace(b"\n", b"\r\n") == envelope.original_content
    assert entry.kind == "email" and entry.direction == "out"
    assert entry.message_id == received["Message-ID"]
    assert "jane@roe.example" in entry.participants
    assert AuditEntry.objects.filter(object_type="communication", action="send").exists()


def test_refused_recipient_files_nothing(secretary: Any, matter: Any, smtp_server: Any) -> None:
    smtp_server.refuse.add("nobody@roe.example")
    before = Document.objects.count()
    with pytest.raises(ServiceError) as exc:
        email_send(
            by=secretary,
            matter=matter,
            to=["nobody@roe.example"],
            subject="Hello",
            body="Anyone there?",
        )
    assert exc.value.message.startswith("The mail server refused the message:")
    assert "550" in exc.value.message and "nobody@roe.example" in exc.value.message
    assert Document.objects.count() == before and not Communication.objects.exists()


def test_unreachable_server_is_a_message(secretary: Any, matter: Any, settings: Any) -> None:
    from tests.web.correspondence.conftest import free_port

    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", free_port(), 2
    with pytest.raises(ServiceError, match="^The mail server refused the message: could not"):
        email_send(by=secretary, matter=matter, to=["jane@roe.example"], subject="Hi", body="x")
    assert not Communication.objects.exists()


def test_attachment_from_another_matter_refused(
    secretary: Any, matter: Any, other_matter: Any, tmp_path: Path, smtp_server: Any
) -> None:
    path = tmp_path / "other.txt"
    path.write_text("another client's file")
    foreign = document_add(
        by=secretary, matter=other_matter, incoming=IncomingFile(path, "other.txt")
    )
    with pytest.raises(ServiceError, match="belongs to matter 2027-0202") as exc:
        email_send(
            by=secretary,
            matter=matter,
            to=["jane@roe.example"],
            subject="Files",
            body="See attached.",
            attachment_ids=[foreign.pk],
        )
    assert exc.value.field == "attachments"
    assert smtp_server.envelopes == []


def test_bad_address_is_named(secretary: Any, matter: Any, smtp_server: Any) -> None:
    with pytest.raises(ServiceError) as exc:
        email_send(
            by=secretary,
            matter=matter,
            to=["jane@roe.example, jane@@roe"],
            subject="Hi",
            body="x",
        )
    assert exc.value.field == "to" and "“jane@@roe”" in exc.value.message
    with pytest.raises(ServiceError) as cc:
        email_send(
            by=secretary,
            matter=matter,
            to=["jane@roe.example"],
            cc=["otto"],
            subject="Hi",
            body="x",
        )
    assert cc.value.field == "cc" and "“otto”" in cc.value.message
    assert smtp_server.envelopes == []


def test_attachments_over_the_cap_refused(
    secretary: Any, matter: Any, exhibit: Document, settings: Any, smtp_server: Any
) -> None:
    settings.CASEDESK_MAIL_MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ServiceError, match="at most 10 bytes"):
        email_send(
            by=secretary,
            matter=matter,
            to=["jane@roe.example"],
            subject="Big",
            body="x",
            attachment_ids=[exhibit.pk],
        )
    assert smtp_server.envelopes == []


def test_readonly_and_screened_cannot_send(
    readonly: Any, screened: Any, matter: Any, smtp_server: Any
) -> None:
    for user in (readonly, screened):
        with pytest.raises(ServiceError):
            email_send(by=user, matter=matter, to=["jane@roe.example"], subject="Hi", body="x")
    assert smtp_server.envelopes == []


# --- importing -------------------------------------------------------------------------------


def test_import_eml_with_attachment(secretary: Any, matter: Any, eml_file: Any) -> None:
    path = eml_file(
        attachments=[
            ("Hợp đồng.pdf", b"%PDF-1.4\n% lease\n%%EOF\n", "application/pdf"),
            ("empty.txt", b"", "text/plain"),
        ]
    )
    result = message_import(by=secretary, matter=matter, path=path, filename="lease.eml")
    original, attachment = result.documents
    assert original.title == "Hợp đồng thuê nhà — Roe lease"
    assert original.direction == "received" and original.category.slug == "correspondence"
    assert str(original.document_date) == "2027-03-05"
    assert filed_bytes(original) == path.read_bytes()
    assert attachment.title == "Hợp đồng.pdf (attachment to Hợp đồng thuê nhà — Roe lease)"
    assert attachment.current_version.filename == "Hợp đồng.pdf"
    assert filed_bytes(attachment) == b"%PDF-1.4\n% lease\n%%EOF\n"
    assert result.notes == ["The attachment empty.txt is empty and was not filed."]
    entry = result.communication
    assert entry.kind == "email" and entry.direction == "in" and entry.document == original
    assert entry.message_id == "<lease-1@roe.example>"
    assert entry.summary.startswith("مرحبا، العقد الموقع مرفق.")
    assert "From: Jane Roe <jane@roe.example>" in entry.participants
    assert entry.occurred_at.isoformat().startswith("2027-03-05T09:15")


def test_duplicate_import_refused(
    secretary: Any, matter: Any, other_matter: Any, eml_file: Any
) -> None:
    message_import(by=secretary, matter=matter, path=eml_file(), filename="a.eml")
    count = Document.objects.count()
    with pytest.raises(ServiceError, match="already filed to 2027-0201 on .* by Sam Secretary"):
        message_import(by=secretary, matter=matter, path=eml_file(), filename="again.eml")
    assert Document.objects.count() == count
    # The same message may still be filed to another matter.
    message_import(by=secretary, matter=other_matter, path=eml_file(), filename="b.eml")


def test_import_without_message_id_uses_the_file_digest(
    secretary: Any, matter: Any, eml_file: Any
) -> None:
    path = eml_file(message_id="", attachments=[])
    entry = message_import(by=secretary, matter=matter, path=path, filename="x.eml").communication
    assert entry.message_id.startswith("sha256:")
    with pytest.raises(ServiceError, match="already filed"):
        message_import(by=secretary, matter=matter, path=path, filename="x.eml")


def test_import_real_msg(secretary: Any, matter: Any, tmp_path: Path) -> None:
    path = make_msg(tmp_path / "lease.msg")
    result = message_import(by=secretary, matter=matter, path=path, filename="lease.msg")
    original, attachment = result.documents
    assert original.title == "Hợp đồng thuê nhà — signed copy"
    assert original.current_version.kind == "msg"
    assert attachment.current_version.filename == "عقد الإيجار.txt"
    assert filed_bytes(attachment) == b"LEASE AGREEMENT"
    entry = result.communication
    assert entry.subject == "Hợp đồng thuê nhà — signed copy"
    assert entry.summary == "Dear counsel,\nPlease find the lease attached."
    assert "an@example.vn" in entry.participants


def test_corrupt_msg_and_empty_file_file_nothing(
    secretary: Any, matter: Any, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.msg"
    broken.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    with pytest.raises(ServiceError, match="could not be read as an Outlook message"):
        message_import(by=secretary, matter=matter, path=broken, filename="broken.msg")
    empty = tmp_path / "empty.eml"
    empty.write_bytes(b"")
    with pytest.raises(ServiceError, match=r"empty \(0 bytes\); nothing was filed"):
        message_import(by=secretary, matter=matter, path=empty, filename="empty.eml")
    pdf = tmp_path / "x.pdf"
    pdf.write_bytes(b"%PDF-1.4\n%%EOF\n")
    with pytest.raises(ServiceError, match=r"not an e-mail message \(.eml or .msg\)"):
        message_import(by=secretary, matter=matter, path=pdf, filename="x.pdf")
    assert not Document.objects.exists() and not Communication.objects.exists()


def test_message_from_a_firm_user_is_outgoing(
    secretary: Any, attorney: Any, matter: Any, eml_file: Any
) -> None:
    attorney.email = "ada@firm.example"
    attorney.save()
    path = eml_file(sender="Ada Attorney <ADA@firm.example>", to="jane@roe.example", attachments=[])
    result = message_import(by=secretary, matter=matter, path=path, filename="sent.eml")
    assert result.communication.direction == "out" and result.documents[0].direction == "sent"


def test_screened_user_cannot_import(screened: Any, matter: Any, eml_file: Any) -> None:
    with pytest.raises(ServiceError, match="No such matter"):
        message_import(by=screened, matter=matter, path=eml_file(), filename="a.eml")
