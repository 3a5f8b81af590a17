"""The scheduler runs the jobs by itself: each due time is claimed once in the database
(however many schedulers tick), the worker runs it once, failures show on the operator page."""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import replace
from io import StringIO
from typing import Any

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.notifications.kinds import Kind
from teilhabe.notifications.models import Notification
from teilhabe.ops.models import JobRun
from teilhabe.ops.scheduling import execute, heartbeat_age, latest_slot, registry, tick
from teilhabe.ops.scheduling.registry import job_by_key
from tests.conftest import World
from tests.people.intake.factories import StatusEntryFactory

BERLIN = dt.timezone(dt.timedelta(hours=1))
DAY = dt.datetime(2026, 11, 20, 5, 0, 30, tzinfo=BERLIN)  # just after the 05:00 run is due


def status_followups() -> list[FollowUp]:
    with scopes_disabled():
        return list(FollowUp.objects.filter(reason=FollowUp.Reason.STATUS_EXPIRY))


def runs(job: str) -> list[JobRun]:
    return list(JobRun.objects.filter(job=job).order_by("slot"))


@pytest.mark.django_db
def test_the_daily_follow_up_job_runs_by_itself_once_a_day_with_a_moved_clock(
    world: World,
) -> None:
    with time_machine.travel(DAY, tick=False) as clock:
        with scopes_disabled():
            world.a.case.case_manager = world.users["cm_a"]
            world.a.case.save()
            StatusEntryFactory(
                person=world.a.person,
                valid_from=DAY.date() - dt.timedelta(days=300),
                valid_until=DAY.date() + dt.timedelta(days=41),
            )
        assert status_followups() == []
        call_command("scheduler", "--once", stdout=StringIO())
        assert len(status_followups()) == 1
        [first] = runs("status_followups")
        assert first.state == JobRun.State.DONE
        assert first.result.startswith("1 angelegt")
        told = Notification.objects.filter(user=world.users["cm_a"], kind=Kind.STATUS_EXPIRING)
        assert told.count() == 1
        clock.shift(dt.timedelta(minutes=1))  # the next tick: the same due time, claimed
        call_command("scheduler", "--once", stdout=StringIO())
        assert len(runs("status_followups")) == 1
        clock.shift(dt.timedelta(days=1))  # the next day: runs again and creates nothing
        call_command("scheduler", "--once", stdout=StringIO())
        second = runs("status_followups")[-1]
        assert len(runs("status_followups")) == 2
        assert second.result.startswith("0 angelegt, 1 bereits vorhanden")
        assert len(status_followups()) == 1
        assert told.count() == 1
        assert heartbeat_age() == dt.timedelta(0)


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="the in-memory test database of SQLite locks whole tables between threads; "
    "the claim is the same unique constraint on both databases",
)
def test_two_schedulers_and_two_workers_side_by_side_run_each_due_job_once(
    settings: Any,
) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    barrier = threading.Barrier(2)
    claimed: list[list[JobRun]] = []

    def scheduler() -> None:
        try:
            barrier.wait()
            claimed.append(tick(DAY))
        finally:
            connection.close()

    threads = [threading.Thread(target=scheduler) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    due = {run.job for batch in claimed for run in batch}
    assert JobRun.objects.count() == len(due) == sum(len(batch) for batch in claimed)
    assert "status_followups" in due
    run_id = JobRun.objects.get(job="status_followups").pk
    results: list[Any] = []

    def worker() -> None:
        try:
            barrier.wait()
            results.append(execute(run_id))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(r is None for r in results) == [False, True]  # one ran it, one left it
    assert JobRun.objects.get(pk=run_id).state == JobRun.State.DONE


@pytest.mark.django_db
def test_a_missed_night_is_caught_up_once_but_not_a_week_later() -> None:
    job = job_by_key("careers")
    morning = dt.datetime(2026, 11, 20, 9, 0, tzinfo=BERLIN)
    assert latest_slot(job, morning) == dt.datetime(2026, 11, 20, 1, 30, tzinfo=BERLIN)
    assert latest_slot(job_by_key("reports_quarterly"), morning) is None
    jan = dt.datetime(2027, 1, 3, 9, 0, tzinfo=BERLIN)
    assert latest_slot(job_by_key("reports_quarterly"), jan) == dt.datetime(
        2027, 1, 1, 4, 0, tzinfo=BERLIN
    )


@pytest.mark.django_db
def test_a_failing_job_is_stored_logged_and_shown_to_the_operator(
    world: World, monkeypatch: Any, caplog: Any, client: Any
) -> None:
    def broken(when: dt.datetime) -> str:
        raise RuntimeError("Canary personal value")

    monkeypatch.setattr(
        registry,
        "JOBS",
        tuple(replace(j, run=broken) if j.key == "reminders_due" else j for j in registry.JOBS),
    )
    run = JobRun.objects.create(job="reminders_due", slot=DAY)
    with pytest.raises(RuntimeError):
        execute(run.pk)
    run.refresh_from_db()
    assert run.state == JobRun.State.FAILED
    assert run.error.startswith("RuntimeError in test_scheduling.py:")
    assert "Canary" not in run.error
    assert "scheduled job reminders_due" in caplog.text and "Canary" not in caplog.text
    admin = world.users["cm_a"]
    admin.is_superuser = True
    admin.save()
    client.force_login(admin)
    page = client.get(reverse("ops:jobs")).content.decode()
    assert "Der Zeitplaner läuft nicht" in page
    assert "RuntimeError in test_scheduling.py" in page
    assert "Fehlgeschlagene Läufe" in page


@pytest.mark.django_db
def test_the_operator_page_is_for_superusers_only(world: World, login: Any) -> None:
    for persona in ("cm_a", "coord_a", "state", "anon"):
        status = login(persona).get(reverse("ops:jobs")).status_code
        assert status in (302, 404), persona
