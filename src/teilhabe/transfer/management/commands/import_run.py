"""`teilhabe import_run JOB_ID`: run a prepared import job to its end.

A job whose columns are assigned (checked or not) is committed in ONE transaction that runs
every row through the services and stores nothing if any row fails (the job then holds the
errors). Safe to repeat at any time, also after the process was killed: a committed job is
left as it is (exactly once). Exit status: 0 imported (now or
before), 1 the list has errors (nothing imported), 2 no such job or not prepared.
"""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandParser

from teilhabe.transfer.models import ImportJob
from teilhabe.transfer.services import job_run


class Command(BaseCommand):
    help = "Check and commit a prepared import job (idempotent; safe to repeat after a crash)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("job_id")

    def handle(self, *args: Any, **opts: Any) -> None:
        try:
            job = job_run(job_id=opts["job_id"])
        except (ImportJob.DoesNotExist, ValueError, ValidationError):
            self.stderr.write("import_run: no such import job")
            sys.exit(2)
        self.stdout.write(
            f"import_run: {job.status} ({job.created_count} created, {len(job.errors)} errors)"
        )
        if job.status == ImportJob.Status.COMMITTED:
            return
        sys.exit(1 if job.status in (ImportJob.Status.INVALID, ImportJob.Status.FAILED) else 2)
