"""The case-law research part of the REST API (``/api/v1``): searching the library, an opinion
with its citations, citation lookup, the citator (cited by), cite-checks of drafts, and the
authorities saved to a matter.

Everything goes through the research app's selectors and services, with the permissions of the
pages: opinions are public law and firm-wide (any signed-in user); cite-checks and authorities
are matter data, so a matter (and what it keeps) hidden from the token's user is 404, and a
read-only user may read but not write (403 with the reason). Refusals are JSON
``{"detail": ..., "field"?: ..., "errors"?: {name: sentence}}`` (the drafting endpoints'
:func:`~casedesk.web.drafting.api.refusals`): 403 for a role that may not write, 422 for input
naming a field (a search query the language cannot read, something that is not a citation),
400 for any other refusal.

JSON shapes shared with the command line (``casedesk research cited-by --json`` and
``casedesk cite-check --json``): ``/citations/cited-by`` answers
``{"citation", "opinions": [{"id", "case_name", "count"}]}``, and a finished cite-check's
``result`` is ``{"citations": [{"text", "normalized", "status", "opinion_id", "sentence"}]}``.
An opinion's ``id`` is the imported record's id (what the CLI and the reports show); ``pk`` is
the number in the URLs.
"""

from __future__ import annotations

import datetime as dt
import html
import re
from typing import Any

from django.http import Http404, HttpRequest
from ninja import File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from casedesk.web.access import get_visible_matter, require_writer
from casedesk.web.documents.views_files import incoming_files
from casedesk.web.drafting.api import (
    REFUSALS,
    Refusal,
    body_doc,
    read_json,
    refusal_response,
    refusals,
)
from casedesk.web.errors import ServiceError
from casedesk.web.research import selectors
from casedesk.web.research.models import CiteCheck, Opinion, SavedAuthority
from casedesk.web.research.services import (
    authority_delete,
    authority_save,
    cite_check_start,
    cli_json,
)

router = Router(tags=["research"])

MAX_LOOKUP = 100  # citations in one lookup
MAX_CITATION = 300  # characters of one citation
MAX_OFFSET = 10_000  # how deep a search may page


# --- shapes -------------------------------------------------------------------------------------


class OpinionRef(Schema):
    id: str  # the imported record's id
    pk: int
    case_name: str
    court: str
    date_filed: dt.date | None


class SearchHitOut(OpinionRef):
    score: float
    snippet: str


class FacetOut(Schema):
    value: str | int
    count: int


class SearchOut(Schema):
    total: int
    offset: int
    limit: int
    hits: list[SearchHitOut]
    facets: dict[str, list[FacetOut]]


class OutgoingOut(Schema):
    text: str
    normalized: str
    kind: str
    pin_cite: str
    target_pk: int | None


class OpinionOut(OpinionRef):
    jurisdiction: str
    year: int | None
    citations: list[str]
    outgoing: list[OutgoingOut]
    cited_by_count: int
    text: str


class LookupRowOut(Schema):
    citation: str  # as asked
    normalized: str | None  # None: not a case citation
    opinions: list[OpinionRef]


class LookupOut(Schema):
    citations: list[LookupRowOut]


class CitingOut(Schema):
    id: str
    case_name: str
    count: int


class CitedByOut(Schema):
    citation: str
    opinions: list[CitingOut]


class CiteCheckCreated(Schema):
    id: int
    status: str


class CiteCheckRowOut(Schema):
    text: str
    normalized: str | None
    status: str
    opinion_id: str | None
    sentence: str | None


class CiteCheckResultOut(Schema):
    citations: list[CiteCheckRowOut]


class CiteCheckOut(Schema):
    id: int
    filename: str
    matter_id: int | None
    status: str
    progress: int
    message: str
    created_by: str | None
    created_at: dt.datetime
    finished_at: dt.datetime | None
    result: CiteCheckResultOut | None  # when the check is done


class AuthorityIn(Schema):
    citation: str = ""  # a citation typed or found ("410 U.S. 113"), or
    opinion_pk: int | None = None  # a library opinion
    notes: str = ""
    tags: list[str] | str = []  # a list, or comma-separated


class AuthorityOut(Schema):
    id: int
    matter_id: int
    citation: str
    normalized: str
    case_name: str
    opinion_pk: int | None
    notes: str
    tags: list[str]
    created_by: str | None
    created_at: dt.datetime
    updated_at: dt.datetime


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


def _plain(snippet_html: str) -> str:
    """A search snippet without its highlighting (as ``casedesk research search --json``)."""
    return html.unescape(re.sub(r"</?(mark|b|em)>", "", snippet_html or ""))


def opinion_ref(opinion: Opinion) -> dict[str, Any]:
    return {
        "id": opinion.source_id,
        "pk": opinion.pk,
        "case_name": opinion.case_name,
        "court": opinion.court,
        "date_filed": opinion.date_filed,
    }


# --- the library (firm-wide) --------------------------------------------------------------------


