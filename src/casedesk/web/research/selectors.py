"""Reads of the research app: search, citation lookup, the citator (cited by), an opinion with
its citations linked, and the matter-bound records (authorities, cite-checks) through access.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils.html import escape
from django.utils.http import urlencode
from django.utils.safestring import SafeString, mark_safe

from casedesk.core.search.query import QuerySyntaxError
from casedesk.web.access import visible_matters
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.research.models import (
    CitationRef,
    CiteCheck,
    Opinion,
    OpinionCitation,
    SavedAuthority,
    cited_norms,
    unresolved_short_q,
)

SORTS = ("relevance", "date", "cited")
STATUS_LABELS = {
    "found": "Found",
    "not_found": "Not found",
    "name_mismatch": "Name mismatch",
    "year_mismatch": "Year mismatch",
    "malformed": "Malformed",
    "ambiguous": "Ambiguous",
}


@dataclass(frozen=True)
class ResearchHit:
    opinion: Opinion
    score: float
    snippet_html: str
    citations: tuple[str, ...] = ()  # its own citations, normalised ("466 U.S. 668")


@dataclass(frozen=True)
class ResearchPage:
    total: int
    hits: list[ResearchHit]
    facets: dict[str, list[tuple[Any, int]]] = field(default_factory=dict)
    offset: int = 0
    limit: int = 20


def opinion_search(
    query: str,
    *,
    court: Sequence[str] = (),
    year_from: int | None = None,
    year_to: int | None = None,
    sort: str = "relevance",
    boost_recent: bool = False,
    boost_cited: bool = False,
    offset: int = 0,
    limit: int = 20,
) -> ResearchPage:
    """Search the library; a query the language cannot read is a ServiceError with a sentence."""
    from casedesk.web.research.indexing import caselaw_index

    query = " ".join((query or "").split())
    if not query:
        raise ServiceError("Type a word, a phrase or a citation to search for.", field="q")
    if sort not in SORTS:
        sort = "relevance"
    limit = max(1, min(limit, 100))
    try:
        results = caselaw_index().search(
            query,
            court=[c for c in court if c],
            year_from=year_from,
            year_to=year_to,
            sort=sort,
            boost_recent=boost_recent,
            boost_cited=boost_cited,
            offset=max(0, offset),
            limit=limit,
        )
    except QuerySyntaxError as exc:
        raise ServiceError(str(exc), field="q") from exc
    rows = {
        o.source_id: o for o in Opinion.objects.filter(source_id__in=[h.id for h in results.hits])
    }
    own: dict[int, list[str]] = {}
    for opinion_id, norm in OpinionCitation.objects.filter(
        opinion_id__in=[o.pk for o in rows.values()]
    ).values_list("opinion_id", "normalized"):
        own.setdefault(opinion_id, []).append(norm)
    hits = [
        ResearchHit(rows[h.id], float(h.score), h.snippet_html, tuple(own.get(rows[h.id].pk, ())))
        for h in results.hits
        if h.id in rows
    ]
    total = max(len(hits), results.total - (len(results.hits) - len(hits)))
    facets = {k: list(v) for k, v in dict(results.facets or {}).items()}
    return ResearchPage(total=total, hits=hits, facets=facets, offset=offset, limit=limit)


# --- citation lookup -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LookupRow:
    citation: str  # normalised
    opinions: list[Opinion]


@dataclass(frozen=True)
class Lookup:
    rows: list[LookupRow]
    not_citations: list[str]  # pasted pieces that are not case citations

    @property
    def missing(self) -> list[str]:
        return [r.citation for r in self.rows if not r.opinions]


def opinions_by_citations(citations: Sequence[str]) -> dict[str, list[Opinion]]:
    """Normalised citations → the library opinions that have them (one query)."""
    wanted = list(dict.fromkeys(c for c in citations if c))
    out: dict[str, list[Opinion]] = {c: [] for c in wanted}
    rows = (
        OpinionCitation.objects.filter(normalized__in=wanted)
        .select_related("opinion")
        .order_by("opinion_id")
    )
    for row in rows:
        out[row.normalized].append(row.opinion)
    return out


_PIECES = re.compile(r"[;\n]+")


def citation_lookup(text: str) -> Lookup:
    """A pasted citation or list: each normalised citation with its opinions, in order."""
    from casedesk.core.citations import normalize_citation, parse_citation_list

    found = parse_citation_list(text or "")
    not_citations = []
    for piece in _PIECES.split(text or ""):
        piece = " ".join(piece.split())
        if piece and not parse_citation_list(piece) and normalize_citation(piece) is None:
            not_citations.append(piece[:200])
    by_citation = opinions_by_citations(found)
    rows = [LookupRow(c, by_citation.get(c, [])) for c in found]
    return Lookup(rows=rows, not_citations=not_citations)


# --- the citator ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class CitingOpinion:
    opinion: Opinion
    count: int  # how many times it cites the citation (Id. and short forms included)


def cited_by(normalized: str) -> list[CitingOpinion]:
    """Every library opinion that cites ``normalized``, with how many times, most first."""
    rows = (
        CitationRef.objects.filter(normalized=normalized)
        .exclude(unresolved_short_q())
        .values("citing_id")
        .annotate(n=Count("id"))
        .order_by("-n", "citing_id")
    )
    counts = {r["citing_id"]: r["n"] for r in rows}
    opinions = Opinion.objects.filter(pk__in=counts).defer("text")
    out = [CitingOpinion(o, counts[o.pk]) for o in opinions]
    out.sort(key=lambda c: (-c.count, c.opinion.case_name.lower(), c.opinion.pk))
    return out


def cited_by_opinion(opinion: Opinion) -> list[tuple[str, list[CitingOpinion]]]:
    """An opinion's cited-by list, grouped by each of its own citations."""
    own = OpinionCitation.objects.filter(opinion=opinion).values_list("normalized", flat=True)
    return [(norm, [c for c in cited_by(norm) if c.opinion.pk != opinion.pk]) for norm in own]


