"""Preliminary case reports: each request (who asked, which sections), its build in the
background and the PDF and Word files it made (stored as blobs); and the sections each user
chose last time, offered again."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from casedesk.core.reports.model import SECTION_KEYS, SECTION_TITLES, section_order
from casedesk.web.documents.models import Blob
from casedesk.web.matters.models import Matter


class ReportStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Being made"
    DONE = "done", "Ready"
    FAILED = "failed", "Failed"


PENDING = (ReportStatus.QUEUED, ReportStatus.RUNNING)


class Report(models.Model):
    """One preliminary case report of a matter, made for ``created_by`` (whose walls and
    permissions decide what it shows)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="case_reports")
    sections = models.JSONField(default=list)  # core.reports.model.SECTION_KEYS, in order
    material_only = models.BooleanField(default=False)  # the chronology lists material facts
    want_pdf = models.BooleanField(default=True)
    want_docx = models.BooleanField(default=True)
    status = models.CharField(
        max_length=10, choices=ReportStatus.choices, default=ReportStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=1000, blank=True)
    pdf_blob = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    docx_blob = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pages = models.PositiveIntegerField(null=True, blank=True)  # of the PDF
    facts = models.PositiveIntegerField(default=0)  # rows the report holds, for the list
    documents = models.PositiveIntegerField(default=0)
    seconds = models.FloatField(null=True, blank=True)  # how long the build took
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["matter", "created_at"], name="reports_matter_created")]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="report_progress_percent"),
            models.CheckConstraint(
                condition=Q(want_pdf=True) | Q(want_docx=True), name="report_wants_a_file"
            ),
        ]

    def __str__(self) -> str:
        return f"Case report {self.pk} of {self.matter_id}"

    @property
    def pending(self) -> bool:
        return self.status in PENDING

    @property
    def sections_text(self) -> str:
        """ "All sections", or the chosen ones' titles."""
        chosen = section_order(self.sections)
        if chosen == SECTION_KEYS:
            return "All sections"
        return "; ".join(SECTION_TITLES[key] for key in chosen)

    @property
    def formats(self) -> list[str]:
        return [f for f, wanted in (("pdf", self.want_pdf), ("docx", self.want_docx)) if wanted]


class ReportChoice(models.Model):
    """The sections and options a user chose for their last report (offered next time)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="report_choice"
    )
    sections = models.JSONField(default=list)
    material_only = models.BooleanField(default=False)
    want_pdf = models.BooleanField(default=True)
    want_docx = models.BooleanField(default=True)
    updated_at = models.DateTimeField(auto_now=True)
