"""The Import/Export page as secretaries, read-only users and administrators use it."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casedesk.web.contacts.models import Contact
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db
HEADER = "kind,name,aliases,email,phone,street,city,region,postal_code,country,notes"


def _client(user: object) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)  # type: ignore[attr-defined]
    return client


def _upload(text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile("people.csv", text.encode("utf-8"), content_type="text/csv")


def test_check_then_import(secretary: object) -> None:
    client = _client(secretary)
    page = client.get("/transfer/")
    assert page.status_code == 200 and b"Check file" in page.content
    checked = client.post(
        "/transfer/check/",
        {
            "file": _upload(f"{HEADER}\r\nperson,Lê Minh Tuấn,,,,,,,,,\r\n"),
            "what": "contacts",
            "layout": "casedesk",
            "action": "check",
        },
    )
    assert checked.status_code == 200
    assert "1 contact ready to import." in checked.content.decode()
    assert Contact.objects.count() == 0
    token = checked.context["token"]
    done = client.post("/transfer/import/", {"token": token}, follow=True)
    assert "Imported 1 contact." in done.content.decode()
    assert Contact.objects.get().name == "Lê Minh Tuấn"
    again = client.post("/transfer/import/", {"token": token}, follow=True)
    assert "no longer waiting" in again.content.decode() and Contact.objects.count() == 1


def test_bad_rows_are_shown_in_a_table(secretary: object) -> None:
    client = _client(secretary)
    response = client.post(
        "/transfer/check/",
        {
            "file": _upload(f"{HEADER}\r\nperson,,,,,,,,,,\r\nalien,Zed,,,,,,,,,\r\n"),
            "what": "contacts",
            "layout": "casedesk",
            "action": "import",
        },
    )
    html = response.content.decode()
    assert (
        'id="bad-rows"' in html and "line 2" in html and "line 3" in html and "unknown kind" in html
    )
    assert Contact.objects.count() == 0


def test_not_utf8_message(secretary: object) -> None:
    client = _client(secretary)
    response = client.post(
        "/transfer/check/",
        {
            "file": SimpleUploadedFile("x.csv", "kind,name\r\nperson,Zoë\r\n".encode("cp1252")),
            "what": "contacts",
            "layout": "casedesk",
            "action": "check",
        },
    )
    assert "not UTF-8" in response.content.decode()


def test_read_only_user_gets_export_only(readonly: object) -> None:
    client = _client(readonly)
    page = client.get("/transfer/").content.decode()
    assert "Check file" not in page and "Download JSON" in page
    refused = client.post(
        "/transfer/check/",
        {
            "file": _upload(f"{HEADER}\r\nperson,A B,,,,,,,,,\r\n"),
            "what": "contacts",
            "layout": "casedesk",
        },
        follow=True,
    )
    assert "read-only" in refused.content.decode() and Contact.objects.count() == 0
    download = client.post("/transfer/export/json/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    zipped = client.post("/transfer/export/csv/")
    assert zipped["Content-Type"] == "application/zip" and zipped.content[:2] == b"PK"
