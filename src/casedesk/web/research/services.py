"""Writes of the research app: authorities saved to a matter, and cite-checks of drafts.

Every write checks the role (``access.require_writer``) and the matter's visibility, and is
audited in the same transaction. Imports are in :mod:`.import_services`.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from casedesk.core.extract.filenames import clean_filename
from casedesk.core.extract.kinds import FileKind, sniff_path
from casedesk.web.access import AccessDenied, require_writer, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_path, blob_store_file
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.research.models import (
    CiteCheck,
    JobStatus,
    Opinion,
    OpinionCitation,
    SavedAuthority,
)

log = logging.getLogger("casedesk.research")

CHECKABLE = (FileKind.PDF, FileKind.DOCX, FileKind.TEXT)
MAX_TAGS = 20
MAX_NOTES = 20_000


def _require_matter(by: Any, matter: Matter) -> None:
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise AccessDenied("No such matter.")


def clean_tags(raw: str) -> str:
    """Comma-separated tags: trimmed, lower-case, without repeats."""
    tags: dict[str, None] = {}
    for part in (raw or "").split(","):
        tag = " ".join(part.split()).lower()[:60]
        if tag:
            tags.setdefault(tag)
    if len(tags) > MAX_TAGS:
        raise ServiceError(f"At most {MAX_TAGS} tags, please.", field="tags")
    return ", ".join(tags)


def _clean_notes(notes: str) -> str:
    notes = (notes or "").strip()
    if len(notes) > MAX_NOTES:
        raise ServiceError(f"Notes are limited to {MAX_NOTES:,} characters.", field="notes")
    return notes


def _opinion_key(opinion: Opinion) -> tuple[str, str]:
    """(citation shown, normalised key) of an opinion: its first own citation, else its id."""
    own = (
        OpinionCitation.objects.filter(opinion=opinion)
        .order_by("id")
        .values_list("normalized", flat=True)
        .first()
    )
    if own:
        return own, own
    return (opinion.case_name or opinion.source_id)[:300], opinion.source_id[:200]


def authority_save(
    *,
    by: Any,
    matter: Matter,
    opinion: Opinion | None = None,
    citation: str = "",
    notes: str = "",
    tags: str = "",
) -> SavedAuthority:
    """Save an authority to a matter: a library opinion, or a citation typed or found."""
    from casedesk.core.citations import normalize_citation

    require_writer(by)
    _require_matter(by, matter)
    if opinion is not None:
        shown, normalized = _opinion_key(opinion)
    else:
        text = " ".join((citation or "").split())
        if not text:
            raise ServiceError("Type the citation to save.", field="citation")
        norm = normalize_citation(text)
        if not norm:
            raise ServiceError(
                f"“{text[:100]}” is not a case citation; write it like 410 U.S. 113.",
                field="citation",
            )
        shown, normalized = norm, norm[:200]
        row = OpinionCitation.objects.filter(normalized=norm).select_related("opinion").first()
        opinion = row.opinion if row else None
    case_name = opinion.case_name if opinion else ""
    try:
        with transaction.atomic():
            authority = SavedAuthority.objects.create(
                matter=matter,
                opinion=opinion,
                citation=shown,
                normalized=normalized,
                case_name=case_name[:1000],
                notes=_clean_notes(notes),
                tags=clean_tags(tags),
                created_by=by,
            )
            audit_record(
                actor=by,
                action="research.authority_save",
                summary=f"Saved {case_name or shown} to matter {matter.number}",
                object_type="authority",
                object_id=authority.pk,
                matter_id=matter.pk,
                data={"citation": shown},
            )
    except IntegrityError as exc:
        raise ServiceError(
            "This authority is already saved to the matter; edit its notes there.",
            field="citation",
        ) from exc
    return authority


def authority_update(
    *, by: Any, authority: SavedAuthority, notes: str, tags: str
) -> SavedAuthority:
    """Change an authority's notes and tags."""
    require_writer(by)
    _require_matter(by, authority.matter)
    with transaction.atomic():
        authority.notes = _clean_notes(notes)
        authority.tags = clean_tags(tags)
        authority.save(update_fields=["notes", "tags", "updated_at"])
        audit_record(
            actor=by,
            action="research.authority_update",
            summary=f"Edited the notes of {authority.citation} on matter {authority.matter.number}",
            object_type="authority",
            object_id=authority.pk,
            matter_id=authority.matter_id,
        )
    return authority


def authority_delete(*, by: Any, authority: SavedAuthority) -> None:
    """Remove an authority from its matter."""
    require_writer(by)
    _require_matter(by, authority.matter)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="research.authority_delete",
            summary=f"Removed {authority.citation} from matter {authority.matter.number}",
            object_type="authority",
            object_id=authority.pk,
            matter_id=authority.matter_id,
            data={"citation": authority.citation},
        )
        authority.delete()


# --- cite-check ----------------------------------------------------------------------------------


