"""Helpers the trial pages share: the proceeding and party a page is about, downloads, and
turning a refused write into a message."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.utils.http import urlencode

from casedesk.web.documents.views_document import content_disposition
from casedesk.web.errors import ServiceError
from casedesk.web.trial.exports import Export
from casedesk.web.trial.models import DEFAULT_PROCEEDING, Party


def proceeding_of(request: HttpRequest) -> str:
    """The proceeding the page shows ("Trial" unless ``proceeding`` says otherwise)."""
    raw = request.POST.get("proceeding") or request.GET.get("proceeding") or ""
    text = " ".join(str(raw).split())[:200]
    if not text or any(ord(ch) < 32 for ch in text):
        return DEFAULT_PROCEEDING
    return text


def party_of(request: HttpRequest) -> str:
    """The party a list is limited to ("" for every party)."""
    party = request.GET.get("party", "")
    return party if party in Party.values else ""


def with_query(url: str, **params: str) -> str:
    """``url`` with the non-empty ``params`` as its query string."""
    query = {k: v for k, v in params.items() if v}
    return f"{url}?{urlencode(query)}" if query else url


def send(export: Export) -> HttpResponse:
    """An export as a download."""
    response = HttpResponse(export.data, content_type=export.content_type)
    response["Content-Disposition"] = content_disposition(export.filename)
    return response


def attempt(request: HttpRequest, action: Callable[[], Any], done: str) -> bool:
    """Run a write; show ``done`` or the refusal as a message. True when it was made."""
    try:
        action()
    except ServiceError as exc:
        messages.error(request, exc.message)
        return False
    messages.success(request, done)
    return True
