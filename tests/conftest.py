"""Shared fixtures: one user per role, and a firm data directory per test session."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

# Every test session gets its own data directory before Django's settings are read.
os.environ.setdefault("CASEDESK_DATA_DIR", tempfile.mkdtemp(prefix="casedesk-test-"))
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SHARED_DATA = Path(__file__).resolve().parents[1].parent / "shared" / "data"
PASSWORD = "correct-horse-battery-42"


@pytest.fixture
def make_user(db: None) -> Callable[..., object]:
    """Create a user with a role: ``make_user("attorney", "ada")``."""
    from casedesk.web.accounts.models import User

    def factory(role: str, username: str | None = None, full_name: str | None = None) -> User:
        username = username or f"{role}-{User.objects.count() + 1}"
        return User.objects.create_user(
            username=username,
            password=PASSWORD,
            role=role,
            full_name=full_name or username.replace("-", " ").title(),
            is_superuser=False,
        )

    return factory


@pytest.fixture
def attorney(make_user: Callable[..., object]) -> object:
    return make_user("attorney", "ada", "Ada Attorney")


@pytest.fixture
def attorney2(make_user: Callable[..., object]) -> object:
    return make_user("attorney", "bert", "Bert Barrister")


@pytest.fixture
def secretary(make_user: Callable[..., object]) -> object:
    return make_user("secretary", "sam", "Sam Secretary")


@pytest.fixture
def clerk(make_user: Callable[..., object]) -> object:
    return make_user("clerk", "cleo", "Cleo Clerk")


@pytest.fixture
def admin_user(make_user: Callable[..., object]) -> object:
    return make_user("admin", "root", "Ria Admin")


@pytest.fixture
def readonly(make_user: Callable[..., object]) -> object:
    return make_user("readonly", "rita", "Rita Reader")


def append_only_guard():  # type: ignore[no-untyped-def]
    """The migration module that adds (forwards) and removes (backwards) the audit log's triggers."""
    import importlib

    return importlib.import_module("casedesk.web.audit.migrations.0002_append_only")


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):  # type: ignore[no-untyped-def]
    """Drop the audit log's append-only triggers in the test database.

    Transactional tests (and the browser tests' live server) empty every table between tests,
    which the triggers rightly refuse. The test of the triggers puts them back inside its own
    rolled-back transaction.
    """
    from django.db import connection

    with django_db_blocker.unblock(), connection.cursor() as cursor:
        for sql in append_only_guard().statements(connection.vendor, install=False):
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let tests run the real worker (``call_command("db_worker", "--batch")``) inside a test.

    The worker calls ``close_old_connections()`` around each task; inside a test's transaction
    that closes the PostgreSQL connection (autocommit differs from the settings), which would
    end the test. Only that call is made a no-op; the worker code runs as in production.
    """
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


@pytest.fixture
def file_storage(settings: Any, tmp_path: Path) -> Path:
    """Blobs, the search index and upload temp files under this test's own folder."""
    root = tmp_path / "data"
    settings.CASEDESK_BLOB_DIR = root / "blobs"
    settings.CASEDESK_INDEX_DIR = root / "index"
    settings.CASEDESK_UPLOAD_TMP_DIR = root / "uploads"
    settings.FILE_UPLOAD_TEMP_DIR = str(root / "uploads")
    (root / "uploads").mkdir(parents=True)
    return root
