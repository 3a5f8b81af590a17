"""What an import holds of a list is wiped 14 days after the upload (transfer/cleanup.py)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.transfer.cleanup import KEEP_DAYS, import_files_wipe
from teilhabe.transfer.models import ImportJob
from tests.conftest import World
from tests.transfer import files

Status = ImportJob.Status


def job(world: World, status: str, age_days: int, **fields: Any) -> ImportJob:
    with scopes_disabled():
        created = ImportJob.objects.create(
            alliance=world.a.alliance,
            organisation=world.a.tm_office,
            created_by=world.users["cm_a"],
            kind="persons",
            status=status,
            filename="liste.xlsx",
            file_format="xlsx",
            file_sha256="0" * 64,
            content=files.person_xlsx(1) if status != Status.COMMITTED else b"",
            header=files.PERSON_HEADER,
            errors=[
                {"row": 2, "field": "sex", "column": "Geschlecht", "value": "?", "message": "x"}
            ],
            corrections={"2": {"3": "w"}},
            **fields,
        )
        ImportJob.objects.filter(pk=created.pk).update(
            created_at=timezone.now() - dt.timedelta(days=age_days)
        )
    return created


def test_old_unfinished_and_committed_imports_lose_their_files_and_values_young_ones_keep_them(
    world: World,
) -> None:
    old_invalid = job(world, Status.INVALID, KEEP_DAYS + 1)
    old_done = job(world, Status.COMMITTED, KEEP_DAYS + 1, rest_content=b"rest", rest_count=1)
    young = job(world, Status.INVALID, KEEP_DAYS - 1)
    running = job(world, Status.COMMITTING, KEEP_DAYS + 5)

    assert import_files_wipe() == 2
    assert import_files_wipe() == 0  # nothing left to wipe
    with scopes_disabled():
        old_invalid.refresh_from_db()
        old_done.refresh_from_db()
        young.refresh_from_db()
        running.refresh_from_db()
    assert old_invalid.status == Status.FAILED and bytes(old_invalid.content) == b""
    assert old_invalid.corrections == {}
    assert [e["value"] for e in old_invalid.errors] == [""]
    assert "nach 14 Tagen gelöscht" in old_invalid.errors[0]["message"]
    assert old_done.status == Status.COMMITTED and bytes(old_done.rest_content) == b""
    assert old_done.errors == [] and old_done.rest_count == 0
    assert bytes(young.content) != b"" and young.errors
    assert bytes(running.content) != b""  # a running import is never pulled from under it
