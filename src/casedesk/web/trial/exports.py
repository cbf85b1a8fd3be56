"""The files the clerk hands to the court and the other side, each written to the audit log:

* the exhibit list in the AO 187 layout as Word (``core.trial.exhibits.exhibit_list_docx``)
  and PDF (WeasyPrint, the same layout, landscape), and as XLSX/CSV
  (``core.production.tables``);
* the witness list (FRCP 26(a)(3)(A)(i)-(ii)) as Word (``core.trial.witnesses``) and PDF;
* the privilege log (FRCP 26(b)(5)(A)) as CSV, XLSX and PDF.

Each function returns an :class:`Export` (bytes, file name, content type); the caller has
the matter from ``access.get_visible_matter``.
"""

from __future__ import annotations

import re
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from casedesk.core.production.tables import Cell, write_table_csv, write_table_xlsx
from casedesk.core.trial.docx_parts import split_caption
from casedesk.core.trial.exhibits import AO187_FOOTNOTE, ExhibitRow, exhibit_list_docx
from casedesk.core.trial.witnesses import WitnessRow, party_possessive, witness_list_docx
from casedesk.web.audit.services import audit_record
from casedesk.web.matters.models import Matter
from casedesk.web.trial import selectors
from casedesk.web.trial.models import (
    PARTY_SHORT,
    Exhibit,
    Party,
    PrivilegeEntry,
    TrialDetails,
    WillCall,
    Witness,
)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"
CSV = "text/csv; charset=utf-8"

EXHIBIT_COLUMNS = (
    "Party",
    "No.",
    "Description",
    "Bates",
    "Witness",
    "Marked",
    "Offered",
    "Admitted",
    "Status",
    "Status date",
    "Note",
)
PRIVILEGE_COLUMNS = (
    "No.",
    "Date",
    "Type",
    "Author",
    "To",
    "Cc",
    "Bcc",
    "Privilege",
    "Treatment",
    "Description",
    "Bates",
)
ATTORNEY_NOTE = "* denotes an attorney."


@dataclass(frozen=True)
class Export:
    """A file to send back: its bytes, the name to save it under, and its content type."""

    data: bytes
    filename: str
    content_type: str


def _slug(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9._-]+", "-", folded).strip("-").lower() or "list"


def _stem(kind: str, matter: Matter, proceeding: str, party: str = "") -> str:
    parts = [kind, _slug(matter.number), _slug(proceeding)]
    if party:
        parts.append(party)
    return "-".join(parts)


def _write(fill: Callable[[Path], None], suffix: str) -> bytes:
    """Run a writer that needs a path, and return the bytes it wrote."""
    root = Path(settings.CASEDESK_UPLOAD_TMP_DIR)
    root.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="trial-export-", dir=root) as tmp:
        path = Path(tmp) / f"out{suffix}"
        fill(path)
        return path.read_bytes()


