"""The matter's correspondence log: calls, meetings, e-mails, letters and notes.

A :class:`Communication` is one entry of the log. An e-mail sent from casedesk or imported
from an .eml/.msg file also has its message filed as a document (``document``); a follow-up
to-do is a scheduling task (``follow_up_task``). Deleting either leaves the entry in place.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casedesk.web.matters.models import Matter


class CommunicationKind(models.TextChoices):
    CALL = "call", "Call"
    MEETING = "meeting", "Meeting"
    EMAIL = "email", "E-mail"
    LETTER = "letter", "Letter"
    NOTE = "note", "Note"


class CommunicationDirection(models.TextChoices):
    IN = "in", "Incoming"
    OUT = "out", "Outgoing"
    INTERNAL = "internal", "Internal"


class Communication(models.Model):
    """One call, meeting, e-mail, letter or note on a matter."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="communications")
    kind = models.CharField(max_length=10, choices=CommunicationKind.choices)
    direction = models.CharField(max_length=10, choices=CommunicationDirection.choices)
    occurred_at = models.DateTimeField()
    participants = models.TextField(blank=True)
    subject = models.CharField(max_length=300, blank=True)
    summary = models.TextField(blank=True)
    document = models.ForeignKey(
        "documents.Document",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="communications",
    )
    follow_up_task = models.ForeignKey(
        "scheduling.Task", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The Message-ID of an imported or sent e-mail (or "sha256:<digest>" of a file without
    # one): the same message is filed to a matter only once.
    message_id = models.CharField(max_length=500, blank=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["matter", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d} {self.subject}".strip()
