"""Writes to users: logins (with lockout), user administration."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from casedesk.web.access import require_admin
from casedesk.web.accounts.models import Role, User
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError, clean_name

LOCKED_MESSAGE = "This account is locked after too many failed sign-ins. Try again in {minutes} minutes or ask an administrator."
BAD_LOGIN_MESSAGE = "That user name and password do not match. Check them and try again."


def login_attempt(*, request: HttpRequest | None, username: str, password: str) -> User:
    """Check a sign-in; count failures and lock the account after too many. Audits both outcomes."""
    username = (username or "").strip()[:150]
    user = User.objects.filter(username=username).first()
    now = timezone.now()
    if user is not None and user.locked_until and user.locked_until > now:
        minutes = max(1, int((user.locked_until - now).total_seconds() // 60) + 1)
        with transaction.atomic():
            audit_record(
                actor=None,
                actor_name=username,
                action="login-failed",
                object_type="user",
                object_id=user.pk,
                summary=f"Sign-in refused for {username}: account locked",
            )
        raise ServiceError(LOCKED_MESSAGE.format(minutes=minutes))
    authed = authenticate(request, username=username, password=password)
    if authed is None:
        with transaction.atomic():
            if user is not None:
                user.failed_login_count += 1
                if user.failed_login_count >= settings.CASEDESK_LOCKOUT_THRESHOLD:
                    user.locked_until = now + dt.timedelta(
                        minutes=settings.CASEDESK_LOCKOUT_MINUTES
                    )
                    user.failed_login_count = 0
                user.save(update_fields=["failed_login_count", "locked_until"])
            audit_record(
                actor=None,
                actor_name=username,
                action="login-failed",
                object_type="user",
                object_id=user.pk if user else "",
                summary=f"Failed sign-in for {username!r}",
            )
            if user is not None and user.locked_until and user.locked_until > now:
                audit_record(
                    actor=None,
                    actor_name=username,
                    action="lockout",
                    object_type="user",
                    object_id=user.pk,
                    summary=f"Locked {username} for {settings.CASEDESK_LOCKOUT_MINUTES} minutes",
                )
        raise ServiceError(BAD_LOGIN_MESSAGE)
    assert isinstance(authed, User)
    with transaction.atomic():
        authed.failed_login_count = 0
        authed.locked_until = None
        authed.save(update_fields=["failed_login_count", "locked_until"])
        audit_record(
            actor=authed,
            action="login",
            object_type="user",
            object_id=authed.pk,
            summary=f"{authed.username} signed in",
        )
    return authed


def user_create(
    *,
    by: Any,
    username: str,
    full_name: str,
    role: str,
    password: str,
    email: str = "",
    bar_number: str = "",
) -> User:
    """Create a firm user with a role. Administrators only."""
    require_admin(by)
    username = (username or "").strip()
    if (
        not username
        or len(username) > 150
        or not all(c.isalnum() or c in "@.+-_" for c in username)
    ):
        raise ServiceError("User names are 1-150 letters, digits and @.+-_ only.", field="username")
    if role not in Role.values:
        raise ServiceError(f"Unknown role {role!r}.", field="role")
    full_name = clean_name(full_name, field="Full name")
    if User.objects.filter(username=username).exists():
        raise ServiceError(f"The user name {username!r} is taken.", field="username")
    candidate = User(username=username, full_name=full_name, email=email)
    try:
        validate_password(password, candidate)
    except ValidationError as exc:
        raise ServiceError(" ".join(exc.messages), field="password") from exc
    with transaction.atomic():
        user = User.objects.create_user(
            username=username,
            password=password,
            email=email,
            full_name=full_name,
            role=role,
            bar_number=bar_number,
            is_staff=False,
        )
        audit_record(
            actor=by,
            action="create",
            object_type="user",
            object_id=user.pk,
            summary=f"Created user {username} ({user.get_role_display()})",
        )
    return user


def user_update(
    *,
    by: Any,
    user: User,
    role: str | None = None,
    is_active: bool | None = None,
    full_name: str | None = None,
) -> User:
    """Change a user's role, name or active state. Deactivating ends all their sessions at once."""
    require_admin(by)
    diff: dict[str, list[str]] = {}
    with transaction.atomic():
        if role is not None and role != user.role:
            if role not in Role.values:
                raise ServiceError(f"Unknown role {role!r}.", field="role")
            diff["role"] = [user.role, role]
            user.role = role
        if full_name is not None and full_name != user.full_name:
            diff["full_name"] = [user.full_name, clean_name(full_name, field="Full name")]
            user.full_name = diff["full_name"][1]
        if is_active is not None and is_active != user.is_active:
            if user.pk == getattr(by, "pk", None) and not is_active:
                raise ServiceError("You cannot deactivate your own account.")
            diff["is_active"] = [str(user.is_active), str(is_active)]
            user.is_active = is_active
        if diff:
            # A deactivated user's sessions end on their next request: ActiveUserMiddleware
            # signs them out there and tells them why (deleting the sessions here would
            # send them to the sign-in page without a word).
            user.save()
            audit_record(
                actor=by,
                action="update",
                object_type="user",
                object_id=user.pk,
                summary=f"Updated user {user.username}: {', '.join(sorted(diff))}",
                data={"changes": diff},
            )
    return user


def user_unlock(*, by: Any, user: User) -> User:
    """Lift a lockout early."""
    require_admin(by)
    with transaction.atomic():
        user.locked_until = None
        user.failed_login_count = 0
        user.save(update_fields=["locked_until", "failed_login_count"])
        audit_record(
            actor=by,
            action="update",
            object_type="user",
            object_id=user.pk,
            summary=f"Unlocked {user.username}",
        )
    return user


def logout_record(*, user: Any) -> None:
    """Audit a sign-out."""
    with transaction.atomic():
        audit_record(
            actor=user,
            action="logout",
            object_type="user",
            object_id=user.pk,
            summary=f"{user.username} signed out",
        )
