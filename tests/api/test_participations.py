"""Participations and findings through the API: same services, same 404s as the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.trajectories.models import Participation
from tests.conftest import World
from tests.trajectories.factories import OfferFactory

pytestmark = pytest.mark.django_db


def url(world: World, name: str, person: Any = None, *extra: Any) -> str:
    return reverse(
        f"api:{name}", args=[world.a.alliance.slug, (person or world.a.person).pk, *extra]
    )


BODY = {
    "external_title": "Praktikum Kfz",
    "external_provider": "Autohaus",
    "category": "internship",
    "start": "2026-03-01",
    "end": "2026-04-30",
    "outcome": "completed",
}


def post(client: Any, target: str, body: dict[str, Any]) -> Any:
    return client.post(target, json.dumps(body), content_type="application/json")


def test_the_case_manager_creates_lists_and_updates_a_participation(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    created = post(client, url(world, "participation_create"), BODY)
    assert created.status_code == 201, created.content
    pid = created.json()["id"]
    listed = client.get(url(world, "participation_list")).json()
    assert [p["title"] for p in listed] == ["Praktikum Kfz"]
    changed = client.put(
        url(world, "participation_update", None, pid),
        json.dumps({**BODY, "transition": "vocational_training", "version": 1}),
        content_type="application/json",
    )
    assert changed.status_code == 200 and changed.json()["version"] == 2
    stale = client.put(
        url(world, "participation_update", None, pid),
        json.dumps({**BODY, "version": 1}),
        content_type="application/json",
    )
    assert stale.status_code == 422


def test_invalid_input_is_422_with_the_reason_and_stores_nothing(world: World, login: Any) -> None:
    client = login("cm_a")
    response = post(client, url(world, "participation_create"), {**BODY, "end": "2025-01-01"})
    assert response.status_code == 422
    with scopes_disabled():
        assert not Participation.objects.exists()


def test_a_start_in_year_1_is_refused_by_field_as_the_form_refuses_it(
    world: World, login: Any
) -> None:
    response = post(
        login("cm_a"), url(world, "participation_create"), {**BODY, "start": "0001-01-01"}
    )
    assert response.status_code == 422
    assert response.json()["fields"] == {
        "start": ["Bitte geben Sie ein Datum ab dem 01.01.1900 ein."]
    }
    with scopes_disabled():
        assert not Participation.objects.exists()


def test_other_organisations_and_alliances_get_404(world: World, login: Any) -> None:
    assert login("cm_b").get(url(world, "participation_list")).status_code == 404
    assert login("cm_a_jmd").get(url(world, "participation_list")).status_code == 404
    # Jobcenter A: the consent does not cover participations.
    assert login("partner_a").get(url(world, "participation_list")).status_code == 404
    assert post(login("partner_a"), url(world, "participation_create"), BODY).status_code == 404


def test_the_provider_records_in_its_own_offer_through_a_consent(world: World, login: Any) -> None:
    with scopes_disabled():
        world.consent_a.categories = [*world.consent_a.categories, "participations"]
        world.consent_a.save()
        offer = OfferFactory(provider=world.a.jobcenter, category="job_placement")
    client = login("partner_a")
    created = post(client, url(world, "participation_create"), {**BODY, "offer_id": str(offer.pk)})
    assert created.status_code == 201 and created.json()["category"] == "job_placement"
    # Findings stay with the owner.
    assert client.get(url(world, "finding_list")).status_code == 404


def test_findings_are_listed_for_the_owner(world: World, login: Any) -> None:
    client = login("cm_a")
    for month, category in ((1, "internship"), (4, "mentoring"), (7, "job_placement")):
        body = {
            **BODY,
            "category": category,
            "start": f"2026-{month:02d}-01",
            "end": f"2026-{month + 2:02d}-28",
        }
        assert post(client, url(world, "participation_create"), body).status_code == 201
    rules = [f["rule"] for f in client.get(url(world, "finding_list")).json()]
    assert "MK1" in rules
