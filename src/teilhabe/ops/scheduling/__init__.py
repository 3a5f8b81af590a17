"""The scheduler without cron: every tick (30 s, `teilhabe scheduler`) claims each job's
latest due time once in the database and queues the job for the task worker.

APScheduler's CronTrigger computes the due times (cron syntax, time zone, summer time);
the claim is a row in `JobRun` with a unique (job, slot), so a job runs once however many
schedulers tick. A missed time is caught up within the job's window (a restart at night
still runs the nightly job), never twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback

from django.db import IntegrityError, transaction
from django.utils import timezone

from teilhabe.ops.models import Heartbeat, JobRun
from teilhabe.ops.scheduling.registry import JOBS, Job, job_by_key

logger = logging.getLogger(__name__)

HEARTBEAT = "scheduler"

__all__ = ["JOBS", "Job", "heartbeat_age", "latest_slot", "next_slot", "tick"]


def latest_slot(job: Job, now: dt.datetime) -> dt.datetime | None:
    """The latest due time of `job` at or before `now`, within its catch-up window."""
    trigger = job.trigger()
    slot = None
    candidate = trigger.get_next_fire_time(None, now - job.catch_up)
    while candidate is not None and candidate <= now:
        slot = candidate
        candidate = trigger.get_next_fire_time(candidate, candidate + dt.timedelta(seconds=1))
    return slot


def next_slot(job: Job, now: dt.datetime) -> dt.datetime | None:
    return job.trigger().get_next_fire_time(None, now + dt.timedelta(seconds=1))


def heartbeat_age(now: dt.datetime | None = None) -> dt.timedelta | None:
    """How long ago the scheduler last ticked; None if it never did (the health check)."""
    beat = Heartbeat.objects.filter(name=HEARTBEAT).values_list("beat_at", flat=True).first()
    return None if beat is None else (now or timezone.now()) - beat


def tick(now: dt.datetime | None = None) -> list[JobRun]:
    """Claim and queue every job that is due; returns the runs this tick claimed."""
    from teilhabe.ops.scheduling.tasks import run_job

    now = now or timezone.now()
    Heartbeat.objects.update_or_create(name=HEARTBEAT, defaults={"beat_at": now})
    claimed = []
    for job in JOBS:
        slot = latest_slot(job, now)
        if slot is None:
            continue
        try:
            with transaction.atomic():
                run = JobRun.objects.create(job=job.key, slot=slot)
        except IntegrityError:
            continue  # claimed already, by this or another scheduler
        claimed.append(run)
        run_job.enqueue(run.pk)
    return claimed


def execute(run_id: int) -> JobRun | None:
    """Run a claimed job (in the task worker). A run that another worker started already
    is left alone; a failure is stored on the run and logged, then raised."""
    started = timezone.now()
    if not JobRun.objects.filter(pk=run_id, state=JobRun.State.QUEUED).update(
        state=JobRun.State.RUNNING, started_at=started
    ):
        return None
    run = JobRun.objects.get(pk=run_id)
    job = job_by_key(run.job)
    try:
        result = job.run(timezone.localtime(run.slot))
    except Exception as exc:
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        error = f"{type(exc).__name__} in {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno}"
        JobRun.objects.filter(pk=run_id).update(
            state=JobRun.State.FAILED, finished_at=timezone.now(), error=error[:300]
        )
        logger.error("scheduled job %s (run %s) failed: %s", job.key, run_id, error)
        raise
    JobRun.objects.filter(pk=run_id).update(
        state=JobRun.State.DONE, finished_at=timezone.now(), result=result[:300]
    )
    logger.info("scheduled job %s (run %s): %s", job.key, run_id, result)
    run.refresh_from_db()
    return run
