"""Writes for drafting: the firm profile, saved answers, and generating a document for a matter
(templates themselves: :mod:`casedesk.web.drafting.template_services`).

Every service checks permission through ``casedesk.web.access``, validates its input (a
refusal is a ``ServiceError`` with one sentence for the user), writes, and records the change
with ``audit_record`` in the same transaction. A generated document is filed to the matter
through the documents app's ``document_add``, so it is an ordinary document of the case file
(versions, search, holds, audit) and a PDF, when asked for, is made by the worker.
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from casedesk.core.extract.filenames import clean_filename
from casedesk.web.access import require_admin, require_writer, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_copy_to
from casedesk.web.documents.document_services import DocumentDetails, IncomingFile, document_add
from casedesk.web.documents.models import Category, Direction
from casedesk.web.drafting.models import (
    DraftTemplate,
    FirmProfile,
    GeneratedDocument,
    MatterAnswer,
    PdfStatus,
    TemplateKind,
    TemplateVersion,
)
from casedesk.web.drafting.selectors import matter_data
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

NAME_LIMIT = 200
DESCRIPTION_LIMIT = 2_000
COMMENT_LIMIT = 500
ANSWER_LIMIT = 20_000
CORRESPONDENCE_KINDS = (TemplateKind.LETTER, TemplateKind.COVER, TemplateKind.EMAIL)


class AnswersInvalid(ServiceError):
    """Some answers cannot be used; ``errors`` maps each question's name to one sentence."""

    def __init__(self, errors: Mapping[str, str]) -> None:
        count = len(errors)
        super().__init__(
            "One answer needs correcting: see the question marked below."
            if count == 1
            else f"{count} answers need correcting: see the questions marked below."
        )
        self.errors = dict(errors)


# --- helpers ------------------------------------------------------------------------------------


def one_line(value: object, *, label: str, limit: int, required: bool = False) -> str:
    """One line of text: NFC, whitespace collapsed, no control characters, at most ``limit``."""
    from casedesk.web.scheduling.event_services import clean_text

    return clean_text(value, field=label.lower(), label=label, limit=limit, required=required)


def long_text(value: object, *, label: str, limit: int) -> str:
    """Free text with its line breaks, at most ``limit`` characters."""
    text = str(value or "").replace("\r\n", "\n").replace("\r", "\n").strip()
    if len(text) > limit:
        raise ServiceError(f"{label} is {len(text):,} characters long; the limit is {limit:,}.")
    return text


@contextmanager
def work_dir() -> Iterator[Path]:
    """A private temporary folder under the upload temp dir, removed afterwards."""
    root = Path(settings.CASEDESK_UPLOAD_TMP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="drafting-", dir=root) as tmp:
        yield Path(tmp)


# --- firm profile -------------------------------------------------------------------------------


def firm_profile_update(
    *,
    by: Any,
    name: str,
    address: str = "",
    phone: str = "",
    fax: str = "",
    email: str = "",
    website: str = "",
) -> FirmProfile:
    """Change the firm details templates are filled with (administrators only)."""
    require_admin(by)
    values = {
        "name": one_line(name, label="Firm name", limit=200, required=True),
        "address": long_text(address, label="Address", limit=1_000),
        "phone": one_line(phone, label="Phone", limit=40),
        "fax": one_line(fax, label="Fax", limit=40),
        "email": one_line(email, label="E-mail", limit=254),
        "website": one_line(website, label="Website", limit=200),
    }
    if values["email"]:
        try:
            validate_email(values["email"])
        except ValidationError as exc:
            raise ServiceError(
                f"{values['email']} is not an e-mail address.", field="email"
            ) from exc
    with transaction.atomic():
        profile = FirmProfile.load()
        changed = [k for k, v in values.items() if getattr(profile, k) != v]
        for key, value in values.items():
            setattr(profile, key, value)
        profile.save()
        audit_record(
            actor=by,
            action="update",
            object_type="firm_profile",
            object_id=profile.pk,
            summary="Changed the firm details: " + (", ".join(changed) or "nothing"),
            data={"changed": changed},
        )
    return profile


# --- answers and generation ---------------------------------------------------------------------


def _check_matter(by: Any, matter: Matter) -> None:
    require_writer(by)
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")


