"""Background work of the scheduling app, run by ``casedesk worker`` from the database queue.

Reminders are sent by a periodic sweep: :func:`reminders_sweep` sends what is due, then queues
its own next run ``CASEDESK_REMINDER_SWEEP_SECONDS`` later (``run_after``; the database
backend supports deferred tasks). If that chain ever breaks (the sweep crashed in a way that
skipped its ``finally``, someone emptied the queue), the next start of the worker mends it:
:func:`reminders_worker_start` runs a catch-up sweep, reports what it sent late, and makes sure
exactly one future sweep is queued.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.conf import settings
from django.utils import timezone
from django_tasks import task

from casedesk.web.scheduling.reminder_services import reminders_catch_up, reminders_send_due

log = logging.getLogger("casedesk.reminders")


@task()
def reminders_sweep() -> dict[str, Any]:
    """Send due reminders, then queue the next sweep."""
    try:
        return reminders_send_due().as_dict()
    finally:
        schedule_next_sweep()


def _pending_sweeps() -> Any:
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult.objects.filter(task_path=reminders_sweep.module_path, status="READY")


def schedule_next_sweep(delay_seconds: int | None = None) -> bool:
    """Queue one sweep ``delay_seconds`` from now unless one is already waiting.

    Returns whether a sweep was queued. Backends that cannot defer tasks get none (the
    worker's start-up catch-up still runs).
    """
    backend = reminders_sweep.get_backend()
    if not getattr(backend, "supports_defer", False):
        return False
    if "django_tasks_db" in type(backend).__module__ and _pending_sweeps().exists():
        return False
    delay = settings.CASEDESK_REMINDER_SWEEP_SECONDS if delay_seconds is None else delay_seconds
    run_after = timezone.now() + dt.timedelta(seconds=max(1, delay))
    reminders_sweep.using(run_after=run_after).enqueue()
    return True


def reminders_worker_start() -> str:
    """What ``casedesk worker`` does before it starts taking tasks: catch up, then schedule.

    Returns the catch-up message ("The worker was down since ...; sent N missed reminders
    late."), which the worker prints; it is also logged, and audited when anything was late.
    """
    catch_up = reminders_catch_up()
    schedule_next_sweep()
    return catch_up.message
