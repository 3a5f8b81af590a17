"""SQLite refuses DELETE on the audit log too (PostgreSQL does since 0002: nothing to do there).

SQLite has no TRUNCATE, so Django's flush (used between transactional tests) deletes rows
one table at a time. The trigger therefore lets a DELETE through only while the marker table
`core_auditflush` holds a row; the test suite inserts and removes that row around its flush
in the same transaction (tests/conftest.py). Nothing in the application writes the marker,
and the marker is no model, so no flush or ORM call ever fills it by accident.
"""

from django.db import migrations

SQLITE = [
    "CREATE TABLE core_auditflush (allowed integer NOT NULL);",
    "CREATE TRIGGER core_auditevent_no_delete BEFORE DELETE ON core_auditevent "
    "WHEN NOT EXISTS (SELECT 1 FROM core_auditflush) "
    "BEGIN SELECT RAISE(ABORT, 'audit log is append-only'); END;",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS core_auditevent_no_delete;",
    "DROP TABLE IF EXISTS core_auditflush;",
]


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE:
            schema_editor.execute(sql)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for sql in SQLITE_REVERSE:
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("core", "0005_saved_filter")]
    operations = [migrations.RunPython(forwards, backwards)]
