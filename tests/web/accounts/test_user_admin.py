"""User administration and ethical walls: admins only; bad input changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from casedesk.web.accounts.models import User
from casedesk.web.matters.models import EthicalWall
from tests.conftest import PASSWORD
from tests.web.contacts.factories import make_matter

pytestmark = pytest.mark.django_db

ADMIN_PAGES = ["/users/", "/users/new/", "/users/walls/", "/users/walls/matters/?q=1", "/audit/"]


@pytest.mark.parametrize("role", ["attorney", "secretary", "clerk", "readonly"])
def test_admin_pages_are_404_for_everyone_else(client: Client, make_user, role: str) -> None:
    user = make_user(role, f"u-{role}")
    client.force_login(user)
    for url in ADMIN_PAGES:
        assert client.get(url).status_code == 404, url
    target = make_user("clerk", "victim")
    for url in [
        f"/users/{target.pk}/",
        f"/users/{target.pk}/active/",
        f"/users/{target.pk}/unlock/",
    ]:
        assert client.post(url, {"active": "0"}).status_code == 404, url
    target.refresh_from_db()
    assert target.is_active


def test_nav_shows_admin_links_only_to_admins(
    client: Client, admin_user: User, clerk: User
) -> None:
    client.force_login(clerk)
    assert 'href="/users/"' not in client.get("/").content.decode()
    client.force_login(admin_user)
    body = client.get("/").content.decode()
    assert 'href="/users/"' in body and 'href="/audit/"' in body and 'href="/transfer/"' in body


def test_user_list_and_create(client: Client, admin_user: User, attorney: User) -> None:
    client.force_login(admin_user)
    body = client.get("/users/").content.decode()
    assert "Ada Attorney" in body and "Attorney" in body
    response = client.post(
        "/users/new/",
        {
            "username": "nina",
            "full_name": "Nina Newhire",
            "role": "clerk",
            "password": "a-Very-long-passphrase-7",
            "email": "",
            "bar_number": "",
        },
    )
    assert response.status_code == 302
    nina = User.objects.get(username="nina")
    assert nina.role == "clerk" and nina.check_password("a-Very-long-passphrase-7")
    assert "Created Nina Newhire" in client.get("/users/").content.decode()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"password": "password"}, "This password is too short"),
        ({"username": "ada"}, "is taken"),
        ({"full_name": "N" * 10_000}, "the limit is 500"),
        ({"username": "x" * 10_000}, "User names are 1-150"),
        ({"username": "bad name!"}, "User names are 1-150"),
    ],
)
def test_user_create_bad_input_changes_nothing(
    client: Client, admin_user: User, attorney: User, changes: dict, message: str
) -> None:
    client.force_login(admin_user)
    before = User.objects.count()
    data = {
        "username": "newbie",
        "full_name": "New Bie",
        "role": "clerk",
        "password": "a-Very-long-passphrase-7",
    }
    data.update(changes)
    response = client.post("/users/new/", data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert User.objects.count() == before


def test_change_role_deactivate_reactivate_unlock(
    client: Client, admin_user: User, clerk: User
) -> None:
    client.force_login(admin_user)
    response = client.post(f"/users/{clerk.pk}/", {"full_name": "Cleo Clerk", "role": "secretary"})
    assert response.status_code == 302
    clerk.refresh_from_db()
    assert clerk.role == "secretary"
    client.post(f"/users/{clerk.pk}/active/", {"active": "0"})
    clerk.refresh_from_db()
    assert not clerk.is_active
    assert "Deactivated" in client.get("/users/").content.decode()
    client.post(f"/users/{clerk.pk}/active/", {"active": "1"})
    clerk.refresh_from_db()
    assert clerk.is_active
    User.objects.filter(pk=clerk.pk).update(locked_until=timezone.now() + dt.timedelta(minutes=10))
    assert "Locked until" in client.get("/users/").content.decode()
    client.post(f"/users/{clerk.pk}/unlock/")
    clerk.refresh_from_db()
    assert clerk.locked_until is None
    assert Client().post("/login/", {"username": "cleo", "password": PASSWORD}).status_code == 302


def test_admin_cannot_deactivate_self(client: Client, admin_user: User) -> None:
    client.force_login(admin_user)
    response = client.post(f"/users/{admin_user.pk}/active/", {"active": "0"}, follow=True)
    assert "You cannot deactivate your own account." in response.content.decode()
    admin_user.refresh_from_db()
    assert admin_user.is_active


def test_wall_create_and_lift(client: Client, admin_user: User, clerk: User) -> None:
    matter = make_matter("2025-0042", title="Secret v. Hidden")
    client.force_login(admin_user)
    options = client.get("/users/walls/matters/?matter_number=0042").content.decode()
    assert "2025-0042 — Secret v. Hidden" in options
    response = client.post(
        "/users/walls/",
        {
            "user": clerk.pk,
            "matter_number": "2025-0042 — Secret v. Hidden",
            "reason": "lateral hire",
        },
    )
    assert response.status_code == 302
    wall = EthicalWall.objects.get(matter=matter, user=clerk)
    assert "Secret v. Hidden" in client.get("/users/walls/").content.decode()
    bad = client.post(
        "/users/walls/", {"user": clerk.pk, "matter_number": "1999-9999", "reason": "x"}
    )
    assert bad.status_code == 400 and "No matter has that number" in bad.content.decode()
    no_reason = client.post(
        "/users/walls/", {"user": clerk.pk, "matter_number": "2025-0042", "reason": " "}
    )
    assert no_reason.status_code == 400
    client.post(f"/users/walls/{wall.pk}/lift/")
    assert not EthicalWall.objects.filter(pk=wall.pk).exists()
