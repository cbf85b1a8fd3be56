"""Background work of the productions app, run by ``casedesk worker``: building a production
volume and building a trial binder. Each row carries the progress its page polls.
"""

from __future__ import annotations

from django_tasks import task


@task()
def production_build(production_id: int) -> str:
    """Stamp a production's documents and pack its volume (load files, log, ZIP)."""
    from casedesk.web.productions.build import production_run

    production = production_run(production_id)
    return str(production.status) if production is not None else "missing"


@task()
def binder_build(binder_id: int) -> str:
    """Build a binder's PDF from its saved definition."""
    from casedesk.web.productions.binder_services import binder_run

    binder = binder_run(binder_id)
    return str(binder.status) if binder is not None else "missing"
