"""Asking for a case report, making it in the background, writing it for the command line."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import docx
import pytest

from casedesk.core.reports.model import SECTION_KEYS
from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents.blob_store import blob_path
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import EthicalWall, Matter
from casedesk.web.reports.models import Report, ReportChoice
from casedesk.web.reports.services import report_request, report_run, report_write
from tests.web.reports.conftest import ARABIC, VIETNAMESE

pytestmark = pytest.mark.django_db


def pdf_text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "r.pdf"
    path.write_bytes(data)
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout


@pytest.mark.parametrize(
    ("sections", "formats", "message"),
    [
        ([], ["pdf"], "Choose at least one section"),
        (["summary", "gossip"], ["pdf"], "no report section 'gossip'"),
        (["summary"], [], "Choose PDF, Word or both"),
        (["summary"], ["odt"], "PDF or Word (docx), not 'odt'"),
    ],
)
def test_bad_choices_are_refused_with_a_sentence(
    case: Matter, attorney: Any, sections: list[str], formats: list[str], message: str
) -> None:
    with pytest.raises(ServiceError, match=re.escape(message)):
        report_request(by=attorney, matter=case, sections=sections, formats=formats, enqueue=False)
    assert not Report.objects.exists()


def test_a_request_is_saved_remembered_and_audited(case: Matter, attorney: Any) -> None:
    report = report_request(
        by=attorney,
        matter=case,
        sections=["tasks", "chronology"],
        material_only=True,
        formats=["docx"],
        enqueue=False,
    )
    assert report.sections == ["chronology", "tasks"] and report.formats == ["docx"]
    assert report.status == "queued" and report.pending
    choice = ReportChoice.objects.get(user=attorney)
    assert (
        choice.sections == ["chronology", "tasks"] and choice.material_only and not choice.want_pdf
    )
    entry = AuditEntry.objects.filter(action="report.request").get()
    assert entry.matter_id == case.pk and entry.data["formats"] == ["docx"]


def test_one_pending_report_per_user_and_matter(case: Matter, attorney: Any) -> None:
    report_request(by=attorney, matter=case, sections=["summary"], enqueue=False)
    with pytest.raises(ServiceError, match="still being made"):
        report_request(by=attorney, matter=case, sections=["summary"], enqueue=False)


def test_read_only_users_may_make_reports(case: Matter, readonly: Any) -> None:
    report = report_request(by=readonly, matter=case, sections=["summary"], enqueue=False)
    assert report_run(report.pk).status == "done"  # type: ignore[union-attr]


def test_a_walled_user_cannot_ask(case: Matter, make_user: Any, admin_user: Any) -> None:
    screened = make_user("attorney", "screened")
    EthicalWall.objects.create(matter=case, user=screened, reason="lateral", created_by=admin_user)
    with pytest.raises(ServiceError, match="No such matter"):
        report_request(by=screened, matter=case, sections=["summary"], enqueue=False)


def test_the_build_makes_both_files(case: Matter, attorney: Any, tmp_path: Path) -> None:
    report = report_request(by=attorney, matter=case, sections=SECTION_KEYS, enqueue=False)
    seen: list[int] = []
    done = report_run(report.pk, progress=lambda r: seen.append(r.progress))
    assert done is not None and done.status == "done", done.message if done else ""
    assert seen == sorted(seen[:-1]) + [100] and seen[-1] == 100
    assert done.pages and done.pages >= 3 and done.facts == 3 and done.documents == 1
    assert done.message.startswith("Ready: PDF of") and done.seconds is not None
    pdf = blob_path(done.pdf_blob.sha256).read_bytes()  # type: ignore[union-attr]
    text = pdf_text(pdf, tmp_path)
    for needle in (
        "PRELIMINARY CASE REPORT",
        VIETNAMESE,
        "Hợp đồng thuê kho",
        "Chronology of facts",
        "Privileged & Confidential",
        f"Page 1 of {done.pages}",
        "FRCP 12(a)(1)(A)(i)",
        "Roe v. Wade",
    ):
        assert needle in text, needle
    word = docx.Document(io.BytesIO(blob_path(done.docx_blob.sha256).read_bytes()))  # type: ignore[union-attr]
    cells = "\n".join(c.text for t in word.tables for r in t.rows for c in r.cells)
    assert VIETNAMESE in cells and ARABIC in cells
    assert AuditEntry.objects.filter(action="report.done", object_id=str(done.pk)).exists()


def test_a_report_whose_maker_is_walled_meanwhile_fails_cleanly(
    case: Matter, attorney: Any, admin_user: Any
) -> None:
    report = report_request(by=attorney, matter=case, sections=["summary"], enqueue=False)
    EthicalWall.objects.create(matter=case, user=attorney, reason="conflict", created_by=admin_user)
    done = report_run(report.pk)
    assert done is not None and done.status == "failed"
    assert done.message == "The report's maker can no longer see this matter."
    assert done.pdf_blob is None and done.docx_blob is None


def test_running_twice_does_nothing_the_second_time(case: Matter, attorney: Any) -> None:
    report = report_request(
        by=attorney, matter=case, sections=["summary"], formats=["pdf"], enqueue=False
    )
    first = report_run(report.pk)
    assert first is not None and first.status == "done"
    again = report_run(report.pk)
    assert again is not None and again.pdf_blob_id == first.pdf_blob_id
    assert report_run(999_999) is None


def test_the_worker_makes_a_queued_report(
    case: Matter, attorney: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from django.core.management import call_command

    with django_capture_on_commit_callbacks(execute=True):
        report = report_request(
            by=attorney, matter=case, sections=["summary", "tasks"], formats=["pdf"]
        )
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    report.refresh_from_db()
    assert report.status == "done" and report.pdf_blob_id and not report.docx_blob_id


def test_report_write_for_the_command_line(case: Matter, attorney: Any, tmp_path: Path) -> None:
    out = tmp_path / "report.pdf"
    pages = report_write(by=attorney, matter=case, fmt="pdf", path=out)
    assert pages and out.read_bytes().startswith(b"%PDF")
    assert not list(tmp_path.glob(".*.part"))
    word = tmp_path / "report.docx"
    assert report_write(by=attorney, matter=case, fmt="docx", path=word) is None
    assert docx.Document(str(word)).paragraphs
    assert AuditEntry.objects.filter(action="export", object_type="case-report").count() == 2