def answers_save(*, by: Any, matter: Matter, answers: Mapping[str, object]) -> int:
    """Remember answers for the matter (text; dates ISO), offered again next time."""
    from casedesk.core.drafting.questions import saved_text

    _check_matter(by, matter)
    rows = {}
    for name, value in answers.items():
        name = str(name).strip()
        if not name or len(name) > 200:
            continue
        text = saved_text(value)
        if len(text) > ANSWER_LIMIT:
            raise ServiceError(f"The answer to {name} is too long to keep.")
        rows[name] = text
    if not rows:
        return 0
    with transaction.atomic():
        existing = {a.name: a for a in MatterAnswer.objects.filter(matter=matter, name__in=rows)}
        changed = []
        for name, text in rows.items():
            row = existing.get(name)
            if row is None:
                MatterAnswer.objects.create(matter=matter, name=name, value=text, updated_by=by)
                changed.append(name)
            elif row.value != text:
                row.value, row.updated_by = text, by
                row.save(update_fields=["value", "updated_by", "updated_at"])
                changed.append(name)
        if changed:
            audit_record(
                actor=by,
                action="update",
                object_type="matter",
                object_id=matter.pk,
                matter_id=matter.pk,
                summary=f"Saved {len(changed)} drafting answer(s) for {matter.number}",
                data={"names": changed},
            )
    return len(changed)


@dataclass
class Draft:
    """What a template needs for a matter: the data, the questions and the answers to them."""

    version: TemplateVersion
    data: dict[str, Any]
    questions: list[Any]
    raw: dict[str, str]  # the text answer to each question (given, else saved)
    saved: dict[str, str]


def draft_prepare(
    by: Any, matter: Matter, template: DraftTemplate, raw_answers: Mapping[str, str]
) -> Draft:
    """The matter's data, the template's questions, and the answer text to each question.

    A question left out of ``raw_answers`` takes the answer saved for the matter, else its
    suggestion (the form shows both pre-filled, so this is what the user saw).
    """
    from casedesk.core.drafting.questions import build_questions

    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")
    version = template.latest_version()
    if version is None:
        raise ServiceError(f"The template “{template.name}” has no Word file yet.")
    dd = matter_data(by, matter, with_saved=False)
    questions = build_questions(version.template_fields(), dd.data, dd.suggestions)
    raw = {
        q.name: str(raw_answers[q.name])
        if q.name in raw_answers
        else dd.saved.get(q.name, q.suggestion)
        for q in questions
    }
    return Draft(version=version, data=dd.data, questions=questions, raw=raw, saved=dd.saved)


def _category(kind: str) -> Category:
    slug = "correspondence" if kind in CORRESPONDENCE_KINDS else "pleadings"
    category, _ = Category.objects.get_or_create(
        slug=slug, defaults={"name": slug.capitalize(), "builtin": True}
    )
    return category


def draft_filename(template: DraftTemplate, matter: Matter, day: dt.date, ext: str) -> str:
    """``Engagement letter - 2027-0042 - 2027-03-05.docx`` (a clean file name)."""
    stem = re.sub(r"[\\/:*?\"<>|]+", " ", f"{template.name} - {matter.number} - {day:%Y-%m-%d}")
    return clean_filename(" ".join(stem.split()) + f".{ext}")


def render_draft(version: TemplateVersion, data: Mapping[str, Any], out: Path) -> None:
    """Render a template version with ``data`` into ``out``, or raise a ``ServiceError``."""
    from casedesk.core.drafting import DraftingError, MissingFields, TemplateField, render_docx

    # The fields were read when the version was stored: reading them again would double the
    # cost of a render (docs/performance.md).
    fields = [
        TemplateField(
            name=f["name"],
            kind=f["kind"],
            paragraph=f.get("paragraph", ""),
            required=f.get("required", True),
        )
        for f in version.fields or []
    ] or None
    with work_dir() as tmp:
        template_path = blob_copy_to(version.blob, tmp / "template.docx")
        try:
            render_docx(template_path, data, out, fields=fields)
        except MissingFields as exc:
            raise ServiceError(
                "The template needs data this matter does not have: "
                + ", ".join(exc.names)
                + "; add it to the matter or correct the template."
            ) from exc
        except DraftingError as exc:
            raise ServiceError(f"The template could not be filled in: {exc}") from exc


