"""Template context: the signed-in user's role flags, so templates show only what they may use."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from casedesk.web.accounts.models import Role


def role_flags(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    authed = bool(user and user.is_authenticated)
    return {
        "firm_name": settings.CASEDESK_FIRM_NAME,
        "is_admin": authed and (user.role == Role.ADMIN or user.is_superuser),  # type: ignore[union-attr]
        "can_write": authed and user.is_active and user.role != Role.READONLY,  # type: ignore[union-attr]
    }
