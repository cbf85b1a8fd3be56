"""Request guards: every page needs a signed-in, active user; audit entries get the client address."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from casedesk.web.audit.services import request_ip_context

# The API authenticates its own requests (bearer token or session) and answers 401 itself.
# Calendar feed URLs carry their own secret token (cf_...), which is the credential.
_OPEN_PREFIXES = ("/login/", "/static/", "/health", "/api/v1/", "/calendar/feeds/cf_")


class ActiveUserMiddleware:
    """Sign out a session whose user was deactivated or deleted, with a clear message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.session.get("_auth_user_id") and not request.user.is_authenticated:
            # The session names a user who no longer exists.
            request.session.flush()
            return redirect(f"{settings.LOGIN_URL}?gone=1")
        if request.user.is_authenticated and not request.user.is_active:
            logout(request)
            return redirect(f"{settings.LOGIN_URL}?gone=1")
        ip = request.META.get("REMOTE_ADDR", "") or ""
        with request_ip_context(ip):
            return self.get_response(request)


class LoginRequiredMiddleware:
    """Send anonymous visitors to the sign-in page (the API answers 401 instead)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not request.path.startswith(_OPEN_PREFIXES):
            if request.path.startswith("/api/"):
                return HttpResponse(
                    '{"detail": "Sign in first."}', status=401, content_type="application/json"
                )
            return redirect(f"{settings.LOGIN_URL}?next={request.path}")
        return self.get_response(request)
