"""Fixtures for the correspondence app: private storage, matters with parties and e-mail
addresses, messages built with the stdlib, and a real local SMTP server (aiosmtpd)."""

from __future__ import annotations

import datetime as dt
import socket
from collections.abc import Callable, Iterator
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import pytest

from casedesk.web.contacts.models import Contact, ContactEmail
from casedesk.web.matters.models import EthicalWall, MatterParty
from tests.web.matters.factories import make_matter


@pytest.fixture(autouse=True)
def storage(file_storage: Path) -> Path:
    """Every test here stores its files under its own folder (tests/conftest.py)."""
    return file_storage


def add_party(matter: Any, name: str, role: str, email: str = "", kind: str = "person") -> Any:
    contact = Contact.objects.create(name=name, kind=kind)
    if email:
        ContactEmail.objects.create(contact=contact, address=email)
    MatterParty.objects.create(matter=matter, contact=contact, role=role)
    return contact


@pytest.fixture
def matter(attorney: Any, secretary: Any) -> Any:
    """An open matter with a client (Jane Roe), an adverse party and opposing counsel."""
    m = make_matter("2027-0201", "Roe v. Acme Widgets", attorney=attorney)
    m.case_number = "3:24-cv-01234"
    m.save()
    m.team.create(user=secretary, role="secretary")
    add_party(m, "Jane Roe", "client", "jane@roe.example")
    add_party(m, "Acme Widgets Inc.", "adverse-party", "legal@acme.example", kind="organization")
    add_party(m, "Otto Counsel", "opposing-counsel", "otto@biglaw.example")
    return m


@pytest.fixture
def other_matter(attorney: Any) -> Any:
    """A second open matter of the same attorney (a different client)."""
    m = make_matter("2027-0202", "Nguyễn Thị Minh lease dispute", attorney=attorney)
    add_party(m, "Nguyễn Thị Minh", "client", "minh@example.vn")
    return m


@pytest.fixture
def screened(make_user: Callable[..., Any], matter: Any, admin_user: Any) -> Any:
    """An attorney walled off from ``matter``."""
    user = make_user("attorney", "wally", "Wally Walled")
    EthicalWall.objects.create(
        matter=matter, user=user, reason="lateral hire", created_by=admin_user
    )
    return user


def build_eml(
    *,
    subject: str = "Hợp đồng thuê nhà — Roe lease",
    sender: str = "Jane Roe <jane@roe.example>",
    to: str = "Ada Attorney <ada@firm.example>",
    cc: str = "",
    body: str = "مرحبا، العقد الموقع مرفق.\nThe signed lease is attached.\n",
    message_id: str = "<lease-1@roe.example>",
    attachments: list[tuple[str, bytes, str]] | None = None,
    date: dt.datetime | None = None,
) -> bytes:
    """An e-mail as its bytes, built with the stdlib ``email`` package."""
    msg = EmailMessage()
    msg["From"] = sender
    msg["To"] = to
    if cc:
        msg["Cc"] = cc
    msg["Subject"] = subject
    msg["Date"] = format_datetime(date or dt.datetime(2027, 3, 5, 9, 15, tzinfo=dt.UTC))
    if message_id:
        msg["Message-ID"] = message_id
    msg.set_content(body)
    for name, data, ctype in (
        attachments
        if attachments is not None
        else [("Hợp đồng.pdf", b"%PDF-1.4\n% lease\n%%EOF\n", "application/pdf")]
    ):
        maintype, subtype = ctype.split("/")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=name)
    return bytes(msg)


@pytest.fixture
def eml_file(tmp_path: Path) -> Callable[..., Path]:
    """Write an .eml (``build_eml`` keyword arguments) and return its path."""
    folder = tmp_path / "mail"
    folder.mkdir()
    counter = iter(range(1_000_000))

    def factory(name: str = "message.eml", **kwargs: Any) -> Path:
        path = folder / f"{next(counter)}-{name}"
        path.write_bytes(build_eml(**kwargs))
        return path

    return factory


# --- a real SMTP server ----------------------------------------------------------------------


class KeepingHandler:
    """An aiosmtpd handler that keeps every envelope and refuses listed recipients."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []
        self.refuse: set[str] = set()

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:  # noqa: N802
        if address.lower() in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def smtp_server(settings: Any) -> Iterator[KeepingHandler]:
    """A local SMTP server (aiosmtpd) that Django's SMTP backend sends to."""
    from aiosmtpd.controller import Controller

    handler = KeepingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 10
    settings.DEFAULT_FROM_EMAIL = "Roe Law <office@firm.example>"
    try:
        yield handler
    finally:
        controller.stop()
