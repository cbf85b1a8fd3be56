"""Creating, using and revoking API tokens."""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.web.accounts.models import User
from casedesk.web.api.models import ApiToken
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError, clean_name

TOKEN_PREFIX = "cd_"


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def api_token_create(*, by: Any, name: str) -> tuple[ApiToken, str]:
    """Make a token for ``by``; return it with the secret key, which is never shown again."""
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        raise ServiceError("Sign in to create an API token.")
    name = clean_name(name, field="Token name")[:100]
    if by.api_tokens.filter(revoked_at__isnull=True).count() >= 20:
        raise ServiceError("You have 20 active tokens; revoke one you no longer use first.")
    key = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with transaction.atomic():
        token = ApiToken.objects.create(user=by, name=name, prefix=key[:10], key_hash=_digest(key))
        audit_record(
            actor=by,
            action="create",
            object_type="api-token",
            object_id=token.pk,
            summary=f"Created API token {name!r}",
        )
    return token, key


def api_token_revoke(*, by: Any, token: ApiToken) -> ApiToken:
    """Revoke a token: its owner or an administrator may."""
    if token.user_id != getattr(by, "pk", None) and not getattr(by, "is_firm_admin", False):
        raise ServiceError("You can revoke only your own tokens.")
    if token.revoked_at is not None:
        raise ServiceError("That token is already revoked.")
    with transaction.atomic():
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=by,
            action="update",
            object_type="api-token",
            object_id=token.pk,
            summary=f"Revoked API token {token.name!r} of {token.user}",
        )
    return token


def api_token_user(key: str) -> User | None:
    """The active user a presented key belongs to, or ``None``; records when it was last used."""
    if not key.startswith(TOKEN_PREFIX) or len(key) > 200:
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=_digest(key), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
