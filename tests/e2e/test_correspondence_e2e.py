"""End to end: a matter's correspondence.

(a) A legal secretary imports an Outlook .msg (a real OLE file built here) from the client,
    whose subject gives the case number: the review page shows the sender, subject and
    attachment, and the client's matter suggested first with its reasons; filed, the log
    shows the e-mail and the case file holds the message and its attachment.
(b) She logs a call on the matter's log with a follow-up task, and finds the task on the log
    and on her task list.
"""

from __future__ import annotations

import datetime as dt
import re
import struct
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import PASSWORD
from tests.core.extract.test_text import _props, _utf16
from tests.e2e.conftest import serialize_requests
from tests.web.contacts.factories import make_contact, make_matter

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

CLIENT = "Trần Văn Bảo"
CLIENT_EMAIL = "bao.tran@example.com"
CASE_NUMBER = "RG27-004321"
SUBJECT = f"{CASE_NUMBER}: signed amendment and warehouse photos"
ATTACHMENT = "Lease amendment (signed).txt"


@pytest.fixture
def matters(attorney: Any) -> tuple[Any, Any]:
    """The client's matter (case RG27-004321), and another open matter whose title shares a
    word with the e-mail's subject."""
    from casedesk.web.contacts.models import ContactEmail

    attorney.email = "ada@harborvale.example"
    attorney.save()
    client = make_contact(CLIENT)
    ContactEmail.objects.create(contact=client, address=CLIENT_EMAIL)
    adverse = make_contact("Bayside Storage LLC", kind="organization")
    ours = make_matter(
        "2027-0415",
        title="Trần v. Bayside Storage",
        client=client,
        parties=[(adverse, "adverse-party")],
        responsible=attorney,
    )
    ours.court = "Superior Court of California, County of Alameda"
    ours.case_number = CASE_NUMBER
    ours.save()
    other = make_matter(
        "2027-0388",
        title="Minh warehouse purchase",
        client=make_contact("Nguyễn Thị Minh"),
        responsible=attorney,
    )
    return ours, other


def build_msg(
    path: Path,
    *,
    subject: str,
    sender_name: str,
    sender_email: str,
    to_name: str,
    to_email: str,
    body: str,
    attachment: tuple[str, bytes],
    sent: dt.datetime,
) -> Path:
    """A real Outlook .msg (OLE compound file): one recipient and one attachment.

    The approach of ``make_msg`` in tests/core/extract/test_text.py, with the parts given.
    """
    from extract_msg.ole_writer import OleWriter

    filetime = int((sent - dt.datetime(1601, 1, 1, tzinfo=dt.UTC)).total_seconds() * 10**7)
    w = OleWriter()
    flags = (0x0E070003, struct.pack("<Q", 1))  # read, sent
    when = (0x00390040, struct.pack("<Q", filetime))
    w.addEntry("__properties_version1.0", _props([when, flags], top=True, recips=1, atts=1))
    w.addEntry("__substg1.0_001A001F", _utf16("IPM.Note"))
    w.addEntry("__substg1.0_0037001F", _utf16(subject))
    w.addEntry("__substg1.0_1000001F", _utf16(body))
    w.addEntry("__substg1.0_0C1A001F", _utf16(sender_name))
    w.addEntry("__substg1.0_5D01001F", _utf16(sender_email))
    w.addEntry("__nameid_version1.0", storage=True)
    for stream in ("00020102", "00030102", "00040102"):
        w.addEntry(f"__nameid_version1.0/__substg1.0_{stream}", b"")
    r = "__recip_version1.0_#00000000"
    w.addEntry(r, storage=True)
    w.addEntry(
        f"{r}/__properties_version1.0", _props([(0x0C150003, struct.pack("<Q", 1))], top=False)
    )
    w.addEntry(f"{r}/__substg1.0_3001001F", _utf16(to_name))
    w.addEntry(f"{r}/__substg1.0_39FE001F", _utf16(to_email))
    w.addEntry(f"{r}/__substg1.0_3003001F", _utf16(to_email))
    a = "__attach_version1.0_#00000000"
    w.addEntry(a, storage=True)
    w.addEntry(
        f"{a}/__properties_version1.0", _props([(0x37050003, struct.pack("<Q", 1))], top=False)
    )
    name, data = attachment
    w.addEntry(f"{a}/__substg1.0_3707001F", _utf16(name))
    w.addEntry(f"{a}/__substg1.0_370E001F", _utf16("text/plain"))
    w.addEntry(f"{a}/__substg1.0_37010102", data)
    w.write(str(path))
    return path


