"""Matters, the parties on them, the team, ethical walls, and saved conflict checks."""

from __future__ import annotations

from django.conf import settings
from django.db import models

from casedesk.web.contacts.models import Contact


class PracticeArea(models.TextChoices):
    LITIGATION = "litigation", "Civil litigation"
    EMPLOYMENT = "employment", "Employment"
    FAMILY = "family", "Family law"
    ESTATE = "estate", "Wills, trusts and estates"
    REAL_ESTATE = "real-estate", "Real estate"
    CORPORATE = "corporate", "Corporate and business"
    PERSONAL_INJURY = "personal-injury", "Personal injury"
    IMMIGRATION = "immigration", "Immigration"
    CRIMINAL = "criminal", "Criminal defense"
    BANKRUPTCY = "bankruptcy", "Bankruptcy"
    IP = "ip", "Intellectual property"
    LANDLORD_TENANT = "landlord-tenant", "Landlord and tenant"


class MatterStatus(models.TextChoices):
    INTAKE = "intake", "Intake"
    OPEN = "open", "Open"
    CLOSED = "closed", "Closed"
    DECLINED = "declined", "Declined"


class Matter(models.Model):
    """A client engagement. Opening it requires a completed conflict check."""

    number = models.CharField(max_length=40, unique=True)
    title = models.CharField(max_length=300)
    practice_area = models.CharField(max_length=20, choices=PracticeArea.choices)
    court = models.CharField(max_length=200, blank=True)
    case_number = models.CharField(max_length=80, blank=True)
    judge = models.CharField(max_length=200, blank=True)
    status = models.CharField(
        max_length=10, choices=MatterStatus.choices, default=MatterStatus.INTAKE
    )
    description = models.TextField(blank=True)
    intake_on = models.DateField(null=True, blank=True)
    opened_on = models.DateField(null=True, blank=True)
    closed_on = models.DateField(null=True, blank=True)
    responsible_attorney = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responsible_for",
    )
    restricted = models.BooleanField(
        default=False, help_text="Only the matter's team (and administrators) may see it."
    )
    decline_reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class PartyRole(models.TextChoices):
    CLIENT = "client", "Client"
    ADVERSE = "adverse-party", "Adverse party"
    OPPOSING_COUNSEL = "opposing-counsel", "Opposing counsel"
    CO_PARTY = "co-party", "Co-party"
    WITNESS = "witness", "Witness"
    EXPERT = "expert", "Expert"
    JUDGE = "judge", "Judge"
    RELATED = "related-party", "Related party"


class MatterParty(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="parties")
    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="party_roles")
    role = models.CharField(max_length=20, choices=PartyRole.choices)
    notes = models.CharField(max_length=300, blank=True)
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["role", "contact__name"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "contact", "role"], name="party_unique_role")
        ]

    def __str__(self) -> str:
        return f"{self.contact} ({self.get_role_display()})"


class TeamRole(models.TextChoices):
    LEAD = "lead", "Responsible attorney"
    ATTORNEY = "attorney", "Attorney"
    SECRETARY = "secretary", "Legal secretary"
    CLERK = "clerk", "Legal clerk"


class MatterTeamMember(models.Model):
    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="team_memberships"
    )
    role = models.CharField(max_length=12, choices=TeamRole.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["matter", "user"], name="team_unique_member")
        ]


class EthicalWall(models.Model):
    """A screen: ``user`` gets no trace of ``matter`` anywhere, from the next request on."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="walls")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="walls"
    )
    reason = models.CharField(max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [models.UniqueConstraint(fields=["matter", "user"], name="wall_unique")]


class CheckStatus(models.TextChoices):
    PENDING = "pending", "Awaiting dispositions"
    CLEARED = "cleared", "Completed: cleared"
    DECLINE = "decline", "Completed: conflict, decline"


class ConflictCheck(models.Model):
    """A saved conflict search: who ran it, when, for which terms, and every hit with its disposition."""

    matter = models.ForeignKey(Matter, on_delete=models.CASCADE, related_name="conflict_checks")
    trigger = models.CharField(max_length=20, default="intake")  # intake | party-added | rerun
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    run_at = models.DateTimeField(auto_now_add=True)
    terms = models.JSONField(default=list)  # [{"name": ..., "kind": ..., "role": ...}]
    status = models.CharField(
        max_length=10, choices=CheckStatus.choices, default=CheckStatus.PENDING
    )
    completed_at = models.DateTimeField(null=True, blank=True)
    completed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-run_at", "-id"]


class Disposition(models.TextChoices):
    PENDING = "pending", "Not yet reviewed"
    CLEARED = "cleared", "Cleared: not a conflict"
    WAIVER = "waiver", "Waiver obtained"
    DECLINE = "decline", "Conflict: decline"


class ConflictHitRecord(models.Model):
    """One hit of a saved check, frozen as it was found, with the reviewer's disposition."""

    conflict_check = models.ForeignKey(ConflictCheck, on_delete=models.CASCADE, related_name="hits")
    term = models.CharField(max_length=500)
    party_key = models.CharField(max_length=80)  # registry id, e.g. "party:12" or "contact:7"
    contact = models.ForeignKey(Contact, null=True, on_delete=models.SET_NULL, related_name="+")
    hit_matter = models.ForeignKey(Matter, null=True, on_delete=models.SET_NULL, related_name="+")
    name = models.CharField(max_length=500)
    matched_name = models.CharField(max_length=500)
    role = models.CharField(max_length=24)
    matter_number = models.CharField(max_length=40, blank=True)
    matter_status = models.CharField(max_length=20, blank=True)
    score = models.PositiveSmallIntegerField()
    rule = models.CharField(max_length=40)
    reason = models.TextField()
    disposition = models.CharField(
        max_length=10, choices=Disposition.choices, default=Disposition.PENDING
    )
    note = models.TextField(blank=True)
    disposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    disposed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "name", "id"]
