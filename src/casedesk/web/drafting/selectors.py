"""Reads for drafting: the data a template is filled with for a matter, the templates a user
may draft from, and a template's fields explained.

``matter_data`` builds the field dictionary's data shape (``core/drafting/dictionary.toml``)
from the matter, its parties, the calendar and the case file, all read through
``casedesk.web.access`` so an ethical wall applies here as everywhere. Values the matter does
not know (the county when the court does not say, which side the client is on) are left out,
so they are asked when the document is generated, with a suggestion where one can be made.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from casedesk.core.drafting.questions import default_suggestions
from casedesk.web.access import visible_documents, visible_events, visible_matters
from casedesk.web.contacts.models import Contact, ContactKind, RelationshipKind
from casedesk.web.drafting.models import (
    DraftTemplate,
    FirmProfile,
    MatterAnswer,
    TemplateKind,
    TemplateVersion,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import (
    CheckStatus,
    ConflictCheck,
    Matter,
    MatterParty,
    PartyRole,
)
from casedesk.web.scheduling.models import EventKind, EventStatus

HEARING_KINDS = (EventKind.HEARING, EventKind.TRIAL)
DOCUMENTS_LIMIT = 200


@dataclass
class DraftData:
    """The render data for one matter, the suggestions for what is still asked, and the
    answers saved from earlier documents (name -> text; already applied to ``data`` when
    ``matter_data`` was called with ``with_saved``)."""

    data: dict[str, Any]
    suggestions: dict[str, str] = field(default_factory=dict)
    saved: dict[str, str] = field(default_factory=dict)


# --- small formatters ---------------------------------------------------------------------------


def address_text(contact: Contact) -> str:
    """A contact's first address as lines: street, "City, ST 94607", the country unless USA."""
    address = contact.addresses.order_by("id").first()
    if address is None:
        return ""
    lines = [line.strip() for line in address.street.splitlines() if line.strip()]
    region = " ".join(p for p in (address.region, address.postal_code) if p)
    city = ", ".join(p for p in (address.city, region) if p)
    if city:
        lines.append(city)
    country = address.country.strip()
    if country and country.upper() not in ("USA", "US", "UNITED STATES", "U.S.A."):
        lines.append(country)
    return "\n".join(lines)


def _first(values: Iterable[Any], attr: str) -> str:
    for value in values:
        return str(getattr(value, attr))
    return ""


def first_name(contact: Contact) -> str:
    """A person's first name (the first word); an organization's whole name."""
    if contact.kind == ContactKind.ORGANIZATION:
        return contact.name
    return contact.name.split()[0] if contact.name.split() else contact.name


def time_text(moment: dt.datetime) -> str:
    """``9:00 a.m.``, ``12:30 p.m.`` in the firm's time zone."""
    local = timezone.localtime(moment)
    hour = local.hour % 12 or 12
    return f"{hour}:{local.minute:02d} {'a.m.' if local.hour < 12 else 'p.m.'}"


def _employer(contact: Contact) -> str:
    """The organization a person works for (an employee-of / officer-of relationship)."""
    link = (
        contact.relationships_out.filter(
            kind__in=(RelationshipKind.EMPLOYEE_OF, RelationshipKind.OFFICER_OF)
        )
        .select_related("to_contact")
        .order_by("id")
        .first()
    )
    return link.to_contact.name if link is not None else ""


def _party(party: MatterParty) -> dict[str, Any]:
    contact = party.contact
    return {
        "name": contact.name,
        "first_name": first_name(contact),
        "kind": contact.kind,
        "role": party.role,
        "role_label": party.get_role_display(),
        "address": address_text(contact),
        "email": _first(contact.emails.order_by("id"), "address"),
        "phone": _first(contact.phones.order_by("id"), "number"),
    }


# --- matter data -------------------------------------------------------------------------------


def _check_visible(by: Any, matter: Matter) -> None:
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")


def _firm() -> dict[str, str]:
    profile = FirmProfile.load()
    return {
        "name": profile.name,
        "address": profile.address.strip(),
        "phone": profile.phone,
        "fax": profile.fax,
        "email": profile.email,
        "website": profile.website,
    }


