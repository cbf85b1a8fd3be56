"""Reads for user administration and the ethical-walls page (administrators only)."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casedesk.web.accounts.models import User
from casedesk.web.matters.models import EthicalWall, Matter


def users_all() -> QuerySet[User]:
    """Every user, by name."""
    return User.objects.order_by("full_name", "username")


def users_locked() -> QuerySet[User]:
    """Users whose account is locked right now."""
    return User.objects.filter(locked_until__gt=timezone.now())


def user_get(pk: object) -> User:
    """One user or 404."""
    try:
        return User.objects.get(pk=pk)
    except (User.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such user.") from exc


def walls_all() -> QuerySet[EthicalWall]:
    """Every ethical wall with its matter and users, newest first."""
    return EthicalWall.objects.select_related("matter", "user", "created_by").order_by(
        "-created_at"
    )


def wall_get(pk: object) -> EthicalWall:
    """One wall or 404."""
    try:
        return walls_all().get(pk=pk)
    except (EthicalWall.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such wall.") from exc


def matters_by_number(query: str, limit: int = 20) -> QuerySet[Matter]:
    """Matters whose number or title contains ``query`` (for the admin's matter picker)."""
    query = (query or "").strip()[:100]
    if not query:
        return Matter.objects.none()
    return Matter.objects.filter(Q(number__icontains=query) | Q(title__icontains=query)).order_by(
        "-number"
    )[:limit]


def matter_by_number(number: str) -> Matter | None:
    """The matter with exactly this number (the picker fills in "NUMBER — title")."""
    number = (number or "").split(" — ")[0].strip()
    return Matter.objects.filter(number=number).first() if number else None
