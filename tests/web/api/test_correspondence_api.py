"""The correspondence endpoints of the REST API: the log, logging/changing/deleting entries with
follow-ups, and sending e-mail over a real local SMTP server; walls and roles apply."""

from __future__ import annotations

import datetime as dt
import email
from email import policy
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from casedesk.web.api.services import api_token_create
from casedesk.web.audit.models import AuditEntry
from casedesk.web.correspondence.models import Communication
from casedesk.web.correspondence.services import communication_log
from casedesk.web.documents.document_services import IncomingFile, document_add
from casedesk.web.documents.models import Document
from casedesk.web.scheduling.models import Task
from tests.web.correspondence import conftest as correspondence

pytestmark = pytest.mark.django_db

# The correspondence app's fixtures: its private storage, matters, a screened user, a real
# local SMTP server.
storage = correspondence.storage
matter = correspondence.matter
other_matter = correspondence.other_matter
screened = correspondence.screened
smtp_server = correspondence.smtp_server

READ_ONLY = "Your role is read-only: ask an administrator to make this change."


def bearer(user: Any) -> dict[str, str]:
    _, key = api_token_create(by=user, name="script")
    return {"HTTP_AUTHORIZATION": f"Bearer {key}"}


def send(client: Client, method: str, url: str, data: Any, auth: dict[str, str]) -> Any:
    return getattr(client, method)(url, data, content_type="application/json", **auth)


def log_url(matter: Any) -> str:
    return f"/api/v1/matters/{matter.pk}/communications"


CALL = {
    "kind": "call",
    "direction": "in",
    "occurred_at": "2026-03-04T14:30:00-08:00",
    "participants": "Jane Roe; Ada Attorney",
    "subject": "Settlement offer",
    "summary": "Ms. Roe would accept $40,000.\nCall back Friday.",
}


@pytest.fixture
def entry(secretary: Any, matter: Any) -> Communication:
    return communication_log(
        by=secretary,
        matter=matter,
        kind="note",
        direction="internal",
        occurred_at=timezone.now() - dt.timedelta(days=1),
        subject="Conflict cleared",
        summary="Checked the new witness.",
    )


def test_requests_without_a_token_are_refused(client: Client, matter: Any, entry: Any) -> None:
    assert client.get(log_url(matter)).status_code == 401
    assert send(client, "post", log_url(matter), CALL, {}).status_code == 401
    url = f"/api/v1/communications/{entry.pk}"
    assert client.get(url).status_code == 401
    assert send(client, "patch", url, {"subject": "x"}, {}).status_code == 401
    assert client.delete(url).status_code == 401
    email_body = {"to": ["jane@roe.example"], "subject": "s", "body": "b"}
    assert (
        send(client, "post", f"/api/v1/matters/{matter.pk}/emails", email_body, {}).status_code
        == 401
    )
    assert Communication.objects.count() == 1


def test_log_a_call_with_a_follow_up_and_list_it(
    client: Client, secretary: Any, attorney: Any, matter: Any, entry: Any
) -> None:
    auth = bearer(secretary)
    body = {
        **CALL,
        "follow_up": {
            "title": "Call Ms. Roe back",
            "due_date": "2027-03-08",
            "assignee_id": attorney.pk,
        },
    }
    response = send(client, "post", log_url(matter), body, auth)
    assert response.status_code == 201, response.content
    out = response.json()
    assert out["kind"] == "call" and out["direction"] == "in"
    assert out["matter"] == matter.number and out["matter_id"] == matter.pk
    assert dt.datetime.fromisoformat(out["occurred_at"]) == dt.datetime(
        2026, 3, 4, 22, 30, tzinfo=dt.UTC
    )
    assert out["summary"] == CALL["summary"] and out["created_by"] == secretary.username
    assert out["follow_up"]["title"] == "Call Ms. Roe back"
    assert out["follow_up"]["due_date"] == "2027-03-08"
    assert out["follow_up"]["assignee"] == attorney.username
    task = Task.objects.get(pk=out["follow_up"]["id"])
    assert task.matter_id == matter.pk and task.assignee == attorney
    listed = client.get(log_url(matter), **auth)
    assert listed.status_code == 200
    page = listed.json()
    assert page["count"] == 2
    assert [e["id"] for e in page["items"]] == [entry.pk, out["id"]]  # newest first
    calls = client.get(log_url(matter), {"kind": "call"}, **auth).json()
    assert [e["id"] for e in calls["items"]] == [out["id"]]
    bad_kind = client.get(log_url(matter), {"kind": "fax"}, **auth)
    assert bad_kind.status_code == 422 and bad_kind.json()["field"] == "kind"
    single = client.get(f"/api/v1/communications/{out['id']}", **auth)
    assert single.status_code == 200 and single.json()["subject"] == "Settlement offer"


