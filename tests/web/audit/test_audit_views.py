"""The audit-log viewer: admins only, filters, paging, chain verification."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.test import Client

from casedesk.web.accounts.models import User
from casedesk.web.audit.models import AuditEntry, AuditVerification
from casedesk.web.audit.services import audit_record

pytestmark = pytest.mark.django_db


def _fill(n: int, actor: User) -> None:
    with transaction.atomic():
        for i in range(n):
            audit_record(
                actor=actor, action="update" if i % 2 else "create", summary=f"Entry number {i}"
            )


def test_non_admin_gets_404(client: Client, attorney: User) -> None:
    client.force_login(attorney)
    assert client.get("/audit/").status_code == 404
    assert client.post("/audit/verify/").status_code == 404
    assert client.get("/audit/verify/1/").status_code == 404


def test_filters_and_paging(client: Client, admin_user: User) -> None:
    _fill(120, admin_user)
    client.force_login(admin_user)
    body = client.get("/audit/").content.decode()
    assert "page 1 of 3" in body and "Entry number 119" in body and "Entry number 60 " not in body
    page3 = client.get("/audit/?page=3").content.decode()
    assert "Entry number 0<" in page3
    only = client.get("/audit/?action=create&q=number 11").content.decode()
    assert "Entry number 110" in only and "Entry number 111" not in only
    assert "No entries match" in client.get("/audit/?actor=nobody").content.decode()
    assert "Entry number 119" in client.get("/audit/?actor=root").content.decode()


def _verify_through_the_page(client: Client, run_callbacks) -> str:
    """Press "Verify chain", let the real worker empty the queue, and read the panel."""
    with run_callbacks(execute=True):
        response = client.post("/audit/verify/")
    assert response.status_code == 302
    waiting = client.get("/audit/").content.decode()
    assert "Verifying the chain" in waiting and 'hx-trigger="every 1s"' in waiting
    call_command("db_worker", "--batch", verbosity=0)
    run = AuditVerification.objects.first()
    panel = client.get(f"/audit/verify/{run.pk}/").content.decode()
    assert "hx-trigger" not in panel  # finished: the panel stops polling
    return panel


def test_verify_chain_ok_and_broken(
    client: Client, admin_user: User, django_capture_on_commit_callbacks
) -> None:
    _fill(5, admin_user)
    client.force_login(admin_user)
    assert "Chain OK" in _verify_through_the_page(client, django_capture_on_commit_callbacks)
    last = AuditEntry.objects.order_by("-seq").first()
    with connection.cursor() as cursor:
        # The test database has no append-only triggers (see tests/conftest.py).
        cursor.execute("UPDATE audit_auditentry SET summary = 'forged' WHERE id = %s", [last.pk])
    broken = _verify_through_the_page(client, django_capture_on_commit_callbacks)
    assert "The chain is broken" in broken
    assert f"Entry #{last.seq}" in broken
