"""The calendar pages: the list filtered, sorted and paged in the database, one training
with registration and withdrawal in one click, and the ICS file."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from icalendar import Calendar

from teilhabe.core.roles import Principal
from tests.conftest import World
from tests.trainings.conftest import make_training

pytestmark = pytest.mark.django_db
P = Callable[..., Principal]


def test_the_list_is_filtered_sorted_and_paged_in_the_database(
    world: World, login: Any, principal: P
) -> None:
    coord = principal("coord_a")
    make_training(
        coord, world.a.lead_office, title="Stammtisch Ehrenamt", kind="network_meeting", days=3
    )
    client = login("volunteer_a")
    url = reverse("trainings:list", args=[world.a.alliance.slug])
    client.get(url)

    def queries(params: dict[str, str]) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url, params).content.decode()
        return len(ctx), html

    few, _ = queries({})
    for day in range(25):
        make_training(coord, world.a.jobcenter, days=day + 5, title=f"Kurs {day:02d}")
    many, html = queries({"seite": "2"})
    assert few == many
    assert "Seite 2 von 2" in html
    _n, html = queries({"art": "network_meeting"})
    assert "Stammtisch Ehrenamt" in html and "Kurs 00" not in html
    _n, html = queries({"sortierung": "titel", "veranstalter": str(world.a.jobcenter.pk)})
    assert "Stammtisch Ehrenamt" not in html and html.index("Kurs 00") < html.index("Kurs 01")


def test_a_member_registers_and_withdraws_with_one_click_each(
    world: World, login: Any, principal: P
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office, places=1)
    slug = world.a.alliance.slug
    client = login("volunteer_a")
    detail = reverse("trainings:detail", args=[slug, training.pk])
    assert "Anmelden" in client.get(detail).content.decode()
    response = client.post(reverse("trainings:register", args=[slug, training.pk]), follow=True)
    html = response.content.decode()
    assert "Sie haben einen Platz." in html and "0 von 1 frei" in html
    response = client.post(reverse("trainings:withdraw", args=[slug, training.pk]), follow=True)
    html = response.content.decode()
    assert "Anmeldung zurückgezogen" in html and "1 von 1 frei" in html


def test_the_ics_file_holds_the_training_and_nobody_who_registered(
    world: World, login: Any, principal: P
) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office)
    client = login("cm_a")
    slug = world.a.alliance.slug
    client.post(reverse("trainings:register", args=[slug, training.pk]))
    response = client.get(reverse("trainings:ics", args=[slug, training.pk]))
    assert response["Content-Type"] == "text/calendar"
    assert "attachment" in response["Content-Disposition"]
    event = Calendar.from_ical(response.content).walk("VEVENT")[0]
    assert str(event["summary"]) == training.title
    assert str(event["location"]) == training.place
    assert event.decoded("dtstart") == training.starts_at.replace(microsecond=0)
    assert world.users["cm_a"].email not in response.content.decode()


def test_a_training_of_another_alliance_is_404(world: World, login: Any, principal: P) -> None:
    training = make_training(principal("coord_a"), world.a.lead_office)
    url = reverse("trainings:detail", args=[world.b.alliance.slug, training.pk])
    assert login("cm_b").get(url).status_code == 404
