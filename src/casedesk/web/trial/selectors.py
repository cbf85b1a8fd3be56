"""Reads of the trial app. Every one starts from ``casedesk.web.access``: an exhibit, witness
or log entry of a matter hidden from the user is a 404, as the matter itself is."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, IntegerField, QuerySet, Value, When

from casedesk.web.access import get_or_404, visible_documents, visible_matters
from casedesk.web.documents.models import Document
from casedesk.web.matters.models import Matter
from casedesk.web.trial.models import (
    DEFAULT_PROCEEDING,
    Exhibit,
    Party,
    PrivilegeEntry,
    TrialDetails,
    Witness,
)

PARTY_ORDER = Case(
    *[When(party=p, then=Value(i)) for i, p in enumerate(Party.values)],
    default=Value(9),
    output_field=IntegerField(),
)


def get_visible_exhibit(user: Any, pk: Any) -> Exhibit:
    """The exhibit, or 404 when it does not exist or its matter is hidden from ``user``."""
    qs = Exhibit.objects.filter(matter__in=visible_matters(user)).select_related(
        "matter", "document", "sticker"
    )
    exhibit: Exhibit = get_or_404(qs, pk, "exhibit")
    return exhibit


def get_visible_witness(user: Any, pk: Any) -> Witness:
    """The witness, or 404 when it does not exist or its matter is hidden from ``user``."""
    qs = Witness.objects.filter(matter__in=visible_matters(user)).select_related("matter")
    witness: Witness = get_or_404(qs, pk, "witness")
    return witness


def get_visible_entry(user: Any, pk: Any) -> PrivilegeEntry:
    """The privilege log entry, or 404 when its matter is hidden from ``user``."""
    qs = PrivilegeEntry.objects.filter(matter__in=visible_matters(user)).select_related(
        "matter", "document"
    )
    entry: PrivilegeEntry = get_or_404(qs, pk, "privilege log entry")
    return entry


def proceedings(matter: Matter) -> list[str]:
    """The matter's proceedings with exhibits, witnesses or a list heading ("Trial" first)."""
    names: set[str] = {DEFAULT_PROCEEDING}
    for model in (Exhibit, Witness, TrialDetails):
        names.update(model.objects.filter(matter=matter).values_list("proceeding", flat=True))
    return sorted(names, key=lambda n: (n != DEFAULT_PROCEEDING, n.casefold()))


def matter_exhibits(matter: Matter, proceeding: str, party: str = "") -> QuerySet[Exhibit]:
    """A proceeding's exhibits: plaintiff's, defendant's, then joint, each in number order.

    The caller has the matter from ``access.get_visible_matter``.
    """
    qs = Exhibit.objects.filter(matter=matter, proceeding=proceeding)
    if party:
        qs = qs.filter(party=party)
    return (
        qs.select_related("document", "created_by")
        .annotate(party_order=PARTY_ORDER)
        .order_by("party_order", "sort_key", "id")
    )


def matter_witnesses(matter: Matter, proceeding: str, party: str = "") -> QuerySet[Witness]:
    """A proceeding's witnesses, by party then in their list order."""
    qs = Witness.objects.filter(matter=matter, proceeding=proceeding)
    if party:
        qs = qs.filter(party=party)
    return qs.annotate(party_order=PARTY_ORDER).order_by("party_order", "position", "id")


def trial_details(matter: Matter, proceeding: str) -> TrialDetails:
    """The heading of a proceeding's lists (an unsaved blank one when none was saved)."""
    found = TrialDetails.objects.filter(matter=matter, proceeding=proceeding).first()
    return found or TrialDetails(matter=matter, proceeding=proceeding)


def markable_documents(user: Any, matter: Matter) -> QuerySet[Document]:
    """The matter's documents that can be marked, oldest first (exhibits usually run in
    date order)."""
    return (
        visible_documents(user)
        .filter(matter=matter)
        .select_related("current_version", "category")
        .order_by("document_date", "id")
    )


def privilege_log(matter: Matter) -> QuerySet[PrivilegeEntry]:
    """The matter's privilege log in number order."""
    return PrivilegeEntry.objects.filter(matter=matter).select_related("document", "updated_by")


def to_describe(user: Any, matter: Matter) -> QuerySet[Document]:
    """Documents flagged privileged that are not on the log yet."""
    return (
        visible_documents(user)
        .filter(matter=matter, privileged=True, privilege_entry__isnull=True)
        .select_related("category", "current_version")
        .order_by("document_date", "id")
    )
