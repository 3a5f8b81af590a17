"""Trainings of alliance A for the tests: made through the service, as a page would."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import Organisation
from teilhabe.core.roles import Principal
from teilhabe.trainings.models import Training
from teilhabe.trainings.services import training_create


def make_training(
    principal: Principal,
    organiser: Organisation,
    *,
    places: int = 2,
    days: int = 7,
    audience: str = "everyone",
    **values: Any,
) -> Training:
    starts = timezone.now() + dt.timedelta(days=days)
    data = {
        "kind": "course",
        "title": "Fortbildung Aufenthaltsrecht",
        "description": "",
        "starts_at": starts,
        "ends_at": starts + dt.timedelta(hours=2),
        "place": "Kreishaus, Raum 1",
        "online_link": "",
        "audience": audience,
        "places": places,
        **values,
    }
    with scope(alliance=principal.alliance):
        return training_create(principal=principal, organiser=organiser, **data)


def move(training: Training, *, days: int) -> None:
    """Shift a training in time (to make it begun or over), outside the services."""
    delta = dt.timedelta(days=days)
    with scopes_disabled():
        Training.objects.filter(pk=training.pk).update(
            starts_at=training.starts_at + delta, ends_at=training.ends_at + delta
        )
        training.refresh_from_db()
