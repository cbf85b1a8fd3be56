"""The audit log in the database: written with each service, chained, append-only, verifiable."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from casedesk.web.audit.models import AuditEntry
from casedesk.web.audit.selectors import audit_verify
from casedesk.web.audit.services import audit_record
from casedesk.web.contacts.services import contact_create
from tests.conftest import append_only_guard

pytestmark = pytest.mark.django_db


def _install_append_only_guard() -> None:
    """Put back the triggers the migration creates (the test database runs without them)."""
    with connection.cursor() as cursor:
        for sql in append_only_guard().statements(connection.vendor, install=True):
            cursor.execute(sql)


def test_services_write_chained_entries(secretary) -> None:
    for name in ["Acme Holdings, Inc.", "Nguyễn Thị Minh Khai", "محمد بن علي"]:
        contact_create(
            by=secretary, kind="person" if "Acme" not in name else "organization", name=name
        )
    entries = list(AuditEntry.objects.order_by("seq"))
    assert [e.seq for e in entries] == list(range(1, len(entries) + 1))
    assert all(e.actor_id == secretary.pk for e in entries)
    count, problems = audit_verify()
    assert count == 3 and problems == []


def test_the_log_refuses_update_and_delete(secretary) -> None:
    _install_append_only_guard()
    contact_create(by=secretary, kind="person", name="Ann Lee")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.update(summary="rewritten")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.all().delete()
    assert AuditEntry.objects.get().summary.startswith("Created person Ann Lee")


@pytest.mark.parametrize("tamper", ["alter", "delete", "reorder"])
def test_verify_finds_tampering(secretary, tamper: str) -> None:
    for i in range(6):
        contact_create(by=secretary, kind="person", name=f"Person {i}")
    # An intruder with database access drops the triggers first; the test database has none.
    if tamper == "alter":
        AuditEntry.objects.filter(seq=3).update(summary="Created person Nobody")
    elif tamper == "delete":
        AuditEntry.objects.filter(seq=3).delete()
    else:
        a, b = AuditEntry.objects.get(seq=3), AuditEntry.objects.get(seq=4)
        AuditEntry.objects.filter(seq=3).update(seq=1000)
        AuditEntry.objects.filter(seq=4).update(seq=3)
        AuditEntry.objects.filter(seq=1000).update(seq=4)
        assert a.pk != b.pk
    count, problems = audit_verify()
    assert problems, f"{tamper} was not detected"


def test_failed_write_leaves_no_audit_entry(secretary) -> None:
    with pytest.raises(RuntimeError), transaction.atomic():
        audit_record(actor=secretary, action="create", summary="will roll back")
        raise RuntimeError("the action failed")
    assert not AuditEntry.objects.exists()
    audit_record(actor=secretary, action="create", summary="after the rollback")
    assert AuditEntry.objects.get().seq == 1
    assert audit_verify()[1] == []


def test_background_verification_reports_progress_and_outcome(
    admin_user, secretary, django_capture_on_commit_callbacks
) -> None:
    from django.core.management import call_command

    from casedesk.web.audit.models import AuditVerification
    from casedesk.web.audit.services import audit_verification_start

    for i in range(5):
        contact_create(by=secretary, kind="person", name=f"Person {i}")
    with django_capture_on_commit_callbacks(execute=True):
        run = audit_verification_start(by=admin_user)
    assert AuditVerification.objects.get(pk=run.pk).finished_at is None
    call_command("db_worker", "--batch", verbosity=0)  # the real worker, emptying the queue
    run.refresh_from_db()
    assert run.ok and run.percent == 100 and run.checked == run.total == 6

    AuditEntry.objects.filter(seq=2).update(summary="tampered")
    with django_capture_on_commit_callbacks(execute=True):
        second = audit_verification_start(by=admin_user)
    call_command("db_worker", "--batch", verbosity=0)
    second.refresh_from_db()
    assert not second.ok and second.problems[0]["seq"] == 2


def test_only_admins_start_a_verification(secretary) -> None:
    from casedesk.web.access import AccessDenied
    from casedesk.web.audit.services import audit_verification_start

    with pytest.raises(AccessDenied):
        audit_verification_start(by=secretary)
