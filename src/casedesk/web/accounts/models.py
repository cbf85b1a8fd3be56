"""Users, their roles, and lockout state."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models


class Role(models.TextChoices):
    ATTORNEY = "attorney", "Attorney"
    SECRETARY = "secretary", "Legal secretary"
    CLERK = "clerk", "Legal clerk"
    ADMIN = "admin", "Administrator"
    READONLY = "readonly", "Read-only"


class User(AbstractUser):
    """A member of the firm. ``role`` decides what they may do; walls decide what they may see."""

    role = models.CharField(max_length=16, choices=Role.choices, default=Role.READONLY)
    full_name = models.CharField(max_length=200, blank=True)
    bar_number = models.CharField(max_length=40, blank=True)
    failed_login_count = models.PositiveIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    @property
    def display_name(self) -> str:
        return self.full_name or self.username

    @property
    def can_write(self) -> bool:
        return self.is_active and self.role != Role.READONLY

    @property
    def is_firm_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser
