"""Background steps of an import (django-tasks): the check and the commit."""

from __future__ import annotations

from django_tasks import task


@task()
def import_validate_task(job_id: str) -> str:
    from teilhabe.transfer.services import job_validate

    return str(job_validate(job_id=job_id).status)


@task()
def import_commit_task(job_id: str) -> str:
    from teilhabe.transfer.services import job_commit

    return str(job_commit(job_id=job_id).status)
