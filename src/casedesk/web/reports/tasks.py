"""Background work of the reports app, run by ``casedesk worker``: making a case report. The
report's row carries the progress its page polls."""

from __future__ import annotations

from django_tasks import task


@task()
def report_build(report_id: int) -> str:
    """Make a requested case report (PDF and/or Word) and store its files."""
    from casedesk.web.reports.services import report_run

    report = report_run(report_id)
    return str(report.status) if report is not None else "missing"
