"""Auditing that someone opened a client's contact page."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import Contact


def contact_viewed(*, by: Any, contact: Contact) -> None:
    """Record in the audit log that ``by`` viewed ``contact``'s page."""
    with transaction.atomic():
        audit_record(
            actor=by,
            action="view",
            object_type="contact",
            object_id=contact.pk,
            summary=f"Viewed contact {contact.name}",
        )
