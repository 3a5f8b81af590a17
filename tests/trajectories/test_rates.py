"""A batch run stores the counts behind the rates of the alliances it covered; the rates
page reads the last run's figures (flat in the size of the alliance) and says as of when."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.trajectories import services
from teilhabe.trajectories.models import CareerRun
from teilhabe.trajectories.rates import (
    Rates,
    alliance_rates,
    current_rates,
    rate_counts,
    state_rates,
)
from tests import factories as f
from tests.conftest import World
from tests.trajectories.factories import ParticipationFactory
from tests.trajectories.test_batch_and_rates import random_histories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _unscoped() -> Any:
    """The reads as the worker and the tests make them, outside a request's scope."""
    with scopes_disabled():
        yield


def figures(rates: Rates) -> list[Any]:
    rows = [rates.alliance, *rates.by_rule, *rates.by_category, *rates.by_provider]
    return [(r.label, r.persons, r.flagged, r.shown_persons, r.rate) for r in rows]


def test_a_run_stores_the_figures_the_page_reads_until_the_next_run(
    world: World, login: Any
) -> None:
    a = world.a.alliance
    persons = random_histories(world, persons=12)
    assert current_rates(a).as_of is None  # no run yet: counted live
    run = services.careers_run_start(actor=world.user("coord_a"), alliance=a)
    assert run.rates == rate_counts([a])
    shown = current_rates(a)
    assert shown.as_of == run.finished_at
    assert figures(shown) == figures(alliance_rates(a))
    # A participation recorded after the run counts at the next run, not before.
    ParticipationFactory(
        person=persons[0],
        category="vocational_training",
        start=dt.date(2026, 10, 1),
        end=None,
        outcome="ongoing",
    )
    assert figures(current_rates(a)) == figures(shown) != figures(alliance_rates(a))
    html = login("coord_a").get(reverse("trajectories_alliance:rates", args=[a.slug]))
    assert "Stand der Zahlen" in html.content.decode()
    services.careers_run_start(actor=world.user("coord_a"), alliance=a)
    assert figures(current_rates(a)) == figures(alliance_rates(a))


@pytest.mark.parametrize("persons", [4, 24])
def test_the_stored_figures_are_read_in_the_same_queries_whatever_the_size(
    world: World, persons: int
) -> None:
    random_histories(world, persons=persons, seed=persons)
    services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    with CaptureQueriesContext(connection) as read:
        current_rates(world.a.alliance)
    assert len(read) == 2  # the run's part, the alliance's category names


def test_a_state_run_stores_every_alliance_and_the_newest_run_counts(world: World) -> None:
    random_histories(world, persons=5)
    person_b = f.PersonFactory(owner=world.b.tm_office)
    f.CaseFactory(person=person_b, opened_on=dt.date(2024, 1, 1))  # waiting: MK3
    run = services.careers_run_start(actor=world.user("state"), alliance=None)
    assert set(run.rates) == {str(a.pk) for a in (world.a.alliance, world.b.alliance)}
    b = world.b.alliance
    assert current_rates(b).as_of == run.finished_at
    assert figures(current_rates(b)) == figures(alliance_rates(b))
    later = services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    assert current_rates(world.a.alliance).as_of == later.finished_at
    assert current_rates(b).as_of == run.finished_at  # the alliance run did not cover B
    CareerRun.objects.filter(pk=later.pk).update(status=CareerRun.Status.FAILED)
    assert current_rates(world.a.alliance).as_of == run.finished_at


def test_the_state_page_reads_the_last_state_run_and_the_alliance_runs_since(
    world: World, login: Any
) -> None:
    random_histories(world, persons=8)
    assert state_rates(stored=True)[1] is None  # no run yet: counted live
    run = services.careers_run_start(actor=world.user("state"), alliance=None)
    rows, as_of = state_rates(stored=True)
    assert as_of == run.finished_at
    assert rows == state_rates()[0]
    # A person found after the state run counts once the alliance's own run has seen her.
    ParticipationFactory(person=random_histories(world, persons=1, seed=99)[0])
    services.careers_run_start(actor=world.user("coord_a"), alliance=world.a.alliance)
    assert state_rates(stored=True)[0] == state_rates()[0]
    with CaptureQueriesContext(connection) as read:
        state_rates(stored=True)
    assert len(read) == 3  # the state run, the alliance runs since, the alliances' names
    html = login("state").get(reverse("trajectories_state:rates")).content.decode()
    assert "Stand der Zahlen" in html
