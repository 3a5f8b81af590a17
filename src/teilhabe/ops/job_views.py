"""The operator page of the scheduled jobs: each job's last run, result and next run, the
scheduler's heartbeat, and the failed runs."""

from __future__ import annotations

import datetime as dt

from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from teilhabe.core.web import operator_view
from teilhabe.ops.models import JobRun
from teilhabe.ops.scheduling import JOBS, heartbeat_age, next_slot

# The scheduler ticks every 30 s: after 5 minutes without a sign of life it is down.
HEARTBEAT_LIMIT = dt.timedelta(minutes=5)


@operator_view
@require_GET
def jobs(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    latest = JobRun.objects.values("job").annotate(last=Max("slot"))
    last_runs = {
        run.job: run
        for run in JobRun.objects.filter(
            slot__in=[row["last"] for row in latest], job__in=[row["job"] for row in latest]
        )
    }
    rows = [
        {"job": job, "last": last_runs.get(job.key), "next": next_slot(job, now)} for job in JOBS
    ]
    failed = JobRun.objects.filter(state=JobRun.State.FAILED).order_by("-slot")
    age = heartbeat_age(now)
    return render(
        request,
        "ops/jobs.html",
        {
            "rows": rows,
            "failed": Paginator(failed, 20).get_page(request.GET.get("seite")),
            "heartbeat_age": age,
            "scheduler_down": age is None or age > HEARTBEAT_LIMIT,
            "last_beat": now - age if age is not None else None,
        },
    )
