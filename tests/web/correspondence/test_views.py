"""The correspondence pages: the log, logging a call, editing, writing an e-mail, importing."""

from __future__ import annotations

import datetime as dt
import os
import time
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from casedesk.web.correspondence import pending
from casedesk.web.correspondence.models import Communication
from casedesk.web.correspondence.services import communication_log
from casedesk.web.documents.document_services import IncomingFile, document_add
from casedesk.web.documents.models import Document
from casedesk.web.scheduling.models import Task
from tests.web.correspondence.conftest import build_eml

pytestmark = pytest.mark.django_db


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def an_entry(by: Any, matter: Any) -> Communication:
    return communication_log(
        by=by,
        matter=matter,
        kind="letter",
        direction="out",
        occurred_at=timezone.now() - dt.timedelta(days=1),
        subject="Demand letter",
        summary="Sent by certified mail.",
    )


def test_pages_for_secretary_and_404_for_screened(
    secretary: Any, screened: Any, matter: Any
) -> None:
    entry = an_entry(secretary, matter)
    urls = [
        f"/correspondence/matter/{matter.pk}/",
        f"/correspondence/matter/{matter.pk}/log/",
        f"/correspondence/matter/{matter.pk}/email/",
        f"/correspondence/matter/{matter.pk}/import/",
        f"/correspondence/{entry.pk}/edit/",
    ]
    mine, theirs = client_for(secretary), client_for(screened)
    for url in urls:
        assert mine.get(url).status_code == 200, url
        assert theirs.get(url).status_code == 404, url
        assert theirs.post(url).status_code in (404, 405), url
    assert theirs.post(f"/correspondence/{entry.pk}/delete/").status_code == 404
    page = mine.get(urls[0]).content.decode()
    assert "Demand letter" in page and "Log a call" in page and "Write an e-mail" in page
    assert theirs.get("/correspondence/import/").status_code == 200
    assert Communication.objects.filter(pk=entry.pk).exists()


