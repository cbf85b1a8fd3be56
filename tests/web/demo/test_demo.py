"""The demo firm: counts, roles, walls, statuses, determinism, audit, and speed at full size."""

from __future__ import annotations

from collections import Counter

import pytest

from casedesk.web.accounts.models import User
from casedesk.web.audit.models import AuditEntry
from casedesk.web.contacts.models import ContactAlias, ContactRelationship
from casedesk.web.demo import DEMO_PASSWORD, demo_load
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import (
    CheckStatus,
    ConflictHitRecord,
    Disposition,
    EthicalWall,
    Matter,
    MatterParty,
    PartyRole,
    PracticeArea,
)

pytestmark = pytest.mark.django_db


def _snapshot() -> list[tuple[str, str, str, str, tuple[tuple[str, str], ...]]]:
    rows = []
    for m in Matter.objects.prefetch_related("parties__contact").order_by("number"):
        parties = tuple(sorted((p.role, p.contact.name) for p in m.parties.all()))
        rows.append((m.number, m.title, m.status, m.practice_area, parties))
    return rows


def test_small_demo_has_every_role_area_and_one_wall() -> None:
    summary = demo_load(seed=11, clients=14, matters=28)
    roles = Counter(User.objects.values_list("role", flat=True))
    assert (roles["attorney"], roles["secretary"], roles["clerk"], roles["admin"]) == (3, 2, 2, 1)
    assert summary.matters == Matter.objects.count() == 28
    assert summary.clients == 14
    assert set(MatterParty.objects.values_list("role", flat=True)) == set(PartyRole.values)
    assert set(Matter.objects.values_list("practice_area", flat=True)) == set(PracticeArea.values)
    walls = list(EthicalWall.objects.select_related("matter", "user"))
    assert len(walls) == 1
    assert "Walled" in walls[0].matter.title and walls[0].reason
    assert walls[0].user.username == "chloe.attorney"
    assert Matter.objects.filter(title__contains="Walled").count() == 1
    assert User.objects.get(username="alice.attorney").check_password(DEMO_PASSWORD)


def test_open_matters_have_completed_checks_and_everything_is_audited() -> None:
    demo_load(seed=5, clients=10, matters=20)
    for matter in Matter.objects.filter(status__in=("open", "closed")):
        assert matter.conflict_checks.exists()
        assert not matter.conflict_checks.filter(status=CheckStatus.PENDING).exists()
        assert matter.opened_on and matter.intake_on and matter.opened_on >= matter.intake_on
    assert not ConflictHitRecord.objects.filter(disposition=Disposition.WAIVER, note="").exists()
    actions = set(AuditEntry.objects.values_list("action", flat=True))
    assert {
        "create",
        "conflict-search",
        "conflict-disposition",
        "wall-create",
        "update",
        "import",
    } <= actions
    assert AuditEntry.objects.filter(object_type="matter", action="create").count() == 20


def test_same_seed_same_firm() -> None:
    demo_load(seed=3, clients=8, matters=16)
    first = _snapshot()
    aliases = sorted(ContactAlias.objects.values_list("name", "kind"))
    demo_load(seed=3, clients=8, matters=16, reset=True)
    assert _snapshot() == first
    assert sorted(ContactAlias.objects.values_list("name", "kind")) == aliases
    demo_load(seed=4, clients=8, matters=16, reset=True)
    assert _snapshot() != first


def test_refuses_a_firm_with_matters() -> None:
    demo_load(seed=2, clients=4, matters=6)
    with pytest.raises(ServiceError, match="--reset"):
        demo_load(seed=2, clients=4, matters=6)
    assert Matter.objects.count() == 6


@pytest.mark.slow
def test_full_demo_firm_loads() -> None:
    """The full-size firm `make run` loads (its time is measured in docs/performance.md, not here)."""
    steps: list[tuple[int, int]] = []
    summary = demo_load(progress=lambda done, total: steps.append((done, total)))
    assert Matter.objects.count() == 300 and summary.clients == 150
    statuses = Counter(Matter.objects.values_list("status", flat=True))
    assert all(statuses[s] > 5 for s in ("intake", "open", "closed", "declined")), statuses
    assert set(Matter.objects.values_list("practice_area", flat=True)) == set(PracticeArea.values)
    assert len({m.court for m in Matter.objects.exclude(court="")}) >= 8
    assert EthicalWall.objects.count() == 1
    assert ConflictHitRecord.objects.filter(disposition=Disposition.WAIVER).exists()
    assert ConflictHitRecord.objects.filter(disposition=Disposition.DECLINE).exists()
    assert ConflictHitRecord.objects.filter(disposition=Disposition.PENDING).exists()
    kinds = set(ContactAlias.objects.values_list("kind", flat=True))
    assert {"maiden", "dba", "abbreviation", "nickname", "former"} <= kinds
    assert {"parent-of", "spouse-of", "officer-of", "employee-of"} <= set(
        ContactRelationship.objects.values_list("kind", flat=True)
    )
    assert steps[-1][0] == steps[-1][1]


def test_demo_calendar_has_chains_hearings_and_tasks() -> None:
    from casedesk.web.scheduling.models import DeadlineChain, Event, Task

    demo_load(seed=3, clients=12, matters=30)
    assert DeadlineChain.objects.exists()
    deadlines = Event.objects.filter(kind="deadline")
    assert deadlines.exists() and all(e.derivation and e.rule_pack_version for e in deadlines)
    assert Event.objects.exclude(kind="deadline").exists()
    assert Task.objects.exists()


def test_demo_drafting_has_starters_letters_and_a_communication_log() -> None:
    from casedesk.web.correspondence.models import Communication
    from casedesk.web.drafting.models import DraftTemplate, FirmProfile, GeneratedDocument

    demo_load(seed=3, clients=12, matters=30)
    assert FirmProfile.load().address.startswith("500 Grand Avenue")
    assert DraftTemplate.objects.filter(starter_id="engagement-letter").exists()
    generated = GeneratedDocument.objects.select_related("document")
    assert generated.exists()
    assert all(g.document.matter_id == g.matter_id for g in generated)
    calls = Communication.objects.filter(kind="call")
    assert calls.exists() and all(c.follow_up_task_id for c in calls)
    demo_load(seed=3, clients=12, matters=30, reset=True)  # reset clears what protects matters
    assert GeneratedDocument.objects.exists()