def signature_block(attorney: dict[str, str], firm: dict[str, str]) -> str:
    """Name, "State Bar No. N" when known, firm name, address, phone and e-mail, one a line."""
    lines = [attorney.get("name", "")]
    if attorney.get("bar_number"):
        lines.append(f"State Bar No. {attorney['bar_number']}")
    lines.append(firm.get("name", ""))
    lines.extend(firm.get("address", "").splitlines())
    lines.append(attorney.get("phone", ""))
    lines.append(attorney.get("email", ""))
    return "\n".join(line for line in lines if line.strip())


def _attorney(user: Any, firm: dict[str, str]) -> dict[str, str]:
    out = {
        "name": user.display_name,
        "bar_number": user.bar_number,
        "email": user.email,
        "phone": firm.get("phone", ""),
    }
    out["signature_block"] = signature_block(out, firm)
    return out


def _court(matter: Matter) -> dict[str, str]:
    from casedesk.core.drafting.captions import court_caption

    caption = court_caption(matter.court or "")
    court = {"name": (matter.court or "").strip(), "family": caption.family}
    # Parts the court does not say are left out: templates that need them ask for them.
    for part in ("district", "county", "judicial_district"):
        value = getattr(caption, part, "")
        if value:
            court[part] = value
    return court


def _case_title(matter: Matter, clients: list[str], adverse: list[str]) -> str:
    title = matter.title.strip()
    if " v. " in title or " vs. " in title or " v " in title:
        return title
    if clients and adverse:
        return f"{clients[0]} v. {adverse[0]}"
    return title


def _events(by: Any, matter: Matter) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    start = timezone.make_aware(dt.datetime.combine(timezone.localdate(), dt.time.min))
    events = (
        visible_events(by)
        .filter(matter=matter, status=EventStatus.SCHEDULED, starts_at__gte=start)
        .order_by("starts_at", "id")
    )
    deadlines: list[dict[str, Any]] = []
    hearings: list[dict[str, Any]] = []
    for event in events:
        day = timezone.localtime(event.starts_at).date()
        if event.kind == EventKind.DEADLINE and event.completed_at is None:
            deadlines.append({"title": event.title, "date": day, "rule": event.rule_citation})
        elif event.kind in HEARING_KINDS:
            hearings.append(
                {
                    "title": event.title,
                    "date": day,
                    "time": "" if event.all_day else time_text(event.starts_at),
                    "location": event.location,
                }
            )
    return deadlines, hearings


def _documents(by: Any, matter: Matter) -> list[dict[str, Any]]:
    docs = (
        visible_documents(by)
        .filter(matter=matter)
        .select_related("category")
        .order_by("-document_date", "-id")[:DOCUMENTS_LIMIT]
    )
    return [{"title": d.title, "date": d.document_date, "category": d.category.name} for d in docs]


def saved_answers(matter: Matter) -> dict[str, str]:
    """The answers saved for this matter, by field name."""
    return dict(MatterAnswer.objects.filter(matter=matter).values_list("name", "value"))


def answer_type(name: str) -> str:
    """The question type of a field name: the dictionary's, else guessed from the name."""
    from casedesk.core.drafting import dictionary, questions

    entry = dictionary.lookup(name)
    if entry is not None and entry.type not in ("object", "list"):
        return entry.type
    return questions.type_from_name(name)


def apply_saved(data: dict[str, Any], saved: dict[str, str]) -> dict[str, Any]:
    """``data`` with the saved answers filled in where the matter leaves a name missing."""
    from casedesk.core.drafting import questions

    typed: dict[str, object] = {}
    for name, value in saved.items():
        try:
            typed[name] = questions.coerce_saved(answer_type(name), value)
        except ValueError:
            continue  # an answer that no longer reads as its type is asked again
    return questions.apply_answers(data, typed)


