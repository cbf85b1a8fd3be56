"""Writes to the document store: file, version, restore, check out, describe, bulk-edit.

Every service checks permission and input, writes and audits in one transaction, and queues
text extraction (a background task) once the transaction has committed. Files are copied into
the content-addressed blob store (:mod:`blob_store`); the caller's temporary file is never
moved or changed.
"""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from casedesk.core.extract.archive import ArchiveError, list_zip, read_member
from casedesk.core.extract.filenames import clean_filename
from casedesk.core.extract.kinds import CONTENT_TYPES, FileKind, sniff_path
from casedesk.web.access import AccessDenied, require_writer, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_store_file
from casedesk.web.documents.models import (
    Category,
    Confidentiality,
    Direction,
    Document,
    DocumentVersion,
    Tag,
    TextStatus,
)
from casedesk.web.documents.upload_limit import limit_text
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

TITLE_LIMIT = 300
AUTHOR_LIMIT = 200
TAG_LIMIT = 60
COMMENT_LIMIT = 500


@dataclass(frozen=True)
class IncomingFile:
    """A file to file: a temporary copy on disk and the name it was uploaded under.

    ``name`` may carry the folder it came from ("Discovery/Set One/responses.pdf"), as folder
    uploads and ZIP files do; the folder is kept on the document, never used as a path.
    """

    path: Path
    name: str


@dataclass(frozen=True)
class DocumentDetails:
    """What the user says about the files filed together (each may be changed later)."""

    category: Category | None = None
    document_date: dt.date | None = None
    author: str = ""
    direction: str = ""
    privileged: bool = False
    confidentiality: str = Confidentiality.NORMAL
    tags: tuple[str, ...] = ()
    title: str = ""  # only for a single file; otherwise each title comes from its file name


@dataclass
class UploadResult:
    """What an upload filed, and each file it refused with the reason (nothing else is lost)."""

    documents: list[Document] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def audit_document(
    by: Any, document: Document, *, summary: str, action: str = "update", data: Any = None
) -> None:
    """Record a change to a document in the audit log (inside the caller's transaction)."""
    audit_record(
        actor=by,
        action=action,
        object_type="document",
        object_id=document.pk,
        matter_id=document.matter_id,
        summary=summary,
        data=data,
    )


# --- input checks ----------------------------------------------------------------------------


def _one_line(value: object, *, label: str, limit: int, required: bool = False) -> str:
    from casedesk.web.scheduling.event_services import clean_text

    return clean_text(value, field=label.lower(), label=label, limit=limit, required=required)


def clean_tags(tags: Iterable[str]) -> list[str]:
    """Tags as stored: lower-case, one line, each at most TAG_LIMIT characters, no duplicates."""
    out: list[str] = []
    for raw in tags:
        for part in str(raw).split(","):
            tag = _one_line(part, label="Tag", limit=TAG_LIMIT).lower()
            if tag and tag not in out:
                out.append(tag)
    return out


def default_category(kind: FileKind) -> Category:
    """The category a file gets when the user picked none: e-mail is correspondence."""
    slug = "correspondence" if kind in (FileKind.EML, FileKind.MSG) else "internal"
    category, _ = Category.objects.get_or_create(
        slug=slug, defaults={"name": slug.capitalize(), "builtin": True}
    )
    return category


def _check_details(details: DocumentDetails) -> DocumentDetails:
    if details.direction not in Direction.values:
        raise ServiceError("Direction must be sent, received or internal.", field="direction")
    if details.confidentiality not in Confidentiality.values:
        raise ServiceError("Unknown confidentiality level.", field="confidentiality")
    if details.document_date and not 1900 <= details.document_date.year <= 2100:
        raise ServiceError(
            f"Document date {details.document_date:%Y-%m-%d} is not a plausible date.",
            field="document_date",
        )
    _one_line(details.author, label="Author", limit=AUTHOR_LIMIT)
    _one_line(details.title, label="Title", limit=TITLE_LIMIT)
    return details


def _check_matter(by: Any, matter: Matter) -> None:
    require_writer(by)
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")


def _title_from(filename: str) -> str:
    stem = PurePosixPath(filename).stem if "." in filename else filename
    return " ".join(stem.replace("_", " ").split())[:TITLE_LIMIT] or filename[:TITLE_LIMIT]


def _check_size(path: Path, display: str) -> int:
    size = path.stat().st_size
    if size == 0:
        raise ServiceError(f"{display} is empty (0 bytes); it was not filed.")
    limit = int(settings.CASEDESK_MAX_UPLOAD_BYTES)
    if size > limit:
        raise ServiceError(
            f"{display} is larger than the upload limit of {limit_text(limit)}; it was not filed."
        )
    return size


