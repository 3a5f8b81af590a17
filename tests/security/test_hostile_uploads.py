"""C13 hostile uploads through the real upload page: each refused with a clear message,
within 5 s and bounded memory, and nothing kept. The transfer area's own tests check the
safety functions; this re-runs their corpus end to end, adds the 50 MB file of the issue and
formula cells (refused by the row check, nothing imported)."""

from __future__ import annotations

import time
import tracemalloc
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.people.models import Person
from teilhabe.transfer.models import ImportJob
from tests.conftest import World
from tests.transfer import files
from tests.transfer.helpers import last_job, map_and_check, upload
from tests.transfer.test_safety import HOSTILE

CORPUS = {
    **HOSTILE,
    "50 MB file": ("liste.xlsx", lambda: b"PK\x03\x04" + b"\x00" * (50 * 1024 * 1024), "größer"),
}
MEMORY_MB = 64  # above the upload's own size (the test client holds the body twice)


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(CORPUS))
def test_a_hostile_upload_is_refused_fast_with_bounded_memory(
    case: str, world: World, login: Any
) -> None:
    name, build, expected = CORPUS[case]
    client = login("cm_a")
    # Warm up: the first request imports every view module (seconds on a busy machine).
    client.get(reverse("transfer:upload", args=[world.a.alliance.slug]))
    content = build()
    started = time.perf_counter()
    response = upload(client, world, content, name=name)
    seconds = time.perf_counter() - started
    # Memory in a second pass: tracemalloc slows Python down several times.
    tracemalloc.start()
    upload(client, world, content, name=name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    extra_mb = (peak - 2 * len(content)) / 1024 / 1024
    print(f"hostile uploads: {case}: {response.status_code} in {seconds:.2f} s, {extra_mb:.0f} MB")
    assert response.status_code in (200, 400), case  # the form again, with the message
    assert expected in response.content.decode(), f"{case}: no clear message"
    assert seconds < 5, f"{case}: {seconds:.1f} s"
    assert extra_mb < MEMORY_MB, f"{case}: {extra_mb:.0f} MB"
    with scopes_disabled():
        assert ImportJob.objects.count() == 0


@pytest.mark.django_db
def test_formula_cells_are_refused_row_by_row_and_nothing_is_imported(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    content = files.person_xlsx(3, bad={1: {"Nachname": '=HYPERLINK("http://x","y")'}})
    assert upload(client, world, content).status_code == 302
    job = map_and_check(client, world, last_job())
    assert job.status == ImportJob.Status.INVALID
    assert any("Formel" in e["message"] for e in job.errors), job.errors
    with scopes_disabled():
        assert not Person.objects.filter(given_name__startswith="Amina").exists()
