"""The document page: description, downloads, versions, check-out, hold, trash, proposals."""

from __future__ import annotations

import datetime as dt
import urllib.parse

import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents.models import Document, LegalHold, Proposal
from casedesk.web.documents.views_document import ascii_filename, content_disposition
from casedesk.web.matters.models import MatterParty
from casedesk.web.scheduling.models import Event
from tests.web.documents.test_views_fixtures import *  # noqa: F403 - fixtures: firm, docs_dirs...
from tests.web.documents.test_views_fixtures import (
    client_for,
    extract_all,
    file_text,
    upload_file,
)

pytestmark = pytest.mark.django_db


def _body(response) -> bytes:
    return b"".join(response.streaming_content)


def test_document_page_shows_file_text_and_versions(firm, secretary):
    doc = file_text(secretary, firm["open"], "Memo.txt", "The QUIXOTIC PELICAN clause applies.")
    extract_all()
    client = client_for(secretary)
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "Memo" in html and "Memo.txt" in html
    assert "Check in (release my check-out)" not in html  # not checked out
    assert "Text ready" in html and "The QUIXOTIC PELICAN clause applies." in html
    assert "Save the description" in html and "Upload a new version" in html
    assert "Check out" in html and "Move to trash" in html
    assert "View in the browser" not in html  # not a PDF


def test_read_only_user_sees_no_write_buttons(firm, secretary, readonly):
    doc = file_text(secretary, firm["open"], "Memo.txt", "text")
    html = client_for(readonly).get(f"/documents/{doc.pk}/").content.decode()
    for button in ("Save the description", "Upload a new version", "Check out", "Move to trash"):
        assert button not in html
    assert "Download the original" in html
    response = client_for(readonly).post(f"/documents/{doc.pk}/edit/", {"title": "x"})
    assert response.status_code in (400, 403)
    doc.refresh_from_db()
    assert doc.title == "Memo"


