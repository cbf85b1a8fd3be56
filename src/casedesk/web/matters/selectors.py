"""Reads for the matters pages: lists, a matter's details, conflict checks with redacted hits.

Everything here starts from :mod:`casedesk.web.access`: a matter the user may not see is never
listed, counted or named, and a conflict hit in such a matter is shown only as "a possible
conflict in a matter you are screened from" with no name, number or reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404

from casedesk.web.access import visible_contacts, visible_matters
from casedesk.web.matters.models import (
    CheckStatus,
    ConflictCheck,
    ConflictHitRecord,
    Disposition,
    Matter,
    MatterParty,
    MatterStatus,
    PartyRole,
)

PAGE_SIZE = 25

SORTS: dict[str, tuple[str, ...]] = {
    "number": ("number",),
    "-number": ("-number",),
    "title": ("title", "number"),
    "-title": ("-title", "-number"),
    "status": ("status", "-number"),
    "-status": ("-status", "-number"),
    "opened": ("opened_on", "number"),
    "-opened": ("-opened_on", "-number"),
}

REDACTED_TEXT = (
    "Possible conflict in a matter you are screened from; ask the conflicts administrator."
)
DISPOSITION_CHOICES = [
    (Disposition.CLEARED.value, "Cleared: not a conflict"),
    (Disposition.WAIVER.value, "Waiver obtained"),
    (Disposition.DECLINE.value, "Conflict: decline"),
]


def role_words(role: str) -> str:
    """A registry or party role in plain words: ``former-client`` -> ``former client``."""
    try:
        return str(PartyRole(role).label).lower()
    except ValueError:
        return role.replace("-", " ")


def matters_for_list(
    user: Any, *, q: str = "", status: str = "", area: str = "", sort: str = "-number"
) -> QuerySet[Matter]:
    """Matters ``user`` may see, searched (number, title, client, case number), filtered and sorted."""
    qs = visible_matters(user)
    q = " ".join(q.split())
    if q:
        ids = (
            visible_matters(user)
            .filter(
                Q(number__icontains=q)
                | Q(title__icontains=q)
                | Q(case_number__icontains=q)
                | Q(parties__role=PartyRole.CLIENT, parties__contact__name__icontains=q)
                | Q(parties__role=PartyRole.CLIENT, parties__contact__aliases__name__icontains=q)
            )
            .values("id")
        )
        qs = qs.filter(id__in=ids)
    if status in MatterStatus.values:
        qs = qs.filter(status=status)
    if area:
        qs = qs.filter(practice_area=area)
    order = SORTS.get(sort, SORTS["-number"])
    clients = MatterParty.objects.filter(role=PartyRole.CLIENT).select_related("contact")
    return (
        qs.select_related("responsible_attorney")
        .prefetch_related(Prefetch("parties", queryset=clients, to_attr="client_rows"))
        .order_by(*order)
    )


def parties_by_role(matter: Matter) -> list[tuple[str, list[MatterParty]]]:
    """The matter's parties grouped by role (clients first), each with its contact's aliases."""
    rows = list(matter.parties.select_related("contact").prefetch_related("contact__aliases"))
    groups: list[tuple[str, list[MatterParty]]] = []
    for role in PartyRole:
        members = [r for r in rows if r.role == role.value]
        if members:
            groups.append((str(role.label), members))
    return groups


@dataclass(frozen=True, slots=True)
class HitRow:
    """One saved hit as this user may see it. ``redacted`` rows carry nothing identifying."""

    id: int
    redacted: bool
    term: str
    name: str
    matched_name: str
    role: str
    matter_number: str
    matter_status: str
    matter_id: int | None
    score: int
    reason: str
    disposition: str
    disposition_label: str
    note: str
    disposed_by: str
    disposed_at: Any

    @property
    def decided(self) -> bool:
        return self.disposition != Disposition.PENDING

    @property
    def score_band(self) -> str:
        """``high`` / ``medium`` / ``low``, for the colour of the score bar."""
        if self.score >= 85:
            return "high"
        if self.score >= 65:
            return "medium"
        return "low"


def _visible_ids(user: Any, ids: set[int]) -> set[int]:
    if not ids:
        return set()
    return set(visible_matters(user).filter(id__in=ids).values_list("id", flat=True))


def hit_rows(user: Any, hits: list[ConflictHitRecord]) -> list[HitRow]:
    """Saved hits for display; hits in matters hidden from ``user`` are redacted."""
    visible = _visible_ids(user, {h.hit_matter_id for h in hits if h.hit_matter_id})
    rows: list[HitRow] = []
    for h in hits:
        redacted = h.hit_matter_id is not None and h.hit_matter_id not in visible
        decided_by = str(h.disposed_by) if h.disposed_by_id else ""
        if redacted:
            rows.append(
                HitRow(
                    id=h.pk,
                    redacted=True,
                    term=h.term,
                    name="",
                    matched_name="",
                    role="",
                    matter_number="",
                    matter_status="",
                    matter_id=None,
                    score=0,
                    reason="",
                    disposition=h.disposition,
                    disposition_label=str(h.get_disposition_display()),
                    note="",
                    disposed_by=decided_by,
                    disposed_at=h.disposed_at,
                )
            )
            continue
        rows.append(
            HitRow(
                id=h.pk,
                redacted=False,
                term=h.term,
                name=h.name,
                matched_name=h.matched_name if h.matched_name != h.name else "",
                role=role_words(h.role),
                matter_number=h.matter_number,
                matter_status=h.matter_status,
                matter_id=h.hit_matter_id,
                score=h.score,
                reason=h.reason,
                disposition=h.disposition,
                disposition_label=str(h.get_disposition_display()),
                note=h.note,
                disposed_by=decided_by,
                disposed_at=h.disposed_at,
            )
        )
    return rows


def hit_row(user: Any, hit: ConflictHitRecord) -> HitRow:
    """One saved hit for display (see :func:`hit_rows`)."""
    return hit_rows(user, [hit])[0]


def get_visible_check(user: Any, pk: Any) -> ConflictCheck:
    """The saved check, or 404 when it does not exist or its matter is hidden from ``user``."""
    try:
        return (
            ConflictCheck.objects.select_related("matter", "run_by", "completed_by")
            .filter(matter__in=visible_matters(user))
            .get(pk=pk)
        )
    except (ConflictCheck.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such conflict check.") from exc


def get_visible_hit(user: Any, pk: Any) -> ConflictHitRecord:
    """A saved hit whose check's matter ``user`` may see, or 404."""
    try:
        return (
            ConflictHitRecord.objects.select_related("conflict_check__matter", "disposed_by")
            .filter(conflict_check__matter__in=visible_matters(user))
            .get(pk=pk)
        )
    except (ConflictHitRecord.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such conflict hit.") from exc


def check_hits(check: ConflictCheck) -> list[ConflictHitRecord]:
    """Every hit of a check, best first."""
    return list(check.hits.select_related("disposed_by").order_by("-score", "name", "id"))


@dataclass(frozen=True, slots=True)
class CheckSummary:
    """Where a check stands and what the user can do next."""

    total: int
    decided: int
    declined: int
    redacted: int
    can_open: bool
    can_decline: bool
    is_declined: bool

    @property
    def pending(self) -> int:
        return self.total - self.decided


def check_summary(check: ConflictCheck, rows: list[HitRow]) -> CheckSummary:
    """Counts and the next step: open (all cleared/waived) or decline (any conflict)."""
    matter = check.matter
    decided = sum(1 for r in rows if r.decided)
    declined = sum(1 for r in rows if r.disposition == Disposition.DECLINE)
    in_intake = matter.status == MatterStatus.INTAKE
    complete = decided == len(rows)
    return CheckSummary(
        total=len(rows),
        decided=decided,
        declined=declined,
        redacted=sum(1 for r in rows if r.redacted),
        can_open=in_intake and complete and check.status == CheckStatus.CLEARED,
        can_decline=in_intake and complete and declined > 0,
        is_declined=matter.status == MatterStatus.DECLINED,
    )


def matter_checks(matter: Matter) -> list[ConflictCheck]:
    """The matter's saved checks, newest first, with hit and pending counts."""
    return list(
        matter.conflict_checks.select_related("run_by", "completed_by").annotate(
            hit_count=Count("hits"),
            pending_count=Count("hits", filter=Q(hits__disposition=Disposition.PENDING)),
        )
    )


def recent_checks(user: Any, *, limit: int = 20) -> list[ConflictCheck]:
    """The latest saved checks on matters ``user`` may see."""
    return list(
        ConflictCheck.objects.filter(matter__in=visible_matters(user))
        .select_related("matter", "run_by")
        .annotate(hit_count=Count("hits"))
        .order_by("-run_at", "-id")[:limit]
    )


def check_terms(check: ConflictCheck) -> list[dict[str, Any]]:
    """The names a check searched, with their role in plain words."""
    terms = sorted(check.terms or [], key=lambda t: t.get("role") != PartyRole.CLIENT)
    return [
        {
            "name": t.get("name", ""),
            "kind": t.get("kind", ""),
            "role": role_words(t.get("role", "")),
            "aliases": list(t.get("aliases") or []),
        }
        for t in terms
    ]


def known_party_count(user: Any) -> int:
    """How many people and organizations the firm knows, as far as ``user`` may count them."""
    return visible_contacts(user).count()
