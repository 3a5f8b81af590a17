"""The employers API: the alliance's staff page through the directory with constant queries;
404 for volunteers, other alliances and the data-protection officer; no contact person."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from teilhabe.employers.models import Employer
from tests.conftest import World
from tests.employers.helpers import employer

pytestmark = pytest.mark.django_db
LABEL = "Gastronomie/Hotellerie"


def list_url(world: World, side: str = "a") -> str:
    return reverse("api:employer_list", kwargs={"alliance": getattr(world, side).alliance.slug})


def test_staff_list_the_directory_by_name_without_contact_persons(world: World, login: Any) -> None:
    employer(
        world.a.alliance,
        "Café Zeit",
        sector=Employer.Sector.HOSPITALITY,
        places_internship=2,
        in_network=True,
        last_contact_on=dt.date(2026, 11, 3),
        contact_name="Frau Zeit",
        contact_email="zeit@example.org",
    )
    employer(world.a.alliance, "Autohaus Berg", sector=Employer.Sector.RETAIL)
    employer(world.a.alliance, "Alte Firma", archived_on=dt.date(2026, 1, 5))
    employer(world.b.alliance, "Fremdbetrieb B")
    client = login("partner_a")
    data = client.get(list_url(world)).json()
    assert data["count"] == 2
    assert [e["name"] for e in data["items"]] == ["Autohaus Berg", "Café Zeit"]
    cafe = data["items"][1]
    assert cafe["sector"] == "hospitality" and cafe["sector_label"] == LABEL
    assert cafe["places_internship"] == 2 and cafe["in_network"] is True
    assert cafe["last_contact_on"] == "2026-11-03" and cafe["archived_on"] is None
    assert "contact_name" not in cafe and "Frau Zeit" not in str(data)
    archived = client.get(list_url(world) + "?include_archived=true").json()
    assert [e["name"] for e in archived["items"]] == ["Alte Firma", "Autohaus Berg", "Café Zeit"]
    retail = client.get(list_url(world) + "?sector=retail").json()
    assert [e["name"] for e in retail["items"]] == ["Autohaus Berg"]


def test_the_list_pages_with_constant_queries(world: World, login: Any) -> None:
    client = login("cm_a")
    employer(world.a.alliance, "Betrieb 000")
    client.get(list_url(world))  # warms the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(list_url(world))
    for i in range(1, 60):
        employer(world.a.alliance, f"Betrieb {i:03d}")
    with CaptureQueriesContext(connection) as many:
        data = client.get(list_url(world) + "?page=2").json()
    assert data["count"] == 60 and len(data["items"]) == 10
    assert data["items"][0]["name"] == "Betrieb 050"
    assert len(many) == len(few)


@pytest.mark.parametrize("persona", ["volunteer_a", "dpo_a", "cm_b", "coord_b", "state"])
def test_others_get_a_404(world: World, login: Any, persona: str) -> None:
    employer(world.a.alliance, "Café Zeit")
    assert login(persona).get(list_url(world)).status_code == 404


def test_without_login_the_answer_is_401(world: World, login: Any) -> None:
    assert login("anon").get(list_url(world)).status_code == 401