def test_an_outlook_message_from_the_client_is_suggested_for_its_matter_and_filed(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    matters: tuple[Any, Any],
    secretary: Any,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.correspondence.models import Communication
    from casedesk.web.documents.models import Document

    ours, other = matters
    msg = build_msg(
        storage / "Signed amendment.msg",
        subject=SUBJECT,
        sender_name=CLIENT,
        sender_email=CLIENT_EMAIL,
        to_name="Ada Attorney",
        to_email="ada@harborvale.example",
        body="Dear Ms. Attorney,\r\nThe signed amendment is attached.\r\nBảo\r\n",
        attachment=(ATTACHMENT, b"LEASE AMENDMENT No. 2, signed by both parties."),
        sent=dt.datetime(2026, 11, 20, 22, 30, tzinfo=dt.UTC),
    )

    serialize_requests(page)
    login(page, live_server, secretary.username, PASSWORD)
    page.get_by_role("link", name="Import e-mail").click()
    expect(page.get_by_role("heading", name="Import an e-mail")).to_be_visible()
    page.get_by_label("E-mail message (.eml or .msg)").set_input_files(str(msg))
    page.get_by_role("button", name="Upload and review").click()

    expect(page.get_by_role("heading", name="File this e-mail")).to_be_visible()
    facts = page.locator("section[aria-labelledby=msg-h] dl.facts")
    expect(facts).to_contain_text("Signed amendment.msg")
    expect(facts).to_contain_text(CLIENT_EMAIL)
    expect(facts).to_contain_text(SUBJECT)
    expect(facts).to_contain_text("ada@harborvale.example")
    expect(facts).to_contain_text(ATTACHMENT)
    suggestions = page.locator("label.suggestion")
    expect(suggestions).to_have_count(2)
    first = suggestions.first
    expect(first).to_contain_text("2027-0415 · Trần v. Bayside Storage")
    expect(first).to_contain_text(f"Sender {CLIENT_EMAIL} is the client {CLIENT}'s e-mail")
    expect(first).to_contain_text(f"Subject mentions case number {CASE_NUMBER}")
    expect(first.get_by_role("radio")).to_be_checked()
    expect(suggestions.nth(1)).to_contain_text("2027-0388 · Minh warehouse purchase")
    expect(suggestions.nth(1)).to_contain_text("Subject mentions “warehouse” from the matter title")
    screenshot(page, "correspondence-import-review")

    page.get_by_role("button", name="File the e-mail").click()
    page.wait_for_url(f"{live_server.url}/correspondence/matter/{ours.pk}/")
    expect(page.get_by_text(f"Filed “{SUBJECT}” to 2027-0415 with 1 attachment.")).to_be_visible()
    row = page.locator("table.correspondence tbody tr", has_text=SUBJECT)
    expect(row).to_have_count(1)
    expect(row).to_contain_text("E-mail")
    expect(row).to_contain_text("Incoming")
    expect(row).to_contain_text(CLIENT_EMAIL)
    expect(row.get_by_role("link", name=SUBJECT)).to_be_visible()
    screenshot(page, "correspondence-log-email")

    entry = Communication.objects.get()
    assert entry.matter_id == ours.pk and entry.kind == "email" and entry.direction == "in"
    assert Document.objects.filter(matter=other).count() == 0

    # The message and its attachment are in the case file.
    page.get_by_role("link", name="Case file", exact=True).click()
    table = page.locator("#case-file-table")
    expect(table.locator("tr", has_text=SUBJECT)).to_have_count(2)
    expect(table).to_contain_text(f"{ATTACHMENT} (attachment to {SUBJECT})")
    assert Document.objects.filter(matter=ours).count() == 2


def test_log_a_call_with_a_follow_up_task(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    matters: tuple[Any, Any],
    secretary: Any,
) -> None:
    from playwright.sync_api import expect

    from casedesk.web.scheduling.models import Task

    ours, _ = matters
    login(page, live_server, secretary.username, PASSWORD)
    page.goto(f"{live_server.url}/matters/{ours.pk}/")
    page.get_by_role("link", name="Log a call").click()
    page.wait_for_url(re.compile(rf"/correspondence/matter/{ours.pk}/#log-call$"))
    expect(page.get_by_text("Nothing logged yet")).to_be_visible()
    panel = page.locator("#log-call")
    expect(panel).to_have_attribute("open", "")  # opened by the link's #log-call
    expect(panel.get_by_label("Date and time")).not_to_have_value("")
    screenshot(page, "correspondence-log-call-form")
    panel.get_by_label("Direction").select_option(label="Incoming")
    panel.get_by_label("Who took part").fill(f"{CLIENT} (510) 555-0147")
    panel.get_by_label("Subject", exact=True).fill("Questions about the retainer")
    panel.get_by_label("Summary").fill(
        "Client asked whether the retainer is refundable; explained it is held in trust."
    )
    panel.get_by_label("Follow-up task").fill("Send the signed amendment to Bayside's counsel")
    panel.get_by_label("Follow-up due date").fill("2027-01-08")
    panel.get_by_role("button", name="Log the call").click()

    expect(
        page.get_by_text(
            re.compile(
                r"Logged the call of [A-Z][a-z]{2} \d{1,2}, \d{4} “Questions about the retainer”\."
            )
        )
    ).to_be_visible()
    expect(
        page.get_by_text("Follow-up task “Send the signed amendment to Bayside's counsel” added.")
    ).to_be_visible()
    row = page.locator("table.correspondence tbody tr", has_text="Questions about the retainer")
    expect(row).to_contain_text("Call")
    expect(row).to_contain_text("Incoming")
    expect(row).to_contain_text("Send the signed amendment to Bayside's counsel")
    expect(row).to_contain_text("due Jan 8, 2027")
    expect(row).to_contain_text("Sam Secretary")
    expect(page.locator("#log-call")).not_to_have_attribute("open", "")  # the log is in view
    screenshot(page, "correspondence-log")

    task = Task.objects.get()
    assert task.matter_id == ours.pk and task.assignee_id == secretary.pk
    assert task.due_date == dt.date(2027, 1, 8)

    # The follow-up is on the secretary's task list.
    page.goto(f"{live_server.url}/calendar/tasks/")
    task_row = page.locator("tr", has_text="Send the signed amendment to Bayside's counsel")
    expect(task_row).to_have_count(1)
    expect(task_row).to_contain_text("2027-0415")


def test_write_an_e_mail_from_a_template_and_send_it(
    page: Any,
    live_server: Any,
    login: Any,
    screenshot: Any,
    storage: Path,
    matters: tuple[Any, Any],
    secretary: Any,
    admin_user: Any,
    settings: Any,
) -> None:
    """(c) From the matter, an e-mail starts from the client-update template; the parts left
    to answer must be replaced before it goes; it is sent to a real local SMTP server and
    filed."""
    from aiosmtpd.controller import Controller
    from playwright.sync_api import expect

    from casedesk.web.contacts.models import ContactEmail
    from casedesk.web.correspondence.models import Communication
    from casedesk.web.drafting.template_services import starter_install
    from tests.web.correspondence.conftest import KeepingHandler, free_port

    ours, _ = matters
    starter_install(by=admin_user)
    handler = KeepingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    try:
        login(page, live_server, secretary.username, PASSWORD)
        page.goto(f"{live_server.url}/matters/{ours.pk}/")
        page.get_by_role("link", name="Write an e-mail").click()
        page.get_by_label("Start from a template").select_option(
            label="E-mail: status update to the client"
        )
        page.get_by_role("button", name="Fill in").click()
        expect(page.get_by_text("Replace the parts marked")).to_be_visible()
        expect(page.locator("#id_to")).to_have_value(
            ContactEmail.objects.get(contact__name=CLIENT).address
        )
        body = page.locator("#id_body")
        text = body.input_value()
        assert text.startswith("Dear Trần,") and "[Answer: " in text
        screenshot(page, "correspondence-email-from-template")

        page.get_by_role("button", name="Send and file").click()
        expect(page.get_by_text("still marked [Answer: …]")).to_be_visible()
        assert handler.envelopes == []

        filled = re.sub(
            r"\[Answer: [^\]]*\]", "The landlord agreed to repair the roof drain.", text
        )
        page.locator("#id_body").fill(filled)
        page.get_by_role("button", name="Send and file").click()
        expect(page.get_by_text(re.compile(r"Sent to .* and filed as"))).to_be_visible()
    finally:
        controller.stop()
    assert len(handler.envelopes) == 1
    assert handler.envelopes[0].rcpt_tos == [CLIENT_EMAIL]
    assert "roof drain" in handler.envelopes[0].content.decode("utf-8", "replace")
    sent = Communication.objects.get(kind="email", direction="out")
    assert sent.document is not None and sent.matter_id == ours.pk
