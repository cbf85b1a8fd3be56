"""The one place that decides who sees what: matter permissions and ethical walls.

Every page, search, export, API call and CLI command that reads firm data goes through these
functions. A screened user gets *no trace* of a walled matter: lists, counts, search results,
direct URLs (404, not 403) and the contacts who appear only on that matter.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from casedesk.web.accounts.models import Role, User
from casedesk.web.contacts.models import Contact
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter


class AccessDenied(ServiceError):
    """The user may see the object but not change it (shown as a clear message)."""


def visible_matters(user: Any) -> QuerySet[Matter]:
    """Matters ``user`` may see: never a walled one; restricted ones only for their team."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Matter.objects.none()
    qs = Matter.objects.exclude(walls__user=user)
    if user.role != Role.ADMIN and not user.is_superuser:
        qs = qs.filter(Q(restricted=False) | Q(team__user=user) | Q(responsible_attorney=user))
    return qs.distinct()


def hidden_matter_ids(user: Any) -> set[int]:
    """Ids of matters ``user`` must not see (walls and restrictions)."""
    visible = visible_matters(user).values_list("id", flat=True)
    return set(Matter.objects.exclude(id__in=visible).values_list("id", flat=True))


def visible_contacts(user: Any) -> QuerySet[Contact]:
    """Contacts ``user`` may see: not those who appear only on matters hidden from them."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Contact.objects.none()
    hidden = hidden_matter_ids(user)
    if not hidden:
        return Contact.objects.all()
    only_hidden = Contact.objects.filter(party_roles__matter_id__in=hidden).exclude(
        party_roles__matter__in=visible_matters(user)
    )
    return Contact.objects.exclude(id__in=only_hidden.values("id"))


def visible_events(user: Any) -> QuerySet[Any]:
    """Calendar events ``user`` may see: those of visible matters, and firm events (no matter)."""
    from casedesk.web.scheduling.models import Event

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Event.objects.none()
    return Event.objects.filter(Q(matter__isnull=True) | Q(matter__in=visible_matters(user)))


def visible_tasks(user: Any) -> QuerySet[Any]:
    """Tasks ``user`` may see: those of visible matters, and tasks with no matter."""
    from casedesk.web.scheduling.models import Task

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Task.objects.none()
    return Task.objects.filter(Q(matter__isnull=True) | Q(matter__in=visible_matters(user)))


def visible_documents(user: Any, *, trash: bool = False) -> QuerySet[Any]:
    """Documents of matters ``user`` may see: filed ones, or with ``trash`` those in the trash."""
    from casedesk.web.documents.models import Document

    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Document.objects.none()
    return Document.objects.filter(matter__in=visible_matters(user), deleted_at__isnull=not trash)


def get_or_404(visible: QuerySet[Any], pk: Any, what: str) -> Any:
    """One object of a queryset already narrowed to what the user may see, or 404 ("No such
    <what>.") when it is missing, hidden or the key is not a number: a hidden object leaves
    no more trace than one that never existed."""
    try:
        return visible.get(pk=pk)
    except (visible.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404(f"No such {what}.") from exc


def get_visible_document(user: Any, pk: Any, *, trash: bool = False) -> Any:
    """The document, or 404 when it does not exist or its matter is hidden from ``user``."""
    from casedesk.web.documents.models import Document

    try:
        return visible_documents(user, trash=trash).select_related("matter").get(pk=pk)
    except (Document.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such document.") from exc


def get_visible_matter(user: Any, pk: Any) -> Matter:
    """The matter, or 404 when it does not exist *or* is hidden from ``user`` (no trace)."""
    try:
        return visible_matters(user).get(pk=pk)
    except (Matter.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such matter.") from exc


def get_visible_contact(user: Any, pk: Any) -> Contact:
    """The contact, or 404 when it does not exist or is hidden from ``user``."""
    try:
        return visible_contacts(user).get(pk=pk)
    except (Contact.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such contact.") from exc


def require_writer(user: Any) -> None:
    """Refuse changes by read-only or deactivated users."""
    if (
        not getattr(user, "is_authenticated", False)
        or not user.is_active
        or user.role == Role.READONLY
    ):
        raise AccessDenied("Your role is read-only: ask an administrator to make this change.")


def require_admin(user: Any) -> None:
    """Refuse administration to anyone but administrators."""
    if not getattr(user, "is_authenticated", False) or not (
        user.role == Role.ADMIN or user.is_superuser
    ):
        raise AccessDenied("Only an administrator can do this.")


def require_admin_page(user: Any) -> None:
    """Administration pages do not exist for anyone but administrators: 404, not 403."""
    try:
        require_admin(user)
    except AccessDenied as exc:
        raise Http404("No such page.") from exc


__all__ = [
    "AccessDenied",
    "User",
    "get_visible_contact",
    "get_visible_document",
    "get_visible_matter",
    "hidden_matter_ids",
    "visible_documents",
    "require_admin",
    "require_admin_page",
    "require_writer",
    "visible_contacts",
    "visible_events",
    "visible_matters",
    "visible_tasks",
]
