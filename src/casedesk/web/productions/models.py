"""Productions (Bates-numbered volumes with load files) and trial binders of a matter.

The Bates ledger is :class:`BatesRange`: one row per produced document, and under one prefix
of one matter the rows form a single chain that never overlaps and never skips. The database
holds that rule itself, whatever code writes the rows:

* ``end_key`` is ``"<matter>:<prefix>:<end>"`` (checked) and unique, so no two ranges of a
  prefix end on the same number;
* ``follows`` points (by ``end_key``) at the range ending on ``begin - 1``: the stored
  ``follows_key`` is ``"<matter>:<prefix>:<begin - 1>"`` (checked) and ``follows`` must equal
  it, so a range can only follow the range that ends just before it, in the same matter and
  prefix; ``follows`` is one-to-one, so two ranges never follow the same one;
* only one range per (matter, prefix) follows nothing: the first.

Walking back along ``follows`` the numbers fall strictly, so every range leads back to the one
first range: the ranges are one contiguous chain. A gap or an overlap is an IntegrityError.

:class:`Production` is one volume (its numbers, stamp style, status and the ZIP);
:class:`ProductionItem` one document in it. :class:`Binder` is a saved binder definition
(:class:`BinderItem` its tabs) with its last build.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Concat

from casedesk.web.documents.models import Blob, Document, DocumentVersion
from casedesk.web.matters.models import Matter

DEFAULT_DIGITS = 6  # Acrobat's default
MIN_DIGITS, MAX_DIGITS = 3, 15
PREFIX_LIMIT = 20
KEY_LIMIT = 80


def _key(number: F | models.Expression) -> Concat:
    """``"<matter_id>:<prefix>:<number>"`` as a database expression (SQLite and PostgreSQL)."""
    return Concat(
        Cast("matter_id", models.CharField()),
        Value(":"),
        F("prefix"),
        Value(":"),
        Cast(number, models.CharField()),
        output_field=models.CharField(),
    )


def range_key(matter_id: int, prefix: str, number: int) -> str:
    """The key of the range of ``matter_id``/``prefix`` that ends on ``number``."""
    return f"{matter_id}:{prefix}:{number}"


class BatesRange(models.Model):
    """A run of Bates numbers given to one produced document (see the module notes)."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="bates_ranges")
    prefix = models.CharField(max_length=PREFIX_LIMIT)
    digits = models.PositiveSmallIntegerField(default=DEFAULT_DIGITS)
    begin = models.PositiveBigIntegerField()
    end = models.PositiveBigIntegerField()
    end_key = models.CharField(max_length=KEY_LIMIT, unique=True)
    follows_key = models.CharField(max_length=KEY_LIMIT)
    follows = models.OneToOneField(
        "self",
        to_field="end_key",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="followed_by",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["matter", "prefix", "begin"]
        constraints = [
            models.CheckConstraint(
                condition=Q(begin__gte=0) & Q(end__gte=F("begin")),
                name="bates_range_end_after_begin",
            ),
            models.CheckConstraint(condition=Q(end_key=_key(F("end"))), name="bates_range_end_key"),
            models.CheckConstraint(
                condition=Q(follows_key=_key(F("begin") - 1)), name="bates_range_follows_key"
            ),
            models.CheckConstraint(
                condition=Q(follows__isnull=True) | Q(follows_id=F("follows_key")),
                name="bates_range_follows_previous",
            ),
            models.UniqueConstraint(
                fields=["matter", "prefix"],
                condition=Q(follows__isnull=True),
                name="bates_range_one_first",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.begin_label}-{self.end_label}"

    @property
    def pages(self) -> int:
        return int(self.end - self.begin + 1)

    @property
    def begin_label(self) -> str:
        return f"{self.prefix}{self.begin:0{self.digits}d}"

    @property
    def end_label(self) -> str:
        return f"{self.prefix}{self.end:0{self.digits}d}"


class JobStatus(models.TextChoices):
    QUEUED = "queued", "Waiting for the worker"
    RUNNING = "running", "Running"
    DONE = "done", "Done"
    FAILED = "failed", "Failed"


PENDING = (JobStatus.QUEUED, JobStatus.RUNNING)


class Position(models.TextChoices):
    BOTTOM_RIGHT = "bottom-right", "Bottom right"
    BOTTOM_LEFT = "bottom-left", "Bottom left"
    BOTTOM_CENTER = "bottom-center", "Bottom centre"
    TOP_RIGHT = "top-right", "Top right"
    TOP_LEFT = "top-left", "Top left"
    TOP_CENTER = "top-center", "Top centre"


class Production(models.Model):
    """One production volume: its numbering, stamp style, build status and the ZIP."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="productions")
    prefix = models.CharField(max_length=PREFIX_LIMIT)
    digits = models.PositiveSmallIntegerField(default=DEFAULT_DIGITS)
    start = models.PositiveBigIntegerField()
    start_chosen = models.BooleanField(default=False)  # the first production, a chosen start
    position = models.CharField(
        max_length=20, choices=Position.choices, default=Position.BOTTOM_RIGHT
    )
    font = models.CharField(max_length=40, default="Helvetica-Bold")
    size = models.FloatField(default=10.0)
    volume = models.CharField(max_length=PREFIX_LIMIT + 10)
    combined = models.BooleanField(default=False)
    status = models.CharField(max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=1000, blank=True)
    pages = models.PositiveBigIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)  # warnings of the build (repairs)
    zip_blob = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "volume"], name="production_volume_unique"),
            models.CheckConstraint(
                condition=Q(digits__gte=MIN_DIGITS) & Q(digits__lte=MAX_DIGITS),
                name="production_digits_range",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="production_progress_percent"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.volume} ({self.matter.number})"

    @property
    def pending(self) -> bool:
        return self.status in PENDING

    def label(self, number: int) -> str:
        """The Bates label of ``number`` in this production's prefix and width."""
        return f"{self.prefix}{number:0{self.digits}d}"

    @property
    def start_label(self) -> str:
        return self.label(self.start)

    @property
    def zip_name(self) -> str:
        return f"{self.volume}.zip"


class ProductionItem(models.Model):
    """One document of a production: the version produced, its legend, range and files.

    Title and file name are copied so the record stays readable if the document is purged
    (the document, version and native blob links then become empty).
    """

    production = models.ForeignKey(Production, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        Document, null=True, on_delete=models.SET_NULL, related_name="production_items"
    )
    version = models.ForeignKey(
        DocumentVersion, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    position = models.PositiveIntegerField()
    title = models.CharField(max_length=300)
    filename = models.CharField(max_length=255)
    legend = models.CharField(max_length=120, blank=True)
    custodian = models.CharField(max_length=200, blank=True)
    native = models.BooleanField(default=False)  # produced as a native with a slip sheet
    range = models.OneToOneField(
        BatesRange, null=True, blank=True, on_delete=models.PROTECT, related_name="item"
    )
    stamped_blob = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    native_blob = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["production", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["production", "position"], name="production_item_position"
            ),
            models.UniqueConstraint(
                fields=["production", "document"], name="production_item_document"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.production_id}#{self.position} {self.title}"


class Binder(models.Model):
    """A saved trial binder: the documents in order as tabs, options, and the last build."""

    matter = models.ForeignKey(Matter, on_delete=models.PROTECT, related_name="binders")
    title = models.CharField(max_length=200)
    subtitle = models.CharField(max_length=300, blank=True)
    bates_prefix = models.CharField(max_length=PREFIX_LIMIT, blank=True)  # "": not stamped
    bates_start = models.PositiveBigIntegerField(default=1)
    bates_digits = models.PositiveSmallIntegerField(default=DEFAULT_DIGITS)
    bates_position = models.CharField(
        max_length=20, choices=Position.choices, default=Position.BOTTOM_RIGHT
    )
    page_numbers = models.BooleanField(default=True)
    status = models.CharField(max_length=10, choices=JobStatus.choices, blank=True)  # "": never
    progress = models.PositiveSmallIntegerField(default=0)
    message = models.CharField(max_length=1000, blank=True)
    output_blob = models.ForeignKey(
        Blob, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    pages = models.PositiveIntegerField(default=0)
    notes = models.JSONField(default=list, blank=True)
    changed_at = models.DateTimeField(auto_now_add=True)  # the definition's last change
    built_from = models.DateTimeField(null=True, blank=True)  # when the output's build read it
    built_at = models.DateTimeField(null=True, blank=True)
    built_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-changed_at", "-id"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="binder_progress_percent"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def pending(self) -> bool:
        return self.status in PENDING

    @property
    def stale(self) -> bool:
        """The definition changed after the last build (or it was never built)."""
        if self.built_at is None or self.built_from is None:
            return True
        return self.changed_at > self.built_from


class BinderItem(models.Model):
    """One tab of a binder: a document, its tab title and description."""

    binder = models.ForeignKey(Binder, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="+")
    position = models.PositiveIntegerField()
    tab_title = models.CharField(max_length=200)
    description = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["binder", "position"]
        constraints = [
            models.UniqueConstraint(fields=["binder", "position"], name="binder_item_position"),
        ]

    def __str__(self) -> str:
        return f"{self.binder_id} tab {self.position}: {self.tab_title}"
