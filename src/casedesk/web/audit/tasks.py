"""Background work of the audit app, run by ``casedesk worker`` from the database queue."""

from __future__ import annotations

from django.db.models import F
from django.utils import timezone
from django_tasks import task

from casedesk.core.audit import ChainEntry, verify_chain
from casedesk.web.audit.models import AuditEntry, AuditVerification

PROGRESS_EVERY = 5_000


@task()
def audit_verify_run(verification_id: int) -> int:
    """Verify the whole chain for one :class:`AuditVerification`, saving progress as it goes.

    Returns the number of problems found.
    """
    run = AuditVerification.objects.get(pk=verification_id)
    total = AuditEntry.objects.count()
    AuditVerification.objects.filter(pk=run.pk).update(total=total, checked=0)

    def entries():  # type: ignore[no-untyped-def]
        for i, entry in enumerate(
            AuditEntry.objects.order_by("seq").iterator(chunk_size=PROGRESS_EVERY), 1
        ):
            if i % PROGRESS_EVERY == 0:
                AuditVerification.objects.filter(pk=run.pk).update(
                    checked=F("checked") + PROGRESS_EVERY
                )
            yield ChainEntry(
                seq=entry.seq,
                content=entry.chain_content(),
                prev_hash=entry.prev_hash,
                hash=entry.hash,
            )

    try:
        problems = verify_chain(entries())
    except Exception as exc:  # recorded for the administrator, then re-raised for the worker log
        AuditVerification.objects.filter(pk=run.pk).update(
            error=str(exc)[:2000], finished_at=timezone.now()
        )
        raise
    AuditVerification.objects.filter(pk=run.pk).update(
        checked=total,
        problems=[{"seq": p.seq, "problem": p.problem} for p in problems[:1000]],
        finished_at=timezone.now(),
    )
    return len(problems)
