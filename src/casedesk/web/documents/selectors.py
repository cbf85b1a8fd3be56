"""Reads of the document store: a matter's case file index, a document's history, search.

Every read starts from :func:`casedesk.web.access.visible_documents` (walls and restrictions
applied in one place). Search asks the index only for the matters the user may see, then
loads the hits from the database through the same visible set, so a stale index entry can
never show a hidden or trashed document.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, QuerySet

from casedesk.core.search.documents import DocumentHit
from casedesk.core.search.query import QuerySyntaxError
from casedesk.web.access import visible_documents, visible_matters
from casedesk.web.documents.models import Document, Proposal, ProposalStatus
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

SORTS = {
    "date": [F("document_date").asc(nulls_last=True), "id"],
    "-date": [F("document_date").desc(nulls_last=True), "-id"],
    "title": ["title", "id"],
    "-title": ["-title", "-id"],
    "category": ["category__position", "category__name", "title"],
    "-category": ["-category__position", "-category__name", "title"],
    "pages": [F("current_version__pages").asc(nulls_last=True), "id"],
    "-pages": [F("current_version__pages").desc(nulls_last=True), "-id"],
    "bates": ["bates_start", "id"],
    "-bates": ["-bates_start", "-id"],
    "added": ["created_at", "id"],
    "-added": ["-created_at", "-id"],
}


def case_file(
    user: Any,
    matter: Matter,
    *,
    sort: str = "-date",
    category: str = "",
    tag: str = "",
    trash: bool = False,
) -> QuerySet[Document]:
    """The matter's documents for the case file index, sorted and filtered."""
    qs = (
        visible_documents(user, trash=trash)
        .filter(matter=matter)
        .select_related("category", "current_version", "checked_out_by")
        .prefetch_related("tags")
        .annotate(version_count=Count("versions", distinct=True))
    )
    if category:
        qs = qs.filter(category__slug=category)
    if tag:
        qs = qs.filter(tags__name=tag.lower())
    return qs.order_by(*SORTS.get(sort, SORTS["-date"]))


def trash_list(user: Any) -> QuerySet[Document]:
    """Documents in the trash that the user may see, newest first."""
    return (
        visible_documents(user, trash=True)
        .select_related("matter", "category", "deleted_by", "current_version")
        .order_by("-deleted_at")
    )


def pending_proposals(user: Any, matter: Matter) -> QuerySet[Proposal]:
    """The data-entry proposals of a matter still waiting for a decision."""
    if not visible_matters(user).filter(pk=matter.pk).exists():
        return Proposal.objects.none()
    return (
        Proposal.objects.filter(matter=matter, status=ProposalStatus.PENDING)
        .filter(version__document__deleted_at__isnull=True)
        .select_related("version__document")
        .order_by("version__document_id", "id")
    )


@dataclass(frozen=True)
class SearchHit:
    """One search result as a page shows it (snippet HTML is escaped, with <mark> tags)."""

    document: Document
    score: float
    title_html: str
    snippet_html: str


@dataclass(frozen=True)
class SearchPage:
    total: int
    hits: list[SearchHit]
    offset: int
    limit: int


def document_search(
    user: Any,
    query: str,
    *,
    matter: Matter | None = None,
    category: str = "",
    tag: str = "",
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    sort: str = "relevance",
    limit: int = 20,
    offset: int = 0,
) -> SearchPage:
    """Search inside every document ``user`` may see; a bad query is a ServiceError."""
    from casedesk.web.documents.indexing import document_index

    matter_ids = list(visible_matters(user).values_list("id", flat=True))
    if matter is not None:
        matter_ids = [matter.pk] if matter.pk in matter_ids else []
    if sort not in ("relevance", "date"):
        sort = "relevance"
    try:
        results = document_index().search(
            query,
            matter_ids=matter_ids,
            category=category or None,
            tags=[tag.lower()] if tag else (),
            date_from=date_from,
            date_to=date_to,
            sort=sort,  # type: ignore[arg-type]
            limit=max(1, min(limit, 100)),
            offset=max(0, offset),
        )
    except QuerySyntaxError as exc:
        raise ServiceError(str(exc), field="q") from exc
    rows = {
        d.pk: d
        for d in visible_documents(user)
        .filter(pk__in=[h.id for h in results.hits])
        .select_related("matter", "category", "current_version")
    }
    hits = [_hit(rows[h.id], h) for h in results.hits if h.id in rows]
    # An index entry the worker has not caught up with (just trashed, say) is not counted.
    total = max(len(hits), results.total - (len(results.hits) - len(hits)))
    return SearchPage(total=total, hits=hits, offset=offset, limit=limit)


def _hit(document: Document, hit: DocumentHit) -> SearchHit:
    return SearchHit(
        document=document,
        score=hit.score,
        title_html=hit.title_html,
        snippet_html=hit.snippet_html,
    )