@dataclass(frozen=True)
class CitedCitation:
    citation: str
    opinions: int  # distinct citing opinions
    target: Opinion | None


def most_cited(limit: int = 50) -> list[CitedCitation]:
    """The citations cited by the most library opinions, whether or not the case is in it."""
    rows = list(
        CitationRef.objects.exclude(unresolved_short_q())
        .values("normalized")
        .annotate(n=Count("citing_id", distinct=True))
        .order_by("-n", "normalized")[:limit]
    )
    targets = opinions_by_citations([r["normalized"] for r in rows])
    return [
        CitedCitation(r["normalized"], r["n"], (targets.get(r["normalized"]) or [None])[0])
        for r in rows
    ]


# --- one opinion ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class OpinionView:
    opinion: Opinion
    own: list[str]
    refs: list[CitationRef]
    text_html: SafeString
    cited_by: list[tuple[str, list[CitingOpinion]]]

    @property
    def outgoing(self) -> list[tuple[str, Opinion | None, int]]:
        """Each citation it makes: (normalised, library opinion or None, times), in order.

        Short forms count towards their case; one whose antecedent was not found is left out."""
        cited = cited_norms((ref.normalized, ref.kind) for ref in self.refs)
        seen: dict[str, list[Any]] = {}
        for ref in self.refs:
            if ref.normalized not in cited:
                continue
            entry = seen.setdefault(ref.normalized, [ref.target, 0])
            entry[0] = entry[0] or ref.target
            entry[1] += 1
        return [(norm, target, n) for norm, (target, n) in seen.items()]


def cited_by_url(normalized: str) -> str:
    return reverse("research:cited_by") + "?" + urlencode({"citation": normalized})


