"""The case report page, its status poll, the downloads and the matter page's dashboard."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from casedesk.core.reports.model import SECTION_KEYS
from casedesk.web.audit.models import AuditEntry
from casedesk.web.matters.models import EthicalWall, Matter
from casedesk.web.reports.models import Report
from casedesk.web.reports.services import report_request, report_run

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_the_page_offers_every_section_ticked(case: Matter, attorney: Any) -> None:
    response = _client(attorney).get(f"/reports/matter/{case.pk}/")
    assert response.status_code == 200
    body = response.content.decode()
    for key in SECTION_KEYS:
        assert f'value="{key}" checked' in body
    assert 'value="pdf" checked' in body and 'value="docx" checked' in body
    assert "You have not made a report of this matter yet." in body


def test_asking_with_nothing_ticked_keeps_the_form(case: Matter, attorney: Any) -> None:
    response = _client(attorney).post(
        f"/reports/matter/{case.pk}/", {"formats": ["docx"], "material_only": "1"}
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Choose at least one section for the report." in body
    assert 'value="docx" checked' in body and 'value="pdf" checked' not in body
    assert 'name="material_only" value="1" checked' in body
    assert not Report.objects.exists()


def test_asking_queues_a_report_and_lists_it(
    case: Matter, attorney: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = _client(attorney)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            f"/reports/matter/{case.pk}/",
            {"sections": ["summary", "chronology"], "formats": ["pdf", "docx"]},
        )
    assert response.status_code == 302 and len(callbacks) == 1
    report = Report.objects.get()
    assert response["Location"].endswith(f"/reports/matter/{case.pk}/#report-{report.pk}")
    page = client.get(f"/reports/matter/{case.pk}/").content.decode()
    assert f'id="report-{report.pk}"' in page and "hx-get" in page
    assert 'value="parties" checked' not in page  # the choice is remembered
    status = client.get(f"/reports/{report.pk}/status/")
    assert status.status_code == 200 and b"Waiting for the worker" in status.content


def test_a_second_request_while_one_is_made_is_refused(case: Matter, attorney: Any) -> None:
    report_request(by=attorney, matter=case, sections=["summary"], enqueue=False)
    response = _client(attorney).post(
        f"/reports/matter/{case.pk}/", {"sections": ["summary"], "formats": ["pdf"]}
    )
    assert response.status_code == 400
    assert "still being made" in response.content.decode()


def test_downloads_are_audited_and_named(case: Matter, readonly: Any) -> None:
    report = report_request(
        by=readonly, matter=case, sections=["summary", "parties"], enqueue=False
    )
    report_run(report.pk)
    client = _client(readonly)
    row = client.get(f"/reports/{report.pk}/status/").content.decode()
    assert "Download PDF" in row and "Download Word" in row and "hx-get" not in row
    pdf = client.get(f"/reports/{report.pk}/report.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert b"".join(pdf.streaming_content).startswith(b"%PDF")
    assert "Case report 2027-0042" in pdf["Content-Disposition"]
    word = client.get(f"/reports/{report.pk}/report.docx")
    assert word.status_code == 200 and "wordprocessingml" in word["Content-Type"]
    assert AuditEntry.objects.filter(action="download", object_type="case-report").count() == 2


def test_a_report_is_its_makers_alone(case: Matter, attorney: Any, clerk: Any) -> None:
    report = report_request(by=attorney, matter=case, sections=["summary"], enqueue=False)
    report_run(report.pk)
    client = _client(clerk)
    page = client.get(f"/reports/matter/{case.pk}/").content.decode()
    assert f'id="report-{report.pk}"' not in page
    for url in (f"/reports/{report.pk}/status/", f"/reports/{report.pk}/report.pdf"):
        assert client.get(url).status_code == 404, url


def test_a_file_not_made_is_a_404(case: Matter, attorney: Any) -> None:
    report = report_request(
        by=attorney, matter=case, sections=["summary"], formats=["pdf"], enqueue=False
    )
    report_run(report.pk)
    assert _client(attorney).get(f"/reports/{report.pk}/report.docx").status_code == 404


def test_a_walled_user_sees_nothing(
    case: Matter, attorney: Any, make_user: Any, admin_user: Any
) -> None:
    report = report_request(by=attorney, matter=case, sections=["summary"], enqueue=False)
    report_run(report.pk)
    screened = make_user("attorney", "screened")
    EthicalWall.objects.create(matter=case, user=screened, reason="lateral", created_by=admin_user)
    client = _client(screened)
    for url in (
        f"/reports/matter/{case.pk}/",
        f"/reports/{report.pk}/status/",
        f"/reports/{report.pk}/report.pdf",
        f"/reports/{report.pk}/report.docx",
    ):
        assert client.get(url).status_code == 404, url
    assert (
        client.post(
            f"/reports/matter/{case.pk}/", {"sections": ["summary"], "formats": ["pdf"]}
        ).status_code
        == 404
    )


def test_the_matter_page_has_the_dashboard(case: Matter, attorney: Any) -> None:
    body = _client(attorney).get(f"/matters/{case.pk}/").content.decode()
    assert "At a glance" in body
    assert f'href="/reports/matter/{case.pk}/"' in body
    assert "Draft the answer" in body and "Client call about the invoice" in body
    assert "Hợp đồng thuê kho" in body
    assert "Material" in body and "signs the warehouse agreement" in body
    assert f'href="/chronology/matter/{case.pk}/timeline/"' in body
