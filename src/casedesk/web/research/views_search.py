"""Finding law: search the library, an opinion's page (citations linked, cited by, save to a
matter), citation lookup, and the citator. Opinions are public law: any signed-in user.
"""

from __future__ import annotations

import math
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from casedesk.web.access import get_visible_matter
from casedesk.web.documents.views_files import error_text, form_errors
from casedesk.web.errors import ServiceError
from casedesk.web.research import selectors
from casedesk.web.research.court_names import court_name
from casedesk.web.research.forms import AuthorityForm, LookupForm, SearchForm
from casedesk.web.research.services import authority_save

SEARCH_PAGE = 20
MAX_PAGE = 500


def _page_number(request: HttpRequest) -> int:
    raw = request.GET.get("page", "")
    return min(int(raw), MAX_PAGE) if raw.isdigit() and int(raw) > 0 else 1


@require_GET
def search(request: HttpRequest) -> HttpResponse:
    """Search the library: the query language, court and year filters, facets, sorting, boosts."""
    form = SearchForm(request.GET or None, courts=selectors.courts())
    number = _page_number(request)
    context: dict[str, Any] = {
        "form": form,
        "results": None,
        "q": "",
        "page": number,
        "library_size": selectors.library_size(),
    }
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        q = " ".join((data.get("q") or "").split())
        context["q"] = q
        if q:
            try:
                results = selectors.opinion_search(
                    q,
                    court=[data["court"]] if data.get("court") else [],
                    year_from=data.get("year_from"),
                    year_to=data.get("year_to"),
                    sort=data.get("sort") or "relevance",
                    boost_recent=bool(data.get("boost_recent")),
                    boost_cited=bool(data.get("boost_cited")),
                    limit=SEARCH_PAGE,
                    offset=(number - 1) * SEARCH_PAGE,
                )
            except ServiceError as exc:
                form.add_error("q", error_text(exc))
            else:
                pages = max(1, math.ceil(results.total / SEARCH_PAGE))
                context.update(
                    results=results,
                    court_facets=[
                        (value, court_name(str(value)), count)
                        for value, count in results.facets.get("court", [])[:30]
                    ],
                    year_facets=sorted(results.facets.get("year", []), reverse=True)[:40],
                    pages=pages,
                    first=(number - 1) * SEARCH_PAGE + 1,
                    last=(number - 1) * SEARCH_PAGE + len(results.hits),
                    has_prev=number > 1,
                    has_next=number < pages,
                    prev_page=number - 1,
                    next_page=number + 1,
                )
        elif any(data.get(k) for k in ("court", "year_from", "year_to")):
            form.add_error("q", "Type a word, a phrase or a citation to search for.")
    return render(request, "research/search.html", context)


def _opinion_context(request: HttpRequest, pk: int, **extra: Any) -> dict[str, Any]:
    view = selectors.opinion_detail(pk)
    return {
        "view": view,
        "opinion": view.opinion,
        "save_form": extra.pop("save_form", None) or AuthorityForm(user=request.user),
        **extra,
    }


@require_GET
def opinion(request: HttpRequest, pk: int) -> HttpResponse:
    """One opinion: its details, its text with citations linked, who cites it, save to a matter."""
    return render(request, "research/opinion.html", _opinion_context(request, pk))


@require_POST
def opinion_save(request: HttpRequest, pk: int) -> HttpResponse:
    """Save this opinion to a matter as an authority, with notes and tags."""
    target = selectors.get_opinion(pk)
    form = AuthorityForm(request.POST, user=request.user)
    if not form.is_valid():
        messages.error(request, form_errors(form) or "Choose a matter.")
        return redirect("research:opinion", pk=target.pk)
    matter = get_visible_matter(request.user, form.cleaned_data["matter"].pk)
    try:
        authority_save(
            by=request.user,
            matter=matter,
            opinion=target,
            notes=form.cleaned_data["notes"],
            tags=form.cleaned_data["tags"],
        )
    except ServiceError as exc:
        messages.error(request, error_text(exc))
        return redirect("research:opinion", pk=target.pk)
    messages.success(request, f"Saved {target.title} to {matter.number}.")
    return redirect("research:authorities", pk=matter.pk)


@require_GET
def lookup(request: HttpRequest) -> HttpResponse:
    """Paste citations, get the opinions; those not in the library are listed as such."""
    form = LookupForm(request.GET or None)
    result = None
    if form.is_bound and form.is_valid():
        result = selectors.citation_lookup(form.cleaned_data["citations"])
        if not result.rows and not result.not_citations:
            form.add_error("citations", "No case citation was found in that text.")
    return render(request, "research/lookup.html", {"form": form, "result": result})


@require_GET
def cited_by(request: HttpRequest) -> HttpResponse:
    """The citator: every library opinion citing a citation (in the library or not)."""
    from casedesk.core.citations import normalize_citation

    raw = " ".join(request.GET.get("citation", "").split())[:300]
    context: dict[str, Any] = {"raw": raw, "citation": "", "rows": None, "error": ""}
    if raw:
        norm = normalize_citation(raw)
        if not norm:
            context["error"] = f"“{raw}” is not a case citation; write it like 410 U.S. 113."
        else:
            context.update(
                citation=norm,
                rows=selectors.cited_by(norm),
                targets=selectors.opinions_by_citations([norm]).get(norm, []),
            )
    else:
        context["most_cited"] = selectors.most_cited()
    return render(request, "research/cited_by.html", context)