def linked_text(text: str, refs: Sequence[CitationRef]) -> SafeString:
    """The opinion's text, escaped, with each citation a link (to the library or the citator)."""
    parts: list[str] = []
    pos = 0
    for ref in sorted(refs, key=lambda r: (r.start, r.end)):
        if ref.start < pos or ref.end <= ref.start or ref.end > len(text):
            continue
        parts.append(escape(text[pos : ref.start]))
        if ref.target_id:
            href = reverse("research:opinion", args=[ref.target_id])
            css, title = "cite cite-known", f"{ref.normalized}: in the library"
        else:
            href = cited_by_url(ref.normalized)
            css, title = "cite cite-unknown", f"{ref.normalized}: not in the library"
        parts.append(
            f'<a class="{css}" href="{escape(href)}" title="{escape(title)}">'
            f"{escape(text[ref.start : ref.end])}</a>"
        )
        pos = ref.end
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def get_opinion(pk: Any) -> Opinion:
    try:
        return Opinion.objects.get(pk=pk)
    except (Opinion.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such opinion.") from exc


def opinion_detail(pk: Any) -> OpinionView:
    """An opinion with its own citations, its citations linked, and its cited-by list."""
    opinion = get_opinion(pk)
    refs = list(CitationRef.objects.filter(citing=opinion).select_related("target"))
    own = list(OpinionCitation.objects.filter(opinion=opinion).values_list("normalized", flat=True))
    return OpinionView(
        opinion=opinion,
        own=own,
        refs=refs,
        text_html=linked_text(opinion.text, refs),
        cited_by=cited_by_opinion(opinion),
    )


def courts() -> list[str]:
    """Every court in the library, for the filter."""
    return list(
        Opinion.objects.exclude(court="")
        .values_list("court", flat=True)
        .distinct()
        .order_by("court")
    )


def library_size() -> int:
    return Opinion.objects.count()


# --- matter-bound records ----------------------------------------------------------------------


def matter_authorities(user: Any, matter: Matter, *, tag: str = "") -> QuerySet[SavedAuthority]:
    qs = SavedAuthority.objects.filter(matter__in=visible_matters(user), matter=matter)
    if tag:
        qs = qs.filter(tags__icontains=tag)
    return qs.select_related("opinion", "created_by")


def get_visible_authority(user: Any, pk: Any) -> SavedAuthority:
    try:
        return (
            SavedAuthority.objects.filter(matter__in=visible_matters(user))
            .select_related("matter", "opinion")
            .get(pk=pk)
        )
    except (SavedAuthority.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such authority.") from exc


def visible_cite_checks(user: Any) -> QuerySet[CiteCheck]:
    """Cite-checks ``user`` may see: their own without a matter, and those of visible matters."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return CiteCheck.objects.none()
    return CiteCheck.objects.filter(
        Q(matter__isnull=True, created_by=user) | Q(matter__in=visible_matters(user))
    ).select_related("matter", "created_by")


def get_visible_cite_check(user: Any, pk: Any) -> CiteCheck:
    try:
        return visible_cite_checks(user).get(pk=pk)
    except (CiteCheck.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such cite-check.") from exc


def report_rows(check: CiteCheck) -> list[dict[str, Any]]:
    """The report's rows, each with the library opinion's page when there is one."""
    rows = [dict(r) for r in (check.result or {}).get("citations", [])]
    ids = {r.get("opinion_id") for r in rows if r.get("opinion_id")}
    pks = dict(Opinion.objects.filter(source_id__in=ids).values_list("source_id", "pk"))
    names = dict(Opinion.objects.filter(source_id__in=ids).values_list("source_id", "case_name"))
    for row in rows:
        row["opinion_pk"] = pks.get(row.get("opinion_id"))
        row["opinion_name"] = names.get(row.get("opinion_id"), "")
        row["status_label"] = STATUS_LABELS.get(row.get("status", ""), row.get("status", ""))
    return rows


def year_bounds(value: Any) -> int | None:
    try:
        year = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return year if 1600 <= year <= dt.date.today().year + 1 else None
