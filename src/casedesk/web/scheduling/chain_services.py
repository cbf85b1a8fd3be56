"""Writes for deadline chains: propose, save, move the trigger, complete, override, delete.

Each service checks permission and input, writes, and audits in one transaction. The dates
always come from the engine (:func:`casedesk.core.deadlines.chains.propose_chain`); a
deadline keeps its rule, citation, rule-pack version and derivation.

Decisions:

* **Time of day.** A deadline whose rule sets a time (federal e-filing 11:59 p.m., the Texas
  answer at 10:00 a.m.) is saved at that time in the firm's time zone (settings.TIME_ZONE).
  One without a time is an all-day event (``all_day=True``) stored, like every all-day event,
  at local midnight of the due date: it is due by the end of that day.
* **Manual dates are flagged, never silent.** A computed deadline's date can only change
  through the chain (move the trigger) or through :func:`deadline_override`, which needs a
  reason, keeps the computed derivation, and adds a note "Date overridden by X on DATE:
  computed due date ..., calendared ... Reason: ...". Moving the trigger later recomputes the
  deadline and replaces the override (the preview says so).
* **Completed deadlines do not move** when the trigger moves (the preview says so).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.utils import timezone

from casedesk.core.deadlines import COURTS, SERVICE_METHODS, DeadlineError
from casedesk.core.deadlines.chains import (
    ChainTemplate,
    ProposedDeadline,
    get_chain_template,
    propose_chain,
)
from casedesk.web.access import require_writer, visible_events, visible_matters
from casedesk.web.audit.services import audit_record
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import Matter, MatterStatus
from casedesk.web.scheduling.chain_selectors import (
    OVERRIDE_PREFIX,
    court_label,
    deadline_view,
    service_label,
)
from casedesk.web.scheduling.models import DeadlineChain, Event, EventKind, EventStatus
from casedesk.web.scheduling.reminder_services import (
    reminders_retime,
    reminders_schedule_defaults,
)

FIRST_YEAR = 2000
LAST_YEAR = 2035
MAX_CLOSED_DAYS = 30
REASON_LIMIT = 500


@dataclass(frozen=True)
class ChainInput:
    """A chain's trigger: which template, which court, when, how served, clerk-closed days."""

    template_id: str
    court: str
    trigger_date: dt.date
    trigger_time: dt.time | None = None
    service: str = "none"
    closed_days: tuple[dt.date, ...] = ()

    def signature(self) -> str:
        """A short fingerprint: a save must match the inputs the user last saw proposed."""
        text = "|".join(
            [
                self.template_id,
                self.court,
                self.trigger_date.isoformat(),
                self.trigger_time.isoformat() if self.trigger_time else "",
                self.service,
                ",".join(d.isoformat() for d in sorted(self.closed_days)),
            ]
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


@dataclass(frozen=True)
class MoveRow:
    """One deadline in a move preview: old and new date, and why it did not move if so."""

    event: Event
    title: str
    old_date: dt.date
    old_time: dt.time | None
    new_date: dt.date
    new_time: dt.time | None
    proposed: ProposedDeadline | None
    skipped: str = ""  # why the deadline is left as it is
    replaces_override: bool = False

    @property
    def changed(self) -> bool:
        return not self.skipped and (self.old_date, self.old_time) != (
            self.new_date,
            self.new_time,
        )


@dataclass(frozen=True)
class MovePreview:
    """What moving a chain's trigger does, before (or after) saving."""

    chain: DeadlineChain
    old: ChainInput
    new: ChainInput
    rows: list[MoveRow] = field(default_factory=list)

    @property
    def changed_count(self) -> int:
        return sum(1 for row in self.rows if row.changed)


# --- input checks --------------------------------------------------------------------------


def _check_year(day: dt.date, label: str, field_name: str) -> None:
    if not FIRST_YEAR <= day.year <= LAST_YEAR:
        raise ServiceError(
            f"{label} {day:%Y-%m-%d} is outside the years the court calendars cover "
            f"({FIRST_YEAR}-{LAST_YEAR}).",
            field=field_name,
        )


def _engine_error(exc: DeadlineError) -> ServiceError:
    text = str(exc).strip()
    text = text[:1].upper() + text[1:]
    return ServiceError(text if text.endswith(".") else f"{text}.")


def clean_chain_input(inp: ChainInput) -> tuple[ChainInput, ChainTemplate]:
    """Check a trigger's parts; return it (closed days sorted, deduplicated) and its template."""
    if inp.court not in COURTS:
        raise ServiceError("Choose the court the case is in.", field="court")
    if not inp.template_id:
        raise ServiceError("Choose what happened (the trigger).", field="template")
    try:
        template = get_chain_template(inp.template_id)
    except DeadlineError as exc:
        raise ServiceError("That trigger does not exist: choose one from the list.") from exc
    if inp.court not in template.courts:
        raise ServiceError(
            f"“{template.label}” is not a trigger for a {court_label(inp.court)}: "
            "choose a trigger listed for that court.",
            field="template",
        )
    _check_year(inp.trigger_date, "The trigger date", "trigger_date")
    if inp.service not in SERVICE_METHODS:
        raise ServiceError("Choose how the papers were served.", field="service")
    closed = tuple(sorted(set(inp.closed_days)))
    if len(closed) > MAX_CLOSED_DAYS:
        raise ServiceError(
            f"{len(closed)} closed days is more than the {MAX_CLOSED_DAYS} allowed.",
            field="closed_days",
        )
    for day in closed:
        _check_year(day, "The closed day", "closed_days")
    return (
        ChainInput(
            inp.template_id, inp.court, inp.trigger_date, inp.trigger_time, inp.service, closed
        ),
        template,
    )


def _check_matter(by: Any, matter: Matter) -> None:
    if not visible_matters(by).filter(pk=matter.pk).exists():
        raise ServiceError("No such matter.")
    if matter.status in (MatterStatus.CLOSED, MatterStatus.DECLINED):
        raise ServiceError(
            f"Matter {matter.number} is {matter.get_status_display().lower()}: "
            "deadlines can only be calendared on matters in intake or open."
        )


def _check_chain(by: Any, chain: DeadlineChain) -> None:
    if not visible_matters(by).filter(pk=chain.matter_id).exists():
        raise ServiceError("No such deadline chain.")


def _check_deadline(by: Any, event: Event) -> None:
    if event.kind != EventKind.DEADLINE or not visible_events(by).filter(pk=event.pk).exists():
        raise ServiceError("No such deadline.")


def _compute(inp: ChainInput, rule_ids: Iterable[str] | None = None) -> list[ProposedDeadline]:
    try:
        return propose_chain(
            inp.template_id,
            inp.court,
            inp.trigger_date,
            inp.trigger_time,
            inp.service,
            frozenset(inp.closed_days),
            rule_ids=rule_ids,
        )
    except DeadlineError as exc:
        raise _engine_error(exc) from exc


def _clean_reason(reason: object, *, required: bool) -> str:
    text = " ".join(str(reason or "").split())
    if required and not text:
        raise ServiceError("Say why (a short reason is kept in the audit log).", field="reason")
    if len(text) > REASON_LIMIT:
        raise ServiceError(
            f"The reason is {len(text):,} characters long; the limit is {REASON_LIMIT}.",
            field="reason",
        )
    return text


# --- dates on the calendar ---------------------------------------------------------------------


def deadline_starts_at(due_date: dt.date, due_time: dt.time | None) -> tuple[dt.datetime, bool]:
    """(starts_at, all_day): the due time in the firm's zone, or local midnight all day."""
    when = dt.datetime.combine(due_date, due_time or dt.time())
    return timezone.make_aware(when, timezone.get_default_timezone()), due_time is None


def _iso(day: dt.date, time: dt.time | None) -> str:
    return f"{day.isoformat()}T{time:%H:%M}" if time else day.isoformat()


def _trigger_text(inp: ChainInput) -> str:
    when = inp.trigger_date.strftime("%a %b %d, %Y").replace(" 0", " ")
    if inp.trigger_time:
        when += f" at {inp.trigger_time:%H:%M}"
    served = "" if inp.service == "none" else f", served: {service_label(inp.service).lower()}"
    return f"{when}{served}"


def chain_input_of(chain: DeadlineChain) -> ChainInput:
    """The trigger a saved chain was computed from."""
    return ChainInput(
        chain.template,
        chain.court,
        chain.trigger_date,
        chain.trigger_time,
        chain.service,
        tuple(dt.date.fromisoformat(d) for d in chain.closed_days or []),
    )


def _apply(event: Event, proposed: ProposedDeadline) -> None:
    starts_at, all_day = deadline_starts_at(proposed.deadline.due_date, proposed.deadline.due_time)
    event.starts_at = starts_at
    event.all_day = all_day
    event.ends_at = None
    event.rule_id = proposed.rule_id
    event.rule_citation = proposed.citation[:200]
    event.rule_pack_version = proposed.deadline.rule_pack_version
    event.derivation = list(proposed.deadline.steps)
    event.derivation_notes = list(proposed.deadline.notes)


# --- services ------------------------------------------------------------------------------------


def chain_propose(*, by: Any, matter: Matter, inp: ChainInput) -> list[ProposedDeadline]:
    """The deadlines the trigger would produce, with their derivations. Writes nothing."""
    _check_matter(by, matter)
    inp, _template = clean_chain_input(inp)
    return _compute(inp)


def chain_create(
    *, by: Any, matter: Matter, inp: ChainInput, rule_ids: Sequence[str]
) -> DeadlineChain:
    """Save the chain and one deadline event per chosen rule; audited in one transaction."""
    require_writer(by)
    _check_matter(by, matter)
    inp, template = clean_chain_input(inp)
    chosen = [r for r in dict.fromkeys(rule_ids) if r]
    if not chosen:
        raise ServiceError("Tick at least one deadline to save.", field="rules")
    proposals = _compute(inp, chosen)
    with transaction.atomic():
        chain = DeadlineChain.objects.create(
            matter=matter,
            template=template.id,
            label=template.label[:300],
            court=inp.court,
            trigger_date=inp.trigger_date,
            trigger_time=inp.trigger_time,
            service=inp.service,
            closed_days=[d.isoformat() for d in inp.closed_days],
            created_by=by,
        )
        saved = []
        for proposed in proposals:
            event = Event(
                matter=matter,
                kind=EventKind.DEADLINE,
                title=proposed.title[:300],
                chain=chain,
                uid=f"casedesk-{uuid.uuid4()}@casedesk",
                notes=f"From the trigger “{template.label}”: {_trigger_text(inp)}.",
                created_by=by,
            )
            _apply(event, proposed)
            event.save()
            reminders_schedule_defaults(event, by=by)  # 7 days and 1 day before, to the team
            saved.append(
                {
                    "event": event.pk,
                    "rule": proposed.rule_id,
                    "due": _iso(proposed.deadline.due_date, proposed.deadline.due_time),
                    "rule_pack_version": proposed.deadline.rule_pack_version,
                }
            )
        audit_record(
            actor=by,
            action="deadline-chain-created",
            summary=f"Deadline chain “{template.label}” ({len(saved)} deadlines) on "
            f"{matter.number}",
            object_type="deadline-chain",
            object_id=chain.pk,
            matter_id=matter.pk,
            data={
                "template": template.id,
                "template_version": template.version,
                "court": inp.court,
                "trigger": _iso(inp.trigger_date, inp.trigger_time),
                "service": inp.service,
                "closed": [d.isoformat() for d in inp.closed_days],
                "deadlines": saved,
            },
        )
    return chain


def chain_move_preview(*, by: Any, chain: DeadlineChain, new: ChainInput) -> MovePreview:
    """What moving the trigger to ``new`` would change, deadline by deadline. Writes nothing."""
    _check_chain(by, chain)
    old = chain_input_of(chain)
    new, _template = clean_chain_input(
        ChainInput(
            chain.template,
            chain.court,
            new.trigger_date,
            new.trigger_time,
            new.service,
            new.closed_days,
        )
    )
    events = list(chain.deadlines.filter(kind=EventKind.DEADLINE).order_by("starts_at", "id"))
    rule_ids = [e.rule_id for e in events if e.rule_id]
    proposals = {p.rule_id: p for p in _compute(new, rule_ids)} if rule_ids else {}
    rows: list[MoveRow] = []
    for event in events:
        view = deadline_view(event)
        proposed = proposals.get(event.rule_id)
        skipped = ""
        if proposed is None:
            skipped = "Not computed from a rule: left as it is."
        elif event.status == EventStatus.DONE:
            skipped = "Completed: left as it is."
        elif event.status == EventStatus.CANCELLED:
            skipped = "Cancelled: left as it is."
        new_date = proposed.deadline.due_date if proposed and not skipped else view.due_date
        new_time = proposed.deadline.due_time if proposed and not skipped else view.due_time
        rows.append(
            MoveRow(
                event=event,
                title=event.title,
                old_date=view.due_date,
                old_time=view.due_time,
                new_date=new_date,
                new_time=new_time,
                proposed=proposed,
                skipped=skipped,
                replaces_override=view.overridden and not skipped,
            )
        )
    return MovePreview(chain=chain, old=old, new=new, rows=rows)


def chain_move_confirm(*, by: Any, chain: DeadlineChain, new: ChainInput) -> MovePreview:
    """Move the trigger: recompute, save, bump each changed event's SEQUENCE, audit old/new."""
    require_writer(by)
    with transaction.atomic():
        chain = DeadlineChain.objects.select_for_update().get(pk=chain.pk)
        preview = chain_move_preview(by=by, chain=chain, new=new)
        if preview.old == preview.new:
            raise ServiceError("The trigger is unchanged: there is nothing to save.")
        chain.trigger_date = preview.new.trigger_date
        chain.trigger_time = preview.new.trigger_time
        chain.service = preview.new.service
        chain.closed_days = [d.isoformat() for d in preview.new.closed_days]
        chain.save()
        moved = []
        for row in preview.rows:
            if row.skipped or row.proposed is None:
                continue
            event = row.event
            _apply(event, row.proposed)
            event.notes = f"From the trigger “{chain.label}”: {_trigger_text(preview.new)}."
            event.sequence += 1
            event.save()
            reminders_retime(event, by=by)
            if row.changed or row.replaces_override:
                old, new_iso = _iso(row.old_date, row.old_time), _iso(row.new_date, row.new_time)
                moved.append({"event": event.pk, "rule": event.rule_id, "old": old, "new": new_iso})
                audit_record(
                    actor=by,
                    action="deadline-moved",
                    summary=f"{event.title}: {old} -> {new_iso} (trigger moved)",
                    object_type="event",
                    object_id=event.pk,
                    matter_id=chain.matter_id,
                    data={
                        "old": old,
                        "new": new_iso,
                        "rule": event.rule_id,
                        "chain": chain.pk,
                        "replaced_override": row.replaces_override,
                    },
                )
        audit_record(
            actor=by,
            action="deadline-chain-moved",
            summary=f"Trigger of “{chain.label}” moved: "
            f"{_iso(preview.old.trigger_date, preview.old.trigger_time)} -> "
            f"{_iso(preview.new.trigger_date, preview.new.trigger_time)}",
            object_type="deadline-chain",
            object_id=chain.pk,
            matter_id=chain.matter_id,
            data={
                "old": {
                    "trigger": _iso(preview.old.trigger_date, preview.old.trigger_time),
                    "service": preview.old.service,
                    "closed": [d.isoformat() for d in preview.old.closed_days],
                },
                "new": {
                    "trigger": _iso(preview.new.trigger_date, preview.new.trigger_time),
                    "service": preview.new.service,
                    "closed": [d.isoformat() for d in preview.new.closed_days],
                },
                "moved": moved,
            },
        )
    return preview


def chain_delete(*, by: Any, chain: DeadlineChain, reason: str) -> None:
    """Delete a chain and its deadlines (reason required); the audit keeps what was deleted."""
    require_writer(by)
    _check_chain(by, chain)
    why = _clean_reason(reason, required=True)
    with transaction.atomic():
        events = list(chain.deadlines.all())
        snapshot = [
            {"event": e.pk, "title": e.title, "rule": e.rule_id, "due": e.starts_at.isoformat()}
            for e in events
        ]
        audit_record(
            actor=by,
            action="deadline-chain-deleted",
            summary=f"Deadline chain “{chain.label}” deleted ({len(events)} deadlines): {why}",
            object_type="deadline-chain",
            object_id=chain.pk,
            matter_id=chain.matter_id,
            data={
                "reason": why,
                "trigger": _iso(chain.trigger_date, chain.trigger_time),
                "deadlines": snapshot,
            },
        )
        for event in events:
            event.delete()
        chain.delete()


def deadline_complete(*, by: Any, event: Event) -> Event:
    """Mark a deadline done (who and when); audited."""
    require_writer(by)
    _check_deadline(by, event)
    if event.status == EventStatus.DONE:
        raise ServiceError("This deadline is already marked done.")
    with transaction.atomic():
        event.status = EventStatus.DONE
        event.completed_at = timezone.now()
        event.completed_by = by
        event.sequence += 1
        event.save()
        reminders_retime(event, by=by)  # a finished deadline needs no more reminders
        audit_record(
            actor=by,
            action="deadline-completed",
            summary=f"Deadline done: {event.title}",
            object_type="event",
            object_id=event.pk,
            matter_id=event.matter_id,
            data={"rule": event.rule_id, "due": event.starts_at.isoformat()},
        )
    return event


def deadline_reopen(*, by: Any, event: Event) -> Event:
    """Undo "done" on a deadline; audited."""
    require_writer(by)
    _check_deadline(by, event)
    if event.status != EventStatus.DONE:
        raise ServiceError("This deadline is not marked done.")
    with transaction.atomic():
        event.status = EventStatus.SCHEDULED
        event.completed_at = None
        event.completed_by = None
        event.sequence += 1
        event.save()
        reminders_schedule_defaults(event, by=by)
        audit_record(
            actor=by,
            action="deadline-reopened",
            summary=f"Deadline reopened: {event.title}",
            object_type="event",
            object_id=event.pk,
            matter_id=event.matter_id,
            data={"rule": event.rule_id, "due": event.starts_at.isoformat()},
        )
    return event


def deadline_delete(*, by: Any, event: Event, reason: str) -> None:
    """Delete one deadline (reason required); the audit keeps its date and derivation."""
    require_writer(by)
    _check_deadline(by, event)
    why = _clean_reason(reason, required=True)
    with transaction.atomic():
        audit_record(
            actor=by,
            action="deadline-deleted",
            summary=f"Deadline deleted: {event.title}: {why}",
            object_type="event",
            object_id=event.pk,
            matter_id=event.matter_id,
            data={
                "reason": why,
                "title": event.title,
                "rule": event.rule_id,
                "citation": event.rule_citation,
                "due": event.starts_at.isoformat(),
                "chain": event.chain_id,
                "rule_pack_version": event.rule_pack_version,
                "derivation": list(event.derivation or []),
            },
        )
        event.delete()


def deadline_override(
    *, by: Any, event: Event, new_date: dt.date, new_time: dt.time | None, reason: str
) -> Event:
    """Calendar a computed deadline on another date: flagged, with a reason; audited.

    The computed derivation stays; a note says who overrode it, when, the computed date and
    the reason. The calendar shows the override badge wherever the deadline appears.
    """
    require_writer(by)
    _check_deadline(by, event)
    why = _clean_reason(reason, required=True)
    _check_year(new_date, "The new date", "new_date")
    view = deadline_view(event)
    if (new_date, new_time) == (view.due_date, view.due_time):
        raise ServiceError("That is the date already on the calendar.", field="new_date")
    computed = view.computed_date or view.due_date
    who = getattr(by, "display_name", "") or by.username
    note = (
        f"{OVERRIDE_PREFIX}{who} on {timezone.localdate():%Y-%m-%d}: computed due date "
        f"{computed.isoformat()} (see the steps above), calendared {_iso(new_date, new_time)}. "
        f"Reason: {why}"
    )
    if new_date > computed:
        note += " (later than the computed date: check the order or stipulation allowing it)"
    with transaction.atomic():
        old = _iso(view.due_date, view.due_time)
        event.starts_at, event.all_day = deadline_starts_at(new_date, new_time)
        notes = [n for n in event.derivation_notes or [] if not str(n).startswith(OVERRIDE_PREFIX)]
        event.derivation_notes = [*notes, note]
        event.sequence += 1
        event.save()
        reminders_retime(event, by=by)
        audit_record(
            actor=by,
            action="deadline-overridden",
            summary=f"{event.title}: {old} -> {_iso(new_date, new_time)} by hand: {why}",
            object_type="event",
            object_id=event.pk,
            matter_id=event.matter_id,
            data={
                "old": old,
                "new": _iso(new_date, new_time),
                "computed": computed.isoformat(),
                "reason": why,
                "rule": event.rule_id,
            },
        )
    return event


__all__ = [
    "ChainInput",
    "MovePreview",
    "MoveRow",
    "chain_create",
    "chain_delete",
    "chain_input_of",
    "chain_move_confirm",
    "chain_move_preview",
    "chain_propose",
    "clean_chain_input",
    "deadline_complete",
    "deadline_delete",
    "deadline_override",
    "deadline_reopen",
    "deadline_starts_at",
]
