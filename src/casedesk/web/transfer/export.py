"""Exporting the firm's records: a zip of CSV files or one JSON document.

An export holds only what the exporting user may see (``access.visible_matters`` and
``access.visible_contacts``): a screened user's export has no trace of a walled matter, nor of
the people who appear only on it. The CSV files ``contacts.csv`` and ``matters.csv`` use the
casedesk import layouts (plus an ``id`` column), so they can be imported again.
"""

from __future__ import annotations

import io
import json
import zipfile
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.web.access import visible_contacts, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.models import ContactRelationship
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import PartyRole
from casedesk.web.transfer.csvio import write_csv
from casedesk.web.transfer.layouts import CONTACT_COLUMNS, MATTER_COLUMNS

EXPORT_FORMAT = "casedesk-firm-export"
EXPORT_VERSION = 1


def _date(value: Any) -> str:
    return value.isoformat() if value else ""


def _is_admin(user: Any) -> bool:
    return bool(getattr(user, "role", "") == "admin" or getattr(user, "is_superuser", False))


def collect(by: Any) -> dict[str, Any]:
    """The export as plain data: contacts, matters (with parties, team, walls), relationships."""
    contacts = list(
        visible_contacts(by)
        .prefetch_related("aliases", "emails", "phones", "addresses")
        .order_by("id")
    )
    contact_ids = {c.pk for c in contacts}
    matters = list(
        visible_matters(by)
        .select_related("responsible_attorney")
        .prefetch_related("parties__contact", "team__user", "walls__user")
        .order_by("id")
    )
    relationships = [
        r
        for r in ContactRelationship.objects.order_by("id")
        if r.from_contact_id in contact_ids and r.to_contact_id in contact_ids
    ]
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "exported_by": getattr(by, "username", ""),
        "contacts": [
            {
                "id": c.pk,
                "kind": c.kind,
                "name": c.name,
                "notes": c.notes,
                "aliases": [{"name": a.name, "kind": a.kind} for a in c.aliases.all()],
                "emails": [e.address for e in c.emails.all()],
                "phones": [p.number for p in c.phones.all()],
                "addresses": [
                    {
                        "label": a.label,
                        "street": a.street,
                        "city": a.city,
                        "region": a.region,
                        "postal_code": a.postal_code,
                        "country": a.country,
                    }
                    for a in c.addresses.all()
                ],
            }
            for c in contacts
        ],
        "relationships": [
            {"from": r.from_contact_id, "kind": r.kind, "to": r.to_contact_id}
            for r in relationships
        ],
        "matters": [
            {
                "number": m.number,
                "title": m.title,
                "practice_area": m.practice_area,
                "status": m.status,
                "court": m.court,
                "case_number": m.case_number,
                "judge": m.judge,
                "description": m.description,
                "responsible_attorney": m.responsible_attorney.username
                if m.responsible_attorney
                else "",
                "restricted": m.restricted,
                "intake_on": _date(m.intake_on),
                "opened_on": _date(m.opened_on),
                "closed_on": _date(m.closed_on),
                "decline_reason": m.decline_reason,
                "parties": [{"contact": p.contact_id, "role": p.role} for p in m.parties.all()],
                "team": [{"user": t.user.username, "role": t.role} for t in m.team.all()],
                "walls": (
                    [{"user": w.user.username, "reason": w.reason} for w in m.walls.all()]
                    if _is_admin(by)
                    else []
                ),
            }
            for m in matters
        ],
    }


def _zip(doc: dict[str, Any]) -> bytes:
    names = {c["id"]: c["name"] for c in doc["contacts"]}
    kinds = {c["id"]: c["kind"] for c in doc["contacts"]}
    contacts_csv = write_csv(
        ["id", *CONTACT_COLUMNS],
        (
            [
                c["id"],
                c["kind"],
                c["name"],
                "; ".join(f"{a['kind']}:{a['name']}" for a in c["aliases"]),
                "; ".join(c["emails"]),
                "; ".join(c["phones"]),
                *(
                    (c["addresses"][0][k] if c["addresses"] else "")
                    for k in ("street", "city", "region", "postal_code", "country")
                ),
                c["notes"],
            ]
            for c in doc["contacts"]
        ),
    )
    aliases_csv = write_csv(
        ["contact_id", "contact_name", "alias", "alias_kind"],
        ([c["id"], c["name"], a["name"], a["kind"]] for c in doc["contacts"] for a in c["aliases"]),
    )
    matter_rows = []
    for m in doc["matters"]:
        clients = [p for p in m["parties"] if p["role"] == PartyRole.CLIENT]
        first = clients[0]["contact"] if clients else None
        adverse = [names[p["contact"]] for p in m["parties"] if p["role"] == PartyRole.ADVERSE]
        others = [
            f"{p['role']}:{names[p['contact']]}"
            for p in m["parties"]
            if p["role"] not in (PartyRole.ADVERSE,) and p["contact"] != first
        ]
        matter_rows.append(
            [
                m["number"],
                m["title"],
                m["practice_area"],
                m["status"],
                names.get(first, ""),
                kinds.get(first, ""),
                m["court"],
                m["case_number"],
                m["judge"],
                m["responsible_attorney"],
                m["opened_on"],
                m["closed_on"],
                "; ".join(adverse),
                "; ".join(others),
                m["intake_on"],
                m["description"],
                m["decline_reason"],
            ]
        )
    matters_csv = write_csv(
        [*MATTER_COLUMNS, "intake_on", "description", "decline_reason"], matter_rows
    )
    parties_csv = write_csv(
        ["matter_number", "contact_id", "contact_name", "contact_kind", "role"],
        (
            [m["number"], p["contact"], names[p["contact"]], kinds[p["contact"]], p["role"]]
            for m in doc["matters"]
            for p in m["parties"]
        ),
    )
    relationships_csv = write_csv(
        ["from_contact_id", "from_name", "kind", "to_contact_id", "to_name"],
        (
            [r["from"], names[r["from"]], r["kind"], r["to"], names[r["to"]]]
            for r in doc["relationships"]
        ),
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for filename, content in (
            ("contacts.csv", contacts_csv),
            ("aliases.csv", aliases_csv),
            ("matters.csv", matters_csv),
            ("parties.csv", parties_csv),
            ("relationships.csv", relationships_csv),
        ):
            archive.writestr(filename, content)
        archive.writestr(
            "README.txt",
            f"casedesk export of {doc['exported_at']} by {doc['exported_by']}.\r\n"
            "contacts.csv and matters.csv use the casedesk import layouts; ids link parties.csv, "
            "aliases.csv and relationships.csv to contacts.csv.\r\n",
        )
    return buffer.getvalue()


def firm_export(*, by: Any, fmt: str = "json") -> bytes:
    """Everything ``by`` may see, as a zip of CSV files (``csv``) or one JSON document (``json``)."""
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        raise ServiceError("Sign in to export the firm's records.")
    if fmt not in ("csv", "json"):
        raise ServiceError(f"Unknown export format {fmt!r}: choose csv or json.", field="fmt")
    doc = collect(by)
    payload = (
        _zip(doc) if fmt == "csv" else json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    )
    with transaction.atomic():
        audit_record(
            actor=by,
            action="export",
            object_type="firm",
            summary=f"Exported {len(doc['contacts'])} contacts and {len(doc['matters'])} matters as {fmt.upper()}",
            data={"format": fmt, "contacts": len(doc["contacts"]), "matters": len(doc["matters"])},
        )
    return payload


__all__ = ["EXPORT_FORMAT", "EXPORT_VERSION", "collect", "firm_export"]
