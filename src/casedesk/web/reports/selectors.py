"""Reads of the reports app: a matter's case report as plain data, the reports a user may
download, and the matter page's "At a glance" block.

Everything starts from :mod:`casedesk.web.access` and the other apps' selectors, with the
user the report is made for: a walled matter yields nothing, a conflict hit in a matter the
user is screened from is redacted as on the check page, a person on a fact who appears only
on hidden matters is left out.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from casedesk.core.reports.model import (
    SECTION_KEYS,
    Authority,
    CaseReport,
    Chronology,
    ConflictHit,
    ConflictSummary,
    Deadline,
    Deadlines,
    DocumentEntry,
    Fact,
    KeyDate,
    OpenTask,
    Party,
    Summary,
    section_order,
)
from casedesk.web.access import (
    visible_contacts,
    visible_documents,
    visible_events,
    visible_matters,
    visible_tasks,
)
from casedesk.web.matters.models import Matter, PartyRole
from casedesk.web.reports.models import PENDING, Report, ReportChoice
from casedesk.web.scheduling.models import EventKind, EventStatus, TaskStatus

MAX_CONFLICT_HITS = 25  # hits listed in the report (the rest are counted)
DASHBOARD_ROWS = 5
# Events the dashboard counts as "what is coming": everything but plain reminders.
DASHBOARD_KINDS = [k for k in EventKind.values if k != EventKind.REMINDER]


def _name(user: Any) -> str:
    return str(getattr(user, "display_name", "") or user or "") if user else ""


def _start_of_today() -> dt.datetime:
    today = timezone.localdate()
    return timezone.make_aware(dt.datetime.combine(today, dt.time.min))


# --- the reports a user may see --------------------------------------------------------------


def _mine(user: Any) -> QuerySet[Report]:
    """Reports ``user`` made, of matters they may still see.

    A report is its maker's: it shows what they could see when it was made (a conflict hit
    in a matter a colleague is screened from, say), so it is never listed or served to anyone
    else, and no longer to its maker once the matter is hidden from them.
    """
    if not getattr(user, "is_authenticated", False):
        return Report.objects.none()
    return Report.objects.filter(created_by_id=user.pk, matter__in=visible_matters(user))


def matter_reports(user: Any, matter: Matter, *, limit: int = 20) -> list[Report]:
    """The reports ``user`` made of the matter, newest first."""
    return list(
        _mine(user)
        .filter(matter=matter)
        .select_related("created_by", "pdf_blob", "docx_blob")
        .order_by("-created_at", "-id")[:limit]
    )


def get_visible_report(user: Any, pk: Any) -> Report:
    """The report, or 404 when it does not exist, is someone else's or its matter is hidden."""
    try:
        return (
            _mine(user).select_related("matter", "created_by", "pdf_blob", "docx_blob").get(pk=pk)
        )
    except (Report.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404("No such report.") from exc


@dataclass(frozen=True)
class Choice:
    """The sections and options the report form starts with."""

    sections: tuple[str, ...] = SECTION_KEYS
    material_only: bool = False
    want_pdf: bool = True
    want_docx: bool = True


def report_choice(user: Any) -> Choice:
    """What ``user`` chose last time, or everything (both files, all facts)."""
    saved = ReportChoice.objects.filter(user_id=getattr(user, "pk", None)).first()
    if saved is None:
        return Choice()
    return Choice(
        sections=section_order(saved.sections) or SECTION_KEYS,
        material_only=saved.material_only,
        want_pdf=saved.want_pdf,
        want_docx=saved.want_docx,
    )


# --- the report's data -----------------------------------------------------------------------


def _summary(matter: Matter) -> Summary:
    team = [
        f"{m.user.display_name} ({m.get_role_display().lower()})"
        for m in matter.team.select_related("user").order_by("role", "user__full_name")
    ]
    return Summary(
        number=matter.number,
        title=matter.title,
        court=matter.court,
        case_number=matter.case_number,
        judge=matter.judge,
        status=str(matter.get_status_display()),
        practice_area=str(matter.get_practice_area_display()),
        responsible_attorney=_name(matter.responsible_attorney),
        intake_on=matter.intake_on,
        opened_on=matter.opened_on,
        closed_on=matter.closed_on,
        description=matter.description,
        team=tuple(team),
    )


def _parties(matter: Matter) -> tuple[Party, ...]:
    order = {role.value: i for i, role in enumerate(PartyRole)}
    rows = sorted(
        matter.parties.select_related("contact").prefetch_related("contact__aliases"),
        key=lambda p: (order.get(p.role, 99), p.contact.name.lower()),
    )
    return tuple(
        Party(
            name=p.contact.name,
            role=str(p.get_role_display()),
            kind=str(p.contact.get_kind_display()),
            aliases=tuple(a.name for a in p.contact.aliases.all()),
            notes=p.notes,
            client=p.role == PartyRole.CLIENT,
        )
        for p in rows
    )


def _conflicts(user: Any, matter: Matter) -> ConflictSummary | None:
    from casedesk.web.matters.selectors import check_hits, check_summary, check_terms, hit_rows

    checks = matter.conflict_checks.select_related("run_by", "completed_by").order_by(
        "-run_at", "-id"
    )
    check = checks.first()
    if check is None:
        return None
    rows = hit_rows(user, check_hits(check))
    summary = check_summary(check, rows)
    trigger = {"intake": "Intake", "party-added": "New party added", "rerun": "Run again"}
    return ConflictSummary(
        status=str(check.get_status_display()),
        run_at=timezone.localtime(check.run_at),
        run_by=_name(check.run_by),
        trigger=trigger.get(check.trigger, check.trigger.capitalize()),
        completed_by=_name(check.completed_by),
        completed_at=timezone.localtime(check.completed_at) if check.completed_at else None,
        names_checked=tuple(t["name"] for t in check_terms(check) if t["name"]),
        total=summary.total,
        decided=summary.decided,
        declined=summary.declined,
        redacted=summary.redacted,
        hits=tuple(
            ConflictHit(
                name=r.name,
                role=r.role,
                matter_number=r.matter_number,
                disposition=r.disposition_label,
                decided_by=r.disposed_by,
                note=r.note,
                score=r.score,
                redacted=r.redacted,
            )
            for r in rows[:MAX_CONFLICT_HITS]
        ),
        checks_run=checks.count(),
    )


def _deadline(event: Any, today: dt.date) -> Deadline:
    local = timezone.localtime(event.starts_at)
    return Deadline(
        when=local,
        all_day=event.all_day,
        kind=str(event.get_kind_display()),
        title=event.title,
        status=str(event.get_status_display()),
        overdue=local.date() < today,
        location=event.location,
        rule_citation=event.rule_citation,
        derivation=tuple(str(step) for step in (event.derivation or []) if step),
        chain=event.chain.label if event.chain_id else "",
    )


def _deadlines(user: Any, matter: Matter) -> Deadlines:
    from casedesk.web.scheduling.chain_selectors import chain_queryset, court_label

    today = timezone.localdate()
    start = _start_of_today()
    key: list[KeyDate] = []
    for label, day in (
        ("Intake", matter.intake_on),
        ("Matter opened", matter.opened_on),
        ("Matter closed", matter.closed_on),
    ):
        if day:
            key.append(KeyDate(day=day, label=label))
    for chain in chain_queryset(user).filter(matter=matter).order_by("trigger_date", "id"):
        key.append(
            KeyDate(day=chain.trigger_date, label=chain.label, note=court_label(chain.court))
        )
    key.sort(key=lambda k: k.day)
    events = visible_events(user).filter(matter=matter, status=EventStatus.SCHEDULED)
    upcoming = events.filter(starts_at__gte=start).select_related("chain").order_by("starts_at")
    overdue = (
        events.filter(kind=EventKind.DEADLINE, starts_at__lt=start)
        .select_related("chain")
        .order_by("starts_at")
    )
    return Deadlines(
        key_dates=tuple(key),
        upcoming=tuple(_deadline(e, today) for e in upcoming),
        overdue=tuple(_deadline(e, today) for e in overdue),
    )


def _facts(user: Any, matter: Matter, *, material_only: bool) -> tuple[Chronology, list[Any]]:
    """The chronology section and the facts it lists (for the timeline)."""
    from casedesk.web.chronology.models import Fact as FactRow
    from casedesk.web.chronology.selectors import matter_facts

    facts = list(matter_facts(user, matter, material_only=material_only))
    counts = FactRow.objects.filter(matter=matter, matter__in=visible_matters(user)).aggregate(
        total=Count("id"),
        material=Count("id", filter=Q(material=True)),
        disputed=Count("id", filter=Q(disputed=True)),
        undated=Count("id", filter=Q(sort_date__isnull=True)),
    )
    people_ids = {p.pk for f in facts for p in f.people.all()}
    shown_people = (
        set(visible_contacts(user).filter(id__in=people_ids).values_list("id", flat=True))
        if people_ids
        else set()
    )
    issues: Counter[str] = Counter()
    rows = []
    for f in facts:
        fact_issues = tuple(i.name for i in f.issues.all())
        issues.update(fact_issues)
        source = f.source_document.title if f.source_document_id else ""
        rows.append(
            Fact(
                date=f.date_text or "Undated",
                year=str(f.sort_date.year) if f.sort_date else "",
                description=f.description,
                people=tuple(p.name for p in f.people.all() if p.pk in shown_people),
                issues=fact_issues,
                source=source,
                page=f.source_page,
                bates=f.source_bates,
                material=f.material,
                disputed=f.disputed,
                entered_by=_name(f.created_by),
            )
        )
    chronology = Chronology(
        facts=tuple(rows),
        material_only=material_only,
        total=counts["total"],
        material=counts["material"],
        disputed=counts["disputed"],
        undated=counts["undated"],
        issues=tuple(issues.most_common()),
    )
    return chronology, facts


def _bates(start: str, end: str) -> str:
    if start and end and end != start:
        return f"{start}–{end}"
    return start or ""


def _documents(user: Any, matter: Matter) -> tuple[DocumentEntry, ...]:
    rows = (
        visible_documents(user)
        .filter(matter=matter)
        .order_by(
            "category__position",
            "category__name",
            F("document_date").asc(nulls_last=True),
            "title",
            "id",
        )
        .values_list(
            "title", "category__name", "document_date", "bates_start", "bates_end", "privileged"
        )
    )
    return tuple(
        DocumentEntry(
            title=title,
            category=category or "",
            date=day,
            bates=_bates(start, end),
            privileged=privileged,
        )
        for title, category, day, start, end, privileged in rows
    )


def _authorities(user: Any, matter: Matter) -> tuple[Authority, ...]:
    from casedesk.web.research.selectors import matter_authorities

    out = []
    for a in matter_authorities(user, matter).order_by("case_name", "citation"):
        opinion = a.opinion
        year = ""
        if opinion is not None:
            year = str(opinion.year or (opinion.date_filed.year if opinion.date_filed else ""))
        out.append(
            Authority(
                name=a.case_name or (opinion.case_name if opinion else ""),
                citation=a.citation,
                court=opinion.court if opinion else "",
                year=year,
                notes=a.notes,
                tags=tuple(a.tag_list),
            )
        )
    return tuple(out)


def _tasks(user: Any, matter: Matter) -> tuple[OpenTask, ...]:
    today = timezone.localdate()
    rows = (
        visible_tasks(user)
        .filter(matter=matter, status=TaskStatus.OPEN)
        .select_related("assignee", "deadline")
        .order_by(F("due_date").asc(nulls_last=True), "id")
    )
    return tuple(
        OpenTask(
            title=t.title,
            due=t.due_date,
            assignee=_name(t.assignee),
            overdue=bool(t.due_date and t.due_date < today),
            deadline=t.deadline.title if t.deadline_id else "",
            notes=t.notes,
        )
        for t in rows
    )


@dataclass
class ReportData:
    """A report's data and what its timeline is drawn from."""

    report: CaseReport
    timeline_facts: list[Any] = field(default_factory=list)


def report_data(
    user: Any,
    matter: Matter,
    *,
    sections: Any = SECTION_KEYS,
    material_only: bool = False,
    now: dt.datetime | None = None,
) -> ReportData:
    """The report of ``matter`` as ``user`` may see it (404 when the matter is hidden)."""
    if not visible_matters(user).filter(pk=matter.pk).exists():
        raise Http404("No such matter.")
    chosen = section_order(list(sections)) or SECTION_KEYS
    parts: dict[str, Any] = {}
    timeline_facts: list[Any] = []
    if "summary" in chosen or "deadlines" in chosen:
        parts["summary"] = _summary(matter)
    if "parties" in chosen:
        parts["parties"] = _parties(matter)
    if "conflicts" in chosen:
        parts["conflicts"] = _conflicts(user, matter)
    if "deadlines" in chosen:
        parts["deadlines"] = _deadlines(user, matter)
    if "chronology" in chosen:
        parts["chronology"], timeline_facts = _facts(user, matter, material_only=material_only)
    if "documents" in chosen:
        parts["documents"] = _documents(user, matter)
    if "authorities" in chosen:
        parts["authorities"] = _authorities(user, matter)
    if "tasks" in chosen:
        parts["tasks"] = _tasks(user, matter)
    report = CaseReport(
        firm_name=settings.CASEDESK_FIRM_NAME,
        matter_number=matter.number,
        matter_title=matter.title,
        prepared_by=_name(user),
        prepared_at=timezone.localtime(now) if now else timezone.localtime(),
        sections=chosen,
        **parts,
    )
    return ReportData(report=report, timeline_facts=timeline_facts)


# --- the matter page's "At a glance" ---------------------------------------------------------


@dataclass(frozen=True)
class Glance:
    """What the top of the matter page shows."""

    matter: Matter
    coming: list[Any]
    overdue: int
    documents: list[Any]
    document_count: int
    communications: list[Any]
    tasks: list[Any]
    task_count: int
    facts: dict[str, int]
    highlights: list[Any]
    highlights_material: bool
    last_report: Report | None
    pending_report: bool


def matter_glance(user: Any, matter: Matter) -> Glance:
    """The matter's next deadlines and hearings (with their rule), recent documents and
    communications, open tasks, chronology highlights and the user's last report, in a
    fixed number of queries whatever the matter's size."""
    from casedesk.web.chronology.models import Fact as FactRow
    from casedesk.web.correspondence.models import Communication

    visible = visible_matters(user)
    start = _start_of_today()
    events = visible_events(user).filter(matter=matter, status=EventStatus.SCHEDULED)
    coming = list(
        events.filter(starts_at__gte=start, kind__in=DASHBOARD_KINDS)
        .select_related("chain")
        .order_by("starts_at", "id")[:DASHBOARD_ROWS]
    )
    overdue = events.filter(kind=EventKind.DEADLINE, starts_at__lt=start).count()
    documents_qs = visible_documents(user).filter(matter=matter)
    documents = list(
        documents_qs.select_related("category").order_by("-created_at", "-id")[:DASHBOARD_ROWS]
    )
    communications = list(
        Communication.objects.filter(matter=matter, matter__in=visible).order_by(
            "-occurred_at", "-id"
        )[:DASHBOARD_ROWS]
    )
    tasks_qs = visible_tasks(user).filter(matter=matter, status=TaskStatus.OPEN)
    tasks = list(
        tasks_qs.select_related("assignee").order_by(F("due_date").asc(nulls_last=True), "id")[
            :DASHBOARD_ROWS
        ]
    )
    facts_qs = FactRow.objects.filter(matter=matter, matter__in=visible)
    counts = facts_qs.aggregate(
        total=Count("id"),
        material=Count("id", filter=Q(material=True)),
        disputed=Count("id", filter=Q(disputed=True)),
    )
    material = counts["material"] > 0
    highlight_qs = facts_qs.filter(material=True) if material else facts_qs
    highlights = list(
        highlight_qs.order_by(F("sort_date").desc(nulls_last=True), "-id")[:DASHBOARD_ROWS]
    )
    last = _mine(user).filter(matter=matter).order_by("-created_at", "-id").first()
    return Glance(
        matter=matter,
        coming=coming,
        overdue=overdue,
        documents=documents,
        document_count=documents_qs.count(),
        communications=communications,
        tasks=tasks,
        task_count=tasks_qs.count(),
        facts={k: int(v or 0) for k, v in counts.items()},
        highlights=highlights,
        highlights_material=material,
        last_report=last,
        pending_report=bool(last is not None and last.status in PENDING),
    )


def pending_reports(user: Any, matter: Matter) -> QuerySet[Report]:
    """``user``'s reports of ``matter`` still being made."""
    return Report.objects.filter(matter=matter, created_by_id=user.pk, status__in=PENDING)