def _pdf(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML  # imported here: WeasyPrint is slow to import

    return bytes(HTML(string=render_to_string(template, context)).write_pdf())


def _audit(by: Any, matter: Matter, what: str, fmt: str, count: int, proceeding: str) -> None:
    with transaction.atomic():
        audit_record(
            actor=by,
            action="export",
            object_type=what.replace(" ", "-"),
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Exported the {what} of {matter.number}"
            + (f" ({proceeding})" if proceeding else "")
            + f" as {fmt.upper()} ({count} rows)",
            data={"format": fmt, "rows": count, "proceeding": proceeding},
        )


@dataclass(frozen=True)
class Heading:
    """What every list's heading says: the court, caption, case number and people."""

    court: str
    caption: str
    case_number: str
    judge: str
    details: TrialDetails


def heading(matter: Matter, proceeding: str) -> Heading:
    """The heading of a proceeding's lists: the matter's court and judge and the saved details."""
    details = selectors.trial_details(matter, proceeding)
    return Heading(
        court=matter.court,
        caption=details.caption or matter.title,
        case_number=matter.case_number,
        judge=matter.judge,
        details=details,
    )


def list_title(kind: str, party: str) -> str:
    """ "EXHIBIT LIST", "PLAINTIFF'S EXHIBIT LIST", "JOINT EXHIBIT LIST"."""
    if not party:
        return kind
    if party == Party.JOINT:
        return f"JOINT {kind}"
    return f"{party_possessive(party)} {kind}"


# --- exhibit list --------------------------------------------------------------------------------


def exhibit_row(exhibit: Exhibit) -> ExhibitRow:
    """An exhibit as a line of AO 187: its number under PLF. NO. or DEF. NO. (both for joint)."""
    joint = f"{PARTY_SHORT[Party.JOINT]} {exhibit.number}"
    return ExhibitRow(
        plf_no=joint
        if exhibit.party == Party.JOINT
        else (exhibit.number if exhibit.party == Party.PLAINTIFF else ""),
        def_no=joint
        if exhibit.party == Party.JOINT
        else (exhibit.number if exhibit.party == Party.DEFENDANT else ""),
        date_offered=exhibit.offered_on,
        marked=exhibit.marked_on,
        admitted=exhibit.admitted_on,
        description=exhibit.description,
        status=exhibit.status,
        witness=exhibit.witness,
        bates=exhibit.bates,
    )


def _exhibits(matter: Matter, proceeding: str, party: str) -> list[Exhibit]:
    return list(selectors.matter_exhibits(matter, proceeding, party))


def exhibit_list_export(
    *, by: Any, matter: Matter, proceeding: str, party: str = "", fmt: str
) -> Export:
    """The proceeding's exhibit list (one party's, or everyone's) as DOCX, PDF, XLSX or CSV."""
    exhibits = _exhibits(matter, proceeding, party)
    head = heading(matter, proceeding)
    title = list_title("EXHIBIT LIST", party)
    stem = _stem("exhibit-list", matter, proceeding, party)
    if fmt == "docx":
        rows = [exhibit_row(e) for e in exhibits]
        data = _write(
            lambda path: exhibit_list_docx(
                rows,
                path,
                court=head.court,
                case_caption=head.caption,
                case_number=head.case_number,
                judge=head.judge,
                plaintiff_attys=head.details.plaintiff_attorneys,
                defendant_attys=head.details.defendant_attorneys,
                trial_dates=head.details.trial_dates,
                court_reporter=head.details.court_reporter,
                courtroom_deputy=head.details.courtroom_deputy,
                title=title,
            ),
            ".docx",
        )
        result = Export(data, f"{stem}.docx", DOCX)
    elif fmt == "pdf":
        context = {
            "head": head,
            "parties": split_caption(head.caption),
            "title": title,
            "rows": [(e, exhibit_row(e)) for e in exhibits],
            "footnote": AO187_FOOTNOTE,
        }
        result = Export(_pdf("trial/exhibit_list_pdf.html", context), f"{stem}.pdf", PDF)
    elif fmt in ("xlsx", "csv"):
        table: list[Sequence[Cell]] = [
            (
                str(e.get_party_display()),
                e.number,
                e.description,
                e.bates,
                e.witness,
                e.marked_on,
                e.offered_on,
                e.admitted_on,
                str(e.get_status_display()),
                e.status_on,
                e.status_note,
            )
            for e in exhibits
        ]
        if fmt == "csv":
            data = _write(lambda path: write_table_csv(EXHIBIT_COLUMNS, table, path), ".csv")
            result = Export(data, f"{stem}.csv", CSV)
        else:
            subtitle = " · ".join(
                p for p in (head.caption, f"Case No. {head.case_number}", proceeding) if p
            )
            data = _write(
                lambda path: write_table_xlsx(
                    EXHIBIT_COLUMNS, table, path, title=title.title(), subtitle=subtitle
                ),
                ".xlsx",
            )
            result = Export(data, f"{stem}.xlsx", XLSX)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    _audit(by, matter, "exhibit list", fmt, len(exhibits), proceeding)
    return result


# --- witness list --------------------------------------------------------------------------------


def witness_row(witness: Witness) -> WitnessRow:
    """A witness as a line of the witness list."""
    return WitnessRow(
        name=witness.name,
        address=witness.address,
        phone=witness.phone,
        email=witness.email,
        will_call=witness.will_call == WillCall.WILL,
        by_deposition=witness.by_deposition,
        designations=witness.deposition_designations,
        notes="",  # the firm's notes stay in the firm
    )


def witness_list_export(
    *, by: Any, matter: Matter, proceeding: str, party: str = "", fmt: str
) -> Export:
    """The proceeding's witness list (one party's, or everyone's) as DOCX or PDF."""
    witnesses = list(selectors.matter_witnesses(matter, proceeding, party))
    head = heading(matter, proceeding)
    stem = _stem("witness-list", matter, proceeding, party)
    rows = [witness_row(w) for w in witnesses]
    attorneys = (
        head.details.defendant_attorneys
        if party == Party.DEFENDANT
        else head.details.plaintiff_attorneys
        if party == Party.PLAINTIFF
        else ""
    )
    today = timezone.localdate()
    if fmt == "docx":
        data = _write(
            lambda path: witness_list_docx(
                rows,
                path,
                court=head.court,
                case_caption=head.caption,
                case_number=head.case_number,
                # "JOINT WITNESS LIST", not "JOINT'S WITNESS LIST"
                party="" if party == Party.JOINT else party,
                title="JOINT WITNESS LIST" if party == Party.JOINT else "WITNESS LIST",
                submitted_by=attorneys,
                date=today,
            ),
            ".docx",
        )
        result = Export(data, f"{stem}.docx", DOCX)
    elif fmt == "pdf":
        will = [r for r in rows if r.will_call]
        may = [r for r in rows if not r.will_call]
        context = {
            "head": head,
            "parties": split_caption(head.caption),
            "title": list_title("WITNESS LIST", party),
            "who": Party(party).label if party else "The party",
            "will": will,
            "may": may,
            "may_start": len(will) + 1,
            "deposition": [r for r in rows if r.by_deposition],
            "attorneys": [line for line in attorneys.splitlines() if line.strip()],
            "today": today,
        }
        result = Export(_pdf("trial/witness_list_pdf.html", context), f"{stem}.pdf", PDF)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    _audit(by, matter, "witness list", fmt, len(witnesses), proceeding)
    return result


# --- privilege log -------------------------------------------------------------------------------


def privilege_row(entry: PrivilegeEntry) -> tuple[Cell, ...]:
    """An entry as a row of the log's columns (:data:`PRIVILEGE_COLUMNS`)."""
    return (
        entry.number,
        entry.date,
        entry.doc_type,
        entry.author,
        entry.recipients_to,
        entry.recipients_cc,
        entry.recipients_bcc,
        entry.privilege_text,
        str(entry.get_treatment_display()),
        entry.description,
        entry.bates,
    )


def _marks_attorneys(entries: Sequence[PrivilegeEntry]) -> bool:
    people = (
        "".join((e.author, e.recipients_to, e.recipients_cc, e.recipients_bcc)) for e in entries
    )
    return any("*" in p for p in people)


def privilege_log_export(*, by: Any, matter: Matter, fmt: str) -> Export:
    """The matter's privilege log as CSV, XLSX or PDF."""
    entries = list(selectors.privilege_log(matter))
    rows = [privilege_row(e) for e in entries]
    stem = f"privilege-log-{_slug(matter.number)}"
    note = ATTORNEY_NOTE if _marks_attorneys(entries) else ""
    caption = matter.title
    if fmt == "csv":
        data = _write(lambda path: write_table_csv(PRIVILEGE_COLUMNS, rows, path), ".csv")
        result = Export(data, f"{stem}.csv", CSV)
    elif fmt == "xlsx":
        subtitle = " · ".join(
            p
            for p in (caption, f"Case No. {matter.case_number}" if matter.case_number else "", note)
            if p
        )
        data = _write(
            lambda path: write_table_xlsx(
                PRIVILEGE_COLUMNS, rows, path, title="Privilege log", subtitle=subtitle
            ),
            ".xlsx",
        )
        result = Export(data, f"{stem}.xlsx", XLSX)
    elif fmt == "pdf":
        context = {
            "matter": matter,
            "caption": caption,
            "columns": PRIVILEGE_COLUMNS,
            "entries": entries,
            "note": note,
            "firm_name": settings.CASEDESK_FIRM_NAME,
            "today": timezone.localdate(),
        }
        result = Export(_pdf("trial/privilege_log_pdf.html", context), f"{stem}.pdf", PDF)
    else:
        raise ValueError(f"unknown format {fmt!r}")
    _audit(by, matter, "privilege log", fmt, len(entries), "")
    return result
