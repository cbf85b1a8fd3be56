"""The matter's documents: files stored by content hash, versions, holds, trash, and the
proposals that data entry from documents makes for the user to confirm.

A file's bytes live once under ``DATA_DIR/blobs/`` named by their SHA-256 (:class:`Blob`);
a :class:`Document` is the filed item (title, category, date, tags...), and each upload of
new content is a :class:`DocumentVersion` pointing at a blob. Nothing is ever overwritten:
a restore makes a new version that points at the old blob.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casedesk.web.matters.models import Matter


class Category(models.Model):
    """A document category: the six built in, and firm-defined ones."""

    slug = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=100, unique=True)
    builtin = models.BooleanField(default=False)
    position = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    """A free label on documents ("exhibit candidate", "hot doc"); stored lower-case."""

    name = models.CharField(max_length=60, unique=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Direction(models.TextChoices):
    NONE = "", "—"
    SENT = "sent", "Sent"
    RECEIVED = "received", "Received"
    INTERNAL = "internal", "Internal"


class Confidentiality(models.TextChoices):
    NORMAL = "normal", "Normal"
    CONFIDENTIAL = "confidential", "Confidential"
    HIGHLY = "highly_confidential", "Highly confidential"
    AEO = "attorneys_eyes_only", "Attorneys' eyes only"


class TextStatus(models.TextChoices):
    PENDING = "pending", "Waiting to be read"
    RUNNING = "running", "Reading text"
    OCR = "ocr", "Running OCR"
    DONE = "done", "Text ready"
    ENCRYPTED = "encrypted", "Password-protected"
    FAILED = "failed", "Could not be read"
    NONE = "none", "No text (file type)"


class Blob(models.Model):
    """One file's bytes, stored once under ``blobs/ab/cd/<sha256>``; never overwritten."""

    sha256 = models.CharField(max_length=64, primary_key=True)
    size = models.BigIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.sha256


class Document(models.Model):
    """A filed document of a matter; its content is its current version."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="documents")
    title = models.CharField(max_length=300)
    category = models.ForeignKey(Category, on_delete=models.PROTECT, related_name="documents")
    document_date = models.DateField(null=True, blank=True)
    author = models.CharField(max_length=200, blank=True)
    direction = models.CharField(max_length=10, choices=Direction.choices, blank=True, default="")
    tags = models.ManyToManyField(Tag, blank=True, related_name="documents")
    privileged = models.BooleanField(default=False)
    confidentiality = models.CharField(
        max_length=24, choices=Confidentiality.choices, default=Confidentiality.NORMAL
    )
    folder = models.CharField(max_length=500, blank=True)  # the folder path it came from
    current_version = models.ForeignKey(
        "DocumentVersion", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    checked_out_at = models.DateTimeField(null=True, blank=True)
    deleted_at = models.DateTimeField(null=True, blank=True)  # in the trash since
    deleted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Bates range, filled by productions (trial materials); shown in the case file index.
    bates_start = models.CharField(max_length=40, blank=True)
    bates_end = models.CharField(max_length=40, blank=True)

    class Meta:
        ordering = ["-document_date", "-id"]
        indexes = [models.Index(fields=["matter", "deleted_at"])]

    def __str__(self) -> str:
        return self.title


class DocumentVersion(models.Model):
    """One upload of a document's content, with the text read from it."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="versions")
    filename = models.CharField(max_length=255)  # cleaned display name, never a storage path
    kind = models.CharField(max_length=10)  # core.extract.kinds.FileKind
    content_type = models.CharField(max_length=100)
    size = models.BigIntegerField()
    comment = models.CharField(max_length=500, blank=True)
    restored_from = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    # Text extraction (a background task): status, progress, result.
    text_status = models.CharField(
        max_length=10, choices=TextStatus.choices, default=TextStatus.PENDING
    )
    text_progress = models.PositiveSmallIntegerField(default=0)  # percent
    text_message = models.CharField(max_length=500, blank=True)
    text_method = models.CharField(max_length=20, blank=True)
    text = models.TextField(blank=True)
    pages = models.PositiveIntegerField(null=True, blank=True)
    ocr_blob = models.ForeignKey(  # the searchable PDF made by OCR, beside the original
        Blob, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    indexed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["document", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["document", "number"], name="document_version_number")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} v{self.number}"


class LegalHold(models.Model):
    """A hold on a whole matter or one document: nothing under it may be deleted or purged."""

    matter = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.PROTECT, related_name="legal_holds"
    )
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.PROTECT, related_name="legal_holds"
    )
    reason = models.CharField(max_length=500)
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-placed_at"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(matter__isnull=False, document__isnull=True)
                    | models.Q(matter__isnull=True, document__isnull=False)
                ),
                name="legal_hold_one_target",
            )
        ]


class ProposalKind(models.TextChoices):
    MATTER_FIELD = "matter_field", "Matter field"
    EVENT = "event", "Calendar event"
    DEADLINE = "deadline", "Deadline"
    CONTACT = "contact", "Contact"


class ProposalStatus(models.TextChoices):
    PENDING = "pending", "To review"
    CONFIRMED = "confirmed", "Entered"
    DISMISSED = "dismissed", "Dismissed"


class Proposal(models.Model):
    """Something data entry found in a document, offered to the user; never entered silently."""

    version = models.ForeignKey(DocumentVersion, on_delete=models.CASCADE, related_name="proposals")
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(max_length=20, choices=ProposalKind.choices)
    field_kind = models.CharField(max_length=20)  # core.extract.fields.FieldKind
    label = models.CharField(max_length=300)  # what the user reads: "Case number: 2:24-cv-01234"
    value = models.CharField(max_length=300)
    passage = models.TextField(blank=True)
    payload = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    result = models.CharField(max_length=300, blank=True)  # what was entered ("event 42")

    class Meta:
        ordering = ["id"]
