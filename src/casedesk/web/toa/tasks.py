"""Background work of the table-of-authorities app, run by ``casedesk worker``: making the
table of a brief (a Word brief is laid out by the worker's warm LibreOffice; a scan is OCRed)
and the PDF of a reviewed table. Each row carries the progress its page polls.
"""

from __future__ import annotations

from django_tasks import task


@task()
def toa_generate(table_id: int) -> str:
    """Read a brief and store its table of authorities."""
    from casedesk.web.toa.services import toa_run

    return str(toa_run(table_id).status)


@task()
def toa_pdf(table_id: int) -> str:
    """Make the PDF of a table as it is now (the Word section laid out by LibreOffice)."""
    from casedesk.web.toa.services import toa_pdf_run

    return str(toa_pdf_run(table_id))
