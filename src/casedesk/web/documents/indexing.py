"""Keeping the full-text index (Tantivy, ``CASEDESK_INDEX_DIR/documents``) in step with the
database.

The database is the record; the index is derived from it and can always be rebuilt
(``casedesk reindex``). Writes to the index happen in the background worker and the CLI;
pages only search it.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from casedesk.core.search.documents import DocumentIndex, IndexedDocument, SchemaChanged
from casedesk.web.documents.models import Document, DocumentVersion

BATCH = 500


def index_path() -> Path:
    """The folder of the documents index."""
    return Path(settings.CASEDESK_INDEX_DIR) / "documents"


def document_index() -> DocumentIndex:
    """Open the documents index; an index of an older layout is discarded (rebuild it)."""
    try:
        return DocumentIndex(index_path())
    except SchemaChanged:
        shutil.rmtree(index_path(), ignore_errors=True)
        return DocumentIndex(index_path())


def indexed_form(document: Document) -> IndexedDocument | None:
    """What the index holds for a document, or None when it must not be searchable."""
    version = document.current_version
    if document.deleted_at is not None or version is None:
        return None
    return IndexedDocument(
        id=document.pk,
        matter_id=document.matter_id,
        title=document.title,
        body=version.text,
        category=document.category.slug,
        tags=tuple(t.name for t in document.tags.all()),
        doc_date=document.document_date,
        filename=version.filename,
    )


def _rows(ids: Iterable[int]) -> list[Document]:
    return list(
        Document.objects.filter(pk__in=list(ids))
        .select_related("current_version", "category")
        .prefetch_related("tags")
    )


def index_documents(ids: Iterable[int], index: DocumentIndex | None = None) -> tuple[int, int]:
    """Bring the index up to date for these documents; returns (indexed, removed)."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return 0, 0
    index = index or document_index()
    rows = {d.pk: d for d in _rows(wanted)}
    add: list[IndexedDocument] = []
    remove: list[int] = []
    for doc_id in wanted:
        form = indexed_form(rows[doc_id]) if doc_id in rows else None
        if form is None:
            remove.append(doc_id)
        else:
            add.append(form)
    if remove:
        index.delete(remove)
    if add:
        index.upsert(add)
        DocumentVersion.objects.filter(pk__in=[rows[d.id].current_version_id for d in add]).update(
            indexed_at=timezone.now()
        )
    return len(add), len(remove)


def index_pending() -> int:
    """Index every filed document whose current version has been read but not yet indexed."""
    from casedesk.web.documents.models import TextStatus

    ids = list(
        Document.objects.filter(
            deleted_at__isnull=True,
            current_version__indexed_at__isnull=True,
            current_version__text_status__in=[
                TextStatus.DONE,
                TextStatus.NONE,
                TextStatus.ENCRYPTED,
                TextStatus.FAILED,
            ],
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    index = document_index() if ids else None
    for start in range(0, len(ids), BATCH):
        done += index_documents(ids[start : start + BATCH], index)[0]
    return done


def reindex_all(progress: Callable[[int, int], None] | None = None) -> int:
    """Rebuild the index from the database: every filed (not trashed) document.

    The new index is built beside the live one and swapped in when complete, so searches keep
    working meanwhile; documents changed during the rebuild are indexed again after the swap.
    """
    started = timezone.now()
    live = index_path()
    fresh = live.with_name(live.name + ".rebuild")
    shutil.rmtree(fresh, ignore_errors=True)
    index = DocumentIndex(fresh)
    ids = list(
        Document.objects.filter(deleted_at__isnull=True, current_version__isnull=False)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    done = 0
    if progress:
        progress(0, len(ids))
    for start in range(0, len(ids), BATCH):
        chunk = ids[start : start + BATCH]
        added, _ = index_documents(chunk, index)
        done += added
        if progress:
            progress(min(start + BATCH, len(ids)), len(ids))
    del index
    old = live.with_name(live.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if live.exists():
        live.rename(old)
    fresh.rename(live)
    shutil.rmtree(old, ignore_errors=True)
    changed = Document.objects.filter(updated_at__gte=started).values_list("pk", flat=True)
    index_documents(list(changed))
    return done
