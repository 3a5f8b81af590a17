"""Large exports in the background: above BACKGROUND_EXPORT_ROWS rows, `export_response`
answers with the page of an `ExportJob` (a progress bar, then the download link) instead of
keeping the user's request open while the file is written.

The task worker replays the list's own request — same view, same filters, same access
helpers — under the user who asked, the way `AllianceScopeMiddleware` runs an alliance
view. `export_response` sees the job on the replayed request and writes the file to private
storage instead of answering, counting its rows into the job as it goes. So a file written
in the background holds exactly what the page would have sent, and there is no second copy
of any list's rules. The export's audit event is recorded by the replayed request, once.
"""

from __future__ import annotations

import datetime as dt
import logging
import tempfile
import uuid
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.files import File
from django.db import transaction
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.shortcuts import redirect
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django_htmx.middleware import HtmxDetails

from teilhabe.core import events, tabular
from teilhabe.core.audit import audit_record
from teilhabe.core.middleware import AllianceScopeMiddleware
from teilhabe.core.models import AuditEvent, ExportJob
from teilhabe.core.request_context import reset_request_id, set_request_id

logger = logging.getLogger(__name__)

JOB_ATTR = "teilhabe_export_job"
# Form values the replay leaves out: the token of the user's form is no use to the worker.
DROPPED_PARAMS = ("csrfmiddlewaretoken",)


def background_rows() -> int:
    return int(settings.TEILHABE.get("BACKGROUND_EXPORT_ROWS", 5000))


def keep_hours() -> int:
    return int(settings.TEILHABE.get("EXPORT_KEEP_HOURS", 24))


def job_of(request: HttpRequest) -> ExportJob | None:
    """The export job a replayed request writes (None for a user's own request)."""
    return getattr(request, JOB_ATTR, None)


def goes_to_background(request: HttpRequest, expected: int | None) -> bool:
    """Alliance lists only: their job page sits under the alliance, behind its checks (the
    second factor among them); the state's tables are small aggregates."""
    if job_of(request) is not None or getattr(request, "alliance", None) is None:
        return False
    return expected is not None and expected > background_rows()


def expected_rows(request: HttpRequest, rows: QuerySet[Any] | None, cap: int) -> int | None:
    """How many rows the export of `rows` will write (at most `cap`), counted only where
    the answer could be a background export: not in the worker's replay, not statewide,
    not where no count up to the cap could exceed the threshold (a COUNT of Köln's
    caseload at full-state scale ×10 costs seconds)."""
    if rows is None or job_of(request) is not None or getattr(request, "alliance", None) is None:
        return None
    if background_rows() >= cap:
        return None
    return min(rows.count(), cap)


def export_job_create(
    *, request: HttpRequest, list_name: str, title: str, fmt: str, expected: int
) -> ExportJob:
    """Queue the export of the list `request` asked for; the worker starts it after commit."""
    from teilhabe.core.tasks import run_export_job

    params = (request.POST if request.method == "POST" else request.GET).copy()
    for name in DROPPED_PARAMS:
        params.pop(name, None)
    with transaction.atomic():
        job = ExportJob.objects.create(
            user=request.user,  # type: ignore[misc]  # exports need a signed-in user
            alliance=request.alliance,  # type: ignore[attr-defined]  # goes_to_background
            list_name=list_name[:60],
            title=title[:120],
            fmt=fmt,
            path=request.path,
            method="POST" if request.method == "POST" else "GET",
            params=params.urlencode(),
            expected=expected,
        )
        audit_record(
            action=AuditEvent.Action.CREATE,
            actor=request.user,
            alliance=job.alliance,
            obj=job,
            purpose=f"{list_name} {fmt}: {expected} rows"[:200],
        )
        transaction.on_commit(lambda: run_export_job.enqueue(str(job.pk)))
    return job


def start(
    request: HttpRequest, *, list_name: str, title: str, fmt: str, expected: int
) -> HttpResponseBase:
    job = export_job_create(
        request=request, list_name=list_name, title=title, fmt=fmt, expected=expected
    )
    return redirect(reverse("core:export_job", args=[job.alliance.slug, job.pk]))


