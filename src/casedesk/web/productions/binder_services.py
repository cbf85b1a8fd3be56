"""Trial binders: a saved definition (documents in order as tabs, with titles and
descriptions) and its build, one PDF made in the background by ``core.pdf.binder``.

The binder has an index page, a divider per tab, a bookmark per document, page labels and,
optionally, continuous page numbers and its own Bates-style labels (never under a prefix the
matter's productions use: those numbers belong to the ledger). Word, text and image documents
are converted like a production's; a native (spreadsheet, audio, e-mail...) is represented by
a one-page slip sheet. Change the definition and build again: the page says when the last
build is older than the definition.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.web.access import require_writer, visible_documents, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_store_file
from casedesk.web.documents.models import Document
from casedesk.web.drafting.services import work_dir
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter
from casedesk.web.productions.models import (
    PENDING,
    BatesRange,
    Binder,
    BinderItem,
    JobStatus,
    Position,
    Production,
)
from casedesk.web.productions.prepare import PrepareError, prepare
from casedesk.web.productions.services import clean_digits, clean_prefix

log = logging.getLogger("casedesk.productions")

TITLE_LIMIT = 200
SUBTITLE_LIMIT = 300
DESCRIPTION_LIMIT = 500
MAX_TABS = 1_000
NATIVE_NOTE = "Kept in its native format: not printable in the binder"
Progress = Callable[[Binder], None]


@dataclass(frozen=True)
class BinderTab:
    """One tab as the user sets it: the document, its tab title (default: the document's
    title) and an optional description for the index."""

    document_id: int
    tab_title: str = ""
    description: str = ""


def _text(value: object, *, field: str, label: str, limit: int, required: bool = False) -> str:
    from casedesk.web.scheduling.event_services import clean_text

    return clean_text(value, field=field, label=label, limit=limit, required=required)


def _check_matter(by: Any, matter: Matter) -> None:
    require_writer(by)
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")


def _tabs(by: Any, matter: Matter, tabs: Sequence[BinderTab]) -> list[dict[str, Any]]:
    if not tabs:
        raise ServiceError("Choose at least one document for the binder.", field="documents")
    if len(tabs) > MAX_TABS:
        raise ServiceError(f"A binder can hold at most {MAX_TABS:,} tabs.", field="documents")
    ids = [t.document_id for t in tabs]
    if len(set(ids)) != len(ids):
        raise ServiceError("A document is chosen twice.", field="documents")
    found = {
        d.pk: d
        for d in visible_documents(by)
        .filter(matter=matter, pk__in=ids)
        .select_related("current_version")
    }
    if len(found) != len(ids):
        raise ServiceError(
            "Some of the chosen documents are not in this matter's case file (they may have "
            "been moved to the trash); choose again.",
            field="documents",
        )
    out = []
    for tab in tabs:
        document = found[tab.document_id]
        if document.current_version is None:
            raise ServiceError(f"{document.title} has no file to bind.", field="documents")
        title = (
            _text(tab.tab_title, field="tabs", label="A tab title", limit=TITLE_LIMIT)
            or document.title[:TITLE_LIMIT]
        )
        description = _text(
            tab.description, field="tabs", label="A description", limit=DESCRIPTION_LIMIT
        )
        out.append({"document": document, "tab_title": title, "description": description})
    return out


def _bates(matter: Matter, prefix: str, start: Any, digits: Any, position: str) -> dict[str, Any]:
    if not str(prefix or "").strip():
        return {"bates_prefix": ""}
    prefix = clean_prefix(prefix)
    used = set(BatesRange.objects.filter(matter=matter).values_list("prefix", flat=True))
    used |= set(Production.objects.filter(matter=matter).values_list("prefix", flat=True))
    if prefix.lower() in {u.lower() for u in used}:
        raise ServiceError(
            f"{prefix} is this matter's production prefix: binder labels under it would "
            "repeat produced numbers. Use another prefix, such as TAB or BINDER, or none.",
            field="bates_prefix",
        )
    digits = clean_digits(digits)
    try:
        first = int(start)
    except (TypeError, ValueError) as exc:
        raise ServiceError("The first number must be a whole number.", field="bates_start") from exc
    if not 1 <= first < 10**digits:
        raise ServiceError(
            f"The first number must be between 1 and {10**digits - 1:,}.", field="bates_start"
        )
    if position not in Position.values:
        raise ServiceError("Choose a position for the labels from the list.", field="position")
    return {
        "bates_prefix": prefix,
        "bates_start": first,
        "bates_digits": digits,
        "bates_position": position,
    }


def binder_save(
    *,
    by: Any,
    matter: Matter,
    title: str,
    tabs: Sequence[BinderTab],
    binder: Binder | None = None,
    subtitle: str = "",
    bates_prefix: str = "",
    bates_start: Any = 1,
    bates_digits: Any = 6,
    bates_position: str = Position.BOTTOM_RIGHT,
    page_numbers: bool = True,
) -> Binder:
    """Create a binder (``binder`` None) or replace an existing one's definition."""
    _check_matter(by, matter)
    if binder is not None and binder.matter_id != matter.pk:
        raise ServiceError("That binder belongs to another matter.")
    title = _text(title, field="title", label="Title", limit=TITLE_LIMIT, required=True)
    subtitle = _text(subtitle, field="subtitle", label="Subtitle", limit=SUBTITLE_LIMIT)
    rows = _tabs(by, matter, tabs)
    options = _bates(matter, bates_prefix, bates_start, bates_digits, bates_position)
    with transaction.atomic():
        created = binder is None
        if binder is None:
            binder = Binder(matter=matter, created_by=by)
        else:
            binder = Binder.objects.select_for_update().get(pk=binder.pk)
        binder.title, binder.subtitle = title, subtitle
        binder.page_numbers = bool(page_numbers)
        for key, value in options.items():
            setattr(binder, key, value)
        binder.changed_at = timezone.now()
        binder.save()
        binder.items.all().delete()
        BinderItem.objects.bulk_create(
            [
                BinderItem(
                    binder=binder,
                    document=row["document"],
                    position=number,
                    tab_title=row["tab_title"],
                    description=row["description"],
                )
                for number, row in enumerate(rows, start=1)
            ]
        )
        audit_record(
            actor=by,
            action="binder.create" if created else "binder.update",
            object_type="binder",
            object_id=binder.pk,
            matter_id=matter.pk,
            summary=f"{'Created' if created else 'Changed'} the binder {title!r} "
            f"({len(rows)} tab{'s' if len(rows) != 1 else ''})",
            data={"documents": [row["document"].pk for row in rows]},
        )
    return binder