def cite_check_start(
    *,
    by: Any,
    path: Path,
    filename: str,
    matter: Matter | None = None,
    enqueue: bool = True,
) -> CiteCheck:
    """Store a draft and queue the check of its citations (PDF, Word .docx or text)."""
    require_writer(by)
    if matter is not None:
        _require_matter(by, matter)
    name = clean_filename(filename) or "draft"
    try:
        kind = sniff_path(path, name)
    except OSError as exc:
        raise ServiceError("The file could not be read; upload it again.", field="file") from exc
    if kind not in CHECKABLE:
        raise ServiceError(
            f"{name}: casedesk checks PDF, Word (.docx) and plain-text drafts.", field="file"
        )
    if path.stat().st_size == 0:
        raise ServiceError(f"{name} is empty.", field="file")
    with transaction.atomic():
        check = CiteCheck.objects.create(
            matter=matter, filename=name, blob=blob_store_file(path), created_by=by
        )
        audit_record(
            actor=by,
            action="research.cite_check",
            summary=f"Cite-check of {name}"
            + (f" for matter {matter.number}" if matter is not None else ""),
            object_type="citecheck",
            object_id=check.pk,
            matter_id=matter.pk if matter is not None else None,
        )
        if enqueue:
            from casedesk.web.research.tasks import research_cite_check

            transaction.on_commit(lambda: research_cite_check.enqueue(check.pk))
    return check


def _set(check: CiteCheck, **fields: Any) -> None:
    for key, value in fields.items():
        setattr(check, key, value)
    CiteCheck.objects.filter(pk=check.pk).update(**fields)


def read_draft(path: Path, filename: str) -> str:
    """The text of a draft (PDF, Word, text); a sentence the user can act on when there is none."""
    from casedesk.core.extract.results import ExtractionError
    from casedesk.core.extract.text import extract_text

    if not path.is_file():
        raise ServiceError(f"{filename}: no such file.")
    kind = sniff_path(path, filename)
    if kind not in CHECKABLE:
        raise ServiceError(f"{filename}: casedesk checks PDF, Word (.docx) and plain-text drafts.")
    try:
        extracted = extract_text(path, kind)
    except ExtractionError as exc:
        raise ServiceError(f"{filename}: {exc}") from exc
    if extracted.encrypted:
        raise ServiceError(f"{filename} is password-protected: upload a copy without a password.")
    if extracted.needs_ocr:
        raise ServiceError(
            f"{filename} has no text layer (a scan): use the Word file or a text PDF."
        )
    if not extracted.text.strip():
        raise ServiceError(f"{filename} has no text to check.")
    return extracted.text


def _draft_text(check: CiteCheck) -> str:
    path = blob_path(check.blob.sha256)
    if not path.exists():
        raise ServiceError("The uploaded draft is missing from the server; upload it again.")
    return read_draft(path, check.filename)


CLI_ROW = ("text", "normalized", "status", "opinion_id", "sentence")  # cite-check --json


def cli_json(result: dict[str, Any] | None) -> dict[str, Any]:
    """A stored result as ``casedesk cite-check --json`` prints it: ``{"citations": [...]}``
    with the CLI's keys only (the details stay in the HTML and PDF reports)."""
    rows = (result or {}).get("citations", [])
    return {"citations": [{key: row.get(key) for key in CLI_ROW} for row in rows]}


def check_rows(results: Any) -> dict[str, Any]:
    """The stored result: the CLI's JSON shape, each row with the message and details added
    (:func:`cli_json` takes the CLI's shape back out)."""
    from casedesk.core.citations import cite_check_json

    data = cite_check_json(results)
    for row, checked in zip(data["citations"], results, strict=True):
        found = checked.citation
        row.update(
            message=checked.message,
            kind=found.kind,
            pin_cite=found.pin_cite,
            case_name=found.case_name,
            year=found.year,
        )
    return data


def cite_check_run(check_id: int) -> CiteCheck:
    """Run a queued cite-check: read the draft, check each citation, store the report."""
    from casedesk.core.citations import cite_check
    from casedesk.web.research.adapters import OrmCitationLibrary

    check = CiteCheck.objects.select_related("blob").get(pk=check_id)
    if check.status not in (JobStatus.QUEUED, JobStatus.RUNNING):
        return check
    _set(check, status=JobStatus.RUNNING, progress=5, message="Reading the draft.")
    try:
        text = _draft_text(check)
        _set(check, progress=40, message="Checking the citations.")
        results = cite_check(text, OrmCitationLibrary())
        data = check_rows(results)
    except ServiceError as exc:
        _set(check, status=JobStatus.FAILED, message=exc.message, finished_at=timezone.now())
        return check
    except Exception as exc:
        log.exception("cite-check %s failed", check.pk)
        _set(
            check,
            status=JobStatus.FAILED,
            message=f"The check could not be completed: {exc}",
            finished_at=timezone.now(),
        )
        return check
    count = len(data["citations"])
    _set(
        check,
        status=JobStatus.DONE,
        progress=100,
        result=data,
        message=f"Checked {count} citation{'s' if count != 1 else ''}.",
        finished_at=timezone.now(),
    )
    return check