def matter_data(by: Any, matter: Matter, *, with_saved: bool = True) -> DraftData:
    """The data templates are rendered with for ``matter``, as ``by`` may see it.

    Raises ``ServiceError`` when the matter is hidden from ``by``. ``suggestions`` offer a
    value for names that are left to be asked (the plaintiffs and defendants). With
    ``with_saved`` the answers saved from earlier documents fill the names still missing.
    """
    _check_visible(by, matter)
    rows = list(MatterParty.objects.filter(matter=matter).select_related("contact").order_by("id"))
    parties = [_party(p) for p in rows]
    contacts = {(p.role, p.contact.name): p.contact for p in rows}
    by_role: dict[str, list[dict[str, Any]]] = {}
    for p in parties:
        by_role.setdefault(p["role"], []).append(p)
    clients = by_role.get(PartyRole.CLIENT, [])
    adverse = by_role.get(PartyRole.ADVERSE, [])
    counsel = by_role.get(PartyRole.OPPOSING_COUNSEL, [])
    firm = _firm()
    deadlines, hearings = _events(by, matter)

    client_keys = ("name", "first_name", "kind", "address", "email", "phone")
    counsels = []
    for p in counsel:
        contact = contacts[(p["role"], p["name"])]
        counsels.append(
            {
                "name": p["name"],
                "firm": _employer(contact),
                "address": p["address"],
                "email": p["email"],
                "phone": p["phone"],
            }
        )
    public = ("name", "role", "role_label", "address", "email", "phone")
    data: dict[str, Any] = {
        "firm": firm,
        "author": {"name": by.display_name, "email": by.email},
        "matter": {
            "number": matter.number,
            "title": matter.title,
            "practice_area": matter.get_practice_area_display(),
            "description": matter.description,
            "opened_on": matter.opened_on,
            "decline_reason": matter.decline_reason,
        },
        "clients": [{k: c[k] for k in client_keys} for c in clients],
        "adverse_parties": [{"name": a["name"], "address": a["address"]} for a in adverse],
        "opposing_counsels": counsels,
        "parties": [{k: p[k] for k in public} for p in parties],
        "witnesses": [{k: p[k] for k in public} for p in by_role.get(PartyRole.WITNESS, [])],
        "court": _court(matter),
        "case": {
            "number": matter.case_number,
            "title": _case_title(
                matter, [c["name"] for c in clients], [a["name"] for a in adverse]
            ),
        },
        "judge": {"name": matter.judge.strip()} if matter.judge.strip() else {},
        "today": timezone.localdate(),
        "deadlines": deadlines,
        "hearings": hearings,
        "documents": _documents(by, matter),
    }
    if clients:
        data["client"] = dict(data["clients"][0])
    if adverse:
        data["adverse"] = dict(data["adverse_parties"][0])
    if counsels:
        data["opposing_counsel"] = dict(counsels[0])
    if deadlines:
        data["next_deadline"] = dict(deadlines[0])
    if hearings:
        data["next_hearing"] = dict(hearings[0])
    if matter.responsible_attorney is not None:
        data["attorney"] = _attorney(matter.responsible_attorney, firm)
    suggestions = default_suggestions(data)
    saved = saved_answers(matter)
    if with_saved and saved:
        data = apply_saved(data, saved)
    return DraftData(data=data, suggestions=suggestions, saved=saved)


# --- templates ------------------------------------------------------------------------------------


def templates_visible(by: Any, *, archived: bool = False, q: str = "") -> QuerySet[DraftTemplate]:
    """The templates ``by`` may draft from (every signed-in user); archived ones only if asked."""
    if not getattr(by, "is_authenticated", False) or not by.is_active:
        return DraftTemplate.objects.none()
    qs = DraftTemplate.objects.all()
    if not archived:
        qs = qs.filter(archived=False)
    if q.strip():
        for word in q.split():
            qs = qs.filter(name__icontains=word) | qs.filter(description__icontains=word)
    return qs.order_by("kind", "name").distinct()


COURT_SUFFIXES = ("federal", "ca", "ny", "tx")  # starter ids end in -federal, -ca, -ny, -tx
KIND_ORDER = [kind for kind, _ in TemplateKind.choices]  # Letter first, as the chooser shows


