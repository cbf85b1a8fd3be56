"""An e-mail started from a template: the template filled in for the matter, as plain text.

A template of kind "email" starts with a ``Subject: …`` paragraph; the rest is the body.
Questions not answered for the matter yet stay in the text as ``[Answer: Label]`` for the
writer to replace before sending (the compose page lists them), so nothing is sent that the
matter did not say or the writer did not type.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from casedesk.web.drafting.models import DraftTemplate, TemplateKind
from casedesk.web.drafting.preview import document_preview
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter

SUBJECT_PREFIX = "subject:"


@dataclass(frozen=True)
class EmailDraft:
    """The subject and body a template gives for a matter, and what is still to fill in."""

    template: DraftTemplate
    subject: str
    body: str
    unanswered: list[str] = field(default_factory=list)


def email_templates() -> list[DraftTemplate]:
    """The firm's e-mail templates, for the compose page's "Start from a template"."""
    return list(
        DraftTemplate.objects.filter(kind=TemplateKind.EMAIL, archived=False).order_by("name")
    )


def email_draft(*, by: Any, matter: Matter, template: DraftTemplate) -> EmailDraft:
    """Fill in an e-mail template for the matter (saved answers and suggestions included)."""
    if template.archived:
        raise ServiceError(f"The template “{template.name}” is archived.")
    preview = document_preview(by=by, matter=matter, template=template, raw_answers={})
    if preview.problem:
        raise ServiceError(preview.problem)
    paragraphs: list[str] = []
    for block in preview.blocks:
        if block.kind in ("header", "footer"):
            continue
        text = "\t".join("".join(seg.text for seg in cell) for cell in block.cells).rstrip()
        paragraphs.append(text)
    while paragraphs and not paragraphs[0].strip():
        paragraphs.pop(0)
    subject = ""
    if paragraphs and paragraphs[0].strip().lower().startswith(SUBJECT_PREFIX):
        subject = paragraphs.pop(0).strip()[len(SUBJECT_PREFIX) :].strip()
    body = "\n\n".join(p for p in paragraphs if p.strip())
    return EmailDraft(
        template=template,
        subject=" ".join(subject.split())[:300],
        body=body,
        unanswered=list(dict.fromkeys(preview.unanswered)),
    )