def test_follow_up_defaults_to_the_token_user(client: Client, secretary: Any, matter: Any) -> None:
    body = {**CALL, "follow_up": {"title": "Send the draft"}}
    out = send(client, "post", log_url(matter), body, bearer(secretary)).json()
    assert out["follow_up"]["assignee"] == secretary.username
    assert out["follow_up"]["due_date"] is None


def test_bad_input_is_422_naming_the_field(client: Client, secretary: Any, matter: Any) -> None:
    auth = bearer(secretary)
    cases = [
        ({**CALL, "occurred_at": "04/03/2027"}, "occurred_at", "YYYY-MM-DD HH:MM"),
        ({**CALL, "occurred_at": ""}, "occurred_at", "YYYY-MM-DD HH:MM"),
        ({**CALL, "occurred_at": "2999-01-01T10:00"}, "occurred_at", "in the future"),
        ({**CALL, "kind": "fax"}, "kind", "Choose call"),
        ({**CALL, "direction": "sideways"}, "direction", "incoming, outgoing"),
        ({**CALL, "subject": "", "summary": ""}, "summary", "subject or a summary"),
        (
            {**CALL, "follow_up": {"title": "x", "due_date": "next week"}},
            "follow_up.due_date",
            "YYYY-MM-DD",
        ),
        ({**CALL, "follow_up": {"due_date": "2027-03-08"}}, "follow_up.title", "title"),
        (
            {**CALL, "follow_up": {"title": "x", "assignee_id": 999999}},
            "follow_up.assignee_id",
            "no user",
        ),
    ]
    for body, field, words in cases:
        response = send(client, "post", log_url(matter), body, auth)
        assert response.status_code == 422, (body, response.content)
        out = response.json()
        assert out["field"] == field and words in out["detail"], out
        assert out["errors"] == {field: out["detail"]}
    # Nothing was written by any refused request, follow-up tasks included.
    assert Communication.objects.count() == 0 and Task.objects.count() == 0
    # An empty body names what is missing; a body that is not JSON is refused as such.
    empty = client.post(log_url(matter), content_type="application/json", **auth)
    assert empty.status_code == 422
    assert empty.json() == {
        "detail": "3 fields of the request need correcting: see errors.",
        "errors": {
            "kind": "Field required.",
            "direction": "Field required.",
            "occurred_at": "Field required.",
        },
    }
    form = client.post(log_url(matter), {"kind": "call"}, **auth)
    assert form.status_code == 400 and "JSON" in form.json()["detail"]
    broken = client.post(log_url(matter), "{", content_type="application/json", **auth)
    assert broken.status_code == 400 and "not valid JSON" in broken.json()["detail"]
    wrong = send(client, "post", log_url(matter), {**CALL, "follow_up": {"assignee_id": "x"}}, auth)
    assert wrong.status_code == 422 and list(wrong.json()["errors"]) == ["follow_up.assignee_id"]


