"""The documents part of the REST API (``/api/v1``): list, upload, read, download, trash and
search a matter's documents, with the same walls, holds and audit as the pages."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from django.conf import settings
from django.http import FileResponse, HttpRequest
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from casedesk.web.access import get_visible_document, get_visible_matter
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_open
from casedesk.web.documents.document_services import (
    DocumentDetails,
    IncomingFile,
    documents_upload,
)
from casedesk.web.documents.models import Category, Document
from casedesk.web.documents.retention_services import document_trash
from casedesk.web.documents.selectors import case_file, document_search
from casedesk.web.errors import ServiceError

router = Router(tags=["documents"])


class DocumentOut(Schema):
    id: int
    matter: str
    title: str
    category: str
    document_date: str | None
    tags: list[str]
    privileged: bool
    confidentiality: str
    filename: str
    size: int
    version: int
    pages: int | None
    text_status: str
    sha256: str


class RejectedOut(Schema):
    name: str
    reason: str


class UploadOut(Schema):
    documents: list[DocumentOut]
    rejected: list[RejectedOut]
    notes: list[str]


class HitOut(Schema):
    id: int
    matter: str
    title: str
    score: float
    snippet: str


class SearchOut(Schema):
    total: int
    hits: list[HitOut]


class Error(Schema):
    detail: str


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def document_out(document: Document) -> dict[str, Any]:
    """The API's view of a document and its current version."""
    version = document.current_version
    return {
        "id": document.pk,
        "matter": document.matter.number,
        "title": document.title,
        "category": document.category.slug,
        "document_date": document.document_date.isoformat() if document.document_date else None,
        "tags": [t.name for t in document.tags.all()],
        "privileged": document.privileged,
        "confidentiality": document.confidentiality,
        "filename": version.filename if version else "",
        "size": version.size if version else 0,
        "version": version.number if version else 0,
        "pages": version.pages if version else None,
        "text_status": version.text_status if version else "none",
        "sha256": version.blob_id if version else "",
    }


@router.get("/matters/{matter_id}/documents", response=list[DocumentOut])
def documents_of_matter(request: HttpRequest, matter_id: int, sort: str = "-date") -> Any:
    """The matter's case file: its documents (not the trash)."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    return [document_out(d) for d in case_file(user, matter, sort=sort)]


@router.post("/matters/{matter_id}/documents", response={201: UploadOut, 400: Error, 413: Error})
def documents_upload_api(
    request: HttpRequest,
    matter_id: int,
    files: list[UploadedFile] | None = File(None),
    category: str = Form(""),
    tags: str = Form(""),
) -> Any:
    """Upload files (multipart, field ``files``, repeatable; ZIPs are expanded)."""
    refused = getattr(request, "upload_refused", "")
    if refused:
        return Status(413, {"detail": refused})
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    if not files:
        raise ServiceError("Send one or more files in the multipart field 'files'.")
    cat = None
    if category:
        cat = Category.objects.filter(slug=category).first()
        if cat is None:
            raise ServiceError(f"Unknown category {category!r}.")
    with tempfile.TemporaryDirectory(dir=settings.CASEDESK_UPLOAD_TMP_DIR) as tmp:
        incoming = []
        for n, upload in enumerate(files):
            path = Path(tmp) / f"upload-{n}"
            with path.open("wb") as out:
                for chunk in upload.chunks():
                    out.write(chunk)
            incoming.append(IncomingFile(path=path, name=upload.name or "unnamed"))
        result = documents_upload(
            by=user,
            matter=matter,
            files=incoming,
            details=DocumentDetails(category=cat, tags=tuple(t for t in tags.split(",") if t)),
        )
    return Status(
        201,
        {
            "documents": [document_out(d) for d in result.documents],
            "rejected": [{"name": n, "reason": r} for n, r in result.rejected],
            "notes": result.notes,
        },
    )


@router.get("/documents/search", response={200: SearchOut, 400: Error})
def documents_search_api(
    request: HttpRequest,
    q: str,
    matter_id: int | None = None,
    category: str = "",
    tag: str = "",
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
) -> Any:
    """Search inside every document you may see (walls apply): words, "phrases", AND/OR/NOT."""
    import html
    import re

    user = _user(request)
    matter = get_visible_matter(user, matter_id) if matter_id else None
    page = document_search(
        user, q, matter=matter, category=category, tag=tag, sort=sort, limit=limit, offset=offset
    )
    return {
        "total": page.total,
        "hits": [
            {
                "id": h.document.pk,
                "matter": h.document.matter.number,
                "title": h.document.title,
                "score": h.score,
                "snippet": html.unescape(re.sub(r"</?mark>", "", h.snippet_html)),
            }
            for h in page.hits
        ],
    }


@router.get("/documents/{document_id}", response={200: DocumentOut, 404: Error})
def document_detail_api(request: HttpRequest, document_id: int) -> Any:
    """One document (404 if it does not exist or you may not see it)."""
    return document_out(get_visible_document(_user(request), document_id))


@router.get("/documents/{document_id}/content", response={200: None, 404: Error})
def document_content_api(request: HttpRequest, document_id: int) -> Any:
    """The current version's original file; audited as a download."""
    user = _user(request)
    document = get_visible_document(user, document_id)
    version = document.current_version
    if version is None:
        raise ServiceError("This document has no content yet.")
    audit_record(
        actor=user,
        action="download",
        object_type="document",
        object_id=document.pk,
        matter_id=document.matter_id,
        summary=f"Downloaded {version.filename!r} (version {version.number}) through the API",
    )
    return FileResponse(
        blob_open(version.blob),
        as_attachment=True,
        filename=version.filename,
        content_type=version.content_type,
    )


@router.delete("/documents/{document_id}", response={200: DocumentOut, 400: Error, 404: Error})
def document_trash_api(request: HttpRequest, document_id: int) -> Any:
    """Move a document to the trash (400 with the reason under a legal hold)."""
    user = _user(request)
    document = get_visible_document(user, document_id)
    return document_out(document_trash(by=user, document=document))
