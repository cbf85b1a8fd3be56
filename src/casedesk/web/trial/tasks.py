"""Background work of the trial app, run by ``casedesk worker``: exhibit stickers."""

from __future__ import annotations

from django_tasks import task


@task()
def trial_exhibit_sticker(exhibit_id: int) -> str:
    """Put the exhibit's sticker on the first page of a copy of its document."""
    from casedesk.web.trial.stickers import sticker_make

    return sticker_make(exhibit_id)
