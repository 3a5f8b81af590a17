"""Lists are not kept: what an import holds of a file is wiped KEEP_DAYS after its upload.

An uploaded list holds personal data of many persons (the file, the values quoted in its
errors, the corrections, the rest file of rows left out). A committed job keeps only its
rest file; a job nobody finished keeps all of it. After KEEP_DAYS both are emptied and an
unfinished job is closed with a message to upload the list again. The job row itself (who
imported what kind of list when, how many rows) stays for the audit trail.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_scopes import scopes_disabled

from teilhabe.transfer.models import ImportJob

KEEP_DAYS = 14
Status = ImportJob.Status


def import_files_wipe(*, now: dt.datetime | None = None) -> int:
    """Wipe what the jobs older than KEEP_DAYS hold of their files; the number of jobs."""
    before = (now or timezone.now()) - dt.timedelta(days=KEEP_DAYS)
    running = (Status.MAPPED, Status.VALIDATING, Status.COMMITTING)
    files = ~Q(content=b"") | ~Q(rest_content=b"") | ~Q(corrections={})
    # A failed job's errors are about the file, not its values (and hold our message).
    holding = files | (~Q(errors=[]) & ~Q(status=Status.FAILED))
    with scopes_disabled():
        old = ImportJob.objects.filter(created_at__lt=before).exclude(status__in=running)
        wiped = old.filter(holding, status=Status.COMMITTED).update(
            rest_content=b"", rest_count=0, errors=[], corrections={}, updated_at=timezone.now()
        )
        message = _("The file was deleted after %(days)d days. Upload the list again.") % {
            "days": KEEP_DAYS
        }
        wiped += (
            old.filter(holding)
            .exclude(status=Status.COMMITTED)
            .update(
                content=b"",
                rest_content=b"",
                corrections={},
                status=Status.FAILED,
                errors=[{"row": 0, "field": "", "column": "", "value": "", "message": message}],
                updated_at=timezone.now(),
            )
        )
    return wiped
