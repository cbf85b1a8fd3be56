"""The conflict-check report as a PDF (WeasyPrint, from an HTML template), audited as an export."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from casedesk.web.audit.services import audit_record
from casedesk.web.matters.models import ConflictCheck
from casedesk.web.matters.selectors import check_hits, check_summary, check_terms, hit_rows


def conflict_report_html(*, by: Any, check: ConflictCheck) -> str:
    """The report as HTML, redacted for ``by`` exactly as the check page is."""
    rows = hit_rows(by, check_hits(check))
    return render_to_string(
        "matters/conflict_report_pdf.html",
        {
            "firm_name": settings.CASEDESK_FIRM_NAME,
            "check": check,
            "matter": check.matter,
            "rows": rows,
            "summary": check_summary(check, rows),
            "terms": check_terms(check),
            "printed_by": by,
            "printed_at": timezone.localtime(),
        },
    )


def conflict_report_pdf(*, by: Any, check: ConflictCheck) -> bytes:
    """Render the PDF and record the export in the audit log."""
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import

    pdf = HTML(string=conflict_report_html(by=by, check=check)).write_pdf()
    with transaction.atomic():
        audit_record(
            actor=by,
            action="export",
            object_type="conflict-check",
            object_id=check.pk,
            matter_id=check.matter_id,
            summary=f"Printed conflict check report for {check.matter.number}",
            data={"format": "pdf", "bytes": len(pdf)},
        )
    return pdf
