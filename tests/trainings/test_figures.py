"""Trainings held and participants on the alliance dashboard and statewide: participants
are suppressed like every count of persons that leaves the case management."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scope

from teilhabe.core.roles import Principal
from teilhabe.trainings import services
from teilhabe.trainings.figures import training_figures
from tests.conftest import World
from tests.factories import MembershipFactory, UserFactory
from tests.trainings.conftest import make_training, move

pytestmark = pytest.mark.django_db
P = Callable[..., Principal]


def _held(world: World, principal: P, attendees: int, **values: Any) -> None:
    """A training of A that is over, with `attendees` members recorded as attending."""
    coord = principal("coord_a")
    training = make_training(coord, world.a.lead_office, places=50, **values)
    with scope(alliance=world.a.alliance):
        regs = []
        for n in range(attendees):
            user = UserFactory(username=f"teilnehmer-{values.get('title', '')}-{n}")
            MembershipFactory(user=user, organisation=world.a.jobcenter, role="partner_staff")
            member = Principal.for_alliance(user, world.a.alliance)
            regs.append(services.registration_create(principal=member, training=training))
        move(training, days=-10)
        services.attendance_record(
            principal=coord, training=training, attended={r.pk: "yes" for r in regs}
        )


def _period() -> tuple[dt.date, dt.date]:
    today = timezone.localdate()
    return today - dt.timedelta(days=30), today


def test_a_kind_with_one_or_two_participants_is_kept_secret_with_a_complement(
    world: World, principal: P
) -> None:
    _held(world, principal, 2, title="Kurs", kind="course")
    _held(world, principal, 5, title="Abend", kind="info_evening")
    _held(world, principal, 4, title="Treffen", kind="network_meeting")
    rows = training_figures(world.a.alliance, *_period())
    assert [r.held for r in rows] == [1, 1, 1, 3]
    # 2 is hidden; the cheapest other cell (4) goes too, so the total (11) gives nothing away.
    assert [r.participants for r in rows] == [".", 5, ".", 11]


def test_statewide_figures_count_every_alliance_and_nothing_in_the_future(
    world: World, principal: P
) -> None:
    _held(world, principal, 3, title="Kurs", kind="course")
    make_training(principal("coord_b", "b"), world.b.lead_office, kind="course")
    assert [r.participants for r in training_figures(None, *_period())] == [3, 0, 0, 3]
    assert training_figures(world.b.alliance, *_period())[-1].held == 0


def test_the_dashboard_and_the_statewide_view_show_the_figures(
    world: World, login: Any, principal: P
) -> None:
    _held(world, principal, 3, title="Kurs", kind="course")
    html = login("coord_a").get(
        reverse("reporting_alliance:dashboard", args=[world.a.alliance.slug])
    )
    assert 'data-testid="training-figures"' in html.content.decode()
    state = login("state").get(reverse("reporting_state:monitoring")).content.decode()
    assert 'data-testid="training-figures"' in state and "Durchgeführt" in state
