"""Reads of the productions app, always through ``casedesk.web.access``: a production,
binder or produced document of a matter hidden from the user does not exist for them (404).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Min, QuerySet
from django.http import Http404

from casedesk.web.access import visible_documents, visible_matters
from casedesk.web.documents.models import Document
from casedesk.web.matters.models import Matter
from casedesk.web.productions.models import (
    BatesRange,
    Binder,
    Production,
    ProductionItem,
)


def visible_productions(user: Any) -> QuerySet[Production]:
    """Productions of the matters ``user`` may see."""
    return Production.objects.filter(matter__in=visible_matters(user))


def matter_productions(user: Any, matter: Matter) -> list[Production]:
    """A matter's productions, newest first, each with ``documents`` (count) and
    ``range_text`` ("ACME000001 – ACME000120", or "" before its numbers are reserved)."""
    rows = list(
        visible_productions(user)
        .filter(matter=matter)
        .select_related("created_by")
        .annotate(
            documents=Count("items"),
            first=Min("items__range__begin"),
            last=Max("items__range__end"),
        )
        .order_by("-created_at", "-id")
    )
    for row in rows:
        first, last = getattr(row, "first", None), getattr(row, "last", None)
        row.range_text = (  # type: ignore[attr-defined]
            f"{row.label(first)} – {row.label(last)}" if first is not None else ""
        )
    return rows


def get_visible_production(user: Any, pk: Any) -> Production:
    """The production, or 404 when it does not exist or its matter is hidden from ``user``."""
    try:
        return (
            visible_productions(user).select_related("matter", "created_by", "zip_blob").get(pk=pk)
        )
    except (Production.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such production.") from exc


def get_visible_item(user: Any, pk: Any) -> ProductionItem:
    """A produced document, or 404 (its matter hidden, or no such item)."""
    try:
        return (
            ProductionItem.objects.filter(production__matter__in=visible_matters(user))
            .select_related("production", "production__matter", "range", "stamped_blob")
            .get(pk=pk)
        )
    except (ProductionItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such produced document.") from exc


def production_items(production: Production) -> QuerySet[ProductionItem]:
    """The documents of a production in order, with their ranges."""
    return production.items.select_related("range", "document").order_by("position")


@dataclass(frozen=True)
class PrefixSummary:
    """One prefix's chain in a matter: what it covers and where it continues."""

    prefix: str
    digits: int
    first_label: str
    last_label: str
    next_label: str
    next_number: int
    documents: int
    pages: int


def prefix_summaries(matter: Matter) -> list[PrefixSummary]:
    """Every prefix used in the matter with its range and next number."""
    rows = (
        BatesRange.objects.filter(matter=matter)
        .values("prefix")
        .annotate(first=Min("begin"), last=Max("end"), documents=Count("id"), digits=Max("digits"))
        .order_by("prefix")
    )
    out = []
    for row in rows:
        prefix, digits = row["prefix"], int(row["digits"])
        out.append(
            PrefixSummary(
                prefix=prefix,
                digits=digits,
                first_label=f"{prefix}{row['first']:0{digits}d}",
                last_label=f"{prefix}{row['last']:0{digits}d}",
                next_label=f"{prefix}{row['last'] + 1:0{digits}d}",
                next_number=int(row["last"]) + 1,
                documents=int(row["documents"]),
                pages=int(row["last"]) - int(row["first"]) + 1,  # the chain has no gaps
            )
        )
    return out


def producible_documents(user: Any, matter: Matter) -> QuerySet[Document]:
    """The matter's filed documents that have a file, in case-file folder and title order."""
    return (
        visible_documents(user)
        .filter(matter=matter, current_version__isnull=False)
        .select_related("current_version", "category")
        .order_by("folder", "title", "id")
    )


def matter_binders(user: Any, matter: Matter) -> QuerySet[Binder]:
    """A matter's binders, most recently changed first."""
    return (
        Binder.objects.filter(matter__in=visible_matters(user), matter=matter)
        .annotate(tabs=Count("items"))
        .order_by("-changed_at", "-id")
    )


def get_visible_binder(user: Any, pk: Any) -> Binder:
    """The binder, or 404 when it does not exist or its matter is hidden from ``user``."""
    try:
        return (
            Binder.objects.filter(matter__in=visible_matters(user))
            .select_related("matter", "built_by", "output_blob")
            .get(pk=pk)
        )
    except (Binder.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such binder.") from exc