@router.get("/opinions/search", response={200: SearchOut, **REFUSALS})
@refusals
def opinion_search_api(
    request: HttpRequest,
    q: str = "",
    court: list[str] = Query([]),  # noqa: B008 - ninja's way to a repeatable parameter
    year_from: int | None = None,
    year_to: int | None = None,
    sort: str = "relevance",
    boost_recent: bool = False,
    boost_cited: bool = False,
    offset: int = Query(0, ge=0, le=MAX_OFFSET),
    limit: int = Query(20, ge=1, le=100),
) -> Any:
    """Search the library with the query language (words, ``"phrases"``, AND/OR/NOT, ``w/5``,
    ``prefix*``, fields such as ``cites:"410 U.S. 113"``); ``court`` (repeatable) and the years
    filter, ``sort`` is relevance, date or cited. Facets count courts and years over every
    match. A query the language cannot read is a 422 saying why."""
    if sort not in selectors.SORTS:
        raise ServiceError(f"Sort by {', '.join(selectors.SORTS)}.", field="sort")
    page = selectors.opinion_search(
        q,
        court=court,
        year_from=year_from,
        year_to=year_to,
        sort=sort,
        boost_recent=boost_recent,
        boost_cited=boost_cited,
        offset=offset,
        limit=limit,
    )
    return {
        "total": page.total,
        "offset": page.offset,
        "limit": page.limit,
        "hits": [
            {
                **opinion_ref(hit.opinion),
                "score": round(hit.score, 4),
                "snippet": _plain(hit.snippet_html),
            }
            for hit in page.hits
        ],
        "facets": {
            name: [{"value": value, "count": count} for value, count in values]
            for name, values in page.facets.items()
        },
    }


@router.get("/opinions/{opinion_pk}", response={200: OpinionOut, 404: Refusal})
def opinion_detail_api(request: HttpRequest, opinion_pk: int) -> Any:
    """One opinion: its details and text, its own citations (normalised), every citation it
    makes in order (with the library opinion's ``target_pk`` when the library has it) and how
    many library opinions cite it."""
    view = selectors.opinion_detail(opinion_pk)
    opinion = view.opinion
    return {
        **opinion_ref(opinion),
        "jurisdiction": opinion.jurisdiction,
        "year": opinion.year,
        "citations": view.own,
        "outgoing": [
            {
                "text": ref.text,
                "normalized": ref.normalized,
                "kind": ref.kind,
                "pin_cite": ref.pin_cite,
                "target_pk": ref.target_id,
            }
            for ref in view.refs
        ],
        "cited_by_count": opinion.cited_by_count,
        "text": opinion.text,
    }


@router.get("/citations/lookup", response={200: LookupOut, **REFUSALS})
@refusals
def citation_lookup_api(
    request: HttpRequest,
    citation: list[str] = Query([]),  # noqa: B008 - ninja's way to a repeatable parameter
) -> Any:
    """The library opinions of each ``citation`` (repeatable), in the order asked:
    ``normalized`` is null when the text is not a case citation, ``opinions`` empty when the
    library does not have the case."""
    from casedesk.core.citations import normalize_citation

    asked = [" ".join(c.split()) for c in citation]
    asked = [c for c in asked if c]
    if not asked:
        raise ServiceError("Give one or more citations, like 410 U.S. 113.", field="citation")
    if len(asked) > MAX_LOOKUP:
        raise ServiceError(f"At most {MAX_LOOKUP} citations at a time.", field="citation")
    normalized = [normalize_citation(c[:MAX_CITATION]) for c in asked]
    found = selectors.opinions_by_citations([n for n in normalized if n])
    return {
        "citations": [
            {
                "citation": raw,
                "normalized": norm,
                "opinions": [opinion_ref(o) for o in found.get(norm, [])] if norm else [],
            }
            for raw, norm in zip(asked, normalized, strict=True)
        ]
    }


@router.get("/citations/cited-by", response={200: CitedByOut, **REFUSALS})
@refusals
def cited_by_api(request: HttpRequest, citation: str = "") -> Any:
    """Every library opinion citing ``citation`` (the cited case need not be in the library),
    with how many times, most first: the shape of ``casedesk research cited-by --json``."""
    from casedesk.core.citations import normalize_citation

    raw = " ".join(citation.split())[:MAX_CITATION]
    if not raw:
        raise ServiceError("Give the citation, like 410 U.S. 113.", field="citation")
    norm = normalize_citation(raw)
    if not norm:
        raise ServiceError(
            f"“{raw[:100]}” is not a case citation; write it like 410 U.S. 113.",
            field="citation",
        )
    return {
        "citation": norm,
        "opinions": [
            {"id": c.opinion.source_id, "case_name": c.opinion.case_name, "count": c.count}
            for c in selectors.cited_by(norm)
        ],
    }


# --- cite-checks (matter data) ------------------------------------------------------------------


