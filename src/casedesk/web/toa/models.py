"""A brief's table of authorities, made by the worker and reviewed in the browser.

The brief is stored as a blob; ``result`` is the table as the clerk has reviewed it so far and
``original`` the table as the engine made it (both in the shape of
:func:`casedesk.core.toa.serialize.result_to_dict`), so "Undo all my changes" is exact.
``edits`` is the review history shown on the page. A table with a matter is matter data (its
visibility and ethical walls apply); one without is seen by its creator and administrators.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.dateparse import parse_datetime

from casedesk.web.documents.models import Blob, Document
from casedesk.web.matters.models import Matter


class TableStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class PdfStatus(models.TextChoices):
    NONE = "none", "Not made"
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


PENDING = (TableStatus.QUEUED, TableStatus.RUNNING)
PDF_PENDING = (PdfStatus.QUEUED, PdfStatus.RUNNING)


class TableOfAuthorities(models.Model):
    """One brief's table of authorities: the brief, the options, the table and its review."""

    matter = models.ForeignKey(
        Matter,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="tables_of_authorities",
    )
    filename = models.CharField(max_length=255)
    # The brief. SET_NULL: purging a document whose file is the same brief must not fail.
    blob = models.ForeignKey(Blob, null=True, on_delete=models.SET_NULL, related_name="+")
    source_document = models.ForeignKey(  # when the brief was picked from the matter's documents
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    passim = models.PositiveSmallIntegerField(default=5)  # 0: never
    paragraphs = models.BooleanField(default=False)
    status = models.CharField(
        max_length=10, choices=TableStatus.choices, default=TableStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=1000, blank=True)
    result = models.JSONField(default=dict, blank=True)  # the reviewed table
    original = models.JSONField(default=dict, blank=True)  # the table as generated
    edits = models.JSONField(default=list, blank=True)  # [{"action","summary","by","at"}]
    entry_count = models.PositiveIntegerField(default=0)
    revision = models.PositiveIntegerField(default=0)  # +1 on every change of the table
    pdf_status = models.CharField(max_length=10, choices=PdfStatus.choices, default=PdfStatus.NONE)
    pdf_message = models.CharField(max_length=500, blank=True)
    pdf_revision = models.PositiveIntegerField(default=0)  # the revision the PDF shows
    pdf_blob = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    filed_document = models.ForeignKey(  # the Word file last filed to the matter
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = "table of authorities"
        verbose_name_plural = "tables of authorities"

    def __str__(self) -> str:
        return self.filename

    @property
    def pending(self) -> bool:
        return self.status in PENDING

    @property
    def stem(self) -> str:
        """The brief's name without its suffix ("brief" for "brief.pdf")."""
        stem = self.filename.rsplit(".", 1)[0] if "." in self.filename else self.filename
        return stem.strip() or "brief"

    @property
    def pdf_pending(self) -> bool:
        return self.pdf_status in PDF_PENDING

    @property
    def pdf_current(self) -> bool:
        """A PDF of the table as it is now is ready to download."""
        return (
            self.pdf_status == PdfStatus.DONE
            and self.pdf_blob_id is not None
            and self.pdf_revision == self.revision
        )

    @property
    def history(self) -> list[dict[str, Any]]:
        """The review history, newest first, each with ``when`` (a datetime) added."""
        rows = []
        for edit in reversed(self.edits or []):
            if isinstance(edit, dict):
                rows.append({**edit, "when": parse_datetime(str(edit.get("at", "")))})
        return rows
