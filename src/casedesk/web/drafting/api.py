"""The drafting part of the REST API (``/api/v1``): the firm's templates, the questions a
template asks for a matter, generating a document, and the generated document's state.

Everything goes through the drafting app's selectors and services, so walls, roles and the
audit log apply as on the pages: a matter (and what was generated for it) hidden from the
token's user is 404; a read-only user may look but not generate (403 with the reason).
Refusals are JSON ``{"detail": ..., "field"?: ..., "errors"?: {name: sentence}}``: 403 for a
role that may not write, 422 for input naming a field (each bad answer under ``errors``),
400 for any other refusal.

A request body is read by the view itself (:func:`read_json`), after the matter is looked up
and the role checked: a screened user gets 404 and a read-only one 403 whatever they send.
:func:`read_json`, :func:`body_doc` and :func:`refusals` are used by the correspondence
endpoints too.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Callable
from typing import Any, TypeVar

import pydantic
from django.db.models import Max
from django.http import Http404, HttpRequest, JsonResponse
from ninja import Router, Schema, Status

from casedesk.web.access import (
    AccessDenied,
    get_visible_matter,
    require_writer,
    visible_matters,
)
from casedesk.web.drafting.models import DraftTemplate, GeneratedDocument
from casedesk.web.drafting.selectors import get_template, template_detail, templates_visible
from casedesk.web.drafting.services import document_generate, draft_prepare
from casedesk.web.errors import ServiceError

router = Router(tags=["drafting"])


# --- shapes -------------------------------------------------------------------------------------


class Refusal(Schema):
    detail: str
    field: str | None = None
    errors: dict[str, str] | None = None


class TemplateOut(Schema):
    id: int
    slug: str
    name: str
    kind: str
    description: str
    version: int | None
    archived: bool


class TemplateFieldOut(Schema):
    name: str
    kind: str
    paragraph: str
    required: bool
    status: str
    label: str
    source: str


class TemplateDetailOut(TemplateOut):
    starter_id: str
    filename: str
    fields: list[TemplateFieldOut]


class QuestionOut(Schema):
    name: str
    label: str
    type: str
    help: str
    required: bool
    choices: list[tuple[str, str]]
    suggestion: str
    saved: str | None


class QuestionsOut(Schema):
    template_id: int
    template_version: int
    questions: list[QuestionOut]


class GenerateIn(Schema):
    template_id: int
    answers: dict[str, str | int | float | bool | None] = {}
    title: str = ""
    pdf: bool = False


class GenerateOut(Schema):
    generated_id: int
    document_id: int
    pdf_status: str


class GeneratedOut(Schema):
    id: int
    matter: str
    matter_id: int
    template: str
    template_id: int
    template_version: int
    document_id: int
    pdf_document_id: int | None
    pdf_status: str
    pdf_message: str
    answers: dict[str, str]
    created_by: str | None
    created_at: dt.datetime


# --- request bodies and refusals (shared with the correspondence endpoints) ---------------------

SchemaT = TypeVar("SchemaT", bound=Schema)


class InputInvalid(ServiceError):
    """The request body does not have the expected shape; ``errors``: field path -> sentence."""

    def __init__(self, errors: dict[str, str]) -> None:
        count = len(errors)
        super().__init__(
            "One field of the request needs correcting: see errors."
            if count == 1
            else f"{count} fields of the request need correcting: see errors.",
            field=next(iter(errors)) if count == 1 else None,
        )
        self.errors = errors


def read_json(request: HttpRequest, model: type[SchemaT]) -> SchemaT:
    """The request's JSON body as ``model`` (an empty body is an empty object)."""
    if request.body and request.content_type != "application/json":
        raise ServiceError("Send the request body as JSON (Content-Type: application/json).")
    try:
        data = json.loads(request.body or b"{}")
    except ValueError:
        raise ServiceError("The request body is not valid JSON.") from None
    if not isinstance(data, dict):
        raise ServiceError("Send the request body as a JSON object.")
    try:
        return model.model_validate(data)
    except pydantic.ValidationError as exc:
        errors: dict[str, str] = {}
        for error in exc.errors():
            name = ".".join(str(part) for part in error["loc"]) or "body"
            errors.setdefault(name, f"{error['msg']}.")
        raise InputInvalid(errors) from None


