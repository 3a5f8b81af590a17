"""people/exports.py: the person list as a file costs the same queries for 3 and for 30
persons (read in chunks, open cases prefetched per chunk) and writes one audit event."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from tests import factories as f
from tests.clock import steady_clock
from tests.conftest import World

pytestmark = pytest.mark.django_db


def add_persons(world: World, n: int) -> None:
    with scopes_disabled():
        for _ in range(n):
            f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office, family_name="Liste"))


def download(client: Any, world: World, fmt: str) -> tuple[bytes, int]:
    """The file and the queries it cost, the body read to its end."""
    url = reverse("people:list", args=[world.a.alliance.slug])
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"format": fmt})
        assert response.status_code == 200
        data = b"".join(response.streaming_content)
    return data, len(ctx.captured_queries)


def exports() -> int:
    with scopes_disabled():
        return AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).count()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_person_export_costs_the_same_queries_for_3_and_30_persons(
    world: World, login: Any, fmt: str
) -> None:
    client = login("cm_a")
    with steady_clock():
        add_persons(world, 3)
        download(client, world, fmt)  # warm caches and the session
        _, small = download(client, world, fmt)
        add_persons(world, 27)
        before = exports()
        data, large = download(client, world, fmt)
    assert small == large
    assert exports() == before + 1  # one event per export, never one per row
    if fmt == "csv":
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert sum(1 for r in rows if r[1] == "Liste") == 30
        assert all(r[-1] == "15.01.2026" for r in rows if r[1] == "Liste")  # open cases


def test_the_person_export_audit_names_the_list_and_its_count(world: World, login: Any) -> None:
    add_persons(world, 4)
    data, _ = download(login("cm_a"), world, "csv")
    lines = data.decode("utf-8-sig").splitlines()
    with scopes_disabled():
        event = AuditEvent.objects.get(action=AuditEvent.Action.EXPORT)
    assert event.purpose == f"people.person_list csv: {len(lines) - 1} rows"
    assert event.organisation == world.a.tm_office
