"""Active mentoring pairs on the dashboards: counted while the consent holds, suppressed
below the threshold like every published count."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.mentoring.figures import active_pairs_published
from tests import factories as f
from tests.conftest import World
from tests.mentoring.helpers import accompaniment_consent, pair, profile, volunteer_of


def _pairs(world: World, n: int) -> list[Any]:
    volunteer = profile(volunteer_of(world.a.alliance, "volunteer_a"))
    consents = []
    for _ in range(n):
        with scopes_disabled():
            person = f.PersonFactory(owner=world.a.tm_office)
        consents.append(accompaniment_consent(person, volunteer.organisation))
        pair(person, volunteer, world.users["cm_a"])
    return consents


@pytest.mark.django_db
def test_two_active_pairs_are_published_as_a_dot_three_as_three(world: World) -> None:
    consents = _pairs(world, 3)
    figures = active_pairs_published([world.a.alliance, world.b.alliance])
    assert figures.rows == [("Bündnis A", 3), ("Bündnis B", 0)] and figures.total == 3
    with scopes_disabled():
        consents[0].withdrawn_on = timezone.localdate()  # a paused pair is not active
        consents[0].save()
    assert active_pairs_published([world.a.alliance]).total == "."


@pytest.mark.django_db
def test_the_alliance_dashboard_and_the_statewide_view_show_the_count(
    world: World, login: Any
) -> None:
    _pairs(world, 3)
    dashboard = login("coord_a").get(reverse("reporting_alliance:dashboard", args=["buendnis-a"]))
    state = login("state").get(reverse("reporting_state:monitoring"))
    assert "Aktive Tandems: 3" in dashboard.content.decode()
    assert "Aktive Tandems pro Bündnis" in state.content.decode()