def _inline(node: Any, defs: dict[str, Any]) -> Any:
    if isinstance(node, dict):
        ref = node.get("$ref", "")
        if ref.startswith("#/$defs/"):
            rest = {k: v for k, v in node.items() if k != "$ref"}
            return {**_inline(defs[ref.removeprefix("#/$defs/")], defs), **rest}
        return {k: _inline(v, defs) for k, v in node.items()}
    if isinstance(node, list):
        return [_inline(v, defs) for v in node]
    return node


def body_doc(model: type[Schema]) -> dict[str, Any]:
    """``openapi_extra`` documenting a JSON request body read with :func:`read_json`."""
    schema = model.model_json_schema()
    defs = schema.pop("$defs", {})
    return {
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": _inline(schema, defs)}},
        }
    }


def refusal_response(exc: ServiceError, fields: dict[str, str] | None = None) -> JsonResponse:
    """A service's refusal as JSON: 403 for a role, 422 naming the field(s), else 400.

    ``fields`` renames the services' field names (those of the web forms) to the API's.
    """
    fields = fields or {}
    body: dict[str, Any] = {"detail": exc.message}
    if isinstance(exc, AccessDenied):
        return JsonResponse(body, status=403)
    field = fields.get(exc.field, exc.field) if exc.field else None
    if field:
        body["field"] = field
    errors = getattr(exc, "errors", None)
    if isinstance(errors, dict) and errors:
        body["errors"] = {fields.get(k, k): v for k, v in errors.items()}
    elif field:
        body["errors"] = {field: exc.message}
    return JsonResponse(body, status=422 if "errors" in body else 400)


def refusals(
    view: Callable[..., Any] | None = None, *, fields: dict[str, str] | None = None
) -> Any:
    """Answer a view's ``ServiceError`` with :func:`refusal_response` (``@refusals`` or
    ``@refusals(fields={...})``)."""

    def decorate(func: Callable[..., Any]) -> Callable[..., Any]:
        @functools.wraps(func)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> Any:
            try:
                return func(request, *args, **kwargs)
            except ServiceError as exc:
                return refusal_response(exc, fields)

        return wrapper

    return decorate(view) if view is not None else decorate


REFUSALS: dict[int, Any] = {400: Refusal, 403: Refusal, 404: Refusal, 422: Refusal}


def _user(request: HttpRequest) -> Any:
    return request.auth  # type: ignore[attr-defined]


# --- templates ----------------------------------------------------------------------------------


def template_out(template: DraftTemplate, version: int | None) -> dict[str, Any]:
    """The API's view of a template (``version``: its latest version's number)."""
    return {
        "id": template.pk,
        "slug": template.slug,
        "name": template.name,
        "kind": template.kind,
        "description": template.description,
        "version": version,
        "archived": template.archived,
    }


@router.get("/templates", response=list[TemplateOut])
def template_list(request: HttpRequest, archived: bool = False, q: str = "") -> Any:
    """The firm's templates (every signed-in user may draft from them); ``archived=true`` adds
    the archived ones, ``q`` searches names and descriptions."""
    qs = templates_visible(_user(request), archived=archived, q=q).annotate(
        latest=Max("versions__number")
    )
    return [template_out(t, t.latest) for t in qs]


