"""The advice figures of the dashboards: requests by topic and the median response time,
suppressed like every count that leaves the case management."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.advice.figures import advice_figures, median_response
from teilhabe.advice.models import AdviceRequest
from teilhabe.core.suppression import MARK
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


def _requests(world: World, topic: str, answered_after_hours: list[int | None]) -> None:
    asked = timezone.now() - dt.timedelta(days=10)
    with scopes_disabled():
        for hours in answered_after_hours:
            AdviceRequest.objects.create(
                alliance=world.a.alliance,
                asked_by=world.users["volunteer_a"],
                advising_organisation=world.a.tm_office,
                topic=topic,
                subject="Frage",
                asked_at=asked,
                first_answer_at=None if hours is None else asked + dt.timedelta(hours=hours),
            )


def test_the_median_is_the_middle_response_time(world: World) -> None:
    _requests(world, "training", [2, 4, 30, None])
    with scopes_disabled():
        assert median_response(AdviceRequest.objects.all()) == (3, dt.timedelta(hours=4))
    _requests(world, "training", [40])
    with scopes_disabled():
        assert median_response(AdviceRequest.objects.all()) == (4, dt.timedelta(hours=17))


def test_small_counts_and_a_median_of_few_answers_are_suppressed(world: World) -> None:
    _requests(world, "training", [2, 4, 6, 8])
    _requests(world, "housing", [None])
    figures = advice_figures(world.a.alliance)
    counts = dict(figures.topics)
    assert counts["Wohnen"] == MARK  # one request
    # and a second cell, so the total minus the others does not give it away
    assert [*counts.values(), figures.total].count(MARK) >= 2
    assert figures.median == "5,0 Stunden"
    assert figures.answered == 4


def test_a_median_of_two_answers_is_not_published(world: World) -> None:
    _requests(world, "training", [2, 4, None])
    figures = advice_figures(world.a.alliance)
    assert figures.median == MARK and figures.answered == MARK


def test_the_dashboard_and_the_statewide_view_show_the_figures(
    world: World, django_assert_max_num_queries: Any
) -> None:
    _requests(world, "training", [20, 30, 40])
    coordinator = login_with_mfa(Client(), world.users["coord_a"])
    page = coordinator.get(reverse("reporting_alliance:dashboard", args=[world.a.alliance.slug]))
    assert "Mittlere Zeit bis zur ersten Antwort (Median): 30,0 Stunden" in page.content.decode()
    state = login_with_mfa(Client(), world.users["state"])
    page = state.get(reverse("reporting_state:monitoring"))
    assert "30,0 Stunden (3 beantwortete Anfragen)" in page.content.decode()
    with django_assert_max_num_queries(4):
        advice_figures(None)
