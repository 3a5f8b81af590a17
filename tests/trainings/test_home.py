"""The start pages of volunteers and partner staff list upcoming trainings meant for them,
those they registered for first."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope

from teilhabe.core.roles import Principal
from teilhabe.trainings import services
from teilhabe.trainings.home import upcoming_trainings
from tests.conftest import World
from tests.trainings.conftest import make_training

pytestmark = pytest.mark.django_db
P = Callable[..., Principal]


def test_registered_trainings_come_first_and_other_groups_trainings_are_left_out(
    world: World, principal: P
) -> None:
    coord = principal("coord_a")
    soon = make_training(coord, world.a.lead_office, title="Bald", days=2)
    later = make_training(coord, world.a.lead_office, title="Später", days=20)
    make_training(coord, world.a.lead_office, title="Nur Fachkräfte", audience="professionals")
    volunteer = principal("volunteer_a")
    with scope(alliance=world.a.alliance):
        services.registration_create(principal=volunteer, training=later)
        titles = [t.title for t in upcoming_trainings(volunteer)]
    assert titles == ["Später", "Bald"]
    assert soon.pk != later.pk


def test_the_volunteer_and_the_partner_see_the_trainings_on_their_start_page(
    world: World, login: Any, principal: P
) -> None:
    make_training(principal("coord_a"), world.a.lead_office, title="Infoabend Wohnen")
    home = reverse("core:alliance_home", args=[world.a.alliance.slug])
    for persona in ("volunteer_a", "partner_a"):
        html = login(persona).get(home).content.decode()
        assert 'data-testid="home-trainings"' in html and "Infoabend Wohnen" in html, persona
