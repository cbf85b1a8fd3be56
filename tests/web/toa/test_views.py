"""The table-of-authorities pages: the start page and its upload form (bad input keeps the
form's values), the review page and its actions, the exports, and who may see what."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casedesk.core.toa import toa_json
from casedesk.core.toa.serialize import result_from_dict
from casedesk.web.documents.document_services import IncomingFile, document_add
from casedesk.web.documents.models import Document
from casedesk.web.toa.models import TableOfAuthorities
from casedesk.web.toa.selectors import anchor
from tests.web.sample_files import make_encrypted_pdf
from tests.web.toa.briefs import EXPECTED
from tests.web.toa.conftest import keys_by_text, rows

pytestmark = pytest.mark.django_db

ROE = "Roe v. Wade, 410 U.S. 113 (1973)"
ROE_SCT = "Roe v. Wade, 93 S. Ct. 705 (1973)"
BROWN = "Brown v. Board of Education, 347 U.S. 483 (1954)"


def client_for(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def html(response: Any) -> str:
    return response.content.decode()


def upload(path: Path, name: str | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name or path.name, path.read_bytes())


def messages_of(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


# --- the start page ------------------------------------------------------------------------------


def test_start_page_and_upload(clerk: Any, matter: Any, brief: Path) -> None:
    client = client_for(clerk)
    page = client.get("/toa/")
    assert page.status_code == 200
    assert "Make a table from a brief" in html(page) and "No tables of authorities yet." in html(
        page
    )
    response = client.post(
        "/toa/",
        {"file": upload(brief), "matter": matter.pk, "passim": "4", "paragraphs": ""},
    )
    table = TableOfAuthorities.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/toa/{table.pk}/"
    assert (table.matter, table.passim, table.paragraphs, table.status) == (
        matter,
        4,
        False,
        "queued",
    )
    listing = html(client.get("/toa/"))
    assert (
        "brief.pdf" in listing and "Waiting for the worker" in listing and matter.number in listing
    )


@pytest.mark.parametrize(
    ("content", "name", "sentence"),
    [
        (b"", "brief.pdf", "brief.pdf is empty (0 bytes)."),
        (
            b"Roe v. Wade, 410 U.S. 113 (1973).",
            "notes.txt",
            "notes.txt is not a PDF or a Word (.docx) document",
        ),
        (bytes(range(256)) * 4, "brief.pdf", "brief.pdf is not a PDF or a Word (.docx) document"),
        (b"%PDF-1.7\n1 0 obj << >> junk" * 20, "broken.pdf", "broken.pdf is a damaged PDF"),
        ("encrypted", "locked.pdf", "locked.pdf is password-protected"),
    ],
)
def test_bad_uploads_say_why_and_keep_the_form(
    clerk: Any, matter: Any, tmp_path: Path, content: Any, name: str, sentence: str
) -> None:
    if content == "encrypted":
        content = make_encrypted_pdf(tmp_path / "locked.pdf").read_bytes()
    client = client_for(clerk)
    response = client.post(
        "/toa/",
        {
            "file": SimpleUploadedFile(name, content),
            "matter": matter.pk,
            "passim": "7",
            "paragraphs": "on",
        },
    )
    assert response.status_code == 400
    page = html(response)
    assert sentence.replace("(", "(") in page.replace("&#x27;", "'")
    assert 'name="passim" value="7"' in page
    assert re.search(r'name="paragraphs"[^>]*checked', page)
    assert re.search(rf'<option value="{matter.pk}" selected>', page)
    assert not TableOfAuthorities.objects.exists()


def test_the_form_needs_a_brief_and_a_sane_passim(clerk: Any, brief: Path) -> None:
    client = client_for(clerk)
    response = client.post("/toa/", {"passim": "5"})
    assert response.status_code == 400
    assert "Choose the brief: upload a PDF or Word file" in html(response)
    response = client.post("/toa/", {"file": upload(brief), "passim": "100"})
    assert response.status_code == 400
    assert "less than or equal to 99" in html(response)
    assert not TableOfAuthorities.objects.exists()


def test_an_upload_over_the_limit_is_refused_with_a_message(
    clerk: Any, brief: Path, settings: Any
) -> None:
    settings.CASEDESK_MAX_UPLOAD_BYTES = 2_000
    response = client_for(clerk).post("/toa/", {"file": upload(brief), "passim": "5"})
    assert response.status_code == 413
    assert "larger than the upload limit" in html(response)
    assert not TableOfAuthorities.objects.exists()


def test_read_only_users_get_no_form_and_cannot_post(readonly: Any, brief: Path) -> None:
    client = client_for(readonly)
    assert "Make a table from a brief" not in html(client.get("/toa/"))
    response = client.post("/toa/", {"file": upload(brief), "passim": "5"})
    assert response.status_code == 403 and "read-only" in html(response)
    assert not TableOfAuthorities.objects.exists()


def test_pick_a_brief_from_the_matters_documents(
    attorney: Any, matter: Any, brief: Path, tmp_path: Path
) -> None:
    document = document_add(
        by=attorney, matter=matter, incoming=IncomingFile(brief, "Opening brief.pdf")
    )
    memo = tmp_path / "memo.txt"
    memo.write_text("memo")
    document_add(by=attorney, matter=matter, incoming=IncomingFile(memo, "memo.txt"))
    client = client_for(attorney)
    page = html(client.get(f"/toa/?matter={matter.pk}"))
    assert f'<option value="{matter.pk}" selected>' in page
    assert "Opening brief (Opening brief.pdf, version 1)" in page and "memo.txt" not in page
    assert f"Tables of {matter.number}" in page
    both = client.post(
        "/toa/",
        {"matter": matter.pk, "document": document.pk, "file": upload(brief), "passim": "5"},
    )
    assert both.status_code == 400 and "not both" in html(both)
    response = client.post("/toa/", {"matter": matter.pk, "document": document.pk, "passim": "5"})
    table = TableOfAuthorities.objects.get()
    assert response.status_code == 302
    assert table.source_document == document and table.filename == "Opening brief.pdf"
    # An unknown (or hidden) matter in the link is no matter: no documents to pick.
    page = html(client.get("/toa/?matter=999999"))
    assert 'name="document"' not in page and "Opening brief (Opening" not in page


# --- the review page -----------------------------------------------------------------------------


def test_review_page_shows_the_table(make_table: Any, clerk: Any, matter: Any) -> None:
    table = make_table(clerk, matter=matter)
    page = html(client_for(clerk).get(f"/toa/{table.pk}/"))
    assert "6 authorities" in page
    headings = re.findall(r'<h3 id="cat-\d+"><span>([^<]+)</span>', page)
    assert headings == ["Cases", "Constitutional Provisions", "Statutes", "Rules"]
    assert "<i>Brown v. Board of Education</i>, 347 U.S. 483 (1954)" in page
    assert '<span class="toa-pages">2, 3</span>' in page
    assert "the brief’s printed page numbers" in page
    assert 'id="merge-form"' in page and "Rename" in page and "Move to" in page
    assert f"File to {matter.number}" in page and "Make the PDF" in page
    assert "No changes yet" in page and "Undo all changes" not in page


def test_review_page_while_running_and_after_failure(clerk: Any, brief: Path) -> None:
    from casedesk.web.toa.services import toa_start

    table = toa_start(by=clerk, path=brief, filename="brief.pdf", enqueue=False)
    client = client_for(clerk)
    page = html(client.get(f"/toa/{table.pk}/"))
    assert f'hx-get="/toa/{table.pk}/status/"' in page and "Waiting for the worker" in page
    status = client.get(f"/toa/{table.pk}/status/", HTTP_HX_REQUEST="true")
    assert status.status_code == 200 and "HX-Refresh" not in status
    TableOfAuthorities.objects.filter(pk=table.pk).update(
        status="failed", message="brief.pdf is a scan and OCR found no text in it."
    )
    status = client.get(f"/toa/{table.pk}/status/", HTTP_HX_REQUEST="true")
    assert status["HX-Refresh"] == "true"
    page = html(client.get(f"/toa/{table.pk}/"))
    assert "brief.pdf is a scan and OCR found no text in it." in page and "hx-get" not in page
    assert client.get(f"/toa/{table.pk}/toa.json").status_code == 404


def test_an_empty_table_says_so_with_its_warnings(clerk: Any, tmp_path: Path) -> None:
    from casedesk.web.toa.services import toa_run, toa_start
    from tests.core.toa.briefs import make_brief

    path = make_brief(tmp_path / "plain.pdf", body=["<p>No law is cited here at all.</p>"])
    table = toa_start(by=clerk, path=path, filename="plain.pdf", enqueue=False)
    toa_run(table.pk)
    page = html(client_for(clerk).get(f"/toa/{table.pk}/"))
    assert "No authorities were found in this brief." in page
    assert 'id="merge-form"' not in page and "TABLE OF AUTHORITIES" not in page


def test_review_actions_through_the_page(make_table: Any, clerk: Any, matter: Any) -> None:
    table = make_table(clerk, matter=matter)
    keys = keys_by_text(table)
    client = client_for(clerk)
    base = f"/toa/{table.pk}"

    one = client.post(f"{base}/merge/", {"keys": [keys[ROE]]}, follow=True)
    assert "Tick at least two entries" in html(one)
    response = client.post(f"{base}/merge/", {"keys": [keys[ROE], keys[ROE_SCT]]})
    assert response.status_code == 302
    assert response["Location"] == f"{base}/#{anchor(keys[ROE])}"
    table.refresh_from_db()
    assert ("cases", ROE, ["1", "2"]) in rows(table)

    response = client.post(
        f"{base}/rename/",
        {"key": keys[BROWN], "authority": "Brown v. Board of Educ., 347 U.S. 483 (1954)"},
    )
    assert response["Location"] == f"{base}/#{anchor(keys[BROWN])}"
    response = client.post(f"{base}/move/", {"key": keys["42 U.S.C. § 1983"], "category": "rules"})
    assert response["Location"] == f"{base}/#{anchor(keys['42 U.S.C. § 1983'])}"
    page = client.get(f"{base}/")
    text = html(page)
    assert "Moved the entry to Rules." in messages_of(page)
    assert "<i>Brown v. Board of Educ.</i>, 347 U.S. 483 (1954)" in text
    table.refresh_from_db()
    assert sorted(rows(table)[-2:]) == [
        ("rules", "42 U.S.C. § 1983", ["1"]),
        ("rules", "Fed. R. Civ. P. 56(a)", ["2"]),
    ]
    history = re.findall(r"<li>(Merged|Renamed|Moved)", text)
    assert history == ["Moved", "Renamed", "Merged"]  # newest first
    assert "Undo all changes" in text

    response = client.post(f"{base}/passim/", {"passim": "2"})
    assert response["Location"] == f"{base}/#review-tools"
    table.refresh_from_db()
    assert result_from_dict(table.result).in_category("cases")[0].passim is True
    page = html(client.get(f"{base}/"))
    assert "<i>passim</i>" in page and "Page(s): 1, 2" in page
    bad = client.post(f"{base}/passim/", {"passim": "-3"}, follow=True)
    assert "Passim must be a number from 0 to 99" in html(bad)

    client.post(f"{base}/undo/")
    table.refresh_from_db()
    assert rows(table) == [(c, a, p) for c, a, p in EXPECTED]
    stale = client.post(f"{base}/rename/", {"key": "no such key", "authority": "X"}, follow=True)
    assert "no longer in the table" in html(stale)


def test_read_only_users_view_and_export_but_cannot_edit(
    make_table: Any, attorney: Any, readonly: Any, matter: Any
) -> None:
    table = make_table(attorney, matter=matter)
    keys = keys_by_text(table)
    client = client_for(readonly)
    page = html(client.get(f"/toa/{table.pk}/"))
    assert "6 authorities" in page
    assert 'id="merge-form"' not in page and "Rename" not in page and "File to" not in page
    assert client.get(f"/toa/{table.pk}/toa.json").status_code == 200
    response = client.post(
        f"/toa/{table.pk}/merge/", {"keys": [keys[ROE], keys[ROE_SCT]]}, follow=True
    )
    assert "read-only" in html(response)
    response = client.post(f"/toa/{table.pk}/file/", follow=True)
    assert "read-only" in html(response)
    table.refresh_from_db()
    assert table.revision == 0 and table.filed_document is None


def test_walled_and_private_tables_are_404(
    make_table: Any, attorney: Any, attorney2: Any, screened: Any, matter: Any
) -> None:
    walled = make_table(attorney, matter=matter)
    private = make_table(attorney)
    for user, table in ((screened, walled), (attorney2, private)):
        client = client_for(user)
        for url in ("", "status/", "toa.json", "toa.docx", "toa.pdf", "pdf/status/"):
            assert client.get(f"/toa/{table.pk}/{url}").status_code == 404
        for url in ("merge/", "rename/", "move/", "undo/", "passim/", "pdf/", "file/"):
            assert client.post(f"/toa/{table.pk}/{url}").status_code == 404
        assert f'href="/toa/{table.pk}/"' not in html(client.get("/toa/"))
    assert f'href="/toa/{walled.pk}/"' in html(client_for(attorney2).get("/toa/"))  # the matter's


# --- exports -------------------------------------------------------------------------------------


def test_json_export_is_exactly_the_cli_contract(make_table: Any, clerk: Any) -> None:
    from casedesk.web.audit.models import AuditEntry

    table = make_table(clerk)
    response = client_for(clerk).get(f"/toa/{table.pk}/toa.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="toa-brief.json"'
    data = json.loads(response.content)
    assert data == toa_json(result_from_dict(table.result))
    assert list(data) == ["entries"]
    assert data["entries"][0] == {
        "category": "cases",
        "authority": BROWN,
        "pages": ["2", "3"],
        "passim": False,
    }
    assert [(e["category"], e["authority"], e["pages"]) for e in data["entries"]] == [
        (c, a, p) for c, a, p in EXPECTED
    ]
    assert AuditEntry.objects.filter(action="toa.export", data__format="JSON").count() == 1


def test_word_export_contains_the_entries(make_table: Any, clerk: Any) -> None:
    import docx

    table = make_table(clerk)
    response = client_for(clerk).get(f"/toa/{table.pk}/toa.docx")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="toa-brief.docx"'
    texts = [p.text for p in docx.Document(io.BytesIO(response.content)).paragraphs]
    assert texts[0] == "TABLE OF AUTHORITIES"
    assert f"{BROWN}\t2, 3" in texts and "42 U.S.C. § 1983\t1" in texts
    assert "Constitutional Provisions\tPage(s)" in texts


def test_pdf_export_through_the_worker(
    make_table: Any, clerk: Any, matter: Any, readonly: Any
) -> None:
    from casedesk.core.drafting.convert import soffice_path
    from casedesk.web.toa.services import toa_pdf_run

    if soffice_path() is None:
        pytest.skip("LibreOffice is not installed")
    table = make_table(clerk, matter=matter)
    client = client_for(readonly)  # a reader may export, the PDF included
    assert client.get(f"/toa/{table.pk}/toa.pdf").status_code == 404
    response = client.post(f"/toa/{table.pk}/pdf/")
    assert response["Location"] == f"/toa/{table.pk}/#export"
    fragment = html(client.get(f"/toa/{table.pk}/pdf/status/"))
    assert "Making the PDF" in fragment and "hx-get" in fragment
    assert toa_pdf_run(table.pk) == "done"
    fragment = html(client.get(f"/toa/{table.pk}/pdf/status/"))
    assert f'href="/toa/{table.pk}/toa.pdf"' in fragment and "hx-get" not in fragment
    response = client.get(f"/toa/{table.pk}/toa.pdf")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="toa-brief.pdf"'
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_file_to_the_matter_through_the_page(make_table: Any, clerk: Any, matter: Any) -> None:
    table = make_table(clerk, matter=matter)
    client = client_for(clerk)
    response = client.post(f"/toa/{table.pk}/file/", follow=True)
    document = Document.objects.get()
    assert document.matter == matter and document.current_version.filename == "toa-brief.docx"
    page = html(response)
    assert (
        f'Filed “<a href="/documents/{document.pk}/">Table of authorities: brief.pdf</a>” to {matter.number}.'
        in page
    )
    assert "Last filed:" in page
    private = make_table(clerk)
    response = client.post(f"/toa/{private.pk}/file/", follow=True)
    assert "belongs to no matter" in html(response)
    assert "File to" not in html(client.get(f"/toa/{private.pk}/"))


def test_links_from_the_matter_and_the_research_pages(attorney: Any, matter: Any) -> None:
    client = client_for(attorney)
    assert f'href="/toa/?matter={matter.pk}"' in html(client.get(f"/matters/{matter.pk}/"))
    research = html(client.get("/research/"))
    assert 'href="/toa/"' in research and "Table of authorities" in research
    start = html(client.get("/toa/"))
    assert re.search(r'<a href="/research/" aria-current="page">Research</a>', start)
