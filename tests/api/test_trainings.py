"""The trainings API: every member lists and reads the calendar and registers; 404 for
other alliances; the list pages in the database."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.core.roles import Principal
from tests.conftest import World
from tests.trainings.conftest import make_training

pytestmark = pytest.mark.django_db


def list_url(world: World, side: str = "a") -> str:
    return reverse("api:training_list", kwargs={"alliance": getattr(world, side).alliance.slug})


def one_url(world: World, name: str, training: Any, side: str = "a") -> str:
    slug = getattr(world, side).alliance.slug
    return reverse(f"api:{name}", kwargs={"alliance": slug, "training_id": training.pk})


def test_a_volunteer_lists_reads_and_registers_then_waits_when_full(
    world: World, login: Any, principal: Callable[..., Principal]
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, places=1)
    volunteer, partner = login("volunteer_a"), login("partner_a")
    items = volunteer.get(list_url(world)).json()["items"]
    assert [i["title"] for i in items] == [training.title]
    assert items[0]["taken"] == 0 and items[0]["my_status"] is None
    first = partner.post(one_url(world, "training_register", training))
    assert first.status_code == 201 and first.json()["status"] == "registered"
    second = volunteer.post(one_url(world, "training_register", training))
    assert second.status_code == 201
    assert second.json() | {"id": None} == {
        "id": None,
        "training_id": str(training.pk),
        "status": "waiting",
        "waiting_place": 1,
    }
    read = volunteer.get(one_url(world, "training_detail", training)).json()
    assert (read["taken"], read["waiting"], read["my_status"]) == (1, 1, "waiting")
    again = volunteer.post(one_url(world, "training_register", training))
    assert again.status_code == 422


def test_another_alliance_gets_404_for_the_training(
    world: World, login: Any, principal: Callable[..., Principal]
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office)
    cm_b = login("cm_b")
    assert cm_b.get(list_url(world)).status_code == 404
    assert cm_b.get(list_url(world, "b")).json()["items"] == []
    for name in ("training_detail", "training_register"):
        url = one_url(world, name, training, side="b")
        response = cm_b.post(url) if name.endswith("register") else cm_b.get(url)
        assert response.status_code == 404, name


def test_the_training_list_pages_in_the_database(
    world: World, login: Any, principal: Callable[..., Principal]
) -> None:
    coord = principal("coord_a")
    client = login("cm_a")
    client.get(list_url(world))

    def page(number: int) -> tuple[int, int]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url(world), {"page": number})
        rows = [q["sql"] for q in ctx if q["sql"].startswith('SELECT "trainings_training"')]
        assert rows and all(" LIMIT " in sql for sql in rows)
        return len(ctx), len(response.json()["items"])

    make_training(coord, world.a.lead_office)
    few, _ = page(1)
    for day in range(55):
        make_training(coord, world.a.lead_office, days=day + 2, title=f"Termin {day}")
    (first, n1), (late, n2) = page(1), page(2)
    assert few == first == late
    assert (n1, n2) == (50, 6)
