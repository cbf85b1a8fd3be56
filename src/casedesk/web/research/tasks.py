"""Background work of the research app, run by ``casedesk worker``: importing opinions (with
their citation graph and the search index) and cite-checking an uploaded draft.
"""

from __future__ import annotations

from django_tasks import task


@task()
def research_import(job_id: int) -> str:
    """Run (or continue) an import job; its row carries the progress pages poll."""
    from casedesk.web.research.import_services import import_run

    return str(import_run(job_id).status)


@task()
def research_cite_check(check_id: int) -> str:
    """Read a draft's text and check every citation in it against the library."""
    from casedesk.web.research.services import cite_check_run

    return str(cite_check_run(check_id).status)


@task(priority=-10)
def research_index_pending() -> dict[str, int]:
    """Index every opinion the search index has not caught up with."""
    from casedesk.web.research.indexing import index_pending

    return {"indexed": index_pending()}
