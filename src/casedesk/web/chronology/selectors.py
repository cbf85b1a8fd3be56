"""Reads of the chronology app. Every one starts from ``casedesk.web.access``: a fact,
suggestion or run of a matter hidden from the user is a 404, as the matter itself is.

:func:`matter_facts` and :func:`timeline_items` are also what the case report reads.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, F, Prefetch, Q, QuerySet

from casedesk.core.chronology.timeline import TimelineItem
from casedesk.web.access import (
    get_or_404,
    hidden_matter_ids,
    visible_contacts,
    visible_documents,
    visible_matters,
)
from casedesk.web.chronology.models import (
    Fact,
    FactSuggestion,
    Issue,
    SuggestionRun,
    SuggestionStatus,
)
from casedesk.web.contacts.models import Contact
from casedesk.web.documents.models import Document
from casedesk.web.matters.models import Matter

# The table's sort keys (?sort=) and the columns they order by; "-" reverses.
SORTS: dict[str, tuple[Any, ...]] = {
    "date": (F("sort_date").asc(nulls_last=True), F("date_end").asc(nulls_last=True), "id"),
    "-date": (F("sort_date").desc(nulls_last=True), F("date_end").desc(nulls_last=True), "-id"),
    "material": ("-material", F("sort_date").asc(nulls_last=True), "id"),
    "-material": ("material", F("sort_date").asc(nulls_last=True), "id"),
    "disputed": ("-disputed", F("sort_date").asc(nulls_last=True), "id"),
    "-disputed": ("disputed", F("sort_date").asc(nulls_last=True), "id"),
    "source": (
        F("source_document__title").asc(nulls_last=True),
        "source_page",
        F("sort_date").asc(nulls_last=True),
        "id",
    ),
    "-source": (
        F("source_document__title").desc(nulls_last=True),
        "-source_page",
        F("sort_date").asc(nulls_last=True),
        "id",
    ),
}
DEFAULT_SORT = "date"


def get_visible_fact(user: Any, pk: Any) -> Fact:
    """The fact, or 404 when it does not exist or its matter is hidden from ``user``."""
    qs = Fact.objects.filter(matter__in=visible_matters(user)).select_related(
        "matter", "source_document", "created_by"
    )
    fact: Fact = get_or_404(qs, pk, "fact")
    return fact


def get_visible_suggestion(user: Any, pk: Any) -> FactSuggestion:
    """The suggested fact, or 404 when its matter is hidden from ``user``."""
    qs = FactSuggestion.objects.filter(matter__in=visible_matters(user)).select_related(
        "matter", "version", "version__document"
    )
    suggestion: FactSuggestion = get_or_404(qs, pk, "suggested fact")
    return suggestion


def get_visible_run(user: Any, pk: Any) -> SuggestionRun:
    """A search for suggested facts, or 404 when its matter is hidden from ``user``."""
    qs = SuggestionRun.objects.filter(matter__in=visible_matters(user)).select_related("matter")
    run: SuggestionRun = get_or_404(qs, pk, "search for suggested facts")
    return run


def visible_issues(user: Any) -> QuerySet[Issue]:
    """The firm's issues ``user`` may see: every issue but those used only on facts of
    matters hidden from them (an issue's name can say what a walled matter is about)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Issue.objects.none()
    hidden = hidden_matter_ids(user)
    if not hidden:
        return Issue.objects.all()
    only_hidden = Issue.objects.filter(facts__matter_id__in=hidden).exclude(
        facts__matter__in=visible_matters(user)
    )
    return Issue.objects.exclude(id__in=only_hidden.values("id"))


def get_visible_issue(user: Any, pk: Any) -> Issue:
    """A firm-wide issue, or 404 when it does not exist or is used only on hidden matters."""
    issue: Issue = get_or_404(visible_issues(user), pk, "issue")
    return issue


def _ordered(qs: QuerySet[Fact], sort: str = DEFAULT_SORT) -> QuerySet[Fact]:
    return qs.order_by(*SORTS.get(sort, SORTS[DEFAULT_SORT]))


def _matter_qs(user: Any, matter: Matter, *, material_only: bool = False) -> QuerySet[Fact]:
    qs = Fact.objects.filter(matter=matter, matter__in=visible_matters(user))
    if material_only:
        qs = qs.filter(material=True)
    return qs.select_related("source_document", "created_by")


def matter_facts(user: Any, matter: Matter, *, material_only: bool = False) -> QuerySet[Fact]:
    """The matter's facts ``user`` may see, in date order (undated last), with their people,
    issues, source document and who entered them; none when the matter is hidden."""
    return _ordered(
        _matter_qs(user, matter, material_only=material_only).prefetch_related("people", "issues")
    )


def _listed(qs: QuerySet[Fact]) -> QuerySet[Fact]:
    """People and issues fetched as plain lists (``people_list``, ``issue_list``): Django
    makes a queryset per fact for ``prefetch_related("people")``, which costs ~0.35 ms a fact
    (1.8 s for 5,000); lists cost almost nothing. Read them with :func:`fact_people` and
    :func:`fact_issues`."""
    return qs.prefetch_related(
        Prefetch("people", queryset=Contact.objects.order_by("name", "id"), to_attr="people_list"),
        Prefetch("issues", queryset=Issue.objects.order_by("name"), to_attr="issue_list"),
    )


def fact_people(fact: Fact) -> list[Contact]:
    """The people a fact names (from either kind of prefetch)."""
    listed = getattr(fact, "people_list", None)
    return list(listed) if listed is not None else list(fact.people.all())


def fact_issues(fact: Fact) -> list[Issue]:
    """The issues a fact is tagged with (from either kind of prefetch)."""
    listed = getattr(fact, "issue_list", None)
    return list(listed) if listed is not None else list(fact.issues.all())


@dataclass(frozen=True)
class FactFilter:
    """What the chronology table is limited to (blank: no limit)."""

    text: str = ""
    issue: int | None = None
    person: int | None = None
    material: bool = False
    disputed: bool = False
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    sort: str = DEFAULT_SORT

    @property
    def active(self) -> bool:
        return bool(
            self.text
            or self.issue
            or self.person
            or self.material
            or self.disputed
            or self.date_from
            or self.date_to
        )


def filtered_facts(user: Any, matter: Matter, flt: FactFilter) -> QuerySet[Fact]:
    """The matter's facts as the chronology table shows them: filtered and sorted (people
    and issues as lists: see :func:`_listed`).

    A date range keeps the facts whose date overlaps it (a fact dated "March 2024" is in a
    range from March 15); undated facts are left out when a range is given.
    """
    qs = _listed(_matter_qs(user, matter, material_only=flt.material))
    if flt.disputed:
        qs = qs.filter(disputed=True)
    if flt.issue:
        qs = qs.filter(issues__id=flt.issue)
    if flt.person:
        qs = qs.filter(people__id=flt.person)
    for word in flt.text.split()[:8]:
        qs = qs.filter(
            Q(description__icontains=word)
            | Q(notes__icontains=word)
            | Q(date_text__icontains=word)
            | Q(source_bates__icontains=word)
            | Q(source_document__title__icontains=word)
            | Q(people__name__icontains=word)
            | Q(issues__name__icontains=word)
        )
    if flt.date_from:
        qs = qs.filter(
            Q(date_end__gte=flt.date_from) | Q(date_end__isnull=True, date_start__isnull=False)
        )
    if flt.date_to:
        qs = qs.filter(
            Q(date_start__lte=flt.date_to) | Q(date_start__isnull=True, date_end__isnull=False)
        )
    if flt.text or flt.issue or flt.person:
        qs = qs.distinct()
    return _ordered(qs, flt.sort)


def timeline_items(facts: Iterable[Fact]) -> list[TimelineItem]:
    """The facts as timeline items (label: the description, cut to a line; group: the first
    issue)."""
    items = []
    for fact in facts:
        label = " ".join(fact.description.split())
        if len(label) > 80:
            label = label[:79].rstrip() + "…"
        issues = fact_issues(fact)
        items.append(
            TimelineItem(
                date=fact.fuzzy_date(),
                label=label,
                material=fact.material,
                disputed=fact.disputed,
                group=issues[0].name if issues else "",
            )
        )
    return items


def matter_issues(matter: Matter) -> QuerySet[Issue]:
    """The issues the matter's facts are tagged with, with how many facts each."""
    return (
        Issue.objects.filter(facts__matter=matter)
        .annotate(count=Count("facts", filter=Q(facts__matter=matter), distinct=True))
        .order_by("name")
    )


def all_issues(user: Any) -> QuerySet[Issue]:
    """The issues ``user`` may see, each with how many facts of the matters they may see use
    it (facts of hidden matters are not counted)."""
    visible = visible_matters(user)
    return (
        visible_issues(user)
        .annotate(
            count=Count("facts", filter=Q(facts__matter__in=visible), distinct=True),
            matters=Count("facts__matter", filter=Q(facts__matter__in=visible), distinct=True),
        )
        .order_by("name")
    )


def matter_people(user: Any, matter: Matter) -> QuerySet[Contact]:
    """The contacts named in the matter's facts (visible to ``user``)."""
    return (
        visible_contacts(user)
        .filter(facts__matter=matter)
        .annotate(count=Count("facts", filter=Q(facts__matter=matter), distinct=True))
        .order_by("name", "id")
    )


def party_contacts(matter: Matter) -> list[tuple[Contact, str]]:
    """The matter's parties (each contact once, with their first role) for the people
    chooser."""
    seen: dict[int, tuple[Contact, str]] = {}
    for party in matter.parties.select_related("contact").order_by("contact__name", "role"):
        seen.setdefault(party.contact_id, (party.contact, str(party.get_role_display())))
    return list(seen.values())


def matter_documents(user: Any, matter: Matter) -> QuerySet[Document]:
    """The matter's filed documents a fact can cite, by title."""
    return (
        visible_documents(user)
        .filter(matter=matter)
        .select_related("current_version")
        .order_by("title", "id")
    )


def pending_suggestions(matter: Matter) -> QuerySet[FactSuggestion]:
    """Suggested facts to review, document by document, in text order."""
    return (
        FactSuggestion.objects.filter(
            matter=matter,
            status=SuggestionStatus.PENDING,
            version__document__deleted_at__isnull=True,
        )
        .select_related("version", "version__document")
        .order_by("version__document__title", "version_id", "offset", "id")
    )


def suggestion_counts(matter: Matter) -> dict[str, int]:
    """How many suggested facts are pending, accepted and dismissed."""
    rows = (
        FactSuggestion.objects.filter(matter=matter)
        .values("status")
        .annotate(n=Count("id"))
        .order_by()
    )
    counts = {s: 0 for s in SuggestionStatus.values}
    counts.update({row["status"]: row["n"] for row in rows})
    return counts


def latest_run(matter: Matter) -> SuggestionRun | None:
    """The matter's latest search for suggested facts."""
    return SuggestionRun.objects.filter(matter=matter).order_by("-created_at", "-id").first()
