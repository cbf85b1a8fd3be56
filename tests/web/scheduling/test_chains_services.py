"""Deadline-chain services: saved with derivations, moved with an audited preview, walls kept."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from casedesk.web.access import AccessDenied
from casedesk.web.audit.models import AuditEntry
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import EthicalWall
from casedesk.web.scheduling import chain_services as svc
from casedesk.web.scheduling.chain_selectors import deadline_view, matter_deadline_sections
from casedesk.web.scheduling.models import DeadlineChain, Event
from tests.web.matters.factories import make_matter

pytestmark = pytest.mark.django_db
D = dt.date.fromisoformat


def complaint(day: str = "2027-03-10", service: str = "mail", **kw: Any) -> svc.ChainInput:
    return svc.ChainInput("federal-complaint-served", "federal", D(day), None, service, **kw)


@pytest.fixture
def matter(attorney: Any) -> Any:
    m = make_matter("2027-0101", "Nguyễn Thị Minh v. شركة الأمل", attorney=attorney)
    m.court = "U.S. District Court, N.D. Cal."
    m.save()
    return m


def test_create_saves_each_deadline_with_its_derivation_and_audits(
    secretary: Any, matter: Any
) -> None:
    chain = svc.chain_create(
        by=secretary,
        matter=matter,
        inp=complaint(),
        rule_ids=["frcp-answer", "frcp-answer-us"],
    )
    events = list(chain.deadlines.order_by("starts_at"))
    assert [e.rule_id for e in events] == ["frcp-answer", "frcp-answer-us"]
    answer = events[0]
    assert answer.kind == "deadline" and answer.matter == matter
    assert answer.title == "Answer due (FRCP 12(a)(1)(A)(i))"
    assert answer.rule_citation == "FRCP 12(a)(1)(A)(i)"
    assert answer.rule_pack_version.startswith("frcp-")
    assert any("day 21 = Wed Mar 31, 2027" in step for step in answer.derivation)
    assert any("No days added for service by mail" in n for n in answer.derivation_notes)
    local = timezone.localtime(answer.starts_at)
    assert (local.date(), local.time(), answer.all_day) == (D("2027-03-31"), dt.time(23, 59), False)
    assert answer.uid.startswith("casedesk-") and answer.uid.endswith("@casedesk")
    entry = AuditEntry.objects.get(action="deadline-chain-created")
    assert entry.matter_id == matter.pk and entry.actor == secretary
    assert {d["rule"]: d["due"] for d in entry.data["deadlines"]} == {
        "frcp-answer": "2027-03-31T23:59",
        "frcp-answer-us": "2027-05-10T23:59",
    }


def test_a_deadline_without_a_time_is_all_day_on_its_date(secretary: Any, matter: Any) -> None:
    inp = svc.ChainInput("ca-summons-served", "ca", D("2027-03-01"), service="personal")
    chain = svc.chain_create(by=secretary, matter=matter, inp=inp, rule_ids=["ca-answer"])
    event = chain.deadlines.get()
    assert event.all_day
    assert timezone.localtime(event.starts_at).date() == D("2027-04-01")
    assert deadline_view(event).due_time is None


def test_propose_writes_nothing(secretary: Any, matter: Any) -> None:
    before = AuditEntry.objects.count()
    proposals = svc.chain_propose(by=secretary, matter=matter, inp=complaint())
    assert [p.rule_id for p in proposals] == ["frcp-answer", "frcp-answer-us"]
    assert not DeadlineChain.objects.exists() and not Event.objects.exists()
    assert AuditEntry.objects.count() == before


def test_move_trigger_previews_then_saves_bumps_sequence_and_audits_old_and_new(
    secretary: Any, matter: Any
) -> None:
    chain = svc.chain_create(by=secretary, matter=matter, inp=complaint(), rule_ids=["frcp-answer"])
    answer = chain.deadlines.get()
    preview = svc.chain_move_preview(by=secretary, chain=chain, new=complaint("2027-03-17"))
    [row] = preview.rows
    assert (row.old_date, row.new_date, row.changed) == (D("2027-03-31"), D("2027-04-07"), True)
    answer.refresh_from_db()
    assert timezone.localtime(answer.starts_at).date() == D("2027-03-31")  # nothing saved yet
    assert not AuditEntry.objects.filter(action="deadline-moved").exists()

    svc.chain_move_confirm(by=secretary, chain=chain, new=complaint("2027-03-17"))
    answer.refresh_from_db()
    chain.refresh_from_db()
    assert chain.trigger_date == D("2027-03-17")
    assert timezone.localtime(answer.starts_at).date() == D("2027-04-07")
    assert answer.sequence == 1
    assert any("Wed Mar 17, 2027" in step for step in answer.derivation)
    moved = AuditEntry.objects.get(action="deadline-moved")
    assert moved.data["old"] == "2027-03-31T23:59" and moved.data["new"] == "2027-04-07T23:59"
    assert moved.object_id == str(answer.pk) and moved.matter_id == matter.pk
    chain_entry = AuditEntry.objects.get(action="deadline-chain-moved")
    assert chain_entry.data["old"]["trigger"] == "2027-03-10"
    assert chain_entry.data["new"]["trigger"] == "2027-03-17"


def test_moving_to_the_same_trigger_is_refused(secretary: Any, matter: Any) -> None:
    chain = svc.chain_create(by=secretary, matter=matter, inp=complaint(), rule_ids=["frcp-answer"])
    with pytest.raises(ServiceError, match="unchanged"):
        svc.chain_move_confirm(by=secretary, chain=chain, new=complaint())


def test_completed_deadlines_stay_put_when_the_trigger_moves(secretary: Any, matter: Any) -> None:
    inp = svc.ChainInput("federal-judgment-entered", "federal", D("2027-06-01"))
    chain = svc.chain_create(
        by=secretary, matter=matter, inp=inp, rule_ids=["frcp-new-trial", "frap-appeal"]
    )
    new_trial = chain.deadlines.get(rule_id="frcp-new-trial")
    svc.deadline_complete(by=secretary, event=new_trial)
    new = svc.ChainInput("federal-judgment-entered", "federal", D("2027-06-08"))
    preview = svc.chain_move_confirm(by=secretary, chain=chain, new=new)
    rows = {r.event.rule_id: r for r in preview.rows}
    assert rows["frcp-new-trial"].skipped.startswith("Completed")
    assert rows["frap-appeal"].new_date == D("2027-07-08")
    new_trial.refresh_from_db()
    assert timezone.localtime(new_trial.starts_at).date() == D("2027-06-29")


def test_complete_reopen_delete_are_audited(secretary: Any, matter: Any) -> None:
    chain = svc.chain_create(by=secretary, matter=matter, inp=complaint(), rule_ids=["frcp-answer"])
    event = chain.deadlines.get()
    svc.deadline_complete(by=secretary, event=event)
    event.refresh_from_db()
    assert event.status == "done" and event.completed_by == secretary and event.sequence == 1
    with pytest.raises(ServiceError, match="already"):
        svc.deadline_complete(by=secretary, event=event)
    svc.deadline_reopen(by=secretary, event=event)
    with pytest.raises(ServiceError, match="Say why"):
        svc.deadline_delete(by=secretary, event=event, reason="   ")
    svc.deadline_delete(by=secretary, event=event, reason="Defendant already answered")
    assert not Event.objects.filter(pk=event.pk).exists()
    deleted = AuditEntry.objects.get(action="deadline-deleted")
    assert deleted.data["reason"] == "Defendant already answered"
    assert deleted.data["rule"] == "frcp-answer" and deleted.data["derivation"]
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {"deadline-completed", "deadline-reopened", "deadline-deleted"} <= actions


def test_override_keeps_the_computed_date_and_says_who_and_why(secretary: Any, matter: Any) -> None:
    chain = svc.chain_create(by=secretary, matter=matter, inp=complaint(), rule_ids=["frcp-answer"])
    event = chain.deadlines.get()
    steps = list(event.derivation)
    with pytest.raises(ServiceError, match="Say why"):
        svc.deadline_override(
            by=secretary, event=event, new_date=D("2027-04-14"), new_time=None, reason=""
        )
    svc.deadline_override(
        by=secretary,
        event=event,
        new_date=D("2027-04-14"),
        new_time=dt.time(17, 0),
        reason="Stipulated extension, order of Mar 20",
    )
    event.refresh_from_db()
    view = deadline_view(event)
    assert view.overridden and view.computed_date == D("2027-03-31")
    assert view.due_date == D("2027-04-14") and view.due_time == dt.time(17, 0)
    assert event.derivation == steps  # the computed derivation is kept
    assert "Stipulated extension" in event.derivation_notes[-1]
    assert "later than the computed date" in event.derivation_notes[-1]
    entry = AuditEntry.objects.get(action="deadline-overridden")
    assert entry.data["computed"] == "2027-03-31" and entry.data["new"] == "2027-04-14T17:00"
    # Moving the trigger recomputes and says it replaces the date set by hand.
    preview = svc.chain_move_preview(by=secretary, chain=chain, new=complaint("2027-03-11"))
    assert preview.rows[0].replaces_override


def test_chain_delete_removes_its_deadlines_and_keeps_the_record(
    secretary: Any, matter: Any
) -> None:
    chain = svc.chain_create(
        by=secretary,
        matter=matter,
        inp=complaint(),
        rule_ids=["frcp-answer", "frcp-answer-us"],
    )
    svc.chain_delete(by=secretary, chain=chain, reason="Wrong matter")
    assert not DeadlineChain.objects.exists() and not Event.objects.exists()
    entry = AuditEntry.objects.get(action="deadline-chain-deleted")
    assert len(entry.data["deadlines"]) == 2


@pytest.mark.parametrize(
    ("inp", "rules", "message"),
    [
        (complaint("1999-12-31"), ["frcp-answer"], "outside the years"),
        (complaint("2036-01-02"), ["frcp-answer"], "outside the years"),
        (svc.ChainInput("no-such", "federal", D("2027-03-10")), ["x"], "does not exist"),
        (svc.ChainInput("", "federal", D("2027-03-10")), ["x"], "Choose what happened"),
        (svc.ChainInput("ca-summons-served", "federal", D("2027-03-10")), ["x"], "not a trigger"),
        (svc.ChainInput("ca-summons-served", "mars", D("2027-03-10")), ["x"], "Choose the court"),
        (complaint(service="pigeon"), ["frcp-answer"], "how the papers were served"),
        (complaint(), [], "Tick at least one"),
        (complaint(), ["ca-answer"], "not part of the chain"),
        (complaint(closed_days=(D("1990-01-01"),)), ["frcp-answer"], "outside the years"),
    ],
)
def test_bad_input_is_refused_and_changes_nothing(
    secretary: Any, matter: Any, inp: svc.ChainInput, rules: list[str], message: str
) -> None:
    before = AuditEntry.objects.count()
    with pytest.raises(ServiceError, match=message):
        svc.chain_create(by=secretary, matter=matter, inp=inp, rule_ids=rules)
    assert not DeadlineChain.objects.exists() and not Event.objects.exists()
    assert AuditEntry.objects.count() == before


def test_readonly_and_screened_users_cannot_write(
    secretary: Any, readonly: Any, attorney2: Any, matter: Any, admin_user: Any
) -> None:
    with pytest.raises(AccessDenied):
        svc.chain_create(by=readonly, matter=matter, inp=complaint(), rule_ids=["frcp-answer"])
    chain = svc.chain_create(by=secretary, matter=matter, inp=complaint(), rule_ids=["frcp-answer"])
    EthicalWall.objects.create(
        matter=matter, user=attorney2, reason="lateral", created_by=admin_user
    )
    event = chain.deadlines.get()
    with pytest.raises(ServiceError, match="No such"):
        svc.chain_create(by=attorney2, matter=matter, inp=complaint(), rule_ids=["frcp-answer"])
    with pytest.raises(ServiceError, match="No such"):
        svc.chain_move_confirm(by=attorney2, chain=chain, new=complaint("2027-03-12"))
    with pytest.raises(ServiceError, match="No such"):
        svc.deadline_complete(by=attorney2, event=event)
    with pytest.raises(ServiceError, match="No such"):
        svc.deadline_delete(by=attorney2, event=event, reason="x")
    assert matter_deadline_sections(attorney2, matter) == ([], [])


def test_closed_matters_take_no_new_deadlines(secretary: Any, attorney: Any) -> None:
    closed = make_matter("2020-0001", "Old case", status="closed", attorney=attorney)
    with pytest.raises(ServiceError, match="is closed"):
        svc.chain_create(by=secretary, matter=closed, inp=complaint(), rule_ids=["frcp-answer"])
