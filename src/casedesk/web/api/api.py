"""The REST API for integrations: ``/api/v1`` (OpenAPI at ``/api/v1/openapi.json``, docs at ``/api/v1/docs``).

Authentication: ``Authorization: Bearer <token>`` (tokens from the "API tokens" page) or the
browser session. Every read goes through ``web.access`` (walls apply); every write through
the same services the pages use.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from ninja import NinjaAPI, Status
from ninja.pagination import LimitOffsetPagination, paginate
from ninja.security import HttpBearer, django_auth

from casedesk.web.access import (
    get_visible_contact,
    get_visible_matter,
    visible_contacts,
    visible_matters,
)
from casedesk.web.accounts.models import User
from casedesk.web.api import schemas
from casedesk.web.api.services import api_token_user
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import Contact
from casedesk.web.errors import ServiceError
from casedesk.web.matters.conflict_search import conflict_search_adhoc
from casedesk.web.matters.models import Matter
from casedesk.web.matters.services import PartyInput, intake_create, matter_viewed


class BearerToken(HttpBearer):
    """``Authorization: Bearer cd_...``: the token's active user."""

    def authenticate(self, request: HttpRequest, token: str) -> User | None:
        user = api_token_user(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="casedesk API",
    version="1",
    description="Matters, contacts and conflict checks, with the same permissions and walls as the web pages.",
    auth=[BearerToken(), django_auth],
    urls_namespace="api",
    docs_decorator=login_required,  # the schema and docs pages are for signed-in staff
)


@api.exception_handler(ServiceError)
def service_error(request: HttpRequest, exc: ServiceError) -> HttpResponse:
    return api.create_response(request, {"detail": exc.message}, status=400)


def _user(request: HttpRequest) -> User:
    user = request.auth  # type: ignore[attr-defined]
    assert isinstance(user, User)
    return user


def _matter_out(matter: Matter) -> dict[str, Any]:
    return {
        "id": matter.pk,
        "number": matter.number,
        "title": matter.title,
        "status": matter.status,
        "practice_area": matter.practice_area,
        "court": matter.court,
        "case_number": matter.case_number,
        "judge": matter.judge,
        "intake_on": matter.intake_on,
        "opened_on": matter.opened_on,
        "closed_on": matter.closed_on,
        "responsible_attorney": matter.responsible_attorney.username
        if matter.responsible_attorney
        else None,
    }


def _matter_detail(matter: Matter) -> dict[str, Any]:
    latest = matter.conflict_checks.order_by("-run_at", "-id").first()
    parties = [
        {
            "contact_id": p.contact_id,
            "name": p.contact.name,
            "kind": p.contact.kind,
            "role": p.role,
            "aliases": [a.name for a in p.contact.aliases.all()],
        }
        for p in matter.parties.select_related("contact").prefetch_related("contact__aliases")
    ]
    return {
        **_matter_out(matter),
        "description": matter.description,
        "parties": parties,
        "conflict_check_status": latest.status if latest else None,
    }


@api.get("/matters", response=list[schemas.MatterOut], tags=["matters"])
@paginate(LimitOffsetPagination)
def matter_list(request: HttpRequest, search: str = "", status: str = "") -> Any:
    """Matters you may see, newest number first; ``search`` matches number, title, client or case number."""
    qs = visible_matters(_user(request)).select_related("responsible_attorney")
    if search:
        qs = qs.filter(
            Q(number__icontains=search)
            | Q(title__icontains=search)
            | Q(case_number__icontains=search)
            | Q(parties__contact__name__icontains=search)
        ).distinct()
    if status:
        qs = qs.filter(status=status)
    return [_matter_out(m) for m in qs.order_by("-number")]


