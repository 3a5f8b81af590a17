"""The health endpoint for the load balancer: database, task queue, scheduler, upload disk.

JSON with each component's state and a figure (seconds, bytes), 200 if all are ok, else 503.
No personal value: only counts, ages and free bytes.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from teilhabe.ops.scheduling import heartbeat_age

# Limits: a task waiting longer, a scheduler silent longer, less free disk is unhealthy.
QUEUE_MAX_SECONDS = int(os.environ.get("TEILHABE_HEALTH_QUEUE_SECONDS", "900"))
HEARTBEAT_MAX_SECONDS = int(os.environ.get("TEILHABE_HEALTH_HEARTBEAT_SECONDS", "300"))
DISK_MIN_BYTES = int(os.environ.get("TEILHABE_HEALTH_DISK_BYTES", str(512 * 1024 * 1024)))


def _database() -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def _task_queue() -> dict[str, Any]:
    now = timezone.now()
    waiting = DBTaskResult.objects.filter(status=TaskResultStatus.READY).exclude(run_after__gt=now)
    oldest = waiting.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (now - oldest).total_seconds() if oldest else 0.0
    return {
        "ok": age <= QUEUE_MAX_SECONDS,
        "oldest_seconds": round(age),
        "waiting": waiting.count(),
    }


def _scheduler() -> dict[str, Any]:
    age: dt.timedelta | None = heartbeat_age()
    if age is None:
        return {"ok": False, "heartbeat_seconds": None}
    seconds = age.total_seconds()
    return {"ok": seconds <= HEARTBEAT_MAX_SECONDS, "heartbeat_seconds": round(seconds)}


def _upload_disk() -> dict[str, Any]:
    root = settings.MEDIA_ROOT
    os.makedirs(root, exist_ok=True)
    free = shutil.disk_usage(root).free
    return {"ok": free >= DISK_MIN_BYTES and os.access(root, os.W_OK), "free_bytes": free}


CHECKS: dict[str, Callable[[], dict[str, Any]]] = {
    "database": _database,
    "task_queue": _task_queue,
    "scheduler": _scheduler,
    "upload_disk": _upload_disk,
}


def component_states() -> dict[str, dict[str, Any]]:
    states = {}
    for name, check in CHECKS.items():
        try:
            states[name] = check()
        except Exception as error:
            states[name] = {"ok": False, "error": type(error).__name__}
    return states


@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    states = component_states()
    healthy = all(state["ok"] for state in states.values())
    return JsonResponse(
        {"status": "ok" if healthy else "fail", "components": states},
        status=200 if healthy else 503,
    )
