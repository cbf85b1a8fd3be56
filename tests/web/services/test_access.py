"""Walls and restrictions: the one place that decides who sees what."""

from __future__ import annotations

import pytest
from django.http import Http404

from casedesk.web.access import (
    AccessDenied,
    get_visible_contact,
    get_visible_matter,
    require_writer,
    visible_contacts,
    visible_matters,
)
from casedesk.web.contacts.services import contact_create
from casedesk.web.matters.models import Matter, MatterParty
from casedesk.web.matters.services import wall_create

pytestmark = pytest.mark.django_db


def _matter(by, number: str, title: str, client_name: str, **extra) -> Matter:
    matter = Matter.objects.create(
        number=number, title=title, practice_area="litigation", status="open", **extra
    )
    contact = contact_create(by=by, kind="organization", name=client_name)
    MatterParty.objects.create(matter=matter, contact=contact, role="client")
    return matter


def test_wall_hides_matter_and_its_only_contacts(admin_user, attorney, attorney2) -> None:
    walled = _matter(admin_user, "2026-0001", "ZEBRA-CANARY dispute", "Canary Widgets LLC")
    open_matter = _matter(admin_user, "2026-0002", "Ordinary", "Plain Co.")
    wall_create(by=admin_user, matter=walled, user=attorney, reason="lateral hire")
    assert list(visible_matters(attorney)) == [open_matter]
    assert set(visible_matters(attorney2)) == {walled, open_matter}
    with pytest.raises(Http404):
        get_visible_matter(attorney, walled.pk)
    canary = MatterParty.objects.get(matter=walled).contact
    assert canary not in visible_contacts(attorney)
    assert canary in visible_contacts(attorney2)
    with pytest.raises(Http404):
        get_visible_contact(attorney, canary.pk)


def test_contact_on_a_visible_matter_stays_visible(admin_user, attorney) -> None:
    walled = _matter(admin_user, "2026-0001", "Walled", "Shared Bank N.A.")
    other = Matter.objects.create(
        number="2026-0002", title="Other", practice_area="litigation", status="open"
    )
    shared = MatterParty.objects.get(matter=walled).contact
    MatterParty.objects.create(matter=other, contact=shared, role="adverse-party")
    wall_create(by=admin_user, matter=walled, user=attorney, reason="screened")
    assert shared in visible_contacts(attorney)


def test_restricted_matter_only_for_team_and_admins(admin_user, attorney, attorney2) -> None:
    secret = _matter(
        admin_user,
        "2026-0009",
        "Restricted",
        "Quiet Corp.",
        restricted=True,
        responsible_attorney=attorney,
    )
    assert secret in visible_matters(attorney)
    assert secret not in visible_matters(attorney2)
    assert secret in visible_matters(admin_user)


def test_admin_screened_is_screened_too(admin_user, make_user) -> None:
    other_admin = make_user("admin", "second-admin")
    walled = _matter(admin_user, "2026-0001", "Walled", "X Corp.")
    wall_create(by=admin_user, matter=walled, user=other_admin, reason="conflict")
    assert walled not in visible_matters(other_admin)


def test_inactive_and_readonly(readonly, attorney) -> None:
    with pytest.raises(AccessDenied):
        require_writer(readonly)
    attorney.is_active = False
    assert not visible_matters(attorney).exists()
