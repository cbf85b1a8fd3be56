"""Reads of the table-of-authorities app, always through :mod:`casedesk.web.access`.

A table with a matter is seen by whoever may see the matter (ethical walls apply: a walled
matter's tables do not exist for the screened user, 404); a table without a matter is seen by
the user who made it and by administrators.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from casedesk.core.toa import ToaEntry, ToaResult
from casedesk.core.toa import data as toa_data
from casedesk.core.toa.model import CASES, PARAGRAPH, PDF
from casedesk.core.toa.serialize import result_from_dict
from casedesk.web.access import visible_documents, visible_matters
from casedesk.web.accounts.models import Role
from casedesk.web.documents.models import Document
from casedesk.web.matters.models import Matter
from casedesk.web.toa.models import TableOfAuthorities

BRIEF_KINDS = ("pdf", "docx")
NO_AUTHORITIES = "No authorities were found in the brief."  # the engine's own warning
PAGE_SYSTEM_TEXT = {
    PDF: "the PDF's page numbers (no printed page numbers were found)",
    PARAGRAPH: "numbered paragraphs (¶)",
}
_CASE_NAME_END = re.compile(r",\s*(?=(?:\d|No\.|Nos\.))")


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "role", "") == Role.ADMIN or getattr(user, "is_superuser", False))


def visible_tables(user: Any) -> QuerySet[TableOfAuthorities]:
    """Tables ``user`` may see: those of visible matters, and those without a matter that the
    user made (administrators: all of those)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return TableOfAuthorities.objects.none()
    own = Q(matter__isnull=True) if _is_admin(user) else Q(matter__isnull=True, created_by=user)
    return TableOfAuthorities.objects.filter(own | Q(matter__in=visible_matters(user)))


def table_list(user: Any, *, matter: Matter | None = None) -> QuerySet[TableOfAuthorities]:
    """The tables ``user`` may see, newest first (optionally one matter's), without the
    tables' JSON."""
    qs = visible_tables(user).select_related("matter", "created_by")
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs.defer("result", "original", "edits")


def get_visible_table(user: Any, pk: Any) -> TableOfAuthorities:
    """The table, or 404 when it does not exist or is hidden from ``user``."""
    try:
        return (
            visible_tables(user)
            .select_related("matter", "created_by", "source_document", "filed_document")
            .get(pk=pk)
        )
    except (TableOfAuthorities.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such table of authorities.") from exc


def matter_briefs(user: Any, matter: Matter | None) -> QuerySet[Document]:
    """The matter's filed PDF and Word documents (their current version), to pick a brief from."""
    qs = visible_documents(user).filter(current_version__kind__in=BRIEF_KINDS)
    if matter is not None:
        qs = qs.filter(matter=matter)
    return qs.select_related("current_version", "matter").order_by("-updated_at", "-id")


def stored_result(table: TableOfAuthorities, *, original: bool = False) -> ToaResult | None:
    """The table's reviewed result (or the one as generated); None when there is none or it is
    damaged."""
    data = table.original if original else table.result
    if not data:
        return None
    try:
        return result_from_dict(data)
    except ValueError:
        return None


def anchor(key: str) -> str:
    """The HTML id of an entry, stable across edits (made from its key)."""
    return "entry-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]  # noqa: S324 - an id


def case_name_split(authority: str) -> tuple[str, str]:
    """("Roe v. Wade", ", 410 U.S. 113 (1973)"): the case name is set in italics."""
    match = _CASE_NAME_END.search(authority)
    if match is None:
        return authority, ""
    return authority[: match.start()], authority[match.start() :]


@dataclass(frozen=True)
class EntryRow:
    """One entry as the review page shows it."""

    entry: ToaEntry
    anchor: str
    italic: str  # the case name (cases only)
    rest: str
    pages: str


@dataclass(frozen=True)
class CategoryBlock:
    category: str
    heading: str
    rows: list[EntryRow]


@dataclass(frozen=True)
class Review:
    """What the review page shows of a finished table."""

    result: ToaResult
    blocks: list[CategoryBlock]
    count: int
    counts: list[tuple[str, int]]  # ("cases", 12) in table order, categories with entries
    warnings: list[str]
    page_system: str
    categories: list[tuple[str, str]]  # (name, heading) for the "move to" select
    page_label: str  # "Page(s)" or "Paragraph(s)"


def review(table: TableOfAuthorities) -> Review | None:
    """The finished table as the brief will show it: categories in order, entries sorted."""
    result = stored_result(table)
    if result is None:
        return None
    headings = toa_data.category_headings()
    blocks: list[CategoryBlock] = []
    for category in result.category_order:
        rows = []
        for entry in result.in_category(category):
            italic, rest = case_name_split(entry.authority) if category == CASES else ("", "")
            rows.append(
                EntryRow(
                    entry=entry,
                    anchor=anchor(entry.key),
                    italic=italic,
                    rest=rest if italic else entry.authority,
                    pages=", ".join(entry.pages),
                )
            )
        if rows:
            blocks.append(CategoryBlock(category, headings.get(category, category.title()), rows))
    warnings = [w for w in result.warnings if not (w == NO_AUTHORITIES and not result.entries)]
    return Review(
        result=result,
        blocks=blocks,
        count=len(result.entries),
        counts=[(b.heading, len(b.rows)) for b in blocks],
        warnings=warnings,
        page_system=PAGE_SYSTEM_TEXT.get(result.page_system, "the brief’s printed page numbers"),
        categories=[(c, headings.get(c, c.title())) for c in result.category_order],
        page_label="Paragraph(s)" if result.page_system == PARAGRAPH else "Page(s)",
    )
