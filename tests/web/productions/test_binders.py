"""Trial binders: the saved definition, its checks, and a build with real files (index,
dividers, bookmarks, page labels, a native as a slip-sheet page)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pikepdf
import pytest

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.documents.blob_store import blob_path
from casedesk.web.errors import ServiceError
from casedesk.web.productions.binder_services import (
    BinderTab,
    binder_build,
    binder_delete,
    binder_run,
    binder_save,
)
from casedesk.web.productions.build import production_run
from casedesk.web.productions.models import Binder, JobStatus
from casedesk.web.productions.services import production_create
from tests.web.productions.conftest import make_xlsx

pytestmark = pytest.mark.django_db


def text_of(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def test_a_binder_is_saved_built_changed_and_built_again(
    attorney: Any, matter: Any, pdf_doc: Any, file_doc: Any, tmp_path: Path
) -> None:
    complaint = pdf_doc(3, title="Complaint", text="Complaint page")
    answer = pdf_doc(2, title="Answer", text="Answer page")
    sheet = file_doc(make_xlsx(tmp_path / "damages.xlsx"), title="Damages spreadsheet")
    production_run(
        production_create(
            by=attorney, matter=matter, document_ids=[answer.pk], prefix="ACME", enqueue=False
        ).pk
    )
    binder = binder_save(
        by=attorney,
        matter=matter,
        title="Trial binder — Volume 1",
        subtitle="Acme Corp. v. Nguyễn Trading",
        tabs=[
            BinderTab(complaint.pk, "", "Filed March 2027"),
            BinderTab(answer.pk, "Defendant's answer"),
            BinderTab(sheet.pk),
        ],
    )
    assert binder.stale and binder.status == ""
    assert [i.tab_title for i in binder.items.order_by("position")] == [
        "Complaint",
        "Defendant's answer",
        "Damages spreadsheet",
    ]
    binder_build(by=attorney, binder=binder, enqueue=False)
    done = binder_run(binder.pk)
    assert done.status == JobStatus.DONE, done.message
    assert not done.stale and done.built_at is not None
    out = blob_path(done.output_blob_id)
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == done.pages
        with pdf.open_outline() as outline:
            titles = [item.title for item in outline.root]
    assert [t for t in titles if "Complaint" in t or "answer" in t or "Damages" in t] == titles[-3:]
    text = " ".join(text_of(out).split())
    assert "Trial binder — Volume 1" in text and "Filed March 2027" in text
    assert "ACME000001-ACME000002" in text  # the answer's production range, in the index
    assert "Complaint page 3" in text and "Answer page 2" in text
    assert "damages.xlsx" in text  # the native's slip-sheet page
    assert AuditEntry.objects.filter(action="binder.done", object_id=str(binder.pk)).exists()

    # Change the definition: the build is out of date until built again, now with labels.
    binder = binder_save(
        by=attorney,
        matter=matter,
        binder=done,
        title="Trial binder — Volume 1",
        tabs=[BinderTab(answer.pk), BinderTab(complaint.pk)],
        bates_prefix="TAB",
        bates_digits=4,
    )
    assert binder.stale and binder.items.count() == 2
    binder_build(by=attorney, binder=binder, enqueue=False)
    rebuilt = binder_run(binder.pk)
    assert rebuilt.status == JobStatus.DONE and not rebuilt.stale
    assert rebuilt.pages < done.pages
    text = " ".join(text_of(blob_path(rebuilt.output_blob_id)).split())
    assert "TAB0001" in text and "TAB0005" in text and "TAB0006" not in text


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"title": ""}, "Title is required."),
        ({"tabs": []}, "Choose at least one document for the binder."),
        ({"bates_prefix": "ACME"}, "ACME is this matter's production prefix"),
        ({"bates_prefix": "acme"}, "acme is this matter's production prefix"),
        ({"bates_prefix": "T B"}, "cannot contain a space"),
        ({"bates_prefix": "TAB", "bates_start": 0}, "between 1 and 999,999"),
        ({"bates_prefix": "TAB", "bates_position": "middle"}, "Choose a position"),
    ],
)
def test_bad_binder_definitions_are_refused(
    attorney: Any, matter: Any, pdf_doc: Any, kwargs: dict[str, Any], message: str
) -> None:
    doc = pdf_doc(1)
    production_create(
        by=attorney, matter=matter, document_ids=[doc.pk], prefix="ACME", enqueue=False
    )
    args: dict[str, Any] = {"title": "Binder", "tabs": [BinderTab(doc.pk)], **kwargs}
    with pytest.raises(ServiceError) as info:
        binder_save(by=attorney, matter=matter, **args)
    assert message in info.value.message
    assert not Binder.objects.exists()


def test_a_binder_build_failing_keeps_the_last_good_pdf(
    attorney: Any, matter: Any, pdf_doc: Any, file_doc: Any, tmp_path: Path
) -> None:
    from tests.web.productions.conftest import make_encrypted_pdf

    good = pdf_doc(1)
    binder = binder_save(by=attorney, matter=matter, title="B", tabs=[BinderTab(good.pk)])
    binder_build(by=attorney, binder=binder, enqueue=False)
    first = binder_run(binder.pk)
    assert first.status == JobStatus.DONE
    locked = file_doc(make_encrypted_pdf(tmp_path / "sealed.pdf"), name="sealed.pdf")
    binder = binder_save(
        by=attorney,
        matter=matter,
        binder=first,
        title="B",
        tabs=[BinderTab(good.pk), BinderTab(locked.pk)],
    )
    binder_build(by=attorney, binder=binder, enqueue=False)
    failed = binder_run(binder.pk)
    assert failed.status == JobStatus.FAILED
    assert failed.message == "sealed.pdf is encrypted: remove its password and upload it again."
    assert failed.output_blob_id == first.output_blob_id and failed.stale


def test_who_may_change_binders(
    attorney: Any, readonly: Any, screened: Any, matter: Any, pdf_doc: Any
) -> None:
    doc = pdf_doc(1)
    with pytest.raises(AccessDenied):
        binder_save(by=readonly, matter=matter, title="B", tabs=[BinderTab(doc.pk)])
    with pytest.raises(ServiceError, match="No such matter."):
        binder_save(by=screened, matter=matter, title="B", tabs=[BinderTab(doc.pk)])
    binder = binder_save(by=attorney, matter=matter, title="B", tabs=[BinderTab(doc.pk)])
    with pytest.raises(AccessDenied):
        binder_build(by=readonly, binder=binder, enqueue=False)
    binder_build(by=attorney, binder=binder, enqueue=False)
    with pytest.raises(ServiceError, match="already being built"):
        binder_build(by=attorney, binder=binder, enqueue=False)
    with pytest.raises(ServiceError, match="being built"):
        binder_delete(by=attorney, binder=binder)
    binder_run(binder.pk)
    binder_delete(by=attorney, binder=binder)
    assert not Binder.objects.exists()
    assert AuditEntry.objects.filter(action="binder.delete").exists()
