"""The case file pages: index, upload (bad files included), bulk actions, exports, matter hold."""

from __future__ import annotations

import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents.models import Category, Document, LegalHold
from tests.web.documents.test_views_fixtures import *  # noqa: F403 - fixtures: firm, docs_dirs...
from tests.web.documents.test_views_fixtures import (
    CANARY,
    client_for,
    extract_all,
    file_text,
    post_upload,
    upload_file,
    zip_bytes,
)

pytestmark = pytest.mark.django_db


def test_case_file_page_shows_upload_panel_to_writers_only(firm, secretary, readonly):
    matter = firm["open"]
    page = client_for(secretary).get(f"/documents/matter/{matter.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "File documents" in html and "Choose a folder" in html and "webkitdirectory" in html
    assert 'id="bulk-form"' in html
    assert "No documents filed yet." in html
    html = client_for(readonly).get(f"/documents/matter/{matter.pk}/").content.decode()
    assert "File documents" not in html and 'id="bulk-form"' not in html


def test_upload_several_files_without_javascript(firm, secretary):
    matter = firm["open"]
    client = client_for(secretary)
    response = post_upload(
        client,
        matter,
        [upload_file("Letter_to_client.txt", "Dear Rosa,"), upload_file("notes.txt", "Call back")],
        category=Category.objects.get(slug="correspondence").pk,
        document_date="2027-01-05",
        direction="sent",
        confidentiality="confidential",
        tags="Hot doc, exhibit candidate",
    )
    assert response.status_code == 302
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Filed 2 documents." in html
    assert "Letter to client" in html and "notes" in html
    docs = Document.objects.filter(matter=matter).order_by("title")
    assert [d.title for d in docs] == ["Letter to client", "notes"]
    assert {d.category.slug for d in docs} == {"correspondence"}
    assert {d.confidentiality for d in docs} == {"confidential"}
    assert sorted(docs[0].tags.values_list("name", flat=True)) == ["exhibit candidate", "hot doc"]
    assert docs[0].current_version.uploaded_by == secretary
    assert AuditEntry.objects.filter(object_type="document", action="create").count() == 2
    # The new rows are still being read: their status polls.
    assert 'hx-trigger="every 2s"' in html and "Waiting to be read" in html
    # The result is shown once.
    assert "Upload result" not in client.get(response["Location"]).content.decode()


def test_upload_one_file_per_request_answers_a_fragment(firm, secretary):
    response = post_upload(
        client_for(secretary),
        firm["open"],
        [upload_file("Responses.txt", "RESPONSES TO INTERROGATORIES")],
        xhr=True,
        paths="Discovery/Set One/Responses.txt",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "data-upload-result" in html and 'data-filed="1"' in html and "Responses" in html
    document = Document.objects.get(title="Responses")
    assert document.folder == "Discovery/Set One"
    assert "in Discovery/Set One" in html


def test_a_path_that_does_not_end_in_the_file_name_is_ignored(firm, secretary):
    post_upload(
        client_for(secretary),
        firm["open"],
        [upload_file("a.txt", "alpha")],
        xhr=True,
        paths="../../etc/passwd",
    )
    assert Document.objects.get().folder == ""


def test_an_empty_file_is_refused_with_its_reason_and_the_others_are_filed(firm, secretary):
    client = client_for(secretary)
    response = post_upload(
        client, firm["open"], [upload_file("empty.txt", b""), upload_file("good.txt", "fine")]
    )
    html = client.get(response["Location"]).content.decode()
    assert "Filed 1 document." in html
    assert "empty.txt" in html and "is empty (0 bytes); it was not filed." in html
    assert list(Document.objects.values_list("title", flat=True)) == ["good"]
    fragment = post_upload(client, firm["open"], [upload_file("empty.txt", b"")], xhr=True)
    assert fragment.status_code == 200
    assert 'data-filed="0"' in fragment.content.decode()
    assert "is empty (0 bytes)" in fragment.content.decode()


def test_a_file_over_the_limit_is_refused_before_it_is_stored(firm, secretary, settings):
    settings.CASEDESK_MAX_UPLOAD_BYTES = 2_048
    client = client_for(secretary)
    response = post_upload(client, firm["open"], [upload_file("big.txt", "x" * 5_000)])
    assert response.status_code == 413
    html = response.content.decode()
    assert "The file &#x27;big.txt&#x27; is larger than the upload limit of 2 KB" in html
    assert "nothing was stored" in html
    assert Document.objects.count() == 0
    # The page tells the limit before anyone tries, and upload.js checks it before sending.
    assert "Up to 2 KB per file" in html and 'data-max-bytes="2048"' in html
    fragment = post_upload(client, firm["open"], [upload_file("big.txt", "x" * 5_000)], xhr=True)
    assert fragment.status_code == 413
    assert "larger than the upload limit" in fragment.content.decode()


def test_a_request_far_over_the_limit_is_a_message_not_a_server_error(firm, secretary, settings):
    settings.CASEDESK_MAX_UPLOAD_BYTES = 2_000
    client = client_for(secretary)
    big = upload_file("huge.txt", b"y" * (1024 * 1024 + 10_000))
    response = post_upload(client, firm["open"], [big], xhr=True)
    assert response.status_code == 413
    assert "This upload is larger than the upload limit" in response.content.decode()
    assert Document.objects.count() == 0


def test_upload_still_needs_the_csrf_token(firm, secretary):
    client = client_for(secretary)
    client.handler.enforce_csrf_checks = True
    response = post_upload(client, firm["open"], [upload_file("a.txt", "alpha")])
    assert response.status_code == 403
    assert Document.objects.count() == 0


def test_a_zip_is_unpacked_and_an_entry_pointing_outside_is_refused(firm, secretary, docs_dirs):
    data = zip_bytes(
        [
            ("../evil.txt", b"escape attempt"),
            ("Exhibits/exhibit-a.txt", b"Exhibit A text"),
            ("exhibit-b.txt", b"Exhibit B text"),
        ]
    )
    client = client_for(secretary)
    response = post_upload(
        client, firm["open"], [upload_file("Production 001.zip", data, "application/zip")]
    )
    html = client.get(response["Location"]).content.decode()
    assert "Filed 2 documents." in html
    assert "Production 001.zip: ../evil.txt" in html
    assert "the name points outside the archive (..)" in html
    titles = sorted(Document.objects.values_list("title", flat=True))
    assert titles == ["exhibit-a", "exhibit-b"]
    assert Document.objects.get(title="exhibit-a").folder == "Production 001/Exhibits"
    assert not (docs_dirs / "evil.txt").exists() and not (docs_dirs.parent / "evil.txt").exists()


def test_file_names_with_control_characters_are_cleaned(firm, secretary):
    post_upload(
        client_for(secretary), firm["open"], [upload_file("bad\x07name\x1b.txt", "content")]
    )
    version = Document.objects.get().current_version
    assert version.filename == "badname.txt"


def test_vietnamese_and_arabic_names_are_kept(firm, secretary):
    client = client_for(secretary)
    post_upload(
        client,
        firm["open"],
        [upload_file("Hợp đồng.txt", "Hợp đồng thuê nhà"), upload_file("عقد.txt", "عقد الإيجار")],
    )
    names = sorted(Document.objects.values_list("current_version__filename", flat=True))
    assert names == sorted(["Hợp đồng.txt", "عقد.txt"])
    html = client.get(f"/documents/matter/{firm['open'].pk}/").content.decode()
    assert "Hợp đồng" in html and "عقد" in html


def test_read_only_user_cannot_upload(firm, readonly):
    response = post_upload(client_for(readonly), firm["open"], [upload_file("a.txt", "alpha")])
    assert response.status_code == 403
    assert "read-only" in response.content.decode()
    assert Document.objects.count() == 0


def test_upload_without_files_says_so(firm, secretary):
    response = post_upload(client_for(secretary), firm["open"], [])
    assert response.status_code == 400
    assert "Choose at least one file" in response.content.decode()


def test_upload_with_a_bad_date_keeps_the_files_unfiled_and_says_why(firm, secretary):
    response = post_upload(
        client_for(secretary), firm["open"], [upload_file("a.txt", "x")], document_date="1776-07-04"
    )
    assert response.status_code == 400
    assert "is not a plausible date" in response.content.decode()
    assert Document.objects.count() == 0


def test_screened_user_gets_404_on_every_case_file_page(firm, attorney):
    walled = firm["walled"]
    file_text(attorney, walled, "secret.txt", "walled text")
    client = client_for(firm["screened"])
    for url in (
        f"/documents/matter/{walled.pk}/",
        f"/documents/matter/{walled.pk}/index.csv",
        f"/documents/matter/{walled.pk}/index.pdf",
        f"/documents/matter/{walled.pk}/summary/",
    ):
        assert client.get(url).status_code == 404, url
    assert post_upload(client, walled, [upload_file("a.txt", "x")]).status_code == 404
    response = client.post(f"/documents/matter/{walled.pk}/bulk/", {"action": "trash", "ids": [1]})
    assert response.status_code == 404
    assert client.post(f"/documents/matter/{walled.pk}/hold/", {"reason": "x"}).status_code == 404
    assert Document.objects.filter(matter=walled).count() == 1


def test_sort_and_filter(firm, secretary):
    matter = firm["open"]
    file_text(secretary, matter, "b.txt", "b", title="Beta", document_date=_d("2027-02-01"))
    file_text(
        secretary,
        matter,
        "a.txt",
        "a",
        title="Alpha",
        document_date=_d("2027-03-01"),
        category=Category.objects.get(slug="pleadings"),
        tags=("hot doc",),
    )
    client = client_for(secretary)
    html = client.get(f"/documents/matter/{matter.pk}/?sort=title").content.decode()
    assert html.index(">Alpha<") < html.index(">Beta<")
    html = client.get(f"/documents/matter/{matter.pk}/?sort=-title").content.decode()
    assert html.index(">Beta<") < html.index(">Alpha<")
    html = client.get(f"/documents/matter/{matter.pk}/?category=pleadings").content.decode()
    assert ">Alpha<" in html and ">Beta<" not in html
    html = client.get(f"/documents/matter/{matter.pk}/?tag=hot+doc").content.decode()
    assert ">Alpha<" in html and ">Beta<" not in html
    html = client.get(f"/documents/matter/{matter.pk}/?sort=nonsense&page=x").content.decode()
    assert ">Alpha<" in html and ">Beta<" in html


def _d(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_bulk_tag_category_and_trash(firm, secretary, attorney):
    matter = firm["open"]
    one = file_text(secretary, matter, "one.txt", "1")
    two = file_text(secretary, matter, "two.txt", "2")
    held = file_text(secretary, matter, "held.txt", "3")
    from casedesk.web.documents.retention_services import hold_place

    hold_place(by=attorney, reason="preservation letter", document=held)
    client = client_for(secretary)
    url = f"/documents/matter/{matter.pk}/bulk/"
    response = client.post(url, {"action": "add_tag", "tag": "Exhibit", "ids": [one.pk, two.pk]})
    assert response.status_code == 302
    assert set(one.tags.values_list("name", flat=True)) == {"exhibit"}
    html = client.get(response["Location"]).content.decode()
    assert "Add tag “exhibit”: 2 of 2 ticked documents changed." in html
    client.post(
        url,
        {
            "action": "category",
            "category": Category.objects.get(slug="evidence").pk,
            "ids": [one.pk],
        },
    )
    one.refresh_from_db()
    assert one.category.slug == "evidence"
    client.post(url, {"action": "remove_tag", "tag": "exhibit", "ids": [one.pk]})
    assert not one.tags.exists()
    response = client.post(url, {"action": "trash", "ids": [one.pk, held.pk]})
    html = client.get(response["Location"]).content.decode()
    assert "Moved 1 document to the trash." in html
    assert "Not moved: &#x27;held&#x27; is under a legal hold" in html
    one.refresh_from_db()
    held.refresh_from_db()
    assert one.deleted_at is not None and held.deleted_at is None
    # Bad input: no action, nothing ticked, no tag.
    for data, message in (
        ({"ids": [two.pk]}, "Choose what to do with the ticked documents."),
        ({"action": "add_tag", "tag": "x"}, "Tick at least one document first."),
        ({"action": "add_tag", "tag": " ", "ids": [two.pk]}, "Type the tag."),
    ):
        response = client.post(url, data)
        assert message in client.get(response["Location"]).content.decode()


def test_bulk_ignores_documents_of_other_matters(firm, secretary, attorney):
    other = file_text(attorney, firm["walled"], "secret.txt", "walled")
    mine = file_text(secretary, firm["open"], "mine.txt", "x")
    client_for(attorney).post(
        f"/documents/matter/{firm['open'].pk}/bulk/",
        {"action": "add_tag", "tag": "x", "ids": [other.pk, mine.pk]},
    )
    assert not other.tags.exists() and mine.tags.exists()


def test_read_only_user_cannot_bulk_edit(firm, secretary, readonly):
    doc = file_text(secretary, firm["open"], "one.txt", "1")
    client = client_for(readonly)
    response = client.post(
        f"/documents/matter/{firm['open'].pk}/bulk/",
        {"action": "add_tag", "tag": "x", "ids": [doc.pk]},
    )
    assert "read-only" in client.get(response["Location"]).content.decode()
    assert not doc.tags.exists()


def test_exports_follow_the_filters_and_are_audited(firm, secretary):
    matter = firm["open"]
    file_text(secretary, matter, "a.txt", "a", title='=HYPERLINK("http://x")', tags=("hot doc",))
    file_text(secretary, matter, "b.txt", "b", title="Plain title")
    client = client_for(secretary)
    response = client.get(f"/documents/matter/{matter.pk}/index.csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="case-file-2027-0042.csv"'
    text = response.content.decode("utf-8-sig")
    assert text.splitlines()[0].startswith("Date,Category,Title,File name")
    assert "'=HYPERLINK" in text and "Plain title" in text
    text = client.get(f"/documents/matter/{matter.pk}/index.csv?tag=hot+doc").content.decode()
    assert "Plain title" not in text
    response = client.get(f"/documents/matter/{matter.pk}/index.pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert response["Content-Type"] == "application/pdf"
    assert AuditEntry.objects.filter(action="export", object_type="case-file").count() == 3


def test_matter_hold_is_placed_and_released_by_an_attorney_only(firm, attorney, secretary):
    matter = firm["open"]
    doc = file_text(secretary, matter, "one.txt", "1")
    client = client_for(secretary)
    response = client.post(f"/documents/matter/{matter.pk}/hold/", {"reason": "litigation"})
    html = client.get(response["Location"]).content.decode()
    assert "Only an attorney or an administrator can place a legal hold." in html
    lawyer = client_for(attorney)
    response = lawyer.post(f"/documents/matter/{matter.pk}/hold/", {"reason": "  "})
    assert "Say why the hold is placed." in lawyer.get(response["Location"]).content.decode()
    lawyer.post(
        f"/documents/matter/{matter.pk}/hold/", {"reason": "Preservation letter 2027-01-05"}
    )
    hold = LegalHold.objects.get()
    html = client.get(f"/documents/matter/{matter.pk}/").content.decode()
    assert "On legal hold:" in html and "Preservation letter 2027-01-05" in html
    assert "Release the hold" not in html  # a secretary cannot release it
    response = client.post(f"/documents/{doc.pk}/trash/")
    html = client.get(response["Location"]).content.decode()
    assert "is under a legal hold on its matter" in html
    assert client.post(f"/documents/holds/{hold.pk}/release/").status_code == 302
    hold.refresh_from_db()
    assert hold.released_at is None
    lawyer.post(f"/documents/holds/{hold.pk}/release/")
    hold.refresh_from_db()
    assert hold.released_by == attorney
    walled_hold = LegalHold.objects.create(matter=firm["walled"], reason="x", placed_by=attorney)
    screened = client_for(firm["screened"])
    assert screened.post(f"/documents/holds/{walled_hold.pk}/release/").status_code == 404


def test_text_status_polls_until_the_text_is_read(firm, secretary):
    doc = file_text(secretary, firm["open"], "note.txt", "The quick brown fox")
    client = client_for(secretary)
    fragment = client.get(f"/documents/{doc.pk}/status/").content.decode()
    assert 'hx-trigger="every 2s"' in fragment and "Waiting to be read" in fragment
    version = doc.current_version
    version.text_status, version.text_progress = "ocr", 52
    version.text_message = "OCR: page 2 of 5"
    version.save()
    fragment = client.get(f"/documents/{doc.pk}/status/").content.decode()
    assert "Running OCR: page 2 of 5" in fragment and 'value="52"' in fragment
    assert 'hx-trigger="every 2s"' in fragment
    version.text_status, version.text_progress, version.text_message = "pending", 0, ""
    version.save()
    extract_all()
    fragment = client.get(f"/documents/{doc.pk}/status/").content.decode()
    assert "Text ready" in fragment and "hx-trigger" not in fragment
    assert f'id="doc-pages-{doc.pk}" hx-swap-oob="true"' in fragment
    walled = file_text(firm["walled"].responsible_attorney, firm["walled"], "w.txt", "walled")
    assert client_for(firm["screened"]).get(f"/documents/{walled.pk}/status/").status_code == 404


def test_matter_summary_counts_documents_and_proposals(firm, secretary):
    matter = firm["open"]
    file_text(
        secretary,
        matter,
        "notice.txt",
        "NOTICE OF HEARING\nThe hearing is set for January 5, 2027 at 9:00 a.m. in Department 12.",
    )
    file_text(secretary, matter, "other.txt", "nothing to see")
    client = client_for(secretary)
    html = client.get(f"/documents/matter/{matter.pk}/summary/").content.decode()
    assert "<strong>2</strong> documents in the case file" in html
    assert "2 still being read" in html
    extract_all()
    html = client.get(f"/documents/matter/{matter.pk}/summary/").content.decode()
    assert "found in documents, to review" in html
    # The matter page loads the section.
    page = client.get(f"/matters/{matter.pk}/").content.decode()
    assert f"/documents/matter/{matter.pk}/summary/" in page and "Open the case file" in page


def test_walled_document_does_not_show_in_another_matters_case_file(firm, attorney):
    file_text(attorney, firm["walled"], "canary.txt", "x", title=f"{CANARY} memo")
    html = client_for(attorney).get(f"/documents/matter/{firm['open'].pk}/").content.decode()
    assert f"{CANARY} memo" not in html
