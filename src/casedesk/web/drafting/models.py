"""Drafting: the firm's Word templates (each upload a version), the firm profile they are
filled with, the answers given for a matter, and the documents generated from them.

A template's file lives in the documents app's content-addressed blob store
(:class:`~casedesk.web.documents.models.Blob`); a generated document is filed to the matter
as an ordinary :class:`~casedesk.web.documents.models.Document` (the Word file), with its PDF
filed beside it when one is asked for.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models

from casedesk.web.documents.models import Blob, Document
from casedesk.web.matters.models import Matter


class FirmProfile(models.Model):
    """The firm's letterhead details (one row): templates read them as ``firm.*``."""

    name = models.CharField(max_length=200, blank=True)
    address = models.TextField(blank=True)  # multi-line
    phone = models.CharField(max_length=40, blank=True)
    fax = models.CharField(max_length=40, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    website = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return self.name

    @classmethod
    def load(cls) -> FirmProfile:
        """The firm profile, created (named after ``CASEDESK_FIRM_NAME``) the first time."""
        profile = cls.objects.order_by("pk").first()
        if profile is None:
            profile = cls.objects.create(name=str(settings.CASEDESK_FIRM_NAME))
        return profile


class TemplateKind(models.TextChoices):
    LETTER = "letter", "Letter"
    NOTICE = "notice", "Notice"
    PLEADING = "pleading", "Pleading"
    SERVICE = "service", "Proof of service"
    STIPULATION = "stipulation", "Stipulation"
    COVER = "cover", "Cover sheet"
    EMAIL = "email", "E-mail"
    OTHER = "other", "Other"


class DraftTemplate(models.Model):
    """A Word template the firm drafts from; its content is its latest version."""

    name = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=12, choices=TemplateKind.choices, default=TemplateKind.OTHER)
    starter_id = models.CharField(max_length=80, blank=True)  # from the starter library
    archived = models.BooleanField(default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "name"]

    def __str__(self) -> str:
        return self.name

    def latest_version(self) -> TemplateVersion | None:
        """The version documents are generated from (the highest number)."""
        return self.versions.order_by("-number").first()


class TemplateVersion(models.Model):
    """One upload of a template's Word file, with the fields read from it."""

    template = models.ForeignKey(DraftTemplate, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+")
    filename = models.CharField(max_length=255)
    fields = models.JSONField(default=list)  # [{"name", "kind", "paragraph", "required"}]
    starter_version = models.PositiveIntegerField(null=True, blank=True)
    comment = models.CharField(max_length=500, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="template_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.template_id} v{self.number}"

    def template_fields(self) -> list[Any]:
        """The stored fields as core ``TemplateField`` objects."""
        from casedesk.core.drafting import TemplateField

        return [
            TemplateField(
                name=str(f["name"]),
                kind=f["kind"],
                paragraph=str(f.get("paragraph", "")),
                required=bool(f.get("required", True)),
            )
            for f in self.fields
        ]


class MatterAnswer(models.Model):
    """An answer given for a matter when a document was generated, offered again next time."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="draft_answers")
    name = models.CharField(max_length=200)  # a dotted field name: "hearing.date"
    value = models.TextField(blank=True)  # as text: dates ISO, yes/no as "yes"/"no"
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["matter", "name"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "name"], name="matter_answer_unique")
        ]

    def __str__(self) -> str:
        return f"{self.matter_id} {self.name}"


class PdfStatus(models.TextChoices):
    NONE = "none", "No PDF asked for"
    QUEUED = "queued", "Waiting to be made"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Could not be made"


class GeneratedDocument(models.Model):
    """A document drafted from a template for a matter: the Word file filed, and its PDF."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="generated_documents")
    template_version = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="generated"
    )
    document = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="+")
    pdf_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answers = models.JSONField(default=dict, blank=True)  # question name -> text (dates ISO)
    pdf_status = models.CharField(max_length=8, choices=PdfStatus.choices, default=PdfStatus.NONE)
    pdf_message = models.CharField(max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.document_id} from {self.template_version_id}"

    @property
    def pdf_pending(self) -> bool:
        return self.pdf_status in (PdfStatus.QUEUED, PdfStatus.RUNNING)