def binder_build(*, by: Any, binder: Binder, enqueue: bool = True) -> Binder:
    """Queue a build of the binder from its saved definition."""
    _check_matter(by, binder.matter)
    with transaction.atomic():
        binder = Binder.objects.select_for_update().get(pk=binder.pk)
        if binder.pending:
            raise ServiceError("This binder is already being built.")
        if not binder.items.exists():
            raise ServiceError("The binder has no documents; add some first.")
        binder.status = JobStatus.QUEUED
        binder.progress = 0
        binder.message = "Waiting for the worker."
        binder.built_by = by
        binder.save(update_fields=["status", "progress", "message", "built_by"])
        audit_record(
            actor=by,
            action="binder.build",
            object_type="binder",
            object_id=binder.pk,
            matter_id=binder.matter_id,
            summary=f"Queued a build of the binder {binder.title!r}",
        )
        if enqueue:
            from casedesk.web.productions.tasks import binder_build as task

            pk = binder.pk
            transaction.on_commit(lambda: task.enqueue(pk))
    return binder


def binder_delete(*, by: Any, binder: Binder) -> None:
    """Delete a binder's definition and its built PDF's record (documents stay)."""
    _check_matter(by, binder.matter)
    with transaction.atomic():
        binder = Binder.objects.select_for_update().get(pk=binder.pk)
        if binder.pending:
            raise ServiceError("This binder is being built; wait until it is done.")
        title, pk, matter_id = binder.title, binder.pk, binder.matter_id
        binder.delete()
        audit_record(
            actor=by,
            action="binder.delete",
            object_type="binder",
            object_id=pk,
            matter_id=matter_id,
            summary=f"Deleted the binder {title!r}",
        )


# --- the build (background task) ------------------------------------------------------------------


def bates_text(document: Document | None) -> str:
    """A document's produced Bates range for the index ("ACME000001-ACME000012")."""
    if document is None or not document.bates_start:
        return ""
    if document.bates_end and document.bates_end != document.bates_start:
        return f"{document.bates_start}-{document.bates_end}"
    return document.bates_start


def _set(binder: Binder, percent: int, message: str) -> None:
    binder.progress, binder.message = max(0, min(99, percent)), message[:1000]
    Binder.objects.filter(pk=binder.pk).update(progress=binder.progress, message=binder.message)


