"""Signing in and out, lockout, and sessions of deactivated or deleted users."""

from __future__ import annotations

import pytest
from django.test import Client

from casedesk.web.accounts.models import User
from casedesk.web.accounts.services import BAD_LOGIN_MESSAGE, user_update
from casedesk.web.audit.models import AuditEntry
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_sign_in_page_has_labelled_fields(client: Client) -> None:
    response = client.get("/login/")
    assert response.status_code == 200
    body = response.content.decode()
    assert '<label for="id_username">User name</label>' in body
    assert '<label for="id_password">Password</label>' in body


def test_sign_in_success_goes_to_dashboard(client: Client, attorney: User) -> None:
    response = client.post("/login/", {"username": "ada", "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == "/"
    page = client.get("/")
    assert page.status_code == 200
    assert "Ada Attorney" in page.content.decode()
    assert AuditEntry.objects.filter(action="login", actor_name="ada").exists()


def test_sign_in_keeps_safe_next_only(client: Client, attorney: User) -> None:
    ok = client.post("/login/?next=/contacts/", {"username": "ada", "password": PASSWORD})
    assert ok["Location"] == "/contacts/"
    client.logout()
    evil = client.post(
        "/login/", {"username": "ada", "password": PASSWORD, "next": "https://evil.example/"}
    )
    assert evil["Location"] == "/"


def test_wrong_password_shows_message(client: Client, attorney: User) -> None:
    response = client.post("/login/", {"username": "ada", "password": "nope"})
    assert response.status_code == 200
    assert BAD_LOGIN_MESSAGE in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_empty_form_says_what_to_do(client: Client) -> None:
    response = client.post("/login/", {"username": "", "password": ""})
    assert "Enter your user name and your password." in response.content.decode()


def test_lockout_after_threshold(client: Client, attorney: User, settings) -> None:
    settings.CASEDESK_LOCKOUT_THRESHOLD = 3
    for _ in range(3):
        client.post("/login/", {"username": "ada", "password": "wrong-password"})
    response = client.post("/login/", {"username": "ada", "password": PASSWORD})
    body = response.content.decode()
    assert "locked after too many failed sign-ins" in body
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="login-failed", actor_name="ada").count() >= 4
    assert AuditEntry.objects.filter(action="lockout", actor_name="ada").count() == 1


def test_sign_out_is_post_and_audited(client: Client, attorney: User) -> None:
    client.force_login(attorney)
    confirm = client.get("/logout/")
    assert confirm.status_code == 200 and "_auth_user_id" in client.session
    response = client.post("/logout/")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="logout", actor_name="ada").exists()
    assert client.get("/").status_code == 302


def test_deactivated_user_session_ends_with_message(client: Client, clerk: User) -> None:
    client.force_login(clerk)
    assert client.get("/").status_code == 200
    User.objects.filter(pk=clerk.pk).update(is_active=False)
    response = client.get("/contacts/")
    assert response.status_code == 302 and response["Location"] == "/login/?gone=1"
    page = client.get(response["Location"])
    assert (
        "Your session ended because your account was deactivated or removed"
        in page.content.decode()
    )
    assert client.get("/").status_code == 302


def test_deactivated_by_admin_is_signed_out(client: Client, clerk: User, admin_user: User) -> None:
    client.force_login(clerk)
    user_update(by=admin_user, user=clerk, is_active=False)
    response = client.get("/")
    assert response.status_code == 302 and response["Location"] == "/login/?gone=1"
    assert client.get("/").status_code == 302  # the session is gone for good


def test_deleted_user_session_ends_with_message(client: Client, clerk: User) -> None:
    client.force_login(clerk)
    User.objects.filter(pk=clerk.pk).delete()
    response = client.get("/")
    assert response["Location"] == "/login/?gone=1"
    page = client.get(response["Location"])
    assert "deactivated or removed" in page.content.decode()
