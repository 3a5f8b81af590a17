"""Background tasks (django-tasks): retention runs."""

from __future__ import annotations

import uuid

from django_tasks import task


@task()
def retention_run_task(run_id: str) -> int:
    from teilhabe.privacy.services import retention_run_execute

    return retention_run_execute(uuid.UUID(run_id)).persons_anonymised
