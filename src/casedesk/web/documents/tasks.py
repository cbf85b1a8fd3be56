"""Background work of the documents app, run by ``casedesk worker`` from the database queue:
reading text (with OCR), keeping the search index current, and the trash retention sweep.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

log = logging.getLogger("casedesk.documents")

RETENTION_SWEEP_HOURS = 6


@task()
def document_extract(version_id: int) -> str:
    """Read one version's text (OCR when needed), index it, propose data entry."""
    from casedesk.web.documents.extraction import version_extract

    return version_extract(version_id)


@task()
def documents_index(document_ids: list[int]) -> dict[str, int]:
    """Bring the search index up to date for these documents (added, changed, trashed)."""
    from casedesk.web.documents.indexing import index_documents

    added, removed = index_documents(document_ids)
    return {"indexed": added, "removed": removed}


@task(priority=-10)
def documents_index_pending() -> dict[str, int]:
    """Index, in batches, every filed document whose current version is read but not indexed."""
    from casedesk.web.documents.indexing import index_pending

    return {"indexed": index_pending()}


def _waiting(task_obj: Any) -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=task_obj.module_path, status="READY")


def _db_backend(task_obj: Any) -> bool:
    return "django_tasks_db" in type(task_obj.get_backend()).__module__


def extractions_waiting() -> bool:
    """Whether more documents are queued to be read (so indexing can wait and batch)."""
    return _db_backend(document_extract) and _waiting(document_extract).exists()


def schedule_pending_index() -> None:
    """Queue one batch-indexing task unless one is already waiting (it runs after the reads)."""
    if not _waiting(documents_index_pending).exists():
        documents_index_pending.enqueue()


@task()
def trash_retention_sweep() -> dict[str, Any]:
    """Purge trashed documents past the retention period (holds respected), then re-queue."""
    from casedesk.web.documents.retention_services import trash_purge

    try:
        result = trash_purge(by=None)
        return {"purged": len(result.purged), "held": len(result.held)}
    finally:
        schedule_retention_sweep()


def schedule_retention_sweep(delay_hours: float = RETENTION_SWEEP_HOURS) -> bool:
    """Queue one retention sweep ``delay_hours`` from now unless one is already waiting."""
    backend = trash_retention_sweep.get_backend()
    if not getattr(backend, "supports_defer", False):
        return False
    if _db_backend(trash_retention_sweep) and _waiting(trash_retention_sweep).exists():
        return False
    run_after = timezone.now() + dt.timedelta(hours=delay_hours)
    trash_retention_sweep.using(run_after=run_after).enqueue()
    return True
