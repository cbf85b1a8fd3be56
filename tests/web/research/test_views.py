"""The research pages: who may reach them, uploads, the report downloads, authorities walled."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from casedesk.web.access import AccessDenied
from casedesk.web.errors import ServiceError
from casedesk.web.research.models import CiteCheck, ImportJob, Opinion, SavedAuthority
from casedesk.web.research.services import (
    authority_delete,
    authority_save,
    authority_update,
    cite_check_run,
)
from tests.web.research.conftest import ROE
from tests.web.research.test_search_and_check import DRAFT

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_pages_for_a_signed_in_user(library: Any, secretary: Any, matter: Any) -> None:
    client = _client(secretary)
    roe = Opinion.objects.get(source_id="t-roe")
    citing = Opinion.objects.get(source_id="t-citing")
    for url in (
        "/research/",
        "/research/?q=privacy&court=scotus&sort=cited&boost_recent=on",
        f"/research/opinions/{roe.pk}/",
        f"/research/opinions/{citing.pk}/",
        "/research/lookup/?citations=410+U.S.+113%0A999+F.4th+1",
        "/research/cited-by/",
        "/research/cited-by/?citation=410+U.+S.+113",
        "/research/import/",
        f"/research/import/{library.pk}/",
        f"/research/import/{library.pk}/status/",
        "/research/cite-check/",
    ):
        response = client.get(url)
        assert response.status_code == 200, url
    page = client.get("/research/?q=privacy&court=scotus").content.decode()
    assert "Roe v. Wade" in page and "Doe v. State" not in page
    assert (
        "Not in the library"
        in client.get("/research/lookup/?citations=999+F.4th+1").content.decode()
    )
    assert client.get("/research/opinions/999999/").status_code == 404


def test_bad_query_is_a_message_not_a_500(library: Any, clerk: Any) -> None:
    response = _client(clerk).get('/research/?q="unbalanced')
    assert response.status_code == 200
    assert "quotation mark" in response.content.decode()


def test_import_upload_queues_a_job(clerk: Any, readonly: Any) -> None:
    body = (json.dumps(ROE) + "\n").encode()
    response = _client(clerk).post(
        "/research/import/",
        {"format": "auto", "files": [SimpleUploadedFile("roe.jsonl", body)]},
    )
    assert response.status_code == 302
    job = ImportJob.objects.get()
    assert job.status == "queued" and job.file_names == "roe.jsonl"
    assert Path(job.files[0]["path"]).read_bytes() == body  # kept until the job is done
    refused = _client(readonly).post(
        "/research/import/", {"format": "auto", "files": [SimpleUploadedFile("r.jsonl", body)]}
    )
    assert refused.status_code == 403 and ImportJob.objects.count() == 1
    assert _client(readonly).post(f"/research/import/{job.pk}/cancel/").status_code == 302
    job.refresh_from_db()
    assert job.status == "queued"


def test_failed_job_can_be_resumed_from_the_page(clerk: Any) -> None:
    job = ImportJob.objects.create(status="failed", created_by=clerk, files=[])
    page = _client(clerk).get("/research/import/").content.decode()
    assert f"/research/import/{job.pk}/resume/" in page
    assert _client(clerk).post(f"/research/import/{job.pk}/resume/").status_code == 302
    job.refresh_from_db()
    assert job.status == "queued"


def test_cite_check_upload_report_and_downloads(library: Any, clerk: Any, matter: Any) -> None:
    client = _client(clerk)
    response = client.post(
        "/research/cite-check/", {"file": SimpleUploadedFile("brief.txt", DRAFT.encode())}
    )
    assert response.status_code == 302
    check = CiteCheck.objects.get()
    assert client.get(f"/research/cite-check/{check.pk}/report.json").status_code == 404
    waiting = client.get(f"/research/cite-check/{check.pk}/")
    assert "hx-trigger" in waiting.content.decode()
    cite_check_run(check.pk)
    report = client.get(f"/research/cite-check/{check.pk}/").content.decode()
    assert "Not found" in report and "Name mismatch" in report and "Fakeco" in report
    data = json.loads(client.get(f"/research/cite-check/{check.pk}/report.json").content)
    # The CLI's exact shape (``casedesk cite-check --json``): the details stay in the report.
    assert set(data) == {"citations"} and len(data["citations"]) == 5
    assert all(
        set(row) == {"text", "normalized", "status", "opinion_id", "sentence"}
        for row in data["citations"]
    )
    html = client.get(f"/research/cite-check/{check.pk}/report.html")
    assert "attachment" in html["Content-Disposition"] and b"Fakeco" in html.content
    pdf = client.get(f"/research/cite-check/{check.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    # A check without a matter is its author's: another user gets a 404.
    other = _client(library.created_by.__class__.objects.create_user("x", role="clerk"))
    assert other.get(f"/research/cite-check/{check.pk}/").status_code == 404


def test_authorities_are_walled(library: Any, attorney: Any, screened: Any, matter: Any) -> None:
    roe = Opinion.objects.get(source_id="t-roe")
    saved = authority_save(
        by=attorney, matter=matter, opinion=roe, notes="Key", tags="Privacy, key"
    )
    assert (saved.citation, saved.normalized, saved.tags) == (
        "410 U.S. 113",
        "410 U.S. 113",
        "privacy, key",
    )
    with pytest.raises(ServiceError, match="already saved"):
        authority_save(by=attorney, matter=matter, citation="410 U. S. 113")
    typed = authority_save(by=attorney, matter=matter, citation="163 U.S. 537")
    assert typed.opinion is None
    with pytest.raises(ServiceError, match="not a case citation"):
        authority_save(by=attorney, matter=matter, citation="hello there")
    with pytest.raises(AccessDenied):
        authority_save(by=screened, matter=matter, opinion=roe)
    with pytest.raises(AccessDenied):
        authority_update(by=screened, authority=saved, notes="x", tags="")
    client = _client(screened)
    for url in (
        f"/research/matter/{matter.pk}/authorities/",
        f"/research/authorities/{saved.pk}/edit/",
    ):
        assert client.get(url).status_code == 404
    assert client.post(f"/research/authorities/{saved.pk}/delete/").status_code == 404
    assert "Privacy litigation" not in client.get(f"/research/opinions/{roe.pk}/").content.decode()
    lead = _client(attorney)
    page = lead.get(f"/research/matter/{matter.pk}/authorities/").content.decode()
    assert "Roe v. Wade" in page and "Key" in page and "Not in the library" in page
    authority_delete(by=attorney, authority=typed)
    assert SavedAuthority.objects.count() == 1


def test_save_from_opinion_page_and_readonly_refused(
    library: Any, attorney: Any, readonly: Any, matter: Any
) -> None:
    roe = Opinion.objects.get(source_id="t-roe")
    response = _client(attorney).post(
        f"/research/opinions/{roe.pk}/save/", {"matter": matter.pk, "notes": "n", "tags": "a"}
    )
    assert response.status_code == 302 and SavedAuthority.objects.count() == 1
    matter.restricted = False
    matter.save()
    refused = _client(readonly).post(
        f"/research/matter/{matter.pk}/authorities/", {"citation": "347 U.S. 483"}, follow=True
    )
    assert "read-only" in refused.content.decode()
    assert SavedAuthority.objects.count() == 1


def test_courts_show_their_names_and_filter_by_id(library: Any, secretary: Any) -> None:
    client = _client(secretary)
    page = client.get("/research/?q=privacy").content.decode()
    # The facets, the result cards and the Court dropdown name the court; links keep the id.
    assert "Supreme Court of the United States" in page and "New Mexico Supreme Court" in page
    assert '<option value="scotus">Supreme Court of the United States</option>' in page
    assert "court=scotus" in page and ">scotus<" not in page and ">nm<" not in page
    # The card shows the opinion's normalised citation, not the record's "410 U. S. 113".
    assert "410 U.S. 113" in page and "410 U. S. 113" not in page
    filtered = client.get("/research/?q=privacy&court=nm").content.decode()
    assert "Doe v. State" in filtered and "1 opinion found" in filtered
    roe = Opinion.objects.get(source_id="t-roe")
    opinion = client.get(f"/research/opinions/{roe.pk}/").content.decode()
    assert "Supreme Court of the United States" in opinion


def test_unknown_court_id_is_shown_as_is() -> None:
    from casedesk.web.research.court_names import court_name

    assert court_name("scotus") == "Supreme Court of the United States"
    assert court_name("no-such-court") == "no-such-court"
    assert court_name("") == ""


def test_running_job_page_polls_its_details(clerk: Any) -> None:
    job = ImportJob.objects.create(created_by=clerk, status="running", files=[], processed=7)
    page = _client(clerk).get(f"/research/import/{job.pk}/").content.decode()
    details = page[page.index('id="job-details"') :].split("</dl>")[0]
    assert f'hx-get="/research/import/{job.pk}/"' in details
    assert 'hx-select="#job-details"' in details and "<dd>7</dd>" in details
    ImportJob.objects.filter(pk=job.pk).update(status="done")
    done = _client(clerk).get(f"/research/import/{job.pk}/").content.decode()
    assert 'hx-select="#job-details"' not in done
