"""Backup/restore drill (C18): after restore every table is hash-identical to the backup.

Runs on whichever engine the suite runs on (`make test` runs both): pg_dump/pg_restore on
PostgreSQL, the backup API on SQLite.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection
from django_scopes import scopes_disabled

from teilhabe.ops.backup import current_manifest, manifest_path
from teilhabe.people.models import Person
from tests.casework.work.factories import ContactFactory
from tests.conftest import World


@pytest.mark.django_db(transaction=True)
def test_a_restored_backup_is_hash_identical_per_table(world: World, tmp_path: Path) -> None:
    with scopes_disabled():
        ContactFactory(case=world.a.case, organisation=world.a.tm_office, note="Ümlaut ✓ \n")
    before = current_manifest()
    out = tmp_path / "teilhabe.backup"
    started = time.perf_counter()
    call_command("backup", str(out))
    backed_up = time.perf_counter() - started
    assert out.exists() and manifest_path(out).exists()

    # Damage: rows deleted, changed and added after the backup.
    with scopes_disabled():
        Person.objects.filter(pk=world.b.person.pk).update(given_name="changed")
        Person.objects.filter(pk=world.person_a_jmd.pk).delete()
    damaged = current_manifest()
    assert damaged != before

    started = time.perf_counter()
    call_command("restore", str(out), "--noinput")
    restored = time.perf_counter() - started
    after = current_manifest()
    differing = sorted(t for t in before if before[t] != after.get(t))
    print(
        f"backup/restore drill ({connection.vendor}): {len(after)} tables, "
        f"{sum(r for r, _ in after.values())} rows, {len(differing)} differ; backup "
        f"{backed_up:.2f} s, restore {restored:.2f} s"
    )
    assert differing == []
    assert set(after) == set(before)


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_missing_file(tmp_path: Path) -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="does not exist"):
        call_command("restore", str(tmp_path / "nothing.backup"), "--noinput")
