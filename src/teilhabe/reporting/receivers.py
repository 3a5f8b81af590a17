"""What makes the stored indicator figures (`stored`) out of date: an early-warning run
(the findings of the Maßnahme-Karriere indicator) and an import (persons, cases and
participations, often with their history). Each queues a refresh for the task worker once
its transaction has committed, so the worker sees what changed."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from teilhabe.core import events
from teilhabe.reporting.models import IndicatorSnapshot


def _refresh(trigger: str) -> None:
    from teilhabe.reporting.tasks import refresh_indicators

    transaction.on_commit(lambda: refresh_indicators.enqueue(trigger))


def _careers_finished(sender: Any, instance: Any, **kwargs: Any) -> None:
    _refresh(IndicatorSnapshot.Trigger.CAREERS)


def _import_finished(sender: Any, instance: Any, **kwargs: Any) -> None:
    if instance.status == instance.Status.COMMITTED:
        _refresh(IndicatorSnapshot.Trigger.IMPORT)


def connect() -> None:
    events.careers_finished.connect(_careers_finished, dispatch_uid="reporting.careers")
    events.import_finished.connect(_import_finished, dispatch_uid="reporting.import")
