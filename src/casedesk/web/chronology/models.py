"""The fact chronology of a matter: facts with fuzzy dates ("March 2024", "c. 2019"), the
people and issues they touch and the document (page, Bates) they come from; firm-wide issue
tags; and the dated sentences found in a matter's documents, offered as suggested facts.

A fact's date is stored as :class:`casedesk.core.chronology.dates.FuzzyDate` spread over
columns (kind, start, end, its display text) plus ``sort_date``, the day the database orders
by. Everything is read through ``casedesk.web.access`` (see :mod:`.selectors`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models.functions import Lower

from casedesk.web.contacts.models import Contact
from casedesk.web.documents.models import Document, DocumentVersion
from casedesk.web.matters.models import Matter

if TYPE_CHECKING:
    from casedesk.core.chronology.dates import FuzzyDate


class Issue(models.Model):
    """A firm-wide tag for facts: "Damages", "Notice", "Statute of limitations"."""

    name = models.CharField(max_length=100, unique=True)
    description = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(Lower("name"), name="chronology_issue_name_ci_unique")
        ]

    def __str__(self) -> str:
        return self.name


def _fuzzy(kind: str, start: object, end: object, text: str) -> FuzzyDate:
    from casedesk.core.chronology.dates import FuzzyDate

    return FuzzyDate(kind=kind, start=start, end=end, text=text)  # type: ignore[arg-type]


class Fact(models.Model):
    """One fact of a matter's chronology."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="facts")
    date_text = models.CharField(max_length=100, blank=True)  # FuzzyDate.display
    date_kind = models.CharField(max_length=10, default="unknown")
    date_start = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    sort_date = models.DateField(null=True, blank=True, db_index=True)
    description = models.TextField()
    people = models.ManyToManyField(Contact, blank=True, related_name="facts")
    issues = models.ManyToManyField(Issue, blank=True, related_name="facts")
    # A purged document leaves the fact with its page and Bates.
    source_document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="facts"
    )
    source_page = models.CharField(max_length=20, blank=True)
    source_bates = models.CharField(max_length=40, blank=True)
    material = models.BooleanField(default=False)
    disputed = models.BooleanField(default=False)
    notes = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["sort_date", "id"]
        indexes = [models.Index(fields=["matter", "sort_date"], name="chronology_fact_matter_date")]

    def __str__(self) -> str:
        return f"{self.date_text or 'Undated'}: {self.description[:60]}"

    def fuzzy_date(self) -> FuzzyDate:
        """The fact's date as core.chronology sees it."""
        return _fuzzy(self.date_kind, self.date_start, self.date_end, self.date_text)


class SuggestionStatus(models.TextChoices):
    PENDING = "pending", "To review"
    ACCEPTED = "accepted", "Accepted"
    DISMISSED = "dismissed", "Dismissed"


class FactSuggestion(models.Model):
    """A dated sentence found in a document version (core.chronology.suggest), offered as a
    fact; never entered silently. Dismissed ones stay dismissed when suggestions are found
    again (unique per version and offset)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="fact_suggestions")
    version = models.ForeignKey(
        DocumentVersion, on_delete=models.CASCADE, related_name="fact_suggestions"
    )
    date_text = models.CharField(max_length=100, blank=True)
    date_kind = models.CharField(max_length=10, default="unknown")
    date_start = models.DateField(null=True, blank=True)
    date_end = models.DateField(null=True, blank=True)
    sentence = models.TextField()
    page = models.PositiveIntegerField(null=True, blank=True)
    offset = models.PositiveIntegerField()
    status = models.CharField(
        max_length=10, choices=SuggestionStatus.choices, default=SuggestionStatus.PENDING
    )
    fact = models.ForeignKey(
        Fact, null=True, blank=True, on_delete=models.SET_NULL, related_name="suggestions"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["version", "offset", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "offset"], name="chronology_suggestion_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.date_text}: {self.sentence[:60]}"

    def fuzzy_date(self) -> FuzzyDate:
        return _fuzzy(self.date_kind, self.date_start, self.date_end, self.date_text)


class RunStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


class SuggestionRun(models.Model):
    """One search for suggested facts in a matter's documents (the task's visible progress);
    ``document`` is set when only that document's current version was read."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="suggestion_runs")
    document = models.ForeignKey(
        Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)  # percent
    message = models.CharField(max_length=500, blank=True)
    found = models.PositiveIntegerField(default=0)  # new suggestions stored
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.matter_id}: {self.status}"

    @property
    def pending(self) -> bool:
        return self.status in (RunStatus.QUEUED, RunStatus.RUNNING)
