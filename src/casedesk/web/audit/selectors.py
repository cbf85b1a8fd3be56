"""Reading the audit log: the admin viewer and ``casedesk audit verify``."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Q, QuerySet

from casedesk.core.audit import ChainEntry, ChainProblem, verify_chain
from casedesk.web.audit.models import AuditEntry


def audit_entries(*, action: str = "", actor: str = "", text: str = "") -> QuerySet[AuditEntry]:
    """Entries newest first, filtered by action, actor user name, or words in the summary."""
    qs = AuditEntry.objects.all()
    if action:
        qs = qs.filter(action=action)
    if actor:
        qs = qs.filter(actor_name__icontains=actor)
    if text:
        qs = qs.filter(Q(summary__icontains=text) | Q(object_id=text))
    return qs


def _chain_entries(batch: int = 5000) -> Iterator[ChainEntry]:
    qs = AuditEntry.objects.order_by("seq")
    for entry in qs.iterator(chunk_size=batch):
        yield ChainEntry(
            seq=entry.seq, content=entry.chain_content(), prev_hash=entry.prev_hash, hash=entry.hash
        )


def audit_verify() -> tuple[int, list[ChainProblem]]:
    """Verify the whole chain; return how many entries were read and every problem found."""
    count = 0

    def counted() -> Iterator[ChainEntry]:
        nonlocal count
        for item in _chain_entries():
            count += 1
            yield item

    problems = verify_chain(counted())
    return count, problems