def template_court(template: DraftTemplate) -> str:
    """The court family a starter template is written for ("federal", "ca", "ny", "tx"), or ""
    for a template that fits any matter (a letter, a firm's own template).

    Starter ids name the court after the document: ``notice-of-hearing-ca``,
    ``notice-of-motion-ca-pleading-paper``.
    """
    words = template.starter_id.split("-")[1:]
    return next((word for word in words if word in COURT_SUFFIXES), "")


def matter_court_family(matter: Matter) -> str:
    """The court family of the matter's court ("federal", "ca", "ny", "tx" or "other")."""
    from casedesk.core.drafting.captions import court_caption

    return court_caption(matter.court or "").family


@dataclass(frozen=True)
class TemplateChoice:
    """A template in the chooser; ``for_court`` when it is the version for the matter's court."""

    template: DraftTemplate
    for_court: bool = False


@dataclass(frozen=True)
class KindGroup:
    """The templates of one kind: those to offer (the matter's court's first) and other
    courts' versions (shown dimmed, after them)."""

    label: str
    choices: list[TemplateChoice]
    other_courts: list[TemplateChoice]


def templates_by_kind(templates: Iterable[DraftTemplate], family: str = "") -> list[KindGroup]:
    """``templates`` grouped by kind in the chooser's order (Letter first).

    With a known court ``family``, each group lists the templates for that court first
    (``for_court``), then those that fit any court, and keeps other courts' versions apart.
    """
    labels = dict(TemplateKind.choices)
    known = family in COURT_SUFFIXES
    groups = []
    for kind in KIND_ORDER:
        items = [t for t in templates if t.kind == kind]
        if not items:
            continue
        mine = [TemplateChoice(t, True) for t in items if known and template_court(t) == family]
        neutral = [TemplateChoice(t) for t in items if not known or not template_court(t)]
        others = [
            TemplateChoice(t)
            for t in items
            if known and template_court(t) and template_court(t) != family
        ]
        groups.append(KindGroup(str(labels[kind]), mine + neutral, others))
    return groups


def starter_installed() -> bool:
    """Whether the starter library has been installed (any starter template, even archived)."""
    return DraftTemplate.objects.exclude(starter_id="").exists()


def get_template(by: Any, pk: Any, *, archived: bool = True) -> DraftTemplate:
    """A template ``by`` may see, or ``Http404``."""
    from django.http import Http404

    try:
        return templates_visible(by, archived=archived).get(pk=pk)
    except (DraftTemplate.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such template.") from exc


@dataclass(frozen=True)
class FieldRow:
    """One field of a template as the template page shows it."""

    name: str
    kind: str
    paragraph: str
    required: bool
    status: str  # matter | asked | unknown
    label: str
    source: str


def template_detail(version: TemplateVersion) -> list[FieldRow]:
    """The version's fields, each with where its value comes from (the field dictionary)."""
    from casedesk.core.drafting.dictionary import classify_fields

    rows = []
    for fs in classify_fields(version.template_fields()):
        entry = fs.entry
        rows.append(
            FieldRow(
                name=fs.field.name,
                kind=fs.field.kind,
                paragraph=fs.field.paragraph,
                required=fs.field.required,
                status=fs.status,
                label=entry.label if entry is not None else "",
                source=entry.source if entry is not None else "",
            )
        )
    return rows


def latest_conflict_declined(matter: Matter) -> bool:
    """Whether the matter's latest conflict check ended in "conflict, decline"."""
    latest = ConflictCheck.objects.filter(matter=matter).order_by("-run_at", "-id").first()
    return latest is not None and latest.status == CheckStatus.DECLINE


def declination_template(by: Any) -> DraftTemplate | None:
    """The starter library's declination letter (or a template named so), if installed."""
    qs = templates_visible(by)
    return (
        qs.filter(starter_id="declination-letter").first()
        or qs.filter(name__icontains="declination").first()
    )
