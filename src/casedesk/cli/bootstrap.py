"""Start Django for a CLI command: settings, and on first use create and migrate the data directory."""

from __future__ import annotations

import os

_ready = False


def django_ready(*, migrate: bool = True) -> None:
    """Set up Django once; migrate the database if it is new or behind (quietly)."""
    global _ready
    if _ready:
        return
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "casedesk.web.settings")
    import django

    django.setup()
    if migrate:
        from django.core.management import call_command
        from django.db import connection
        from django.db.migrations.executor import MigrationExecutor

        executor = MigrationExecutor(connection)
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if plan:
            call_command("migrate", interactive=False, verbosity=0)
    _ready = True


def system_user() -> object:
    """The account CLI writes are attributed to: ``CASEDESK_USER`` or the first administrator."""
    from casedesk.web.accounts.models import Role, User

    name = os.environ.get("CASEDESK_USER")
    if name:
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise SystemExit(f"CASEDESK_USER={name!r} is not an active user.")
        return user
    user = User.objects.filter(role=Role.ADMIN, is_active=True).order_by("id").first()
    if user is None:
        user = User.objects.create_user(
            username="casedesk-cli",
            role=Role.ADMIN,
            full_name="casedesk command line",
            password=None,
        )
    return user