def test_follow_up_for_someone_screened_is_refused(
    client: Client, secretary: Any, matter: Any, screened: Any
) -> None:
    body = {**CALL, "follow_up": {"title": "x", "assignee_id": screened.pk}}
    response = send(client, "post", log_url(matter), body, bearer(secretary))
    assert response.status_code == 422
    assert response.json()["field"] == "follow_up.assignee_id"
    assert "cannot see matter" in response.json()["detail"]
    assert Communication.objects.count() == 0


def test_change_and_delete(client: Client, secretary: Any, matter: Any, entry: Any) -> None:
    auth = bearer(secretary)
    url = f"/api/v1/communications/{entry.pk}"
    changed = send(
        client,
        "patch",
        url,
        {"subject": "Conflict cleared (witness Ortiz)", "follow_up": {"title": "Tell the client"}},
        auth,
    )
    assert changed.status_code == 200, changed.content
    out = changed.json()
    assert out["subject"] == "Conflict cleared (witness Ortiz)"
    assert out["summary"] == "Checked the new witness." and out["kind"] == "note"
    assert out["follow_up"]["title"] == "Tell the client"
    again = send(client, "patch", url, {"follow_up": {"title": "Another"}}, auth)
    assert again.status_code == 422 and "already has a follow-up" in again.json()["detail"]
    bad = send(client, "patch", url, {"occurred_at": "yesterday"}, auth)
    assert bad.status_code == 422 and bad.json()["field"] == "occurred_at"
    assert send(client, "patch", url, {"kind": "fax"}, auth).status_code == 422
    deleted = client.delete(url, **auth)
    assert deleted.status_code == 204
    assert not Communication.objects.filter(pk=entry.pk).exists()
    assert Task.objects.filter(title="Tell the client").exists()  # the follow-up stays
    assert AuditEntry.objects.filter(
        object_type="communication", object_id=entry.pk, action="delete"
    ).exists()
    assert client.delete(url, **auth).status_code == 404


def test_readonly_may_read_but_not_write(
    client: Client, readonly: Any, matter: Any, entry: Any, smtp_server: Any
) -> None:
    auth = bearer(readonly)
    assert client.get(log_url(matter), **auth).json()["count"] == 1
    url = f"/api/v1/communications/{entry.pk}"
    assert client.get(url, **auth).status_code == 200
    refusals = [
        send(client, "post", log_url(matter), CALL, auth),
        send(client, "post", log_url(matter), {**CALL, "occurred_at": "bad"}, auth),
        send(client, "patch", url, {"subject": "Changed"}, auth),
        client.delete(url, **auth),
        send(
            client,
            "post",
            f"/api/v1/matters/{matter.pk}/emails",
            {"to": ["jane@roe.example"], "subject": "Hi", "body": "Hello"},
            auth,
        ),
    ]
    for response in refusals:
        assert response.status_code == 403, response.content
        assert response.json() == {"detail": READ_ONLY}
    entry.refresh_from_db()
    assert entry.subject == "Conflict cleared" and Communication.objects.count() == 1
    assert smtp_server.envelopes == []


def test_screened_user_gets_404_for_the_walled_matter(
    client: Client, screened: Any, matter: Any, entry: Any, smtp_server: Any
) -> None:
    auth = bearer(screened)
    url = f"/api/v1/communications/{entry.pk}"
    responses = [
        client.get(log_url(matter), **auth),
        send(client, "post", log_url(matter), CALL, auth),
        client.post(log_url(matter), **auth),  # no body: still 404, not a complaint about input
        client.get(url, **auth),
        send(client, "patch", url, {"subject": "Changed"}, auth),
        client.delete(url, **auth),
        send(
            client,
            "post",
            f"/api/v1/matters/{matter.pk}/emails",
            {"to": ["jane@roe.example"], "subject": "Hi", "body": "Hello"},
            auth,
        ),
        client.post(f"/api/v1/matters/{matter.pk}/emails", **auth),
    ]
    for response in responses:
        assert response.status_code == 404, response.content
        assert "Conflict cleared" not in response.content.decode()
    assert Communication.objects.count() == 1 and smtp_server.envelopes == []


