"""The dashboard per role, and no trace of a walled matter anywhere on it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from casedesk.web.accounts.models import User
from casedesk.web.audit.services import audit_record
from casedesk.web.matters.services import wall_create
from tests.web.contacts.factories import make_contact, make_matter

pytestmark = pytest.mark.django_db


def test_anonymous_goes_to_sign_in(client: Client) -> None:
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/login/")


def test_attorney_sees_own_matters_first(client: Client, attorney: User, attorney2: User) -> None:
    make_matter(
        "2025-0001", title="Ada's Own Case", client=make_contact("C1"), responsible=attorney
    )
    make_matter("2025-0002", title="Bert's Case", client=make_contact("C2"), responsible=attorney2)
    make_matter(
        "2025-0003",
        title="Pending Intake",
        client=make_contact("C3"),
        status="intake",
        pending_check=True,
    )
    client.force_login(attorney)
    body = client.get("/").content.decode()
    assert "Ada&#x27;s Own Case" in body and "Bert&#x27;s Case" not in body
    assert body.index("My matters") < body.index("Intakes awaiting conflict review")
    assert "Pending Intake" in body
    assert "Recent activity" not in body and "Locked accounts" not in body


def test_secretary_sees_intakes_first(client: Client, secretary: User) -> None:
    make_matter(
        "2025-0003",
        title="Pending Intake",
        client=make_contact("C3"),
        status="intake",
        pending_check=True,
    )
    make_matter("2025-0004", title="Cleared Intake", client=make_contact("C4"), status="intake")
    client.force_login(secretary)
    body = client.get("/").content.decode()
    assert body.index("Intakes awaiting conflict review") < body.index("My matters")
    assert "Pending Intake" in body and "Cleared Intake" not in body


def test_clerk_sees_matters_on_their_team(client: Client, clerk: User, attorney: User) -> None:
    make_matter(
        "2025-0005",
        title="Clerk Team Case",
        client=make_contact("C5"),
        responsible=attorney,
        team=[clerk],
    )
    client.force_login(clerk)
    assert "Clerk Team Case" in client.get("/").content.decode()


def test_admin_sees_firm_figures_locked_accounts_and_activity(
    client: Client, admin_user: User, clerk: User
) -> None:
    make_matter("2025-0006", client=make_contact("C6"))
    User.objects.filter(pk=clerk.pk).update(locked_until=timezone.now() + dt.timedelta(minutes=5))
    audit_record(actor=admin_user, action="create", summary="Something happened today")
    client.force_login(admin_user)
    body = client.get("/").content.decode()
    assert "Open matters (firm)" in body and "Locked accounts" in body
    assert "Cleo Clerk (cleo), locked until" in body
    assert "Something happened today" in body


def test_walled_matter_leaves_no_trace(
    client: Client, admin_user: User, attorney: User, clerk: User
) -> None:
    hidden_client = make_contact("Zebulon Hiddenparty")
    walled = make_matter(
        "2025-0999",
        title="Walled Affair",
        client=hidden_client,
        responsible=attorney,
        team=[clerk],
        status="intake",
        pending_check=True,
    )
    client.force_login(clerk)
    before = client.get("/").content.decode()
    assert "Walled Affair" in before
    wall_create(by=admin_user, matter=walled, user=clerk, reason="lateral hire")
    client.force_login(clerk)
    after = client.get("/").content.decode()
    assert "Walled Affair" not in after and "2025-0999" not in after and "Zebulon" not in after
    # Counts: nothing pending, no matters, no contacts for the screened clerk.
    assert (
        '<span class="stat-number">0</span><span class="stat-label">Awaiting conflict review'
        in after
    )
    assert '<span class="stat-number">0</span><span class="stat-label">Contacts' in after
    assert '<span class="stat-number">0</span><span class="stat-label">My active matters' in after


def test_screened_admin_activity_hides_walled_entries(
    client: Client, admin_user: User, make_user, attorney: User
) -> None:
    other_admin = make_user("admin", "boss")
    walled = make_matter(
        "2025-0777", title="Walled Affair", client=make_contact("Q"), responsible=attorney
    )
    audit_record(
        actor=attorney, action="update", summary="Worked on Walled Affair", matter_id=walled.pk
    )
    wall_create(by=other_admin, matter=walled, user=admin_user, reason="conflict")
    client.force_login(admin_user)
    body = client.get("/").content.decode()
    assert "Walled Affair" not in body and "2025-0777" not in body