def binder_run(binder_id: int, *, progress: Progress | None = None) -> Binder:
    """Build a queued binder; returns it done or failed."""
    with transaction.atomic():
        binder = Binder.objects.select_for_update().filter(pk=binder_id).first()
        if binder is None or binder.status not in PENDING:
            return binder  # type: ignore[return-value]
        binder.status, binder.progress, binder.message = JobStatus.RUNNING, 0, "Starting."
        binder.save(update_fields=["status", "progress", "message"])
    binder = Binder.objects.select_related("matter").get(pk=binder_id)
    read_at = timezone.now()
    try:
        blob, pages, notes = _build(binder, progress)
    except Exception as exc:  # shown on the page; the last good build stays downloadable
        from casedesk.web.productions.build import BuildError, failure_message

        if not isinstance(exc, (BuildError, ServiceError, PrepareError)):
            log.exception("binder %s failed", binder_id)
        message = str(exc) if isinstance(exc, PrepareError) else failure_message(exc)
        binder.status, binder.message = JobStatus.FAILED, message[:1000]
        binder.save(update_fields=["status", "message"])
    else:
        with transaction.atomic():
            binder.status, binder.progress = JobStatus.DONE, 100
            binder.output_blob, binder.pages, binder.notes = blob, pages, notes
            binder.built_at, binder.built_from = timezone.now(), read_at
            binder.message = f"Built: {pages:,} page{'s' if pages != 1 else ''}."
            binder.save()
            audit_record(
                actor=binder.built_by,
                action="binder.done",
                object_type="binder",
                object_id=binder.pk,
                matter_id=binder.matter_id,
                summary=f"Built the binder {binder.title!r} ({pages:,} pages)",
                data={"sha256": blob.sha256, "pages": pages},
            )
    binder.refresh_from_db()
    if progress:
        progress(binder)
    return binder


def _build(binder: Binder, progress: Progress | None) -> tuple[Any, int, list[str]]:
    from casedesk.core.pdf.binder import BatesOptions, BinderPart, build_binder
    from casedesk.core.pdf.errors import PdfInputError
    from casedesk.web.productions.build import BuildError

    items = list(
        binder.items.select_related("document", "document__current_version").order_by("position")
    )
    if not items:
        raise BuildError("The binder has no documents; add some first.")
    with work_dir() as tmp:
        parts = []
        names: dict[Path, str] = {}
        total = len(items)
        for index, item in enumerate(items):
            document = item.document
            version = document.current_version
            if version is None or document.deleted_at is not None:
                raise BuildError(
                    f"{document.title} is no longer in the case file; take it out of the binder."
                )
            _set(
                binder,
                5 + 60 * index // total,
                f"Preparing tab {index + 1} of {total}: {item.tab_title}",
            )
            prepared = prepare(version, tmp / str(index))
            path = prepared.pdf or native_page(tmp / str(index), item.tab_title, version.filename)
            names[path] = version.filename
            parts.append(
                BinderPart(
                    path=path,
                    title=item.tab_title,
                    tab=str(index + 1),
                    description=item.description,
                    bates=bates_text(document),
                )
            )
            if progress:
                progress(binder)
        _set(binder, 70, "Putting the binder together.")
        options = None
        if binder.bates_prefix:
            from casedesk.core.pdf.stamp import StampStyle

            options = BatesOptions(
                prefix=binder.bates_prefix,
                first=binder.bates_start,
                digits=binder.bates_digits,
                style=StampStyle(position=binder.bates_position),
            )
        out = tmp / "binder.pdf"
        try:
            result = build_binder(
                parts,
                out,
                title=binder.title,
                subtitle=binder.subtitle,
                bates=options,
                page_numbers=binder.page_numbers,
                name_for=lambda part: names.get(part.path, part.path.name),
            )
        except PdfInputError as exc:
            raise BuildError(str(exc)) from exc
        except ValueError as exc:
            raise BuildError(f"The binder could not be made: {exc}") from exc
        blob = blob_store_file(out)
    return blob, int(result.pages), list(result.warnings)[:50]


def native_page(folder: Path, title: str, filename: str) -> Path:
    """A one-page PDF standing for a native file in a binder."""
    from casedesk.core.pdf.slipsheet import slip_sheet
    from casedesk.core.pdf.stamp import StampStyle

    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "native.pdf"
    slip_sheet(path, label="", title=title, filename=filename, note=NATIVE_NOTE, style=StampStyle())
    return path
