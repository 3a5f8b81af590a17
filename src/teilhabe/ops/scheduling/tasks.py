"""The task the scheduler queues: the worker runs the claimed job."""

from __future__ import annotations

from django_tasks import task


@task()
def run_job(run_id: int) -> str:
    from teilhabe.ops.scheduling import execute

    run = execute(run_id)
    return run.result if run else ""
