"""Intake, conflict checks and dispositions, opening and declining matters, through the services."""

from __future__ import annotations

import pytest

from casedesk.web.audit.models import AuditEntry
from casedesk.web.contacts.models import Contact
from casedesk.web.contacts.services import (
    contact_alias_add,
    contact_create,
    contact_relationship_add,
)
from casedesk.web.errors import ServiceError
from casedesk.web.matters.models import CheckStatus, Matter, MatterStatus
from casedesk.web.matters.services import (
    PartyInput,
    conflict_hit_dispose,
    intake_create,
    matter_close,
    matter_decline,
    matter_open,
    matter_party_add,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def firm(attorney, secretary):
    """A closed matter for Margaret O'Brien-Walsh (alias Peggy Walsh) against Acme Holdings, Inc."""
    old = intake_create(
        by=secretary,
        title="O'Brien-Walsh v. Acme",
        practice_area="litigation",
        client=PartyInput("Margaret O'Brien-Walsh", "person", "client", aliases=("Peggy Walsh",)),
        other_parties=[PartyInput("Acme Holdings, Inc.", "organization", "adverse-party")],
        responsible_attorney=attorney,
    )
    matter_open(by=attorney, matter=old)
    matter_close(by=attorney, matter=old)
    return old


def _intake(
    secretary, attorney, client: str, kind: str = "person", adverse: str | None = None
) -> Matter:
    others = [PartyInput(adverse, "organization", "adverse-party")] if adverse else []
    return intake_create(
        by=secretary,
        title=f"New matter for {client}",
        practice_area="employment",
        client=PartyInput(client, kind, "client"),
        other_parties=others,
        responsible_attorney=attorney,
    )


def test_intake_with_no_hits_is_cleared_and_opens(secretary, attorney) -> None:
    matter = _intake(secretary, attorney, "Zyxwv Quutrel")
    check = matter.conflict_checks.get()
    assert check.status == CheckStatus.CLEARED and not check.hits.exists()
    matter_open(by=attorney, matter=matter)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.OPEN and matter.opened_on


def test_hits_need_dispositions_before_opening(firm, secretary, attorney) -> None:
    matter = _intake(secretary, attorney, "Peggy O'Brien", adverse="ACME Holdings Incorporated")
    check = matter.conflict_checks.get()
    hits = {h.name: h for h in check.hits.all()}
    assert "Margaret O'Brien-Walsh" in hits, [h.reason for h in check.hits.all()]
    assert "Acme Holdings, Inc." in hits
    assert hits["Acme Holdings, Inc."].role == "adverse-party"
    assert hits["Margaret O'Brien-Walsh"].role == "former-client"
    assert all(h.reason for h in hits.values())
    with pytest.raises(ServiceError, match="disposition"):
        matter_open(by=attorney, matter=matter)
    with pytest.raises(ServiceError, match="note"):
        conflict_hit_dispose(by=attorney, hit=hits["Margaret O'Brien-Walsh"], disposition="waiver")
    conflict_hit_dispose(
        by=attorney,
        hit=hits["Margaret O'Brien-Walsh"],
        disposition="waiver",
        note="Signed waiver 2026-11-20",
    )
    for hit in check.hits.exclude(pk=hits["Margaret O'Brien-Walsh"].pk):
        conflict_hit_dispose(by=attorney, hit=hit, disposition="cleared")
    check.refresh_from_db()
    assert check.status == CheckStatus.CLEARED and check.completed_by == attorney
    matter_open(by=attorney, matter=matter)
    assert AuditEntry.objects.filter(action="conflict-disposition").count() == check.hits.count()


def test_decline_keeps_prospective_client_on_record(firm, secretary, attorney) -> None:
    matter = _intake(secretary, attorney, "Acme Holdings Inc", kind="organization")
    check = matter.conflict_checks.get()
    for hit in check.hits.all():
        conflict_hit_dispose(
            by=attorney, hit=hit, disposition="decline", note="We sued them in 2025"
        )
    check.refresh_from_db()
    assert check.status == CheckStatus.DECLINE
    with pytest.raises(ServiceError, match="decline"):
        matter_open(by=attorney, matter=matter)
    matter_decline(by=attorney, matter=matter, reason="Conflict with former client")
    # The declined prospective client is found by the next check (Model Rule 1.18).
    later = _intake(secretary, attorney, "ACME HOLDINGS, INCORPORATED", kind="organization")
    roles = {h.role for h in later.conflict_checks.get().hits.all()}
    assert "prospective-client" in roles


def test_party_added_to_open_matter_is_checked(firm, secretary, attorney) -> None:
    matter = _intake(secretary, attorney, "Quentin Zorblatt")
    matter_open(by=attorney, matter=matter)
    _, check = matter_party_add(
        by=secretary, matter=matter, party=PartyInput("Bob Walsh", "person", "witness")
    )
    assert check is not None and check.trigger == "party-added"
    _, check2 = matter_party_add(
        by=secretary,
        matter=matter,
        party=PartyInput("Acme Holdings Corp.", "organization", "co-party"),
    )
    assert check2.hits.filter(name="Acme Holdings, Inc.").exists()
    assert check2.status == CheckStatus.PENDING


def test_alias_and_relationship_hits_explain_themselves(secretary, attorney) -> None:
    client = contact_create(by=secretary, kind="organization", name="Globex Corporation")
    contact_alias_add(by=secretary, contact=client, name="Globex", kind="abbreviation")
    officer = contact_create(by=secretary, kind="person", name="Hank Scorpio")
    contact_relationship_add(
        by=secretary, from_contact=officer, kind="officer-of", to_contact=client
    )
    first = intake_create(
        by=secretary,
        title="Globex general counsel",
        practice_area="corporate",
        client=PartyInput("", "organization", "client", contact_id=client.pk),
        responsible_attorney=attorney,
    )
    matter_open(by=attorney, matter=first)
    later = _intake(secretary, attorney, "Henry Scorpio")
    reasons = [h.reason for h in later.conflict_checks.get().hits.all()]
    assert any("officer of Globex Corporation" in r for r in reasons), reasons


@pytest.mark.parametrize(
    "name",
    ["Nguyễn Thị Minh Khai", "محمد بن علي", "王小明", "Zoë Ångström-Ñúñez"],
)
def test_names_in_any_script(secretary, attorney, name: str) -> None:
    matter = _intake(secretary, attorney, name)
    assert matter.parties.get().contact.name == name
    again = _intake(secretary, attorney, name)
    assert again.conflict_checks.get().hits.filter(name=name, score=100).exists()


def test_bad_input_changes_nothing(secretary, attorney, readonly) -> None:
    before = (Matter.objects.count(), Contact.objects.count(), AuditEntry.objects.count())
    with pytest.raises(ServiceError, match="characters long; the limit is 500"):
        _intake(secretary, attorney, "x" * 10_000)
    with pytest.raises(ServiceError, match="required"):
        _intake(secretary, attorney, "   ")
    with pytest.raises(ServiceError):
        intake_create(
            by=readonly,
            title="t",
            practice_area="litigation",
            client=PartyInput("A B", "person", "client"),
        )
    with pytest.raises(ServiceError, match="practice area"):
        intake_create(
            by=secretary,
            title="t",
            practice_area="astrology",
            client=PartyInput("A B", "person", "client"),
        )
    assert (Matter.objects.count(), Contact.objects.count(), AuditEntry.objects.count()) == before


def test_duplicate_matter_number_is_refused(secretary, attorney) -> None:
    intake_create(
        by=secretary,
        title="First",
        practice_area="litigation",
        client=PartyInput("Anna Karenina", "person", "client"),
        number="2026-LIT-1",
    )
    before = Contact.objects.count()
    with pytest.raises(ServiceError, match="already taken"):
        intake_create(
            by=secretary,
            title="Second",
            practice_area="litigation",
            client=PartyInput("Boris Godunov", "person", "client"),
            number="2026-LIT-1",
        )
    assert Contact.objects.count() == before


def test_matter_numbers_follow_the_pattern(secretary, attorney, settings) -> None:
    settings.CASEDESK_MATTER_NUMBER_PATTERN = "{area}-{year}-{seq:03d}"
    m = _intake(secretary, attorney, "Pattern Person")
    assert m.number.startswith("EMP-") and m.number.endswith("-001")