def test_edit_the_description(firm, secretary):
    doc = file_text(secretary, firm["open"], "Memo.txt", "text")
    client = client_for(secretary)
    response = client.post(
        f"/documents/{doc.pk}/edit/",
        {
            "title": "Memo to file re: Hợp đồng",
            "category": doc.category.pk,
            "document_date": "2027-01-05",
            "author": "Ada Attorney",
            "direction": "internal",
            "tags": "hot doc, Exhibit",
            "privileged": "on",
            "confidentiality": "attorneys_eyes_only",
        },
    )
    assert response.status_code == 302
    doc.refresh_from_db()
    assert doc.title == "Memo to file re: Hợp đồng" and doc.privileged
    assert doc.document_date == dt.date(2027, 1, 5)
    assert sorted(doc.tags.values_list("name", flat=True)) == ["exhibit", "hot doc"]
    html = client.get(response["Location"]).content.decode()
    assert "Saved the description" in html and "Attorneys&#x27; eyes only" in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"title": ""}, "Give the document a title."),
        ({"title": "x" * 400}, "the limit is 300"),
        ({"document_date": "1776-07-04"}, "is not a plausible date"),
        ({"document_date": "someday"}, "Enter a date like 2027-03-15."),
        ({"title": "bad\x07title"}, "control characters"),
    ],
)
def test_bad_description_input_is_shown_and_changes_nothing(firm, secretary, changes, message):
    doc = file_text(secretary, firm["open"], "Memo.txt", "text")
    data = {
        "title": "Memo",
        "category": doc.category.pk,
        "confidentiality": "normal",
        **changes,
    }
    response = client_for(secretary).post(f"/documents/{doc.pk}/edit/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    doc.refresh_from_db()
    assert doc.title == "Memo" and doc.document_date is None


def test_download_is_an_attachment_with_the_name_and_is_audited(firm, secretary):
    doc = file_text(secretary, firm["open"], "Letter.txt", "Dear Rosa,")
    response = client_for(secretary).get(f"/documents/{doc.pk}/download/")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Letter.txt"'
    assert response["Content-Type"].startswith("text/plain")
    assert _body(response) == b"Dear Rosa,"
    entry = AuditEntry.objects.get(action="download")
    assert entry.object_id == str(doc.pk) and entry.actor == secretary


@pytest.mark.parametrize(
    ("name", "plain"),
    [
        ("Hợp đồng.txt", "Hop dong.txt"),
        ("عقد.txt", "document.txt"),
        ('say "hi".txt', "say _hi_.txt"),
    ],
)
def test_download_names_in_any_script(firm, secretary, name, plain):
    doc = file_text(secretary, firm["open"], name, "content")
    response = client_for(secretary).get(f"/documents/{doc.pk}/download/")
    header = response["Content-Disposition"]
    assert header.startswith(f'attachment; filename="{plain}"')
    clean = doc.current_version.filename
    if clean != plain:
        encoded = header.split("filename*=UTF-8''", 1)[1]
        assert urllib.parse.unquote(encoded) == clean


def test_content_disposition_helpers():
    assert ascii_filename("Hợp đồng.pdf") == "Hop dong.pdf"
    assert ascii_filename("عقد.pdf") == "document.pdf"
    assert content_disposition("a.pdf", inline=True) == 'inline; filename="a.pdf"'
    assert content_disposition("x\r\ny.pdf") == 'attachment; filename="xy.pdf"'


def test_pdf_views_inline_and_text_does_not(firm, secretary):
    pdf = _tiny_pdf()
    doc_pdf = _upload(secretary, firm["open"], "Order.pdf", pdf, "application/pdf")
    doc_txt = file_text(secretary, firm["open"], "note.txt", "text")
    client = client_for(secretary)
    response = client.get(f"/documents/{doc_pdf.pk}/view/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'inline; filename="Order.pdf"'
    assert client.get(f"/documents/{doc_txt.pk}/view/").status_code == 404
    assert client.get(f"/documents/{doc_txt.pk}/searchable/").status_code == 404


def _tiny_pdf() -> bytes:
    import io

    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def _upload(user, matter, name, data, content_type):
    client = client_for(user)
    client.post(
        f"/documents/matter/{matter.pk}/upload/", {"files": [upload_file(name, data, content_type)]}
    )
    return Document.objects.get(current_version__filename=name)


def test_new_version_restore_and_version_download(firm, secretary):
    doc = file_text(secretary, firm["open"], "Draft.txt", "first draft")
    client = client_for(secretary)
    response = client.post(
        f"/documents/{doc.pk}/versions/new/",
        {"file": upload_file("Draft v2.txt", "second draft"), "comment": "client comments"},
    )
    assert response.status_code == 302
    html = client.get(response["Location"]).content.decode()
    assert "Uploaded version 2" in html and "client comments" in html
    doc.refresh_from_db()
    assert doc.current_version.number == 2
    first = doc.versions.get(number=1)
    assert _body(client.get(f"/documents/versions/{first.pk}/download/")) == b"first draft"
    response = client.post(f"/documents/versions/{first.pk}/restore/")
    html = client.get(response["Location"]).content.decode()
    assert "Restored version 1: it is now version 3." in html
    doc.refresh_from_db()
    assert doc.current_version.number == 3 and doc.current_version.blob_id == first.blob_id
    assert _body(client.get(f"/documents/{doc.pk}/download/")) == b"first draft"


def test_new_version_bad_input(firm, secretary, settings):
    doc = file_text(secretary, firm["open"], "Draft.txt", "first draft")
    client = client_for(secretary)
    response = client.post(f"/documents/{doc.pk}/versions/new/", {"comment": "no file"})
    assert response.status_code == 400
    assert "Choose the file of the new version." in response.content.decode()
    response = client.post(
        f"/documents/{doc.pk}/versions/new/", {"file": upload_file("empty.txt", b"")}
    )
    assert response.status_code == 400
    settings.CASEDESK_MAX_UPLOAD_BYTES = 1_000
    response = client.post(
        f"/documents/{doc.pk}/versions/new/", {"file": upload_file("big.txt", "z" * 4_000)}
    )
    assert response.status_code == 413
    assert "larger than the upload limit" in response.content.decode()
    assert doc.versions.count() == 1


def test_check_out_blocks_others_and_check_in_releases(firm, secretary, attorney):
    doc = file_text(secretary, firm["open"], "Draft.txt", "first draft")
    mine = client_for(secretary)
    mine.post(f"/documents/{doc.pk}/check-out/")
    doc.refresh_from_db()
    assert doc.checked_out_by == secretary
    html = mine.get(f"/documents/{doc.pk}/").content.decode()
    assert "Checked out by you" in html and "Release my check-out" in html
    assert "Check in (release my check-out)" in html
    other = client_for(attorney)
    html = other.get(f"/documents/{doc.pk}/").content.decode()
    assert "Sam Secretary has this document checked out" in html
    response = other.post(
        f"/documents/{doc.pk}/versions/new/", {"file": upload_file("mine.txt", "attorney draft")}
    )
    assert response.status_code == 403
    assert "Sam Secretary has this document checked out" in response.content.decode()
    response = other.post(f"/documents/{doc.pk}/trash/")
    assert "has this document checked out" in other.get(response["Location"]).content.decode()
    response = other.post(f"/documents/{doc.pk}/release/")
    assert "Only an administrator can do this." in other.get(response["Location"]).content.decode()
    mine.post(
        f"/documents/{doc.pk}/versions/new/",
        {"file": upload_file("Draft.txt", "second"), "check_in": "on"},
    )
    doc.refresh_from_db()
    assert doc.checked_out_by is None and doc.current_version.number == 2


def test_document_hold_refuses_trash(firm, secretary, attorney):
    doc = file_text(secretary, firm["open"], "Evidence.txt", "evidence")
    lawyer = client_for(attorney)
    response = lawyer.post(f"/documents/{doc.pk}/hold/", {"reason": "Subpoena of 2027-01-02"})
    assert "Legal hold placed" in lawyer.get(response["Location"]).content.decode()
    client = client_for(secretary)
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "On legal hold:" in html and "Subpoena of 2027-01-02" in html
    response = client.post(f"/documents/{doc.pk}/trash/")
    assert response["Location"] == f"/documents/{doc.pk}/"
    assert (
        "is under a legal hold on this document"
        in client.get(response["Location"]).content.decode()
    )
    doc.refresh_from_db()
    assert doc.deleted_at is None
    response = client.post(f"/documents/{doc.pk}/hold/", {"reason": "x"})
    assert "Only an attorney" in client.get(response["Location"]).content.decode()
    hold = LegalHold.objects.get()
    lawyer.post(f"/documents/holds/{hold.pk}/release/")
    response = client.post(f"/documents/{doc.pk}/trash/")
    assert response["Location"] == f"/documents/matter/{firm['open'].pk}/"
    doc.refresh_from_db()
    assert doc.deleted_at is not None
    assert client.get(f"/documents/{doc.pk}/").status_code == 404


def test_trash_restore_and_purge(firm, secretary, admin_user):
    doc = file_text(secretary, firm["open"], "Old.txt", "old")
    client = client_for(secretary)
    client.post(f"/documents/{doc.pk}/trash/")
    html = client.get("/documents/trash/").content.decode()
    assert "Old" in html and "Restore" in html and "Delete for good" not in html
    client.post(f"/documents/{doc.pk}/untrash/")
    doc.refresh_from_db()
    assert doc.deleted_at is None
    client.post(f"/documents/{doc.pk}/trash/")
    response = client.post(f"/documents/{doc.pk}/purge/")
    assert "Only an administrator" in client.get(response["Location"]).content.decode()
    admin = client_for(admin_user)
    assert "Delete for good" in admin.get("/documents/trash/").content.decode()
    response = admin.post(f"/documents/{doc.pk}/purge/")
    assert "Deleted &#x27;Old&#x27; for good." in admin.get(response["Location"]).content.decode()
    assert not Document.objects.filter(pk=doc.pk).exists()


def test_screened_user_gets_404_on_every_document_url(firm, attorney):
    doc = file_text(attorney, firm["walled"], "secret.txt", "walled")
    version = doc.current_version
    client = client_for(firm["screened"])
    for url in (
        f"/documents/{doc.pk}/",
        f"/documents/{doc.pk}/download/",
        f"/documents/{doc.pk}/view/",
        f"/documents/{doc.pk}/searchable/",
        f"/documents/{doc.pk}/status/",
        f"/documents/versions/{version.pk}/download/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        f"/documents/{doc.pk}/edit/",
        f"/documents/{doc.pk}/check-out/",
        f"/documents/{doc.pk}/trash/",
        f"/documents/{doc.pk}/hold/",
        f"/documents/versions/{version.pk}/restore/",
    ):
        assert client.post(url, {"title": "x", "reason": "x"}).status_code == 404, url
    assert not AuditEntry.objects.filter(action="download").exists()


def _proposal(doc, kind, label, value, payload, passage="") -> Proposal:
    return Proposal.objects.create(
        version=doc.current_version,
        matter=doc.matter,
        kind=kind,
        field_kind=kind,
        label=label,
        value=value,
        passage=passage,
        payload=payload,
    )


def test_confirm_a_deadline_with_an_edited_date_and_dismiss_another(firm, secretary):
    doc = file_text(secretary, firm["open"], "Order.txt", "ORDER")
    deadline = _proposal(
        doc,
        "deadline",
        "Deadline: within 21 days (enter the date: the court or trigger could not be worked out)",
        "within 21 days",
        {"count": 21, "unit": "days", "due_date": None, "steps": []},
        passage="Defendant shall respond within 21 days of service.",
    )
    other = _proposal(
        doc, "matter_field", "Case number: 24-1", "24-1", {"field": "case_number", "value": "24-1"}
    )
    client = client_for(secretary)
    html = client.get(f"/documents/matter/{firm['open'].pk}/").content.decode()
    assert "Found in the documents: to review" in html
    assert "Defendant shall respond within 21 days of service." in html
    url = f"/documents/proposals/{deadline.pk}/confirm/"
    response = client.post(url, {"due_date": ""})
    assert (
        "Enter the due date before confirming" in client.get(response["Location"]).content.decode()
    )
    response = client.post(url, {"due_date": "2027-02-01"})
    html = client.get(response["Location"]).content.decode()
    assert "deadline on Feb 01, 2027" in html and "on the matter&#x27;s calendar" in html
    event = Event.objects.get(kind="deadline")
    assert event.matter == firm["open"] and event.all_day
    deadline.refresh_from_db()
    assert deadline.status == "confirmed"
    response = client.post(f"/documents/proposals/{other.pk}/dismiss/")
    other.refresh_from_db()
    assert other.status == "dismissed"
    response = client.post(url, {"due_date": "2027-02-01"})
    assert "already entered" in client.get(response["Location"]).content.decode()


def test_confirm_a_contact_with_the_chosen_role(firm, secretary):
    doc = file_text(secretary, firm["open"], "Complaint.txt", "COMPLAINT")
    proposal = _proposal(
        doc,
        "contact",
        "Party: Acme Holdings, Inc. (defendant)",
        "Acme Holdings, Inc.",
        {"name": "Acme Holdings, Inc.", "kind": "organization", "role": "adverse-party"},
    )
    client = client_for(secretary)
    html = client.get(f"/documents/{doc.pk}/").content.decode()
    assert "Found in this document" in html and "Opposing counsel" in html
    response = client.post(
        f"/documents/proposals/{proposal.pk}/confirm/",
        {
            "role": "co-party",
            "kind": "organization",
            "name": "Acme Holdings, Inc.",
            "next": f"/documents/{doc.pk}/",
        },
    )
    assert response["Location"] == f"/documents/{doc.pk}/"
    party = MatterParty.objects.get(matter=firm["open"], contact__name="Acme Holdings, Inc.")
    assert party.role == "co-party"


def test_proposals_of_a_walled_matter_are_404_and_read_only_cannot_confirm(
    firm, attorney, readonly
):
    walled_doc = file_text(attorney, firm["walled"], "secret.txt", "walled")
    walled = _proposal(
        walled_doc, "matter_field", "Court: X", "X", {"field": "court", "value": "X"}
    )
    client = client_for(firm["screened"])
    assert client.post(f"/documents/proposals/{walled.pk}/confirm/").status_code == 404
    assert client.post(f"/documents/proposals/{walled.pk}/dismiss/").status_code == 404
    doc = file_text(attorney, firm["open"], "open.txt", "open")
    proposal = _proposal(doc, "matter_field", "Court: Y", "Y", {"field": "court", "value": "Y"})
    reader = client_for(readonly)
    response = reader.post(f"/documents/proposals/{proposal.pk}/confirm/")
    assert "read-only" in reader.get(response["Location"]).content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending"
