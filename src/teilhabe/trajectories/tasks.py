"""Background tasks (django-tasks): the careers batch run."""

from __future__ import annotations

import uuid

from django_tasks import task


@task()
def careers_run_task(run_id: str) -> int:
    from teilhabe.trajectories.services import careers_run_execute

    return careers_run_execute(uuid.UUID(run_id)).flagged
