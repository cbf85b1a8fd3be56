"""The firm's case-law library: opinions, the citation graph between them, imports, saved
authorities of a matter, and cite-checks of drafts.

Opinions are public law: the library is firm-wide. What a matter keeps (saved authorities, a
cite-check of a draft filed to it) goes through ``casedesk.web.access`` like any matter data.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from casedesk.web.documents.models import Blob
from casedesk.web.matters.models import Matter


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"
    CANCELLED = "cancelled", "Cancelled"


PENDING_STATUSES = (JobStatus.QUEUED, JobStatus.RUNNING)
REJECTED_KEPT = 1000  # rejected records listed per job; the count goes on beyond


class ImportJob(models.Model):
    """One import of opinion files; resumable from ``file_index``/``position`` after a crash."""

    files = models.JSONField(default=list)  # [{"name": shown name, "path": stored copy}]
    format = models.CharField(max_length=20, default="auto")
    folder = models.CharField(max_length=500, blank=True)  # DATA_DIR/imports/<job>/
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    file_index = models.PositiveIntegerField(default=0)  # the file being read
    position = models.PositiveBigIntegerField(default=0)  # where that file resumes
    processed = models.PositiveIntegerField(default=0)
    added = models.PositiveIntegerField(default=0)
    skipped = models.PositiveIntegerField(default=0)  # already in the library (same id)
    rejected_count = models.PositiveIntegerField(default=0)
    rejected = models.JSONField(default=list, blank=True)  # [{"where", "reason"}], capped
    progress = models.PositiveSmallIntegerField(default=0)  # percent of the bytes
    message = models.CharField(max_length=1000, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"import {self.pk}: {self.file_names}"

    @property
    def file_names(self) -> str:
        return ", ".join(str(f.get("name", "")) for f in self.files)

    @property
    def pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def resumable(self) -> bool:
        return self.status in (JobStatus.FAILED, JobStatus.CANCELLED)


class Opinion(models.Model):
    """One court opinion, known by the imported record's id and by its own citations."""

    source_id = models.CharField(max_length=200, unique=True)  # the record's id
    case_name = models.CharField(max_length=1000, blank=True)
    court = models.CharField(max_length=200, blank=True, db_index=True)
    jurisdiction = models.CharField(max_length=200, blank=True)
    date_filed = models.DateField(null=True, blank=True)
    year = models.PositiveSmallIntegerField(null=True, blank=True, db_index=True)
    text = models.TextField()
    own_citations = models.JSONField(default=list, blank=True)  # as given in the record
    cited_by_count = models.PositiveIntegerField(default=0)  # distinct citing opinions
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    job = models.ForeignKey(
        ImportJob, null=True, blank=True, on_delete=models.SET_NULL, related_name="opinions"
    )
    indexed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-date_filed", "id"]

    def __str__(self) -> str:
        return self.case_name or self.source_id

    @property
    def title(self) -> str:
        return self.case_name or f"Opinion {self.source_id}"

    @property
    def court_name(self) -> str:
        """The court's readable name ("Supreme Court of the United States"); ``court`` is the id."""
        from casedesk.web.research.court_names import court_name

        return court_name(self.court)


class OpinionCitation(models.Model):
    """One of an opinion's own reporter citations, normalised ("410 U.S. 113")."""

    opinion = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="citations")
    normalized = models.CharField(max_length=200, db_index=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["opinion", "normalized"], name="research_opinion_citation_unique"
            )
        ]

    def __str__(self) -> str:
        return self.normalized


class CitationRef(models.Model):
    """One citation found in an opinion's text: what it cites, and the library opinion if known."""

    citing = models.ForeignKey(Opinion, on_delete=models.CASCADE, related_name="refs")
    normalized = models.CharField(max_length=200, db_index=True)
    target = models.ForeignKey(
        Opinion, null=True, blank=True, on_delete=models.SET_NULL, related_name="cited_refs"
    )
    kind = models.CharField(max_length=12)  # full | short | id | supra
    text = models.CharField(max_length=300, blank=True)  # as matched
    pin_cite = models.CharField(max_length=100, blank=True)
    sentence = models.TextField(blank=True)
    position = models.PositiveIntegerField(default=0)  # order in the opinion
    start = models.PositiveIntegerField(default=0)  # character span in the text
    end = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["citing", "position"]

    def __str__(self) -> str:
        return self.normalized


def unresolved_short_q() -> Q:
    """Short forms ("466 U.S., at 694") whose antecedent was not found: stored under their own
    (pin) page, so no other citation of the same opinion carries that value. They are kept (the
    text links them) but are not cases the opinion cites."""
    backed = CitationRef.objects.filter(
        citing_id=OuterRef("citing_id"), normalized=OuterRef("normalized")
    ).exclude(kind="short")
    return Q(kind="short") & ~Exists(backed)


def cited_norms(refs: Iterable[tuple[str, str]]) -> set[str]:
    """The citations an opinion cites, from its refs' ``(normalized, kind)``: unresolved short
    forms (see :func:`unresolved_short_q`) left out."""
    pairs = list(refs)
    backed = {norm for norm, kind in pairs if kind != "short"}
    return {norm for norm, kind in pairs if kind != "short" or norm in backed}


class SavedAuthority(models.Model):
    """An authority saved to a matter, with notes and tags (feeds tables of authorities)."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="authorities")
    opinion = models.ForeignKey(
        Opinion, null=True, blank=True, on_delete=models.SET_NULL, related_name="saved"
    )
    citation = models.CharField(max_length=300)
    normalized = models.CharField(max_length=200)
    case_name = models.CharField(max_length=1000, blank=True)
    notes = models.TextField(blank=True)
    tags = models.CharField(max_length=500, blank=True)  # comma-separated, lower-case
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["case_name", "citation"]
        constraints = [
            models.UniqueConstraint(
                fields=["matter", "normalized"], name="research_authority_unique"
            )
        ]

    def __str__(self) -> str:
        return self.citation

    @property
    def tag_list(self) -> list[str]:
        return [t for t in (s.strip() for s in self.tags.split(",")) if t]


class CiteCheck(models.Model):
    """A draft checked against the library: every citation with its status (JSON result)."""

    matter = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.CASCADE, related_name="cite_checks"
    )
    filename = models.CharField(max_length=255)
    blob = models.ForeignKey(Blob, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=1000, blank=True)
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.filename

    @property
    def pending(self) -> bool:
        return self.status in PENDING_STATUSES

    @property
    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for row in (self.result or {}).get("citations", []):
            out[row.get("status", "")] = out.get(row.get("status", ""), 0) + 1
        return out