def document_generate(
    *,
    by: Any,
    matter: Matter,
    template: DraftTemplate,
    raw_answers: Mapping[str, str],
    title: str = "",
    file: bool = True,
    pdf: bool = False,
    out: Path | None = None,
) -> GeneratedDocument | None:
    """Fill in the template for the matter, file the Word file to it, and queue its PDF.

    Answers are checked all at once (``AnswersInvalid`` lists each problem); the question
    answers are saved for the matter and offered next time. With ``file=False`` the document
    is only written to ``out`` (nothing is saved or filed).
    """
    from casedesk.core.drafting import filters
    from casedesk.core.drafting.questions import AnswerErrors, apply_answers, parse_answers

    _check_matter(by, matter)
    if template.archived:
        raise ServiceError(f"The template “{template.name}” is archived; restore it to use it.")
    title = one_line(title, label="Title", limit=300)
    draft = draft_prepare(by, matter, template, raw_answers)
    try:
        answers = parse_answers(draft.questions, draft.raw)
    except AnswerErrors as exc:
        raise AnswersInvalid(exc.errors) from exc
    data = apply_answers(draft.data, answers)
    today = timezone.localdate()
    filename = draft_filename(template, matter, today, "docx")
    with work_dir() as tmp:
        made = tmp / filename
        render_draft(draft.version, data, made)
        if not file:
            if out is None:
                raise ServiceError("Say where to write the document.")
            shutil.copyfile(made, out)
            return None
        kind = template.kind
        details = DocumentDetails(
            category=_category(kind),
            document_date=today,
            author=by.display_name[:200],
            direction=Direction.SENT if kind in CORRESPONDENCE_KINDS else Direction.NONE,
            title=title or f"{template.name} — {filters.long_date(today)}"[:300],
        )
        from casedesk.core.drafting.questions import saved_text

        with transaction.atomic():
            answers_save(by=by, matter=matter, answers=answers)
            document = document_add(
                by=by, matter=matter, incoming=IncomingFile(made, filename), details=details
            )
            generated = GeneratedDocument.objects.create(
                matter=matter,
                template_version=draft.version,
                document=document,
                answers={k: saved_text(v) for k, v in answers.items()},
                pdf_status=PdfStatus.QUEUED if pdf else PdfStatus.NONE,
                created_by=by,
            )
            audit_record(
                actor=by,
                action="create",
                object_type="generated_document",
                object_id=generated.pk,
                matter_id=matter.pk,
                summary=(
                    f"Drafted “{document.title}” for {matter.number} from the template "
                    f"“{template.name}” (version {draft.version.number})"
                ),
                data={
                    "template": template.slug,
                    "version": draft.version.number,
                    "document": document.pk,
                    "answers": sorted(answers),
                    "pdf": pdf,
                },
            )
            if pdf:
                _queue_pdf(generated)
        if out is not None:
            shutil.copyfile(made, out)
    return generated


def _queue_pdf(generated: GeneratedDocument) -> None:
    from casedesk.web.drafting.tasks import generated_pdf

    generated_id = generated.pk
    transaction.on_commit(lambda: generated_pdf.enqueue(generated_id))


def pdf_request(*, by: Any, generated: GeneratedDocument) -> GeneratedDocument:
    """Ask (again) for the PDF of a generated document; refused while one is being made."""
    _check_matter(by, generated.matter)
    if generated.pdf_pending:
        raise ServiceError("The PDF is already being made; it will appear here when ready.")
    pdf_doc = generated.pdf_document
    if (
        generated.pdf_status == PdfStatus.DONE
        and pdf_doc is not None
        and pdf_doc.deleted_at is None
    ):
        raise ServiceError("The PDF has been made already.")
    with transaction.atomic():
        generated.pdf_status, generated.pdf_message = PdfStatus.QUEUED, ""
        generated.save(update_fields=["pdf_status", "pdf_message"])
        audit_record(
            actor=by,
            action="update",
            object_type="generated_document",
            object_id=generated.pk,
            matter_id=generated.matter_id,
            summary=f"Asked for the PDF of “{generated.document.title}”",
        )
        _queue_pdf(generated)
    return generated