@pytest.fixture
def exhibit(secretary: Any, matter: Any, tmp_path: Path) -> Document:
    path = tmp_path / "Hợp đồng thuê.pdf"
    path.write_bytes(b"%PDF-1.4\n1 0 obj << >> endobj\n% the signed lease\n%%EOF\n")
    return document_add(by=secretary, matter=matter, incoming=IncomingFile(path, path.name))


def test_send_an_email_over_smtp(
    client: Client, secretary: Any, matter: Any, exhibit: Document, smtp_server: Any
) -> None:
    secretary.email = "sam@firm.example"
    secretary.save()
    auth = bearer(secretary)
    response = send(
        client,
        "post",
        f"/api/v1/matters/{matter.pk}/emails",
        {
            "to": ['"Roe, Jane" <jane@roe.example>'],
            "cc": ["otto@biglaw.example"],
            "subject": "Hợp đồng — signed lease",
            "body": "Dear Ms. Roe,\nThe signed lease is attached.\nمع التحية",
            "attachment_ids": [exhibit.pk],
        },
        auth,
    )
    assert response.status_code == 201, response.content
    out = response.json()
    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert sorted(envelope.rcpt_tos) == ["jane@roe.example", "otto@biglaw.example"]
    received = email.message_from_bytes(envelope.original_content, policy=policy.default)
    assert received["Subject"] == "Hợp đồng — signed lease"
    assert received["Reply-To"] == "sam@firm.example"
    assert [p.get_filename() for p in received.iter_attachments()] == ["Hợp đồng thuê.pdf"]
    entry = Communication.objects.get(pk=out["communication_id"])
    assert entry.kind == "email" and entry.direction == "out"
    assert entry.document_id == out["document_id"]
    # The sent message is filed to the case file and shows in the documents API.
    documents = client.get(f"/api/v1/matters/{matter.pk}/documents", **auth).json()
    filed = [d for d in documents if d["id"] == out["document_id"]]
    assert filed and filed[0]["filename"].endswith(".eml")
    log = client.get(log_url(matter), {"kind": "email"}, **auth).json()
    assert [e["document_id"] for e in log["items"]] == [out["document_id"]]


def test_email_refusals(
    client: Client,
    secretary: Any,
    matter: Any,
    other_matter: Any,
    smtp_server: Any,
    tmp_path: Path,
) -> None:
    auth = bearer(secretary)
    url = f"/api/v1/matters/{matter.pk}/emails"
    path = tmp_path / "other.txt"
    path.write_text("another matter's file")
    foreign = document_add(by=secretary, matter=other_matter, incoming=IncomingFile(path, "o.txt"))
    good = {"to": ["jane@roe.example"], "subject": "Hi", "body": "Hello"}
    cases = [
        ({**good, "to": []}, "to"),
        ({**good, "to": ["not an address"]}, "to"),
        ({**good, "cc": ["also@bad@"]}, "cc"),
        ({**good, "subject": ""}, "subject"),
        ({**good, "body": ""}, "body"),
        ({**good, "attachment_ids": [foreign.pk]}, "attachment_ids"),
        ({**good, "attachment_ids": [999999]}, "attachment_ids"),
    ]
    for body, field in cases:
        response = send(client, "post", url, body, auth)
        assert response.status_code == 422, (body, response.content)
        assert response.json()["field"] == field
    smtp_server.refuse.add("nobody@roe.example")
    refused = send(client, "post", url, {**good, "to": ["nobody@roe.example"]}, auth)
    assert refused.status_code == 400
    assert refused.json()["detail"].startswith("The mail server refused the message")
    assert "550" in refused.json()["detail"]
    assert smtp_server.envelopes == [] and Communication.objects.count() == 0
