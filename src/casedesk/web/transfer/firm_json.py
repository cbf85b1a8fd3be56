"""Restoring a whole-firm JSON export (see ``export.py``) into an empty firm.

The document is checked first (every bad contact or matter is listed); then, in one
transaction, contacts, relationships and matters are recreated through the services, matters
brought to their recorded status and dates, teams rebuilt, and walls restored (administrators
only). Users are not part of the export: team members, responsible attorneys and screened
users are matched by user name in the receiving firm.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction

from casedesk.web.access import require_writer
from casedesk.web.accounts.models import Role, User
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import AliasKind, Contact, ContactKind, RelationshipKind
from casedesk.web.contacts.services import contact_create, contact_relationship_add
from casedesk.web.errors import ServiceError, clean_name
from casedesk.web.matters.models import Matter, MatterStatus, PartyRole, PracticeArea, TeamRole
from casedesk.web.matters.services import (
    PartyInput,
    intake_create,
    matter_update,
    team_member_add,
    wall_create,
)
from casedesk.web.transfer.csvio import decode
from casedesk.web.transfer.export import EXPORT_FORMAT


def _load(data: bytes) -> dict[str, Any]:
    text = decode(data)
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ServiceError(
            f"This is not a casedesk JSON export (line {exc.lineno}: {exc.msg}). Choose the .json file casedesk exported."
        ) from exc
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        raise ServiceError(
            "This JSON file is not a casedesk firm export. Choose the .json file casedesk exported."
        )
    for key in ("contacts", "matters", "relationships"):
        if not isinstance(doc.get(key, []), list):
            raise ServiceError(f"The export's {key!r} section is damaged (it is not a list).")
    return doc


def _date(value: Any, label: str, problems: list[str]) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(f"{label} {str(value)[:30]!r} is not a date")
        return None


def _check_contact(item: Any, problems: list[str]) -> None:
    if not isinstance(item, dict):
        problems.append("not a contact record")
        return
    if item.get("kind") not in ContactKind.values:
        problems.append(f"unknown kind {str(item.get('kind'))[:30]!r}")
    for label, value in [("Name", item.get("name"))] + [
        ("Alias", a.get("name")) for a in item.get("aliases", [])
    ]:
        try:
            clean_name(value, field=label)
        except ServiceError as exc:
            problems.append(exc.message)
    for alias in item.get("aliases", []):
        if alias.get("kind", "other") not in AliasKind.values:
            problems.append(f"unknown alias kind {str(alias.get('kind'))[:30]!r}")
    for email in item.get("emails", []):
        try:
            validate_email(email)
        except ValidationError:
            problems.append(f"{str(email)[:80]!r} is not a valid e-mail address")


def _check(doc: dict[str, Any], report: Any) -> None:
    from casedesk.web.transfer.services import RowError

    ids: set[Any] = set()
    for n, item in enumerate(doc.get("contacts", []), start=1):
        problems: list[str] = []
        _check_contact(item, problems)
        if isinstance(item, dict):
            if item.get("id") in ids:
                problems.append(f"contact id {item.get('id')} appears twice")
            ids.add(item.get("id"))
        if problems:
            report.errors.append(
                RowError(
                    n,
                    "; ".join(problems),
                    where=f"contact {n} ({str(item.get('name', ''))[:60]})"
                    if isinstance(item, dict)
                    else f"contact {n}",
                )
            )
    for n, rel in enumerate(doc.get("relationships", []), start=1):
        if (
            rel.get("from") not in ids
            or rel.get("to") not in ids
            or rel.get("kind") not in RelationshipKind.values
        ):
            report.errors.append(
                RowError(
                    n,
                    "refers to an unknown contact or relationship kind",
                    where=f"relationship {n}",
                )
            )
    users = set(User.objects.values_list("username", flat=True))
    attorneys = set(
        User.objects.filter(role__in=(Role.ATTORNEY, Role.ADMIN)).values_list("username", flat=True)
    )
    numbers: set[str] = set()
    for n, m in enumerate(doc.get("matters", []), start=1):
        problems = []
        if not isinstance(m, dict):
            report.errors.append(RowError(n, "not a matter record", where=f"matter {n}"))
            continue
        try:
            clean_name(m.get("title"), field="Title")
        except ServiceError as exc:
            problems.append(exc.message)
        number = str(m.get("number") or "")
        if number in numbers:
            problems.append(f"matter number {number} appears twice")
        numbers.add(number)
        if m.get("practice_area") not in PracticeArea.values:
            problems.append(f"unknown practice area {str(m.get('practice_area'))[:40]!r}")
        if m.get("status") not in MatterStatus.values:
            problems.append(f"unknown status {str(m.get('status'))[:20]!r}")
        parties = m.get("parties", [])
        if not any(p.get("role") == PartyRole.CLIENT for p in parties):
            problems.append("the matter has no client")
        for p in parties:
            if p.get("contact") not in ids or p.get("role") not in PartyRole.values:
                problems.append(f"party {p} refers to an unknown contact or role")
        attorney = m.get("responsible_attorney") or ""
        if attorney and attorney not in attorneys:
            problems.append(f"unknown attorney {attorney!r}: create the user first")
        if not attorney and m.get("status") in (MatterStatus.OPEN, MatterStatus.CLOSED):
            problems.append("an open or closed matter needs its responsible attorney")
        for label in ("intake_on", "opened_on", "closed_on"):
            _date(m.get(label), label, problems)
        for member in m.get("team", []):
            if member.get("user") not in users:
                report.warnings.append(
                    f"Matter {number}: team member {member.get('user')!r} is not a user here; left out."
                )
        if problems:
            report.errors.append(RowError(n, "; ".join(problems), where=f"matter {number or n}"))
    if numbers:
        for taken in Matter.objects.filter(number__in=numbers).values_list("number", flat=True):
            report.errors.append(
                RowError(
                    0, f"matter number {taken} already exists in the firm", where=f"matter {taken}"
                )
            )


def firm_import(*, by: Any, data: bytes, dry_run: bool = True) -> Any:
    """Check (``dry_run``) or restore a whole-firm JSON export into an empty firm. All or nothing."""
    from casedesk.web.transfer.services import ImportReport, RowError, finish_imported_matter

    require_writer(by)
    doc = _load(data)
    existing = Contact.objects.count()
    if existing or Matter.objects.exists():
        raise ServiceError(
            f"A whole-firm export can only be restored into an empty firm; this one already has {existing} contacts. "
            "Import contacts and matters from CSV files instead."
        )
    report = ImportReport(
        what="firm",
        layout="json",
        dry_run=dry_run,
        rows=len(doc.get("contacts", [])) + len(doc.get("matters", [])),
    )
    _check(doc, report)
    report.ready = report.rows - len(report.errors)
    if report.errors or dry_run:
        return report
    where = ""
    try:
        with transaction.atomic():
            made: dict[Any, Contact] = {}
            for item in doc.get("contacts", []):
                where = f"contact {item.get('name')}"
                address = item["addresses"][0] if item.get("addresses") else None
                made[item["id"]] = contact_create(
                    by=by,
                    kind=item["kind"],
                    name=item["name"],
                    notes=item.get("notes", ""),
                    aliases=[(a["name"], a.get("kind", "other")) for a in item.get("aliases", [])],
                    emails=item.get("emails", []),
                    phones=item.get("phones", []),
                    address={k: v for k, v in (address or {}).items() if k != "label"} or None,
                )
            for rel in doc.get("relationships", []):
                where = f"relationship {rel}"
                contact_relationship_add(
                    by=by,
                    from_contact=made[rel["from"]],
                    kind=rel["kind"],
                    to_contact=made[rel["to"]],
                )
            users = {u.username: u for u in User.objects.all()}
            matters = sorted(
                doc.get("matters", []),
                key=lambda m: (m.get("intake_on") or "9999", str(m.get("number"))),
            )
            for m in matters:
                where = f"matter {m.get('number')}"
                parties = m["parties"]
                client = next(p for p in parties if p["role"] == PartyRole.CLIENT)
                others = [p for p in parties if p is not client]
                matter = intake_create(
                    by=by,
                    title=m["title"],
                    practice_area=m["practice_area"],
                    client=PartyInput(
                        name="", kind="", role="client", contact_id=made[client["contact"]].pk
                    ),
                    other_parties=[
                        PartyInput(
                            name="", kind="", role=p["role"], contact_id=made[p["contact"]].pk
                        )
                        for p in others
                    ],
                    court=m.get("court", ""),
                    case_number=m.get("case_number", ""),
                    judge=m.get("judge", ""),
                    description=m.get("description", ""),
                    number=m.get("number") or None,
                    responsible_attorney=users.get(m.get("responsible_attorney") or ""),
                )
                problems: list[str] = []
                matter = finish_imported_matter(
                    by=by,
                    matter=matter,
                    status=m["status"],
                    source="JSON export",
                    decline_reason=m.get("decline_reason", ""),
                    intake_on=_date(m.get("intake_on"), "", problems),
                    opened_on=_date(m.get("opened_on"), "", problems),
                    closed_on=_date(m.get("closed_on"), "", problems),
                )
                for member in m.get("team", []):
                    user = users.get(member.get("user"))
                    if user is not None and not matter.team.filter(user=user).exists():
                        team_member_add(
                            by=by,
                            matter=matter,
                            user=user,
                            role=member.get("role") or TeamRole.CLERK,
                        )
                if m.get("restricted"):
                    matter_update(by=by, matter=matter, restricted=True)
                for wall in m.get("walls", []):
                    user = users.get(wall.get("user"))
                    if user is None or not (by.role == Role.ADMIN or by.is_superuser):
                        report.warnings.append(
                            f"Matter {matter.number}: screen of {wall.get('user')!r} not restored."
                        )
                        continue
                    wall_create(
                        by=by,
                        matter=matter,
                        user=user,
                        reason=wall.get("reason") or "Restored from export",
                    )
            audit_record(
                actor=by,
                action="import",
                object_type="firm",
                summary=f"Restored {len(made)} contacts and {len(matters)} matters from a JSON export",
                data={"what": "firm", "contacts": len(made), "matters": len(matters)},
            )
    except ServiceError as exc:
        report.errors.append(RowError(0, exc.message, where=where))
        return report
    report.imported = report.rows
    return report
