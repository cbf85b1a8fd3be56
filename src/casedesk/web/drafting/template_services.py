"""Writes for the firm's templates: upload, new versions, archive, and the starter library.

Each service checks permission through ``casedesk.web.access``, refuses bad input with one
sentence (``ServiceError``), writes, and audits in the same transaction. A template's Word
file is refused unless it is a plain .docx (no macros) whose fields read cleanly; it is stored
in the documents app's blob store.
"""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.text import slugify

from casedesk.core.extract.filenames import clean_filename
from casedesk.web.access import require_admin, require_writer
from casedesk.web.audit.services import audit_record
from casedesk.web.documents.blob_store import blob_store_file
from casedesk.web.drafting.models import DraftTemplate, TemplateKind, TemplateVersion
from casedesk.web.drafting.services import (
    COMMENT_LIMIT,
    DESCRIPTION_LIMIT,
    NAME_LIMIT,
    long_text,
    one_line,
    work_dir,
)
from casedesk.web.errors import ServiceError


def _unique_slug(base: str) -> str:
    slug = (slugify(base) or "template")[:70].strip("-") or "template"
    candidate, n = slug, 2
    while DraftTemplate.objects.filter(slug=candidate).exists():
        candidate = f"{slug}-{n}"
        n += 1
    return candidate


def read_template(path: Path, filename: str) -> tuple[str, list[dict[str, Any]]]:
    """The cleaned file name and the fields of an uploaded template, or a ``ServiceError``.

    Refuses anything but a plain Word document (.docm, macros, a renamed text file) and a
    template with a mistake in its fields (the message quotes the paragraph).
    """
    from casedesk.core.drafting import TemplateError, TemplateRefused, template_fields
    from casedesk.core.drafting.fields import check_template_file

    name = clean_filename(filename or "template.docx")
    if not name.lower().endswith(".docx"):
        raise ServiceError(
            f"{name} is not a Word document (.docx); templates must be saved in Word as "
            "“Word Document (.docx)”."
        )
    with work_dir() as tmp:
        copy = tmp / name
        shutil.copyfile(path, copy)
        try:
            check_template_file(copy)
            fields = template_fields(copy)
        except TemplateRefused as exc:
            raise ServiceError(str(exc)) from exc
        except TemplateError as exc:
            raise ServiceError(f"{name} has a mistake in its fields: {exc}") from exc
    return name, [
        {"name": f.name, "kind": f.kind, "paragraph": f.paragraph, "required": f.required}
        for f in fields
    ]


def _add_version(
    *,
    by: Any,
    template: DraftTemplate,
    path: Path,
    filename: str,
    fields: list[dict[str, Any]],
    comment: str = "",
    starter_version: int | None = None,
) -> TemplateVersion:
    number = (
        template.versions.order_by("-number").values_list("number", flat=True).first() or 0
    ) + 1
    return TemplateVersion.objects.create(
        template=template,
        number=number,
        blob=blob_store_file(path),
        filename=filename,
        fields=fields,
        starter_version=starter_version,
        comment=comment,
        uploaded_by=by if getattr(by, "pk", None) else None,
    )


def _audit_template(
    by: Any, template: DraftTemplate, action: str, summary: str, **data: Any
) -> None:
    audit_record(
        actor=by,
        action=action,
        object_type="draft_template",
        object_id=template.pk,
        summary=summary,
        data=data or None,
    )


# --- templates ----------------------------------------------------------------------------------


def template_upload(
    *,
    by: Any,
    name: str,
    path: Path,
    filename: str,
    description: str = "",
    kind: str = TemplateKind.OTHER,
) -> DraftTemplate:
    """Add a new template from an uploaded Word file (version 1)."""
    require_writer(by)
    name = one_line(name, label="Name", limit=NAME_LIMIT, required=True)
    description = long_text(description, label="Description", limit=DESCRIPTION_LIMIT)
    if kind not in TemplateKind.values:
        raise ServiceError("Choose what kind of document the template makes.", field="kind")
    clean, fields = read_template(path, filename)
    with transaction.atomic():
        template = DraftTemplate.objects.create(
            name=name,
            slug=_unique_slug(name),
            description=description,
            kind=kind,
            created_by=by,
        )
        version = _add_version(by=by, template=template, path=path, filename=clean, fields=fields)
        _audit_template(
            by,
            template,
            "create",
            f"Added the template “{name}” from “{clean}”",
            sha256=version.blob_id,
            fields=len(fields),
        )
    return template


