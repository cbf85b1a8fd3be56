"""Writing the audit log. Every service calls :func:`audit_record` inside its own transaction."""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from casedesk.core.audit import GENESIS_HASH, entry_hash
from casedesk.web.access import require_admin
from casedesk.web.audit.models import AuditEntry, AuditVerification
from casedesk.web.audit.tasks import audit_verify_run

# The client address of the request being served, set by middleware; blank for CLI and tasks.
_request_ip: contextvars.ContextVar[str] = contextvars.ContextVar("casedesk_request_ip", default="")
_AUDIT_LOCK_KEY = 7_310_201


@contextmanager
def request_ip_context(ip: str) -> Iterator[None]:
    """Make ``ip`` the address recorded by audit entries written inside the block."""
    token = _request_ip.set(ip)
    try:
        yield
    finally:
        _request_ip.reset(token)


def _lock_chain() -> None:
    """Serialise writers of the chain for the rest of the transaction.

    SQLite transactions here begin IMMEDIATE, which already serialises writers; PostgreSQL
    needs an explicit transaction-scoped advisory lock so two writers never share a ``seq``.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_AUDIT_LOCK_KEY])


def audit_record(
    *,
    actor: Any | None,
    action: str,
    summary: str = "",
    object_type: str = "",
    object_id: object = "",
    matter_id: int | None = None,
    data: dict[str, Any] | None = None,
    actor_name: str | None = None,
) -> AuditEntry:
    """Append one entry to the audit chain, in the caller's transaction.

    ``actor`` is a user or ``None`` (the system, an anonymous login attempt). Never pass
    secrets or document text in ``data``.
    """
    with transaction.atomic():
        _lock_chain()
        last = AuditEntry.objects.order_by("-seq").only("seq", "hash").first()
        seq = (last.seq + 1) if last else 1
        prev = last.hash if last else GENESIS_HASH
        now = timezone.now()
        entry = AuditEntry(
            seq=seq,
            at=now,
            actor=actor if actor is not None and getattr(actor, "pk", None) else None,
            actor_name=(
                actor_name if actor_name is not None else (getattr(actor, "username", "") or "")
            ),
            action=action,
            object_type=object_type,
            object_id=str(object_id or ""),
            matter_id=matter_id,
            summary=summary[:500],
            data=data or {},
            ip=_request_ip.get(),
            prev_hash=prev,
            hash="",
        )
        entry.hash = entry_hash(entry.chain_content(), prev)
        entry.save(force_insert=True)
        return entry


def audit_verification_start(*, by: Any) -> AuditVerification:
    """Queue a background check of the whole chain (administrators only); the page shows progress."""
    require_admin(by)
    with transaction.atomic():
        run = AuditVerification.objects.create(requested_by=by)
        audit_record(
            actor=by,
            action="audit-verify",
            object_type="audit-verification",
            object_id=run.pk,
            summary="Started a verification of the audit chain",
        )
    transaction.on_commit(lambda: audit_verify_run.enqueue(run.pk))
    return run
