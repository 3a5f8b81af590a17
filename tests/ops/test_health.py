"""The health endpoint reports each component; 503 until the scheduler has ticked."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from teilhabe.ops.models import Heartbeat
from teilhabe.ops.scheduling import HEARTBEAT

COMPONENTS = {"database", "task_queue", "scheduler", "upload_disk"}


@pytest.mark.django_db
def test_health_is_503_while_no_scheduler_heartbeat_exists(client: Client) -> None:
    response = client.get("/healthz")
    body = response.json()
    assert response.status_code == 503
    assert set(body["components"]) == COMPONENTS
    assert body["components"]["scheduler"] == {"ok": False, "heartbeat_seconds": None}
    assert body["components"]["database"]["ok"] is True


@pytest.mark.django_db
def test_health_is_200_with_a_fresh_heartbeat_and_503_with_a_stale_one(client: Client) -> None:
    Heartbeat.objects.create(name=HEARTBEAT, beat_at=timezone.now())
    fresh = client.get("/healthz")
    assert fresh.status_code == 200
    assert fresh.json()["status"] == "ok"
    assert all(state["ok"] for state in fresh.json()["components"].values())
    Heartbeat.objects.filter(name=HEARTBEAT).update(beat_at=timezone.now() - dt.timedelta(hours=1))
    stale = client.get("/healthz")
    assert stale.status_code == 503
    assert stale.json()["components"]["scheduler"]["ok"] is False