@router.get("/templates/{template_id}", response={200: TemplateDetailOut, 404: Refusal})
def template_detail_api(request: HttpRequest, template_id: int) -> Any:
    """One template with the fields of its latest version, each with where its value comes
    from: ``matter`` (the matter's data), ``asked`` (asked when generating) or ``unknown``."""
    template = get_template(_user(request), template_id)
    version = template.latest_version()
    rows = template_detail(version) if version is not None else []
    return {
        **template_out(template, version.number if version else None),
        "starter_id": template.starter_id,
        "filename": version.filename if version else "",
        "fields": [
            {
                "name": r.name,
                "kind": r.kind,
                "paragraph": r.paragraph,
                "required": r.required,
                "status": r.status,
                "label": r.label,
                "source": r.source,
            }
            for r in rows
        ],
    }


# --- questions and generation -------------------------------------------------------------------


@router.get(
    "/matters/{matter_id}/templates/{template_id}/questions",
    response={200: QuestionsOut, **REFUSALS},
)
@refusals
def template_questions(request: HttpRequest, matter_id: int, template_id: int) -> Any:
    """What generating this template for this matter would ask, each question with its
    suggestion and the answer saved for the matter (used when the answer is left out)."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    template = get_template(user, template_id)
    draft = draft_prepare(user, matter, template, {})
    return {
        "template_id": template.pk,
        "template_version": draft.version.number,
        "questions": [
            {
                "name": q.name,
                "label": q.label,
                "type": q.type,
                "help": q.help,
                "required": q.required,
                "choices": [list(c) for c in q.choices],
                "suggestion": q.suggestion,
                "saved": draft.saved.get(q.name),
            }
            for q in draft.questions
        ],
    }


def _answer_text(value: str | int | float | bool | None) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


@router.post(
    "/matters/{matter_id}/documents/generate",
    response={201: GenerateOut, **REFUSALS},
    openapi_extra=body_doc(GenerateIn),
)
@refusals
def document_generate_api(request: HttpRequest, matter_id: int) -> Any:
    """Fill in a template for the matter and file the Word file to its case file (and queue
    its PDF with ``pdf: true``). Questions left out of ``answers`` take the answer saved for
    the matter, else the suggestion; a question still without a good answer is a 422 with one
    sentence per question under ``errors``."""
    user = _user(request)
    matter = get_visible_matter(user, matter_id)
    require_writer(user)  # a read-only role hears so before any complaint about the input
    payload = read_json(request, GenerateIn)
    try:
        template = get_template(user, payload.template_id)
    except Http404:
        raise ServiceError(
            f"There is no template {payload.template_id}.", field="template_id"
        ) from None
    generated = document_generate(
        by=user,
        matter=matter,
        template=template,
        raw_answers={str(k): _answer_text(v) for k, v in payload.answers.items()},
        title=payload.title,
        pdf=payload.pdf,
    )
    assert generated is not None
    return Status(
        201,
        {
            "generated_id": generated.pk,
            "document_id": generated.document_id,
            "pdf_status": generated.pdf_status,
        },
    )


@router.get("/generated/{generated_id}", response={200: GeneratedOut, 404: Refusal})
def generated_detail(request: HttpRequest, generated_id: int) -> Any:
    """A generated document: the filed Word file, its PDF (``pdf_status`` none, queued,
    running, done or failed, with ``pdf_message`` when it failed) and the answers used."""
    generated = (
        GeneratedDocument.objects.filter(matter__in=visible_matters(_user(request)))
        .select_related("matter", "template_version__template", "created_by")
        .filter(pk=generated_id)
        .first()
    )
    if generated is None:
        raise Http404("No such generated document.")
    version = generated.template_version
    return {
        "id": generated.pk,
        "matter": generated.matter.number,
        "matter_id": generated.matter_id,
        "template": version.template.slug,
        "template_id": version.template_id,
        "template_version": version.number,
        "document_id": generated.document_id,
        "pdf_document_id": generated.pdf_document_id,
        "pdf_status": generated.pdf_status,
        "pdf_message": generated.pdf_message,
        "answers": {str(k): str(v) for k, v in (generated.answers or {}).items()},
        "created_by": generated.created_by.username if generated.created_by else None,
        "created_at": generated.created_at,
    }
