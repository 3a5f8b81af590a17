"""The alliance's open recognition procedures as published counts: those open for more
than three months counted apart, small counts suppressed, shown on the dashboard."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from teilhabe.recognition.figures import open_procedures_published
from tests.conftest import World
from tests.recognition.helpers import certificate, procedure

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 9, 1)


def _open(world: World, applied: list[dt.date]) -> None:
    for day in applied:
        procedure(certificate(world.a.person), applied_on=day)


def test_procedures_open_for_more_than_three_months_are_counted_apart(world: World) -> None:
    old, recent = TODAY - dt.timedelta(days=120), TODAY - dt.timedelta(days=20)
    _open(world, [old] * 4 + [recent] * 3)
    procedure(certificate(world.a.person), decision="full", decided_on=TODAY)  # decided: out
    figures = open_procedures_published(world.a.alliance, TODAY)
    assert (figures.open, figures.long_open) == (7, 4)
    assert open_procedures_published(world.b.alliance, TODAY).open == 0


def test_a_count_of_one_or_two_is_shown_as_a_dot(world: World) -> None:
    _open(world, [TODAY - dt.timedelta(days=200)] + [TODAY - dt.timedelta(days=5)] * 3)
    figures = open_procedures_published(world.a.alliance, TODAY)
    assert (figures.open, figures.long_open) == (4, ".")


def test_the_coordinators_dashboard_shows_the_figures(world: World, login: Any) -> None:
    url = reverse("reporting_alliance:dashboard", args=[world.a.alliance.slug])
    body = login("coord_a").get(url).content.decode()
    assert "Offene Anerkennungsverfahren" in body
