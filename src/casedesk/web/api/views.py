"""The "API tokens" page: each user creates and revokes their own tokens."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from casedesk.web.api.models import ApiToken
from casedesk.web.api.services import api_token_create, api_token_revoke
from casedesk.web.errors import ServiceError


def token_list(request: HttpRequest) -> HttpResponse:
    """List the signed-in user's tokens and offer to create one."""
    new_key = request.session.pop("new_api_key", None)
    tokens = ApiToken.objects.filter(user=request.user)
    return render(request, "api/tokens.html", {"tokens": tokens, "new_key": new_key})


@require_POST
def token_create(request: HttpRequest) -> HttpResponse:
    try:
        token, key = api_token_create(by=request.user, name=request.POST.get("name", ""))
    except ServiceError as exc:
        messages.error(request, exc.message)
        return redirect("api-tokens")
    request.session["new_api_key"] = key
    messages.success(
        request, f"Token {token.name!r} created. Copy it now: it will not be shown again."
    )
    return redirect("api-tokens")


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = ApiToken.objects.filter(pk=pk, user=request.user).first()
    if token is None:
        raise Http404("No such token.")
    try:
        api_token_revoke(by=request.user, token=token)
        messages.success(request, f"Token {token.name!r} revoked.")
    except ServiceError as exc:
        messages.error(request, exc.message)
    return redirect("api-tokens")
