"""The gap analysis counts the persons waiting ("Wartende") beside need and places, with the
same small-number suppression as the need, on the page, in the drill-down and the export."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.offers import gaps
from teilhabe.offers.models import Offer, WaitingListEntry
from tests.conftest import World
from tests.offers.factories import OfferFactory
from tests.offers.helpers import field, person

pytestmark = pytest.mark.django_db


def wait(offer: Offer, p: Any, position: int, status: str = "waiting") -> None:
    with scopes_disabled():
        WaitingListEntry.objects.create(
            alliance=offer.alliance,
            offer=offer,
            person=p,
            since=dt.date(2026, 9, 1),
            position=position,
            status=status,
            closed_on=None if status == "waiting" else dt.date(2026, 10, 1),
            added_by_organisation=p.owner,
        )


def waiting_landscape(world: World) -> None:
    """Work and training: four tolerated persons wait for a full training place (one of
    them for two offers of the field), one person in the asylum procedure waits, one
    tolerated person's wait has ended; an inactive offer's queue does not count."""
    owner = world.a.tm_office
    with scopes_disabled():
        training = OfferFactory(
            provider=world.a.jobcenter, category="vocational_training", free_places=0
        )
        support = OfferFactory(provider=world.a.jmd, category="training_support")
        closed = OfferFactory(provider=world.a.jmd, category="internship", is_active=False)
    tolerated = [person(owner, status="toleration") for _ in range(5)]
    for n, p in enumerate(tolerated[:4]):
        wait(training, p, n + 1)
    wait(support, tolerated[0], 1)
    wait(training, tolerated[4], 9, status="allocated")
    wait(closed, tolerated[4], 1)
    wait(training, person(owner, status="gestattung"), 5)


def cell(matrix: gaps.Matrix, key: str, group: str) -> gaps.Cell:
    return next(c for row in matrix.rows for c in row if c.field.key == key and c.group == group)


def test_waiting_persons_are_counted_once_per_field_and_group(world: World) -> None:
    waiting_landscape(world)
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
    assert cell(matrix, "work_training", "duldung").waiting == 4
    assert cell(matrix, "work_training", "gestattung").waiting == 1
    assert cell(matrix, "education_language", "duldung").waiting == 0


def test_small_waiting_counts_leave_the_case_management_only_as_a_dot(
    world: World, login: Any
) -> None:
    waiting_landscape(world)
    with scope(alliance=world.a.alliance):
        matrix = gaps.gap_matrix(world.a.alliance)
        detail = gaps.drilldown(world.a.alliance, field("work_training"), "gestattung")
    assert gaps.published_waiting(cell(matrix, "work_training", "duldung")) == 4
    assert gaps.published_waiting(cell(matrix, "work_training", "gestattung")) == "."
    assert gaps.published_waiting(cell(matrix, "housing", "duldung")) == 0
    assert detail.cell.waiting == 1 and gaps.published_waiting(detail.cell) == "."
    client = login("coord_a")
    slug = world.a.alliance.slug
    html = client.get(reverse("offers:gap_matrix", args=[slug])).content.decode()
    assert "4 wartend<br>" in html and " . wartend<br>" in html
    cell_url = reverse("offers:gap_cell", args=[slug, field("work_training").pk, "gestattung"])
    assert "Wartende" in client.get(cell_url).content.decode()
    url = reverse("offers:gap_export", args=[slug]) + "?format=csv"
    rows = client.get(url).getvalue().decode("utf-8-sig").splitlines()
    assert rows[0].split(";")[3] == "Wartende"
    gestattung = next(r for r in rows if "Arbeit" in r and "Gestattung" in r)
    duldung = next(r for r in rows if "Arbeit" in r and "Duldung" in r)
    assert gestattung.split(";")[3] == "." and duldung.split(";")[3] == "4"