def template_version_add(
    *, by: Any, template: DraftTemplate, path: Path, filename: str, comment: str = ""
) -> TemplateVersion:
    """Upload a new version of a template's Word file; documents use the newest version."""
    require_writer(by)
    comment = one_line(comment, label="Comment", limit=COMMENT_LIMIT)
    clean, fields = read_template(path, filename)
    with transaction.atomic():
        DraftTemplate.objects.select_for_update().filter(pk=template.pk).first()
        version = _add_version(
            by=by, template=template, path=path, filename=clean, fields=fields, comment=comment
        )
        _audit_template(
            by,
            template,
            "update",
            f"Uploaded version {version.number} of the template “{template.name}” (“{clean}”)",
            sha256=version.blob_id,
            version=version.number,
        )
    return version


def template_archive(*, by: Any, template: DraftTemplate, archived: bool = True) -> DraftTemplate:
    """Archive a template (hidden from the list of templates to draft from) or bring it back."""
    require_writer(by)
    if template.archived == archived:
        return template
    with transaction.atomic():
        template.archived = archived
        template.save(update_fields=["archived"])
        _audit_template(
            by,
            template,
            "update",
            f"{'Archived' if archived else 'Restored'} the template “{template.name}”",
        )
    return template


def template_unarchive(*, by: Any, template: DraftTemplate) -> DraftTemplate:
    """Bring an archived template back to the list."""
    return template_archive(by=by, template=template, archived=False)


@dataclass
class StarterResult:
    """What installing the starter library did, template by template."""

    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # changed by the firm: left as they are

    def summary(self) -> str:
        """One sentence for the page."""
        parts = [
            f"{len(self.created)} added",
            f"{len(self.updated)} updated",
            f"{len(self.unchanged)} already up to date",
        ]
        if self.kept:
            parts.append(f"{len(self.kept)} kept as the firm changed them")
        return "Starter library installed: " + ", ".join(parts) + "."


def starter_install(*, by: Any) -> StarterResult:
    """Create or update the templates of the starter library; safe to run again.

    A starter template gets a new version only when the library's version of it changed, and
    never when the firm uploaded its own version on top of it (that one is kept).
    """
    from casedesk.core.drafting import starter

    require_admin(by)
    result = StarterResult()
    for item in starter.starter_templates():
        template = DraftTemplate.objects.filter(starter_id=item.id).first()
        if template is not None:
            latest = template.latest_version()
            if latest is not None and latest.starter_version is None:
                result.kept.append(template.name)
                continue
            if latest is not None and latest.starter_version == item.version:
                result.unchanged.append(template.name)
                continue
        with work_dir() as tmp:
            out = tmp / f"{item.id}.docx"
            starter.build_starter(item.id, out)
            clean, fields = read_template(out, out.name)
            with transaction.atomic():
                if template is None:
                    template = DraftTemplate.objects.create(
                        name=item.name,
                        slug=_unique_slug(item.id),
                        description=item.description,
                        kind=item.kind if item.kind in TemplateKind.values else TemplateKind.OTHER,
                        starter_id=item.id,
                        created_by=by,
                    )
                    action, bucket = "create", result.created
                else:
                    # The library's kind and description follow its revision.
                    template.kind = (
                        item.kind if item.kind in TemplateKind.values else TemplateKind.OTHER
                    )
                    template.description = item.description
                    template.save(update_fields=["kind", "description"])
                    action, bucket = "update", result.updated
                version = _add_version(
                    by=by,
                    template=template,
                    path=out,
                    filename=clean,
                    fields=fields,
                    comment=f"Starter library version {item.version}",
                    starter_version=item.version,
                )
                _audit_template(
                    by,
                    template,
                    action,
                    f"Installed the starter template “{item.name}” (library version "
                    f"{item.version}) as version {version.number}",
                    starter_id=item.id,
                    starter_version=item.version,
                )
                bucket.append(template.name)
    return result
