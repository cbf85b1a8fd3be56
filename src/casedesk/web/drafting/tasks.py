"""Background work of the drafting app, run by ``casedesk worker``: the PDF of a generated
document (LibreOffice, kept warm in the worker process; see :mod:`casedesk.web.drafting.pdf`).
"""

from __future__ import annotations

from django_tasks import task


@task()
def generated_pdf(generated_id: int) -> str:
    """Make the PDF of a generated document and file it to the matter beside the Word file."""
    from casedesk.web.drafting.pdf import make_pdf

    return str(make_pdf(generated_id))
