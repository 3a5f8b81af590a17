"""API routes of the initiative: same rules as the pages."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope

from teilhabe.alliances.models import FieldOfAction, JoinDeclaration
from teilhabe.alliances.services import (
    article_create,
    priority_create,
    problem_report_create,
    workshop_create,
)
from teilhabe.core.roles import Principal
from tests.conftest import World, login_with_mfa

pytestmark = pytest.mark.django_db


def test_the_state_coordinator_records_a_declaration_through_the_api(
    nrw: None, state_user: Any
) -> None:
    client = login_with_mfa(Client(enforce_csrf_checks=False), state_user)
    body = {
        "body_key": "05566076",
        "received_on": "2018-10-20",
        "signed_by_name": "Bürgermeister",
        "signed_by_function": "buergermeister",
        "lead_office_type": "ki",
        "kreis_consent_on": "2018-10-01",
    }
    url = reverse("api:alliances_declarations")
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["is_late"] is True and response.json()["body"] == "Rheine"
    again = client.post(url, json.dumps(body), content_type="application/json")
    assert again.status_code == 422 and "body" in again.json()["errors"]
    listed = client.get(url).json()
    assert [d["body"] for d in listed] == ["Rheine"]
    assert JoinDeclaration.objects.count() == 1


def test_coverage_over_the_api_for_state_roles_only(
    nrw: None, world: World, login: Callable[[str], Client]
) -> None:
    data = login("researcher").get(reverse("api:alliances_coverage")).json()
    assert data["kreis_level_total"] == 53 and data["kreis_level_joined"] == 2
    assert data["seekers_source"].startswith("Quelle: Statistisches Bundesamt")
    assert len(data["regions"]) == 5
    assert login("coord_a").get(reverse("api:alliances_coverage")).status_code == 404
    assert login("researcher").post(
        reverse("api:alliances_declarations"), "{}", content_type="application/json"
    ).status_code in (404, 422)


def test_alliance_routes_list_workshops_problems_priorities_and_articles(
    world: World, login: Callable[[str], Client], principal: Callable[[str], Principal]
) -> None:
    coord = principal("coord_a")
    field = FieldOfAction.objects.get(key="education_language")
    with scope(alliance=world.a.alliance):
        w = workshop_create(
            principal=coord,
            kind="starter",
            title="STARTER",
            held_on=dt.date(2019, 3, 11),
            place="Kreishaus",
            organiser="jmd",
        )
        p = problem_report_create(
            principal=coord,
            workshop=w,
            field=field,
            description="Fehlende Nachhilfeangebote",
            reported_by_kind="jmd",
        )
        priority_create(
            principal=coord,
            title="Nachhilfe",
            actions="Lernpaten",
            responsible=world.a.lead_office,
            problems=[p],
        )
        article_create(
            principal=coord, title="Erste Schritte", body="Text", review_on=dt.date(2027, 1, 1)
        )
    client = login("partner_a")
    slug = world.a.alliance.slug
    assert (
        client.get(reverse("api:alliances_workshops", args=[slug])).json()[0]["problem_count"] == 1
    )
    assert client.get(reverse("api:alliances_problems", args=[slug])).json()[0]["description"] == (
        "Fehlende Nachhilfeangebote"
    )
    priorities = client.get(reverse("api:alliances_priorities", args=[slug])).json()
    assert priorities[0]["problem_ids"] == [str(p.pk)] and priorities[0]["actions"] == ["Lernpaten"]
    assert client.get(reverse("api:alliances_knowledge", args=[slug])).json()[0]["version"] == 1
    assert len(client.get(reverse("api:alliances_fields", args=[slug])).json()) == 9
    assert login("coord_b").get(reverse("api:alliances_workshops", args=[slug])).status_code == 404
