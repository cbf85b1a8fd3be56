"""Trash, retention and legal holds: a hold blocks deletion on every path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from casedesk.web.documents import document_services as svc
from casedesk.web.documents import retention_services as ret
from casedesk.web.documents.blob_store import blob_path
from casedesk.web.documents.models import Blob, Document
from casedesk.web.documents.tasks import trash_retention_sweep
from casedesk.web.errors import ServiceError

pytestmark = pytest.mark.django_db


def add(by: Any, matter: Any, path: Path, name: str) -> Document:
    return svc.document_add(by=by, matter=matter, incoming=svc.IncomingFile(path, name))


def age(document: Document, days: int) -> None:
    Document.objects.filter(pk=document.pk).update(
        deleted_at=timezone.now() - dt.timedelta(days=days)
    )
    document.refresh_from_db()


def test_trash_then_restore(secretary: Any, matter: Any, make_file: Callable[..., Path]) -> None:
    doc = add(secretary, matter, make_file("x", "x.txt"), "x.txt")
    ret.document_trash(by=secretary, document=doc)
    assert doc.deleted_at is not None and doc.deleted_by == secretary
    ret.document_untrash(by=secretary, document=doc)
    assert doc.deleted_at is None


def test_a_hold_on_the_matter_or_the_document_blocks_trash(
    attorney: Any, secretary: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    doc = add(secretary, matter, make_file("x", "x.txt"), "x.txt")
    with pytest.raises(ServiceError, match="Only an attorney"):
        ret.hold_place(by=secretary, matter=matter, reason="Litigation hold")
    hold = ret.hold_place(by=attorney, matter=matter, reason="Litigation hold letter 2027-01-04")
    with pytest.raises(ret.OnLegalHold, match="legal hold on its matter"):
        ret.document_trash(by=secretary, document=doc)
    ret.hold_release(by=attorney, hold=hold)
    doc_hold = ret.hold_place(by=attorney, document=doc, reason="Subpoena")
    with pytest.raises(ret.OnLegalHold, match="legal hold on this document"):
        ret.document_trash(by=secretary, document=doc)
    ret.hold_release(by=attorney, hold=doc_hold)
    ret.document_trash(by=secretary, document=doc)


def test_retention_purges_old_trash_but_never_held_documents(
    attorney: Any, secretary: Any, matter: Any, make_file: Callable[..., Path], settings: Any
) -> None:
    settings.CASEDESK_TRASH_DAYS = 30
    old = add(secretary, matter, make_file("old", "o.txt"), "old.txt")
    young = add(secretary, matter, make_file("young", "y.txt"), "young.txt")
    held = add(secretary, matter, make_file("held", "h.txt"), "held.txt")
    for doc in (old, young, held):
        ret.document_trash(by=secretary, document=doc)
    age(old, 31)
    age(young, 5)
    age(held, 90)
    # A hold placed after the document went to the trash still protects it.
    ret.hold_place(by=attorney, document=held, reason="Preservation demand")
    old_blob = old.current_version.blob_id
    trash_retention_sweep.call()
    assert not Document.objects.filter(pk=old.pk).exists()
    assert not blob_path(old_blob).exists() and not Blob.objects.filter(pk=old_blob).exists()
    assert Document.objects.filter(pk__in=[young.pk, held.pk]).count() == 2


def test_a_blob_shared_with_another_document_survives_a_purge(
    secretary: Any, admin_user: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    one = add(secretary, matter, make_file("same", "1.txt"), "1.txt")
    two = add(secretary, matter, make_file("same", "2.txt"), "2.txt")
    ret.document_trash(by=secretary, document=one)
    with pytest.raises(ServiceError):
        ret.trash_purge(by=secretary, documents=[one])
    result = ret.trash_purge(by=admin_user, documents=[one])
    assert result.purged == ["1"] and result.blobs_removed == 0
    assert blob_path(two.current_version.blob_id).exists()


def test_a_blob_kept_by_a_cite_check_survives_a_purge(
    secretary: Any, admin_user: Any, matter: Any, make_file: Callable[..., Path]
) -> None:
    """The same bytes filed as a document and checked as a draft: purging the document keeps
    the blob the cite-check still refers to (it used to fail on the protected reference)."""
    from casedesk.web.research.models import CiteCheck

    path = make_file("Roe v. Wade, 410 U.S. 113 (1973).", "draft.txt")
    document = add(secretary, matter, path, "draft.txt")
    blob = document.current_version.blob
    check = CiteCheck.objects.create(filename="draft.txt", blob=blob, created_by=secretary)
    ret.document_trash(by=secretary, document=document)
    result = ret.trash_purge(by=admin_user, documents=[document])
    assert result.purged == ["draft"] and result.blobs_removed == 0
    assert Blob.objects.filter(pk=blob.pk).exists() and blob_path(blob.pk).exists()
    check.refresh_from_db()
    assert check.blob_id == blob.pk
