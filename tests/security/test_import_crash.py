"""C12 import crash safety on PostgreSQL: the process running `teilhabe import_run JOB` is
killed with SIGKILL at random points of its work; after each kill there are 0 partial rows,
and a retry imports the list exactly once (a second retry changes nothing).

The import process is forked from the test process after Django is set up (its database
connection closed first, so the child opens its own): a fresh interpreter would spend
seconds importing before any work, and the kills are meant for the work. Kill points are
drawn uniformly over the duration of an undisturbed run, measured once before.
"""

from __future__ import annotations

import os
import random
import signal
import time
from collections import Counter

import pytest
from django.core.management import call_command
from django.db import connection
from django_scopes import scopes_disabled

from teilhabe.core.roles import Principal
from teilhabe.people.models import Person
from teilhabe.transfer import services
from teilhabe.transfer.models import ImportedRecord, ImportJob
from tests.conftest import World
from tests.transfer import files

KILLS = int(os.environ.get("TEILHABE_KILLS", 20))
ROWS = 60

pytestmark = pytest.mark.skipif(
    os.environ.get("TEILHABE_TEST_DB") != "postgres", reason="needs PostgreSQL (kill -9 test)"
)


def _prepared_job(world: World, tag: str) -> ImportJob:
    rows = [files.person_row(n, Vorname=f"{tag}x{n}") for n in range(ROWS)]
    content = files.xlsx(files.PERSON_HEADER, rows)
    with scopes_disabled():
        principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        job = services.job_create(
            principal=principal,
            organisation=world.a.tm_office,
            kind="persons",
            filename=f"{tag}.xlsx",
            content=content,
        )
        return services.job_map(
            job=job, mapping=job.mapping, confirm_age=True, confirm_duplicates=True
        )


def _start(job: ImportJob) -> int:
    """Fork a process that runs `import_run JOB`; its pid."""
    connection.close()  # the child must not share the parent's connection
    pid = os.fork()
    if pid == 0:  # the import process
        code = 1
        try:
            call_command("import_run", str(job.pk), stdout=open(os.devnull, "w"))  # noqa: SIM115
            code = 0
        except BaseException:  # noqa: S110  (reported through the exit code)
            pass
        finally:
            os._exit(code)
    return pid


def _wait(pid: int) -> int:
    """Exit code, or -signal."""
    status = os.waitpid(pid, 0)[1]
    return -os.WTERMSIG(status) if os.WIFSIGNALED(status) else os.WEXITSTATUS(status)


def _state(job: ImportJob, tag: str) -> tuple[str, int, int]:
    with scopes_disabled():
        status = ImportJob.objects.values_list("status", flat=True).get(pk=job.pk)
        persons = Person.objects.filter(given_name__startswith=f"{tag}x").count()
        records = ImportedRecord.objects.filter(job_id=job.pk).count()
    return status, persons, records


def _calibrate(world: World) -> tuple[float, float]:
    job = _prepared_job(world, "Calib")
    started = time.perf_counter()
    assert _wait(_start(job)) == 0
    end = time.perf_counter() - started
    assert _state(job, "Calib") == (ImportJob.Status.COMMITTED, ROWS, ROWS)
    return 0.0, 0.9 * end  # the last tenth: often already done


@pytest.mark.django_db(transaction=True)
def test_killed_imports_leave_no_partial_rows_and_retry_exactly_once(world: World) -> None:
    low, high = _calibrate(world)
    rng = random.Random(8)
    phases: Counter[str] = Counter()
    broken: list[str] = []
    for i in range(KILLS):
        tag = f"Kill{i}"
        job = _prepared_job(world, tag)
        pid = _start(job)
        time.sleep(rng.uniform(low, high))
        os.kill(pid, signal.SIGKILL)
        code = _wait(pid)
        status, persons, records = _state(job, tag)
        phases[status if code == -signal.SIGKILL else "finished first"] += 1
        complete = status == ImportJob.Status.COMMITTED
        if (persons, records) != ((ROWS, ROWS) if complete else (0, 0)):
            broken.append(f"{tag}: after kill {status} with {persons} persons, {records} records")
        # The second retry (idempotence of a committed job) once is enough: it costs a
        # whole process start.
        for attempt in ("retry", "second retry")[: 2 if i == KILLS - 1 else 1]:
            code = _wait(_start(job))
            state = _state(job, tag)
            if code != 0 or state != (ImportJob.Status.COMMITTED, ROWS, ROWS):
                broken.append(f"{tag}: {attempt} exit {code}, state {state}")
    print(
        f"import crash safety: {KILLS} SIGKILLs of the import_run process ({ROWS} rows) "
        f"between {low:.2f} s and {high:.2f} s; state at kill: {dict(phases)}; "
        f"{len(broken)} broken invariants"
    )
    assert broken == [], "\n".join(broken)
