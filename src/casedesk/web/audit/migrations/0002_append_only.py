"""Make the audit table append-only at the database level (a deterrent; the hash chain is the proof)."""

from django.db import migrations

SQLITE_UP = [
    "CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
    "CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit_auditentry "
    "BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",
]
SQLITE_DOWN = ["DROP TRIGGER IF EXISTS audit_no_update;", "DROP TRIGGER IF EXISTS audit_no_delete;"]
PG_UP = [
    "CREATE OR REPLACE FUNCTION audit_append_only() RETURNS trigger AS $$ "
    "BEGIN RAISE EXCEPTION 'the audit log is append-only'; END; $$ LANGUAGE plpgsql;",
    "CREATE TRIGGER audit_no_change BEFORE UPDATE OR DELETE ON audit_auditentry "
    "FOR EACH ROW EXECUTE FUNCTION audit_append_only();",
]
PG_DOWN = [
    "DROP TRIGGER IF EXISTS audit_no_change ON audit_auditentry;",
    "DROP FUNCTION IF EXISTS audit_append_only();",
]


def statements(vendor, *, install):
    """The SQL that installs (or removes) the guard on this database vendor."""
    if vendor == "postgresql":
        return PG_UP if install else PG_DOWN
    return SQLITE_UP if install else SQLITE_DOWN


def forwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, install=True):
        schema_editor.execute(sql)


def backwards(apps, schema_editor):
    for sql in statements(schema_editor.connection.vendor, install=False):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("audit", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