@api.get(
    "/matters/{matter_id}",
    response={200: schemas.MatterDetailOut, 404: schemas.Error},
    tags=["matters"],
)
def matter_detail(request: HttpRequest, matter_id: int) -> Any:
    """One matter with its parties (404 if it does not exist or you may not see it). Audited as a view."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    with transaction.atomic():
        matter_viewed(by=user, matter=matter)
    return _matter_detail(matter)


@api.post("/intake", response={201: schemas.MatterDetailOut, 400: schemas.Error}, tags=["matters"])
def matter_intake(request: HttpRequest, payload: schemas.IntakeIn) -> Any:
    """Take in a prospective client: creates the matter in intake status and runs the conflict check."""
    attorney = None
    if payload.responsible_attorney:
        attorney = User.objects.filter(
            username=payload.responsible_attorney, is_active=True
        ).first()
        if attorney is None:
            raise ServiceError(f"No active user {payload.responsible_attorney!r}.")
    matter = intake_create(
        by=_user(request),
        title=payload.title,
        practice_area=payload.practice_area,
        client=PartyInput(
            payload.client.name,
            payload.client.kind,
            "client",
            aliases=tuple(payload.client.aliases),
        ),
        other_parties=[
            PartyInput(p.name, p.kind, p.role, aliases=tuple(p.aliases))
            for p in payload.other_parties
        ],
        court=payload.court,
        case_number=payload.case_number,
        judge=payload.judge,
        description=payload.description,
        responsible_attorney=attorney,
        number=payload.number,
    )
    return Status(201, _matter_detail(matter))


def _contact_out(contact: Contact) -> dict[str, Any]:
    return {
        "id": contact.pk,
        "kind": contact.kind,
        "name": contact.name,
        "aliases": [a.name for a in contact.aliases.all()],
        "emails": [e.address for e in contact.emails.all()],
        "phones": [p.number for p in contact.phones.all()],
    }


@api.get("/contacts", response=list[schemas.ContactOut], tags=["contacts"])
@paginate(LimitOffsetPagination)
def contact_list(request: HttpRequest, search: str = "") -> Any:
    """Contacts you may see; ``search`` matches the name or any alias."""
    qs = visible_contacts(_user(request)).prefetch_related("aliases", "emails", "phones")
    if search:
        qs = qs.filter(Q(name__icontains=search) | Q(aliases__name__icontains=search)).distinct()
    return [_contact_out(c) for c in qs.order_by("name", "id")]


@api.get(
    "/contacts/{contact_id}",
    response={200: schemas.ContactOut, 404: schemas.Error},
    tags=["contacts"],
)
def contact_detail(request: HttpRequest, contact_id: int) -> Any:
    """One contact (404 if it does not exist or you may not see it). Audited as a view."""
    user = _user(request)
    contact = get_visible_contact(user, contact_id)
    with transaction.atomic():
        audit_record(
            actor=user,
            action="view",
            object_type="contact",
            object_id=contact.pk,
            summary=f"Viewed contact {contact.name} (API)",
        )
    return _contact_out(contact)


@api.post(
    "/conflicts/search",
    response={200: list[schemas.ConflictResultOut], 400: schemas.Error},
    tags=["conflicts"],
)
def conflicts_search(request: HttpRequest, payload: schemas.ConflictSearchIn) -> Any:
    """Check names against everyone the firm knows. Audited. Hits in matters hidden from you come back redacted."""
    results = conflict_search_adhoc(by=_user(request), names=payload.names, kind=payload.kind)
    return [
        {
            "query": r.query,
            "hits": [
                {
                    "redacted": h.redacted,
                    "name": h.name,
                    "matched_name": h.matched_name,
                    "role": h.role,
                    "matter_number": h.matter_number,
                    "matter_status": h.matter_status,
                    "score": h.score,
                    "reason": h.reason,
                }
                for h in r.hits
            ],
        }
        for r in results
    ]


# The documents app's endpoints (its own module; same auth, same error handling).
from casedesk.web.documents.api import router as documents_router  # noqa: E402

api.add_router("/", documents_router)
api.add_router("/", "casedesk.web.drafting.api.router")
api.add_router("/", "casedesk.web.correspondence.api.router")
api.add_router("/", "casedesk.web.research.api.router")
