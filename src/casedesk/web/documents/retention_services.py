"""Trash, retention and legal holds.

Deleting a document moves it to the trash; after ``CASEDESK_TRASH_DAYS`` days the retention
job purges it (its versions, and each blob no other version uses). A legal hold on the
document or on its matter blocks both steps on every path: the page, the API, the CLI and the
retention job all come through :func:`document_trash` and :func:`trash_purge`, which check
:func:`hold_for` inside their transaction.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from casedesk.web.access import require_admin, require_writer, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_delete_unreferenced
from casedesk.web.documents.document_services import audit_document, require_unlocked
from casedesk.web.documents.models import Blob, Document, LegalHold
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter


class OnLegalHold(ServiceError):
    """Refused because a legal hold covers the document."""


def hold_for(document: Document) -> LegalHold | None:
    """The active hold that covers ``document`` (its own or its matter's), if any."""
    return (
        LegalHold.objects.filter(released_at__isnull=True)
        .filter(Q(document=document) | Q(matter_id=document.matter_id))
        .order_by("placed_at")
        .first()
    )


def _refuse_if_held(document: Document) -> None:
    hold = hold_for(document)
    if hold is not None:
        where = "this document" if hold.document_id else "its matter"
        raise OnLegalHold(
            f"{document.title!r} is under a legal hold on {where} "
            f"({hold.reason}); it cannot be deleted until the hold is released."
        )


def _check_visible(by: Any, matter_id: int) -> None:
    require_writer(by)
    if not visible_matters(by).filter(pk=matter_id).exists():
        raise ServiceError("No such matter.")


def document_trash(*, by: Any, document: Document) -> Document:
    """Move a document to the trash (refused under a legal hold or another user's check-out)."""
    _check_visible(by, document.matter_id)
    if document.deleted_at is not None:
        return document
    require_unlocked(by, document)
    with transaction.atomic():
        locked = Document.objects.select_for_update().get(pk=document.pk)
        _refuse_if_held(locked)
        locked.deleted_at = timezone.now()
        locked.deleted_by = by
        locked.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        audit_document(
            by,
            document,
            action="delete",
            summary=f"Moved {document.title!r} to the trash",
        )
        _queue_unindex([document.pk])
    document.refresh_from_db()
    return document


def document_untrash(*, by: Any, document: Document) -> Document:
    """Take a document out of the trash, back into its matter's file."""
    _check_visible(by, document.matter_id)
    if document.deleted_at is None:
        return document
    with transaction.atomic():
        document.deleted_at = None
        document.deleted_by = None
        document.save(update_fields=["deleted_at", "deleted_by", "updated_at"])
        audit_document(
            by,
            document,
            summary=f"Restored {document.title!r} from the trash",
        )
        from casedesk.web.documents.tasks import documents_index

        doc_id = document.pk
        transaction.on_commit(lambda: documents_index.enqueue([doc_id]))
    return document


@dataclass
class PurgeResult:
    """What a purge removed, and what it kept because of a hold."""

    purged: list[str] = field(default_factory=list)
    held: list[str] = field(default_factory=list)
    blobs_removed: int = 0


def trash_purge(
    *, by: Any | None, older_than_days: int | None = None, documents: list[Document] | None = None
) -> PurgeResult:
    """Delete for good: trashed documents older than the retention period, or the ones given.

    ``by=None`` is the retention job (the system); a person must be an administrator. Held
    documents are skipped and listed. Blobs still used by another version are kept.
    """
    if by is not None:
        require_admin(by)
    days = settings.CASEDESK_TRASH_DAYS if older_than_days is None else older_than_days
    result = PurgeResult()
    if documents is None:
        cutoff = timezone.now() - dt.timedelta(days=days)
        candidates = list(Document.objects.filter(deleted_at__lte=cutoff))
    else:
        candidates = [d for d in documents if d.deleted_at is not None]
    for document in candidates:
        with transaction.atomic():
            try:
                _refuse_if_held(document)
            except OnLegalHold:
                result.held.append(document.title)
                continue
            blob_ids = set(document.versions.values_list("blob_id", flat=True))
            blob_ids |= {b for b in document.versions.values_list("ocr_blob_id", flat=True) if b}
            title, doc_id, matter_id = document.title, document.pk, document.matter_id
            Document.objects.filter(pk=doc_id).update(current_version=None)
            document.tags.clear()
            document.versions.all().delete()
            LegalHold.objects.filter(document_id=doc_id).delete()
            Document.objects.filter(pk=doc_id).delete()
            for blob in Blob.objects.filter(sha256__in=blob_ids):
                if blob_delete_unreferenced(blob):
                    result.blobs_removed += 1
            audit_record(
                actor=by,
                action="purge",
                object_type="document",
                object_id=doc_id,
                matter_id=matter_id,
                summary=f"Purged {title!r} from the trash for good",
            )
            result.purged.append(title)
    return result


def can_hold(user: Any) -> bool:
    """Attorneys and administrators place and release legal holds (the one place it is decided)."""
    from casedesk.web.accounts.models import Role

    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_active
        and (user.role in (Role.ATTORNEY, Role.ADMIN) or user.is_superuser)
    )


def hold_place(
    *, by: Any, reason: str, matter: Matter | None = None, document: Document | None = None
) -> LegalHold:
    """Place a legal hold on a matter (all its documents) or on one document (attorneys, admins)."""
    if (matter is None) == (document is None):
        raise ServiceError("A hold covers either a matter or a document.")
    target_matter_id = matter.pk if matter is not None else document.matter_id  # type: ignore[union-attr]
    _check_visible(by, target_matter_id)
    if not can_hold(by):
        raise ServiceError("Only an attorney or an administrator can place a legal hold.")
    from casedesk.web.scheduling.event_services import clean_text

    reason = clean_text(reason, field="reason", label="Reason", limit=500, required=True)
    with transaction.atomic():
        hold = LegalHold.objects.create(
            matter=matter, document=document, reason=reason, placed_by=by
        )
        what = f"matter {matter.number}" if matter is not None else f"{document.title!r}"  # type: ignore[union-attr]
        audit_record(
            actor=by,
            action="create",
            object_type="legal_hold",
            object_id=hold.pk,
            matter_id=target_matter_id,
            summary=f"Placed a legal hold on {what}: {reason}",
        )
    return hold


def hold_release(*, by: Any, hold: LegalHold) -> LegalHold:
    """Release a legal hold (attorneys, admins); the record stays, with who released it."""
    matter_id = hold.matter_id or hold.document.matter_id  # type: ignore[union-attr]
    _check_visible(by, matter_id)
    if not can_hold(by):
        raise ServiceError("Only an attorney or an administrator can release a legal hold.")
    if hold.released_at is not None:
        return hold
    with transaction.atomic():
        hold.released_at = timezone.now()
        hold.released_by = by
        hold.save(update_fields=["released_at", "released_by"])
        audit_record(
            actor=by,
            action="update",
            object_type="legal_hold",
            object_id=hold.pk,
            matter_id=matter_id,
            summary=f"Released the legal hold ({hold.reason})",
        )
    return hold


def _queue_unindex(ids: list[int]) -> None:
    from casedesk.web.documents.tasks import documents_index

    transaction.on_commit(lambda: documents_index.enqueue(list(ids)))
