"""The calendar: events (appointments to trials), rule-based deadlines in chains, reminders,
tasks, and iCalendar feeds."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casedesk.web.contacts.models import Contact
from casedesk.web.matters.models import Matter


class EventKind(models.TextChoices):
    APPOINTMENT = "appointment", "Appointment"
    MEETING = "meeting", "Meeting"
    HEARING = "hearing", "Hearing"
    TRIAL = "trial", "Trial"
    DEPOSITION = "deposition", "Deposition"
    DEADLINE = "deadline", "Deadline"
    REMINDER = "reminder", "Reminder"


class EventStatus(models.TextChoices):
    SCHEDULED = "scheduled", "Scheduled"
    DONE = "done", "Done"
    CANCELLED = "cancelled", "Cancelled"


class DeadlineChain(models.Model):
    """A trigger ("complaint served 2027-03-10 by mail") and the deadlines computed from it."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="deadline_chains")
    template = models.CharField(max_length=60)  # chain template id (core/deadlines chain data)
    label = models.CharField(max_length=300)  # e.g. "Complaint served"
    court = models.CharField(max_length=20)  # core.deadlines court id: federal, ca, ...
    trigger_date = models.DateField()
    trigger_time = models.TimeField(null=True, blank=True)
    service = models.CharField(max_length=24, default="none")  # core.deadlines service method id
    closed_days = models.JSONField(
        default=list, blank=True
    )  # ISO dates the clerk's office was closed
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["trigger_date", "id"]

    def __str__(self) -> str:
        return f"{self.label} {self.trigger_date:%Y-%m-%d}"


class Event(models.Model):
    """Anything on the calendar. A deadline carries its rule, derivation and rule-pack version."""

    matter = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=16, choices=EventKind.choices)
    title = models.CharField(max_length=300)
    starts_at = models.DateTimeField(db_index=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    all_day = models.BooleanField(default=False)
    location = models.CharField(max_length=200, blank=True)  # address, or courtroom/department
    notes = models.TextField(blank=True)
    status = models.CharField(
        max_length=10, choices=EventStatus.choices, default=EventStatus.SCHEDULED
    )
    # Rule-based deadlines (kind == deadline): how the date was derived.
    chain = models.ForeignKey(
        DeadlineChain, null=True, blank=True, on_delete=models.SET_NULL, related_name="deadlines"
    )
    rule_id = models.CharField(max_length=60, blank=True)
    rule_citation = models.CharField(max_length=200, blank=True)
    rule_pack_version = models.CharField(max_length=60, blank=True)
    derivation = models.JSONField(default=list, blank=True)  # steps, in words
    derivation_notes = models.JSONField(default=list, blank=True)  # ambiguities, later readings
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uid = models.CharField(max_length=120, unique=True)  # iCalendar UID, stable across edits
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE, bumped on change
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [models.Index(fields=["matter", "starts_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.title}"


class EventAttendee(models.Model):
    """A staff member or a contact attending an event (exactly one of the two)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="attending",
    )
    contact = models.ForeignKey(
        Contact, null=True, blank=True, on_delete=models.CASCADE, related_name="attending"
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(user__isnull=False, contact__isnull=True))
                | (models.Q(user__isnull=True, contact__isnull=False)),
                name="attendee_user_xor_contact",
            ),
            models.UniqueConstraint(fields=["event", "user"], name="attendee_unique_user"),
            models.UniqueConstraint(fields=["event", "contact"], name="attendee_unique_contact"),
        ]


class Reminder(models.Model):
    """An e-mail to ``recipient`` at ``due_at`` (the event's start minus ``minutes_before``)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    minutes_before = models.PositiveIntegerField()
    due_at = models.DateTimeField(db_index=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    late = models.BooleanField(default=False)  # sent after due_at (the worker was down)
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "recipient", "minutes_before"], name="reminder_unique"
            )
        ]


class TaskStatus(models.TextChoices):
    OPEN = "open", "Open"
    DONE = "done", "Done"


class Task(models.Model):
    """A to-do with an assignee and a due date, optionally tied to a deadline."""

    matter = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.CASCADE, related_name="tasks"
    )
    title = models.CharField(max_length=300)
    notes = models.TextField(blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="tasks",
    )
    due_date = models.DateField(null=True, blank=True)
    deadline = models.ForeignKey(
        Event, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks"
    )
    status = models.CharField(max_length=8, choices=TaskStatus.choices, default=TaskStatus.OPEN)
    completed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["status", "due_date", "id"]


class CalendarFeed(models.Model):
    """A secret, revocable iCalendar URL: one user's calendar, or one matter's."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    matter = models.ForeignKey(
        Matter, null=True, blank=True, on_delete=models.CASCADE, related_name="calendar_feeds"
    )
    token_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_fetched_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]


class WorkerHeartbeat(models.Model):
    """When the reminder sweep last ran, so a worker that was down knows what it missed."""

    name = models.CharField(max_length=40, unique=True)
    last_run_at = models.DateTimeField()