def test_log_a_call_via_post_shows_it(secretary: Any, attorney: Any, matter: Any) -> None:
    client = client_for(secretary)
    when = timezone.localtime() - dt.timedelta(hours=2)
    response = client.post(
        f"/correspondence/matter/{matter.pk}/log/",
        {
            "kind": "call",
            "occurred_at": when.strftime("%Y-%m-%dT%H:%M"),
            "direction": "in",
            "participants": "Jane Roe",
            "subject": "Thỏa thuận — settlement",
            "summary": "She accepts the offer.",
            "follow_up_title": "Draft the agreement",
            "follow_up_due_date": "2027-03-12",
            "follow_up_assignee": attorney.pk,
        },
        follow=True,
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "Logged the call of" in page and "Thỏa thuận — settlement" in page
    assert "Draft the agreement" in page
    task = Task.objects.get()
    assert task.assignee == attorney and task.matter == matter
    # Filter by kind.
    calls = client.get(f"/correspondence/matter/{matter.pk}/?kind=call").content.decode()
    letters = client.get(f"/correspondence/matter/{matter.pk}/?kind=letter").content.decode()
    assert "She accepts the offer." in calls and "She accepts the offer." not in letters


def test_failed_log_keeps_what_was_typed(secretary: Any, matter: Any) -> None:
    response = client_for(secretary).post(
        f"/correspondence/matter/{matter.pk}/log/",
        {
            "kind": "call",
            "occurred_at": "next tuesday",
            "direction": "in",
            "summary": "Kept text ✓",
        },
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "YYYY-MM-DD HH:MM" in page and "Kept text ✓" in page
    response = client_for(secretary).post(
        f"/correspondence/matter/{matter.pk}/log/",
        {
            "kind": "call",
            "occurred_at": "2020-01-02T10:00",
            "direction": "in",
            "summary": "Typed summary",
            "follow_up_due_date": "2027-01-01",
        },
    )
    assert response.status_code == 400
    assert "Give the follow-up task a title" in response.content.decode()
    assert not Communication.objects.exists()


def test_readonly_cannot_post(readonly: Any, secretary: Any, matter: Any, eml_file: Any) -> None:
    entry = an_entry(secretary, matter)
    client = client_for(readonly)
    assert client.get(f"/correspondence/matter/{matter.pk}/").status_code == 200
    data = {"kind": "call", "occurred_at": "2020-01-02T10:00", "direction": "in", "summary": "x"}
    assert client.post(f"/correspondence/matter/{matter.pk}/log/", data).status_code == 403
    assert client.post(f"/correspondence/{entry.pk}/edit/", data).status_code == 403
    client.post(f"/correspondence/{entry.pk}/delete/")
    email = {"to": "jane@roe.example", "subject": "Hi", "body": "x"}
    assert client.post(f"/correspondence/matter/{matter.pk}/email/", email).status_code == 403
    upload = SimpleUploadedFile("m.eml", eml_file().read_bytes())
    assert client.post("/correspondence/import/", {"file": upload}).status_code == 403
    assert Communication.objects.count() == 1
    assert Communication.objects.get().summary == "Sent by certified mail."


def test_edit_and_delete(secretary: Any, matter: Any) -> None:
    entry = an_entry(secretary, matter)
    client = client_for(secretary)
    data = {
        "kind": "letter",
        "occurred_at": "2026-01-04T09:30",
        "direction": "out",
        "subject": "Demand letter (revised)",
        "summary": "Sent by certified mail and e-mail.",
    }
    response = client.post(f"/correspondence/{entry.pk}/edit/", data)
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.subject == "Demand letter (revised)"
    assert timezone.localtime(entry.occurred_at).strftime("%Y-%m-%d %H:%M") == "2026-01-04 09:30"
    response = client.post(f"/correspondence/{entry.pk}/delete/", follow=True)
    assert "Deleted the letter of Jan 4, 2026" in response.content.decode()
    assert not Communication.objects.exists()


def test_compose_sends_and_files(
    secretary: Any, matter: Any, smtp_server: Any, tmp_path: Path
) -> None:
    path = tmp_path / "memo.txt"
    path.write_text("Settlement memo")
    doc = document_add(by=secretary, matter=matter, incoming=IncomingFile(path, "memo.txt"))
    client = client_for(secretary)
    page = client.get(f"/correspondence/matter/{matter.pk}/email/").content.decode()
    assert "memo.txt" in page and "jane@roe.example" in page
    response = client.post(
        f"/correspondence/matter/{matter.pk}/email/",
        {
            "to": "jane@roe.example",
            "subject": "Settlement",
            "body": "Please see the memo.",
            "attachments": [doc.pk],
        },
        follow=True,
    )
    assert "Sent to jane@roe.example and filed" in response.content.decode()
    assert len(smtp_server.envelopes) == 1
    assert Communication.objects.get().document.title == "Settlement"


def test_compose_refusal_keeps_the_message(secretary: Any, matter: Any, smtp_server: Any) -> None:
    response = client_for(secretary).post(
        f"/correspondence/matter/{matter.pk}/email/",
        {"to": "jane@roe.example, bad@", "subject": "Hi", "body": "My long message ✓"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "is not a valid e-mail address" in page and "My long message ✓" in page
    assert smtp_server.envelopes == []


def test_import_flow_upload_choose_file(secretary: Any, matter: Any, other_matter: Any) -> None:
    client = client_for(secretary)
    upload = SimpleUploadedFile("Roe lease.eml", build_eml(subject="Re: 3:24-cv-01234 lease"))
    response = client.post("/correspondence/import/", {"file": upload})
    assert response.status_code == 302
    review = response["Location"]
    token = review.rstrip("/").rsplit("/", 1)[1]
    page = client.get(review).content.decode()
    assert "Re: 3:24-cv-01234 lease" in page and "Hợp đồng.pdf" in page
    assert "Sender jane@roe.example is the client Jane Roe" in page
    assert "Subject mentions case number 3:24-cv-01234" in page
    # Nothing chosen: a message, the upload kept.
    response = client.post(review, {"matter": "other", "other_matter": ""})
    assert response.status_code == 400 and "Choose the matter" in response.content.decode()
    response = client.post(review, {"matter": str(matter.pk)}, follow=True)
    assert (
        "Filed “Re: 3:24-cv-01234 lease” to 2027-0201 with 1 attachment."
        in response.content.decode()
    )
    assert Document.objects.filter(matter=matter).count() == 2
    assert pending.load(user=secretary, token=token) is None
    assert client.get(review).status_code == 404
    # The same message again: refused, naming the earlier import.
    again = SimpleUploadedFile("again.eml", build_eml(subject="Re: 3:24-cv-01234 lease"))
    review = client.post(f"/correspondence/matter/{matter.pk}/import/", {"file": again})["Location"]
    response = client.post(review, {"matter": str(matter.pk)})
    assert response.status_code == 400 and "already filed to 2027-0201" in response.content.decode()
    # Filing it to another matter (picked from the list) works.
    response = client.post(review, {"matter": "other", "other_matter": str(other_matter.pk)})
    assert response.status_code == 302
    assert Communication.objects.filter(matter=other_matter).count() == 1


def test_another_user_cannot_use_the_token(secretary: Any, clerk: Any, matter: Any) -> None:
    upload = SimpleUploadedFile("m.eml", build_eml())
    review = client_for(secretary).post("/correspondence/import/", {"file": upload})["Location"]
    other = client_for(clerk)
    assert other.get(review).status_code == 404
    assert other.post(review, {"matter": str(matter.pk)}).status_code == 404
    assert not Communication.objects.exists()
    assert client_for(secretary).get(review).status_code == 200


def test_upload_refusals(secretary: Any, settings: Any) -> None:
    client = client_for(secretary)
    response = client.post(
        "/correspondence/import/", {"file": SimpleUploadedFile("x.pdf", b"%PDF-1.4\n")}
    )
    assert response.status_code == 400 and "is not an e-mail message" in response.content.decode()
    response = client.post("/correspondence/import/", {})
    assert (
        response.status_code == 400 and "Choose an .eml or .msg file" in response.content.decode()
    )
    settings.CASEDESK_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("big.eml", build_eml(body="x" * 5000))
    response = client.post("/correspondence/import/", {"file": big})
    assert (
        response.status_code == 413 and "larger than the upload limit" in response.content.decode()
    )


def test_cancel_and_expiry_remove_the_upload(secretary: Any, storage: Path) -> None:
    client = client_for(secretary)
    review = client.post(
        "/correspondence/import/", {"file": SimpleUploadedFile("m.eml", build_eml())}
    )["Location"]
    folder = storage / "uploads" / "correspondence"
    assert len(list(folder.iterdir())) == 2
    client.post(review, {"action": "cancel"})
    assert list(folder.iterdir()) == []
    review = client.post(
        "/correspondence/import/", {"file": SimpleUploadedFile("m.eml", build_eml())}
    )["Location"]
    old = time.time() - 2 * 86400
    for path in folder.iterdir():
        os.utime(path, (old, old))
    assert client.get(review).status_code == 404
    assert list(folder.iterdir()) == []
