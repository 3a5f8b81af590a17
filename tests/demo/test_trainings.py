"""seed_demo's trainings: every alliance has trainings held and announced, one full with
the volunteer on its waiting list; a second run changes nothing."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.trainings.models import Registration, Training

pytestmark = pytest.mark.django_db


def _rows() -> list[tuple[object, ...]]:
    with scopes_disabled():
        trainings = list(Training.objects.order_by("pk").values_list("pk", "title", "places"))
        registrations = list(
            Registration.objects.order_by("pk").values_list("pk", "status", "position", "attended")
        )
    return [*trainings, *registrations]


def test_every_alliance_has_a_full_training_with_the_volunteer_waiting_and_a_rerun_is_a_no_op() -> (
    None
):
    call_command("seed_demo", profile="small", seed=1, only="trainings", stdout=StringIO())
    first = _rows()
    with scopes_disabled():
        for alliance in Alliance.objects.all():
            full = Training.objects.get(alliance=alliance, places=2)
            statuses = sorted(full.registrations.values_list("status", flat=True))
            assert statuses == ["registered", "registered", "waiting"]
            waiting = full.registrations.get(status="waiting")
            assert waiting.user.username.startswith("ehrenamt@")
            attended = Registration.objects.filter(alliance=alliance, attended="yes").count()
            assert attended >= 5
    call_command("seed_demo", profile="small", seed=1, only="trainings", stdout=StringIO())
    assert _rows() == first