def _new_version(
    *, by: Any, document: Document, path: Path, filename: str, kind: FileKind, comment: str = ""
) -> DocumentVersion:
    size = _check_size(path, filename)
    blob = blob_store_file(path)
    number = (
        document.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    version = DocumentVersion.objects.create(
        document=document,
        number=number,
        blob=blob,
        filename=filename,
        kind=str(kind),
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
        size=size,
        comment=comment,
        uploaded_by=by,
        text_status=TextStatus.PENDING,
    )
    document.current_version = version
    document.save(update_fields=["current_version", "updated_at"])
    _queue_extraction(version)
    return version


def _queue_extraction(version: DocumentVersion) -> None:
    from casedesk.web.documents.tasks import document_extract

    version_id = version.pk
    transaction.on_commit(lambda: document_extract.enqueue(version_id))


# --- filing ------------------------------------------------------------------------------------


def document_add(
    *,
    by: Any,
    matter: Matter,
    incoming: IncomingFile,
    details: DocumentDetails = DocumentDetails(),
) -> Document:
    """File one file to the matter as a new document (version 1) and queue its text reading."""
    _check_matter(by, matter)
    details = _check_details(details)
    raw = incoming.name.replace("\\", "/")
    filename = clean_filename(raw)
    folder_parts = [clean_filename(p) for p in raw.split("/")[:-1] if p.strip(" .")]
    folder = "/".join(folder_parts)[:500]
    kind = sniff_path(incoming.path, filename)
    category = details.category or default_category(kind)
    title = _one_line(details.title, label="Title", limit=TITLE_LIMIT) or _title_from(filename)
    with transaction.atomic():
        document = Document.objects.create(
            matter=matter,
            title=title,
            category=category,
            document_date=details.document_date,
            author=_one_line(details.author, label="Author", limit=AUTHOR_LIMIT),
            direction=details.direction,
            privileged=details.privileged,
            confidentiality=details.confidentiality,
            folder=folder,
            created_by=by,
        )
        tags = clean_tags(details.tags)
        if tags:
            document.tags.set([Tag.objects.get_or_create(name=t)[0] for t in tags])
        version = _new_version(
            by=by, document=document, path=incoming.path, filename=filename, kind=kind
        )
        audit_record(
            actor=by,
            action="create",
            object_type="document",
            object_id=document.pk,
            matter_id=matter.pk,
            summary=f"Filed {filename!r} to {matter.number} as {title!r}",
            data={"sha256": version.blob_id, "size": version.size, "kind": str(kind)},
        )
    return document


def documents_upload(
    *,
    by: Any,
    matter: Matter,
    files: Iterable[IncomingFile],
    details: DocumentDetails = DocumentDetails(),
) -> UploadResult:
    """File many files at once; ZIP files are expanded (safely) into their documents.

    A file that cannot be filed (empty, too large) is listed in ``rejected`` with the reason;
    the others are filed. A ZIP that cannot be expanded safely (a ZIP bomb, damaged) is filed
    as it is, so nothing is lost, and the reason is given in ``notes``.
    """
    _check_matter(by, matter)
    result = UploadResult()
    files = list(files)
    single = details if len(files) == 1 else _without_title(details)
    for incoming in files:
        display = clean_filename(incoming.name)
        try:
            if sniff_path(incoming.path, display) is FileKind.ZIP:
                _upload_zip(by, matter, incoming, _without_title(details), result)
            else:
                result.documents.append(
                    document_add(by=by, matter=matter, incoming=incoming, details=single)
                )
        except ServiceError as exc:
            result.rejected.append((display, exc.message))
        except OSError as exc:
            result.rejected.append((display, f"could not be read ({exc.strerror or exc})."))
    return result


def _without_title(details: DocumentDetails) -> DocumentDetails:
    from dataclasses import replace

    return replace(details, title="")


def _upload_zip(
    by: Any, matter: Matter, incoming: IncomingFile, details: DocumentDetails, result: UploadResult
) -> None:
    zip_name = clean_filename(incoming.name)
    base = PurePosixPath(incoming.name.replace("\\", "/")).stem
    try:
        listing = list_zip(incoming.path, max_total_bytes=int(settings.CASEDESK_MAX_ZIP_BYTES))
    except ArchiveError as exc:
        result.documents.append(
            document_add(by=by, matter=matter, incoming=incoming, details=details)
        )
        result.notes.append(f"{zip_name} was filed as it is and not expanded: {exc}")
        return
    for raw, reason in listing.rejected:
        result.rejected.append((f"{zip_name}: {raw}", reason))
    limit = int(settings.CASEDESK_MAX_UPLOAD_BYTES)
    with tempfile.TemporaryDirectory(dir=settings.CASEDESK_UPLOAD_TMP_DIR) as tmp:
        for member in listing.members:
            target = Path(tmp) / f"member-{member.index}"
            label = f"{zip_name}: {member.name}"
            try:
                with target.open("wb") as out:
                    read_member(incoming.path, member, out, max_bytes=limit)
                inner = IncomingFile(path=target, name=f"{base}/{member.name}")
                if sniff_path(target, member.name) is FileKind.ZIP:
                    result.rejected.append(
                        (label, "a ZIP inside a ZIP is not expanded; upload it on its own.")
                    )
                    continue
                result.documents.append(
                    document_add(by=by, matter=matter, incoming=inner, details=details)
                )
            except ArchiveError as exc:
                result.rejected.append((label, str(exc)))
            except ServiceError as exc:
                result.rejected.append((label, exc.message))
            finally:
                target.unlink(missing_ok=True)


# --- versions and check-out --------------------------------------------------------------------


def require_unlocked(by: Any, document: Document) -> None:
    if document.checked_out_by_id and document.checked_out_by_id != by.pk:
        who = document.checked_out_by.get_full_name() or document.checked_out_by.username
        when = timezone.localtime(document.checked_out_at).strftime("%b %d, %Y %I:%M %p")
        raise AccessDenied(
            f"{who} has this document checked out (since {when}); "
            "wait for them to check it in, or ask an administrator to release it."
        )


def _check_document(by: Any, document: Document) -> None:
    _check_matter(by, document.matter)
    if document.deleted_at is not None:
        raise ServiceError("This document is in the trash: restore it first.")


def version_add(
    *,
    by: Any,
    document: Document,
    incoming: IncomingFile,
    comment: str = "",
    check_in: bool = False,
) -> DocumentVersion:
    """Upload new content for a document; the old versions stay. ``check_in`` releases the lock."""
    _check_document(by, document)
    require_unlocked(by, document)
    comment = _one_line(comment, label="Comment", limit=COMMENT_LIMIT)
    filename = clean_filename(incoming.name)
    kind = sniff_path(incoming.path, filename)
    with transaction.atomic():
        version = _new_version(
            by=by,
            document=document,
            path=incoming.path,
            filename=filename,
            kind=kind,
            comment=comment,
        )
        if check_in and document.checked_out_by_id:
            _set_checkout(document, None)
        audit_document(
            by,
            document,
            summary=f"New version {version.number} of {document.title!r} ({filename})",
            data={"version": version.number, "sha256": version.blob_id, "checked_in": check_in},
        )
    return version


def version_restore(*, by: Any, document: Document, version: DocumentVersion) -> DocumentVersion:
    """Make an old version current again, as a new version (history is never rewritten)."""
    _check_document(by, document)
    require_unlocked(by, document)
    if version.document_id != document.pk:
        raise ServiceError("That version belongs to another document.")
    with transaction.atomic():
        number = document.versions.order_by("-number").values_list("number", flat=True)[0] + 1
        restored = DocumentVersion.objects.create(
            document=document,
            number=number,
            blob=version.blob,
            filename=version.filename,
            kind=version.kind,
            content_type=version.content_type,
            size=version.size,
            comment=f"Restored from version {version.number}",
            restored_from=version,
            uploaded_by=by,
            text_status=version.text_status,
            text_progress=version.text_progress,
            text_message=version.text_message,
            text_method=version.text_method,
            text=version.text,
            pages=version.pages,
            ocr_blob=version.ocr_blob,
        )
        document.current_version = restored
        document.save(update_fields=["current_version", "updated_at"])
        audit_document(
            by,
            document,
            summary=f"Restored version {version.number} of {document.title!r} as {number}",
            data={"restored_from": version.number, "version": number},
        )
        if restored.text_status in (TextStatus.DONE, TextStatus.NONE, TextStatus.ENCRYPTED):
            from casedesk.web.documents.tasks import documents_index

            transaction.on_commit(lambda: documents_index.enqueue([document.pk]))
        else:
            _queue_extraction(restored)
    return restored


def _set_checkout(document: Document, user: Any | None) -> None:
    document.checked_out_by = user
    document.checked_out_at = timezone.now() if user is not None else None
    document.save(update_fields=["checked_out_by", "checked_out_at", "updated_at"])


def document_check_out(*, by: Any, document: Document) -> Document:
    """Lock the document for editing by ``by``: nobody else can add a version until check-in."""
    _check_document(by, document)
    require_unlocked(by, document)
    with transaction.atomic():
        _set_checkout(document, by)
        audit_document(
            by,
            document,
            summary=f"Checked out {document.title!r}",
        )
    return document


def document_release(*, by: Any, document: Document) -> Document:
    """Release a check-out without a new version: by its holder, or by an administrator."""
    _check_matter(by, document.matter)
    if not document.checked_out_by_id:
        return document
    if document.checked_out_by_id != by.pk:
        from casedesk.web.access import require_admin

        require_admin(by)
    with transaction.atomic():
        holder = document.checked_out_by
        _set_checkout(document, None)
        audit_document(
            by,
            document,
            summary=f"Released the check-out of {document.title!r} (held by {holder})",
        )
    return document


# --- description -------------------------------------------------------------------------------

_EDITABLE = {
    "title",
    "category",
    "document_date",
    "author",
    "direction",
    "privileged",
    "confidentiality",
}


def document_update(
    *, by: Any, document: Document, tags: Iterable[str] | None = None, **changes: Any
) -> Document:
    """Change a document's description (title, category, date, author, direction, flags, tags)."""
    _check_document(by, document)
    unknown = set(changes) - _EDITABLE
    if unknown:
        raise ServiceError(f"These fields cannot be changed here: {', '.join(sorted(unknown))}.")
    if "title" in changes:
        changes["title"] = _one_line(
            changes["title"], label="Title", limit=TITLE_LIMIT, required=True
        )
    if "author" in changes:
        changes["author"] = _one_line(changes["author"], label="Author", limit=AUTHOR_LIMIT)
    _check_details(
        DocumentDetails(
            direction=changes.get("direction", document.direction),
            confidentiality=changes.get("confidentiality", document.confidentiality),
            document_date=changes.get("document_date", document.document_date),
        )
    )
    diff: dict[str, list[str]] = {}
    with transaction.atomic():
        for name, value in changes.items():
            old = getattr(document, name)
            if old != value:
                diff[name] = [str(old or ""), str(value or "")]
                setattr(document, name, value)
        if tags is not None:
            new = clean_tags(tags)
            old_tags = sorted(document.tags.values_list("name", flat=True))
            if sorted(new) != old_tags:
                document.tags.set([Tag.objects.get_or_create(name=t)[0] for t in new])
                diff["tags"] = [", ".join(old_tags), ", ".join(sorted(new))]
        if diff:
            document.save()
            audit_document(
                by,
                document,
                summary=f"Updated {document.title!r}: {', '.join(sorted(diff))}",
                data={"changes": diff},
            )
            _queue_reindex([document.pk])
    return document


def documents_bulk_update(
    *,
    by: Any,
    documents: Iterable[Document],
    category: Category | None = None,
    add_tags: Iterable[str] = (),
    remove_tags: Iterable[str] = (),
) -> int:
    """Categorise and tag many documents at once; returns how many changed. One audit entry each."""
    require_writer(by)
    add = clean_tags(add_tags)
    remove = clean_tags(remove_tags)
    if category is None and not add and not remove:
        raise ServiceError("Choose a category or tags to apply.")
    changed: list[int] = []
    with transaction.atomic():
        add_rows = [Tag.objects.get_or_create(name=t)[0] for t in add]
        for document in documents:
            _check_document(by, document)
            diff: dict[str, Any] = {}
            if category is not None and document.category_id != category.pk:
                diff["category"] = [document.category.name, category.name]
                document.category = category
                document.save(update_fields=["category", "updated_at"])
            have = set(document.tags.values_list("name", flat=True))
            to_add = [t for t in add_rows if t.name not in have]
            to_remove = [t for t in remove if t in have]
            if to_add:
                document.tags.add(*to_add)
                diff["tags_added"] = [t.name for t in to_add]
            if to_remove:
                document.tags.remove(*Tag.objects.filter(name__in=to_remove))
                diff["tags_removed"] = to_remove
            if diff:
                changed.append(document.pk)
                audit_document(
                    by,
                    document,
                    summary=f"Bulk update of {document.title!r}: {', '.join(sorted(diff))}",
                    data=diff,
                )
        _queue_reindex(changed)
    return len(changed)


def _queue_reindex(ids: list[int]) -> None:
    if not ids:
        return
    from casedesk.web.documents.tasks import documents_index

    transaction.on_commit(lambda: documents_index.enqueue(list(ids)))


def category_create(*, by: Any, name: str) -> Category:
    """Add a firm-defined category (administrators)."""
    from django.utils.text import slugify

    from casedesk.web.access import require_admin

    require_admin(by)
    name = _one_line(name, label="Name", limit=100, required=True)
    slug = slugify(name)[:60] or f"category-{Category.objects.count() + 1}"
    if (
        Category.objects.filter(name__iexact=name).exists()
        or Category.objects.filter(slug=slug).exists()
    ):
        raise ServiceError(f"There is already a category called {name!r}.", field="name")
    with transaction.atomic():
        category = Category.objects.create(slug=slug, name=name, builtin=False)
        audit_record(
            actor=by,
            action="create",
            object_type="category",
            object_id=category.pk,
            summary=f"Added document category {name!r}",
        )
    return category