def _progress(job: ExportJob, rows: int) -> None:
    # An UPDATE of two columns outside any transaction: the page polls it meanwhile.
    ExportJob.objects.filter(pk=job.pk).update(written=rows, status=ExportJob.Status.RUNNING)


def write_file(
    job: ExportJob,
    fmt: str,
    tables: Sequence[tabular.Table],
    written: tabular.Written,
) -> HttpResponse:
    """The replayed request's answer: the file goes into the job, not into a response."""
    count = tabular.Count(on_step=lambda rows: _progress(job, rows))
    with tempfile.TemporaryFile() as out:
        if fmt == "csv":
            for chunk in tabular.csv_chunks(tables, count):
                out.write(chunk.encode("utf-8"))
        else:
            tabular.write_xlsx(tables, out, count)
        written(count.rows, True)
        out.seek(0)
        job.file.save(f"{uuid.uuid4().hex}.{fmt}", File(out), save=False)
    job.written, job.status, job.finished_at = count.rows, ExportJob.Status.DONE, timezone.now()
    job.save(update_fields=["file", "written", "status", "finished_at", "updated_at"])
    return HttpResponse(status=204)


class _NoSession(SessionBase):
    """The replay's session: empty and never stored (the worker logs no one in)."""

    def exists(self, session_key: str) -> bool:
        return False

    def create(self) -> None:
        return None

    def save(self, must_create: bool = False) -> None:
        return None

    def delete(self, session_key: str | None = None) -> None:
        return None

    def load(self) -> dict[str, Any]:
        return {}


def _replayed_request(job: ExportJob) -> HttpRequest:
    request = HttpRequest()
    request.method = job.method
    request.path = request.path_info = job.path
    values = QueryDict(job.params)
    if job.method == "POST":
        request.POST = values
    else:
        request.GET = values
    request.META = {"SERVER_NAME": "localhost", "SERVER_PORT": "80", "REMOTE_ADDR": ""}
    request.user = job.user
    request.session = _NoSession()
    request.htmx = HtmxDetails(request)  # type: ignore[attr-defined]
    request._dont_enforce_csrf_checks = True  # type: ignore[attr-defined]
    setattr(request, JOB_ATTR, job)
    return request


def export_job_run(*, job: ExportJob) -> None:
    """Write the job's file by replaying its request; a failure marks the job failed (the
    user sees it and may start the export again), and the worker logs only the job's id."""
    if job.status != ExportJob.Status.QUEUED:
        return
    ExportJob.objects.filter(pk=job.pk).update(status=ExportJob.Status.RUNNING)
    request = _replayed_request(job)
    match = resolve(job.path)
    request.resolver_match = match
    token = set_request_id(str(job.pk))  # the export's audit event names its job
    try:
        with translation.override(settings.LANGUAGE_CODE):
            scoped = AllianceScopeMiddleware(lambda r: HttpResponse())
            response = scoped.process_view(request, match.func, match.args, dict(match.kwargs))
            if response is None:
                response = match.func(request, *match.args, **match.kwargs)
        job.refresh_from_db()
        if response.status_code != 204 or job.status != ExportJob.Status.DONE:
            raise RuntimeError(f"the replayed list answered {response.status_code}")
    except Exception:
        logger.exception("export job %s failed", job.pk)
        ExportJob.objects.filter(pk=job.pk).update(
            status=ExportJob.Status.FAILED, finished_at=timezone.now()
        )
    finally:
        reset_request_id(token)
    ended = ExportJob.objects.select_related("alliance").filter(pk=job.pk).first()
    if ended is not None:  # whoever asked is told, whatever the outcome
        events.export_finished.send(sender=ExportJob, instance=ended)


def export_files_delete(*, now: dt.datetime) -> int:
    """Delete the files (and jobs) older than EXPORT_KEEP_HOURS: a download link is for
    the next day's work, not a second archive of personal data. The nightly job calls it."""
    old = ExportJob.objects.filter(created_at__lt=now - dt.timedelta(hours=keep_hours()))
    count = 0
    for job in old.iterator():
        if job.file:
            job.file.delete(save=False)
        job.delete()
        count += 1
    return count


def jobs_for(user: Any) -> Any:
    """The user's own export jobs (nobody else's: 404 for any other id)."""
    return ExportJob.objects.filter(user=user)
