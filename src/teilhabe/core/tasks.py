"""Background tasks (django-tasks) of the core kit: large exports."""

from __future__ import annotations

import uuid

from django_tasks import task


@task()
def run_export_job(job_id: str) -> None:
    from teilhabe.core.export_jobs import export_job_run
    from teilhabe.core.models import ExportJob

    job = ExportJob.objects.select_related("user").filter(pk=uuid.UUID(job_id)).first()
    if job is not None:  # deleted meanwhile: nothing to write
        export_job_run(job=job)