def cite_check_out(check: CiteCheck) -> dict[str, Any]:
    result = None
    if check.status == "done":
        result = cli_json(check.result)
    return {
        "id": check.pk,
        "filename": check.filename,
        "matter_id": check.matter_id,
        "status": check.status,
        "progress": check.progress,
        "message": check.message,
        "created_by": check.created_by.username if check.created_by else None,
        "created_at": check.created_at,
        "finished_at": check.finished_at,
        "result": result,
    }


# Not ``@refusals``: ninja reads a wrapped view's annotations in the wrapper's module, which
# does not know ``UploadedFile``; the refusal is made here with the same helper.
@router.post("/cite-checks", response={201: CiteCheckCreated, 413: Refusal, **REFUSALS})
def cite_check_create(
    request: HttpRequest,
    file: UploadedFile | None = File(None),
    matter_id: int | None = Form(None),
) -> Any:
    """Upload a draft (multipart field ``file``: PDF, Word .docx or text) to check its case
    citations against the library, filed to ``matter_id`` if given (else it is yours alone).
    The check runs in the background: poll ``/cite-checks/{check_id}`` for its report."""
    refused = getattr(request, "upload_refused", "")
    if refused:
        return Status(413, {"detail": refused})
    try:
        return _cite_check_create(request, file, matter_id)
    except ServiceError as exc:
        return refusal_response(exc)


def _cite_check_create(request: HttpRequest, file: Any, matter_id: int | None) -> Any:
    user = _user(request)
    matter = get_visible_matter(user, matter_id) if matter_id is not None else None
    require_writer(user)  # a read-only role hears so before any complaint about the file
    if file is None:
        raise ServiceError("Send the draft in the multipart field 'file'.", field="file")
    with incoming_files([file]) as incoming:
        check = cite_check_start(
            by=user, path=incoming[0].path, filename=file.name or "draft", matter=matter
        )
    return Status(201, {"id": check.pk, "status": check.status})


@router.get("/cite-checks/{check_id}", response={200: CiteCheckOut, 404: Refusal})
def cite_check_detail(request: HttpRequest, check_id: int) -> Any:
    """A cite-check: ``status`` (queued, running, done, failed), ``progress`` in percent, the
    ``message``, and when done the ``result``, as ``casedesk cite-check --json`` prints it."""
    return cite_check_out(selectors.get_visible_cite_check(_user(request), check_id))


# --- a matter's authorities (matter data) -------------------------------------------------------


def authority_out(authority: SavedAuthority) -> dict[str, Any]:
    return {
        "id": authority.pk,
        "matter_id": authority.matter_id,
        "citation": authority.citation,
        "normalized": authority.normalized,
        "case_name": authority.case_name,
        "opinion_pk": authority.opinion_id,
        "notes": authority.notes,
        "tags": authority.tag_list,
        "created_by": authority.created_by.username if authority.created_by else None,
        "created_at": authority.created_at,
        "updated_at": authority.updated_at,
    }


@router.get("/matters/{matter_id}/authorities", response={200: list[AuthorityOut], 404: Refusal})
def authority_list(request: HttpRequest, matter_id: int, tag: str = "") -> Any:
    """The authorities saved to the matter, with notes and tags (``tag`` filters)."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    tag = " ".join(tag.split()).lower()
    return [authority_out(a) for a in selectors.matter_authorities(user, matter, tag=tag)]


@router.post(
    "/matters/{matter_id}/authorities",
    response={201: AuthorityOut, **REFUSALS},
    openapi_extra=body_doc(AuthorityIn),
)
@refusals
def authority_create(request: HttpRequest, matter_id: int) -> Any:
    """Save an authority to the matter: a library opinion (``opinion_pk``) or a citation
    (``citation``, in the library or not), with ``notes`` and ``tags``. Saving the same
    authority twice is a 422."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    require_writer(user)  # a read-only role hears so before any complaint about the input
    payload = read_json(request, AuthorityIn)
    tags = payload.tags if isinstance(payload.tags, str) else ", ".join(payload.tags)
    if payload.opinion_pk is not None and payload.citation.strip():
        raise ServiceError(
            "Give either the citation or the opinion_pk, not both.", field="citation"
        )
    opinion = None
    if payload.opinion_pk is not None:
        try:
            opinion = selectors.get_opinion(payload.opinion_pk)
        except Http404:
            raise ServiceError(
                f"There is no opinion {payload.opinion_pk} in the library.", field="opinion_pk"
            ) from None
    authority = authority_save(
        by=user,
        matter=matter,
        opinion=opinion,
        citation=payload.citation,
        notes=payload.notes,
        tags=tags,
    )
    return Status(201, authority_out(authority))


@router.delete("/authorities/{authority_id}", response={204: None, **REFUSALS})
@refusals
def authority_remove(request: HttpRequest, authority_id: int) -> Any:
    """Remove an authority from its matter."""
    user = _user(request)
    authority = selectors.get_visible_authority(user, authority_id)
    authority_delete(by=user, authority=authority)
    return Status(204, None)
