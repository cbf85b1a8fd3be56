"""Background work of the chronology app, run by ``casedesk worker``: finding suggested facts
in a matter's documents."""

from __future__ import annotations

from django_tasks import task


@task()
def chronology_suggest(matter_id: int, run_id: int | None = None) -> str:
    """Read the matter's documents and store their dated sentences as suggested facts; the
    run's row (``run_id``) carries the progress the page polls."""
    from casedesk.web.chronology.services import suggestions_run

    return str(suggestions_run(matter_id, run_id).status)
