"""The append-only, hash-chained audit log."""

from __future__ import annotations

from django.conf import settings
from django.db import models


class AuditEntry(models.Model):
    """One audited event. ``seq`` is gap-free; ``hash`` chains it to the entry before."""

    seq = models.PositiveBigIntegerField(unique=True)
    at = models.DateTimeField()
    # No database constraint and no cascade: the chain must not change when a user is removed.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    actor_name = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40, db_index=True)
    object_type = models.CharField(max_length=40, blank=True)
    object_id = models.CharField(max_length=40, blank=True)
    matter_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    summary = models.CharField(max_length=500, blank=True)
    data = models.JSONField(default=dict, blank=True)
    ip = models.CharField(max_length=45, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64)

    class Meta:
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.action} {self.summary}"

    def chain_content(self) -> dict[str, object]:
        """The fields covered by the hash, in a stable JSON-friendly form."""
        return {
            "seq": self.seq,
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "actor_name": self.actor_name,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "matter_id": self.matter_id,
            "summary": self.summary,
            "data": self.data,
            "ip": self.ip,
        }


class AuditVerification(models.Model):
    """One run of the chain check in the background, with its progress and outcome."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    total = models.PositiveBigIntegerField(default=0)
    checked = models.PositiveBigIntegerField(default=0)
    finished_at = models.DateTimeField(null=True, blank=True)
    problems = models.JSONField(default=list, blank=True)  # [{"seq": n, "problem": "..."}]
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]

    @property
    def percent(self) -> int:
        """Progress for the page's progress bar."""
        if self.finished_at:
            return 100
        return int(100 * self.checked / self.total) if self.total else 0

    @property
    def ok(self) -> bool:
        return self.finished_at is not None and not self.problems and not self.error
