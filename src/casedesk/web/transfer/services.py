"""Importing contacts and matters from CSV (casedesk's layout or Clio's), the whole firm from a
JSON export, and exporting what a user may see.

Rules every import follows:

- the file is checked first, row by row; the report lists *every* bad row with its line
  number and what is wrong with it;
- a file with any bad row imports nothing: the import runs in one transaction, so if a row
  fails while it is being saved everything is rolled back and that row is reported;
- every record is written through the same services the web uses (``contact_create``,
  ``intake_create``...), so each is audited, plus one ``import`` entry summarising the file.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction

from casedesk.web.access import require_writer
from casedesk.web.accounts.models import Role, User
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import Contact
from casedesk.web.contacts.services import contact_create, contact_relationship_add
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Disposition, Matter, MatterStatus
from casedesk.web.matters.services import (
    PartyInput,
    conflict_hit_dispose,
    intake_create,
    matter_close,
    matter_decline,
    matter_open,
)
from casedesk.web.transfer.csvio import read_rows
from casedesk.web.transfer.layouts import (
    REQUIRED_CLIO,
    REQUIRED_CONTACT,
    REQUIRED_MATTER,
    ContactRecord,
    MatterRecord,
    contact_from_casedesk,
    contact_from_clio,
    matter_from_row,
)

LAYOUTS = ("casedesk", "clio")
REQUIRED_CLIO_MATTER = (("client", "clientname"), ("description", "title", "mattername"))


@dataclass(frozen=True, slots=True)
class RowError:
    """One bad row: where it is (``line`` in the file, or ``where`` in a JSON document) and why."""

    line: int
    message: str
    where: str = ""

    @property
    def place(self) -> str:
        return self.where or f"line {self.line}"


@dataclass
class ImportReport:
    """What a (dry or real) import found and did."""

    what: str  # "contacts" | "matters" | "firm"
    layout: str
    dry_run: bool
    rows: int = 0
    ready: int = 0
    imported: int = 0
    errors: list[RowError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def summary(self) -> str:
        """One plain sentence for the user."""
        noun = "record" if self.what == "firm" else self.what[:-1]
        if self.errors:
            return (
                f"{len(self.errors)} of {self.rows} {noun}s have problems; nothing was imported. "
                "Correct them in the file and check it again."
            )
        if self.dry_run:
            return f"{self.ready} {noun}{'s' if self.ready != 1 else ''} ready to import."
        return f"Imported {self.imported} {noun}{'s' if self.imported != 1 else ''}."


def _check_layout(layout: str) -> None:
    if layout not in LAYOUTS:
        raise ServiceError(f"Unknown layout {layout!r}: choose casedesk or clio.", field="layout")


def matter_dates_set(
    *,
    by: Any,
    matter: Matter,
    intake_on: dt.date | None = None,
    opened_on: dt.date | None = None,
    closed_on: dt.date | None = None,
) -> Matter:
    """Record the real intake, opening and closing dates of a matter brought in from elsewhere."""
    require_writer(by)
    changes = {
        k: v
        for k, v in (("intake_on", intake_on), ("opened_on", opened_on), ("closed_on", closed_on))
        if v
    }
    if not changes:
        return matter
    with transaction.atomic():
        for name, value in changes.items():
            setattr(matter, name, value)
        if matter.opened_on and matter.intake_on and matter.opened_on < matter.intake_on:
            matter.intake_on = matter.opened_on
        if matter.closed_on and matter.opened_on and matter.closed_on < matter.opened_on:
            raise ServiceError(f"{matter.number}: the closing date is before the opening date.")
        Matter.objects.filter(pk=matter.pk).update(
            intake_on=matter.intake_on, opened_on=matter.opened_on, closed_on=matter.closed_on
        )
        audit_record(
            actor=by,
            action="update",
            object_type="matter",
            object_id=matter.pk,
            matter_id=matter.pk,
            summary=f"Dated {matter.number}: "
            + ", ".join(f"{k.replace('_on', '')} {v}" for k, v in changes.items()),
            data={"dates": {k: v.isoformat() for k, v in changes.items()}},
        )
    return matter


# --------------------------------------------------------------------------- contacts


def contacts_import(
    *, by: Any, data: bytes, layout: str = "casedesk", dry_run: bool = True
) -> ImportReport:
    """Check (``dry_run``) or import a contacts CSV. All rows or none."""
    require_writer(by)
    _check_layout(layout)
    _, rows = read_rows(data, required=REQUIRED_CONTACT if layout == "casedesk" else REQUIRED_CLIO)
    parse = contact_from_casedesk if layout == "casedesk" else contact_from_clio
    report = ImportReport(what="contacts", layout=layout, dry_run=dry_run, rows=len(rows))
    records: list[ContactRecord] = []
    for row in rows:
        result = parse(row)
        if isinstance(result, list):
            report.errors.append(RowError(row.line, "; ".join(result)))
        else:
            records.append(result)
    report.ready = len(records)
    if report.errors or dry_run:
        return report
    line = 0
    try:
        with transaction.atomic():
            companies: dict[str, Contact] = {}
            # Organizations first, so people linked to a company in the same file find it.
            for record in sorted(records, key=lambda r: r.kind != "organization"):
                line = record.line
                contact = contact_create(
                    by=by,
                    kind=record.kind,
                    name=record.name,
                    aliases=record.aliases,
                    emails=record.emails,
                    phones=record.phones,
                    address=record.address,
                    notes=record.notes,
                )
                if record.kind == "organization":
                    companies.setdefault(record.name, contact)
                if record.company:
                    company = (
                        companies.get(record.company)
                        or Contact.objects.filter(name=record.company, kind="organization")
                        .order_by("id")
                        .first()
                    )
                    if company is None:
                        company = contact_create(by=by, kind="organization", name=record.company)
                    companies[record.company] = company
                    contact_relationship_add(
                        by=by,
                        from_contact=contact,
                        kind=record.company_relation,
                        to_contact=company,
                    )
            audit_record(
                actor=by,
                action="import",
                object_type="contact",
                summary=f"Imported {len(records)} contacts from a {layout} CSV file",
                data={"what": "contacts", "layout": layout, "rows": len(records)},
            )
    except ServiceError as exc:
        report.errors.append(RowError(line, exc.message))
        return report
    report.imported = len(records)
    return report


# --------------------------------------------------------------------------- matters


def _attorneys() -> dict[str, User]:
    """Attorneys (and administrators) by user name and by full name, case-folded."""
    found: dict[str, User] = {}
    for user in User.objects.filter(role__in=(Role.ATTORNEY, Role.ADMIN), is_active=True):
        found.setdefault(user.username.casefold(), user)
        if user.full_name:
            found.setdefault(user.full_name.casefold(), user)
    return found


def _contact_input(name: str, kind: str, role: str) -> PartyInput:
    existing = (
        Contact.objects.filter(name=name, kind=kind)
        .order_by("id")
        .values_list("id", flat=True)
        .first()
    )
    return PartyInput(name=name, kind=kind, role=role, contact_id=existing)


def finish_imported_matter(
    *,
    by: Any,
    matter: Matter,
    status: str,
    source: str,
    decline_reason: str = "",
    intake_on: dt.date | None = None,
    opened_on: dt.date | None = None,
    closed_on: dt.date | None = None,
) -> Matter:
    """Bring a freshly taken-in matter to the status it had in the previous system.

    An open or closed matter was cleared there, so its hits here are recorded as cleared with a
    note naming the import; a declined one is declined with its reason.
    """
    if status in (MatterStatus.OPEN, MatterStatus.CLOSED):
        for check in matter.conflict_checks.all():
            for hit in check.hits.filter(disposition=Disposition.PENDING):
                conflict_hit_dispose(
                    by=by,
                    hit=hit,
                    disposition=Disposition.CLEARED,
                    note=f"Imported ({source}): the matter was already {status} in the previous system.",
                )
        matter = matter_open(by=by, matter=matter)
        matter_dates_set(by=by, matter=matter, intake_on=intake_on, opened_on=opened_on)
        if status == MatterStatus.CLOSED:
            matter = matter_close(by=by, matter=matter, closed_on=closed_on)
    elif status == MatterStatus.DECLINED:
        matter = matter_decline(
            by=by, matter=matter, reason=decline_reason or f"Declined before casedesk ({source})."
        )
        matter_dates_set(by=by, matter=matter, intake_on=intake_on, closed_on=closed_on)
    else:
        matter_dates_set(by=by, matter=matter, intake_on=intake_on)
    return matter


def _check_matters(records: list[MatterRecord], report: ImportReport) -> dict[int, User | None]:
    """Cross-row checks: repeated numbers, numbers the firm has, unknown attorneys."""
    attorneys = _attorneys()
    resolved: dict[int, User | None] = {}
    seen: dict[str, int] = {}
    numbers = [r.number for r in records if r.number]
    taken = set(Matter.objects.filter(number__in=numbers).values_list("number", flat=True))
    bad: dict[int, list[str]] = {}
    for record in records:
        problems = bad.setdefault(record.line, [])
        if record.number:
            if record.number in seen:
                problems.append(
                    f"matter number {record.number} is already used on line {seen[record.number]} of this file"
                )
            else:
                seen[record.number] = record.line
            if record.number in taken:
                problems.append(f"matter number {record.number} already exists in the firm")
        user = None
        if record.attorney:
            user = attorneys.get(record.attorney.casefold())
            if user is None:
                problems.append(
                    f"unknown attorney {record.attorney[:60]!r} (use the casedesk user name of an attorney)"
                )
        resolved[record.line] = user
    for line, problems in bad.items():
        if problems:
            report.errors.append(RowError(line, "; ".join(problems)))
    return resolved


def matters_import(
    *, by: Any, data: bytes, layout: str = "casedesk", dry_run: bool = True
) -> ImportReport:
    """Check (``dry_run``) or import a matters CSV. All rows or none.

    Each matter is taken in (``intake_create``, which runs its conflict check) and then brought
    to its status: see :func:`finish_imported_matter`.
    """
    require_writer(by)
    _check_layout(layout)
    _, rows = read_rows(
        data, required=REQUIRED_MATTER if layout == "casedesk" else REQUIRED_CLIO_MATTER
    )
    known_kinds = dict(Contact.objects.order_by("-id").values_list("name", "kind"))
    report = ImportReport(what="matters", layout=layout, dry_run=dry_run, rows=len(rows))
    records: list[MatterRecord] = []
    for row in rows:
        result = matter_from_row(row, layout=layout, known_kinds=known_kinds)
        if isinstance(result, list):
            report.errors.append(RowError(row.line, "; ".join(result)))
        else:
            records.append(result)
    attorneys = _check_matters(records, report)
    report.errors.sort(key=lambda e: e.line)
    report.ready = len(records) - len({e.line for e in report.errors} & {r.line for r in records})
    if report.errors or dry_run:
        return report
    line = 0
    try:
        with transaction.atomic():
            for record in records:
                line = record.line
                matter = intake_create(
                    by=by,
                    title=record.title,
                    practice_area=record.practice_area,
                    client=_contact_input(record.client.name, record.client.kind, "client"),
                    other_parties=[_contact_input(p.name, p.kind, p.role) for p in record.parties],
                    court=record.court,
                    case_number=record.case_number,
                    judge=record.judge,
                    description=record.description,
                    responsible_attorney=attorneys.get(record.line),
                    number=record.number or None,
                )
                finish_imported_matter(
                    by=by,
                    matter=matter,
                    status=record.status,
                    source=f"{layout} CSV line {record.line}",
                    decline_reason=record.decline_reason,
                    intake_on=record.intake_on,
                    opened_on=record.opened_on,
                    closed_on=record.closed_on,
                )
            audit_record(
                actor=by,
                action="import",
                object_type="matter",
                summary=f"Imported {len(records)} matters from a {layout} CSV file",
                data={"what": "matters", "layout": layout, "rows": len(records)},
            )
    except ServiceError as exc:
        report.errors.append(RowError(line, exc.message))
        return report
    report.imported = len(records)
    return report


from casedesk.web.transfer.export import firm_export  # noqa: E402
from casedesk.web.transfer.firm_json import firm_import  # noqa: E402

__all__ = [
    "ImportReport",
    "RowError",
    "contacts_import",
    "finish_imported_matter",
    "firm_export",
    "firm_import",
    "matter_dates_set",
    "matters_import",
]
