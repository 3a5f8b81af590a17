"""The API uses the same access helpers and audit as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from teilhabe.core.models import AuditEvent
from tests.conftest import World


@pytest.mark.django_db
def test_case_manager_lists_and_reads_own_persons_through_the_api(world: World, login: Any) -> None:
    client = login("cm_a")
    listing = client.get(reverse("api:person_list", args=[world.a.alliance.slug]))
    assert listing.status_code == 200
    names = [p["given_name"] for p in listing.json()["items"]]
    assert names == ["CanaryA"]
    detail = client.get(
        reverse("api:person_detail", args=[world.a.alliance.slug, world.a.person.pk])
    )
    assert detail.status_code == 200
    assert detail.json()["cases"][0]["status"] == "open"
    assert AuditEvent.objects.filter(action="view", object_id=world.a.person.pk).count() == 1


@pytest.mark.django_db
def test_api_answers_404_for_other_alliances_and_organisations(world: World, login: Any) -> None:
    client = login("cm_a")
    for slug, person in (
        (world.a.alliance.slug, world.b.person),
        (world.b.alliance.slug, world.b.person),
        (world.a.alliance.slug, world.person_a_jmd),
    ):
        assert client.get(reverse("api:person_detail", args=[slug, person.pk])).status_code == 404
    assert client.get(reverse("api:person_list", args=[world.b.alliance.slug])).status_code == 404


@pytest.mark.django_db
def test_api_without_login_is_401(world: World, client: Any) -> None:
    assert client.get(reverse("api:me")).status_code == 401


@pytest.mark.django_db
def test_openapi_document_lists_the_person_routes(world: World, login: Any) -> None:
    spec = login("cm_a").get(reverse("api:openapi-json")).json()
    assert "/api/v1/buendnisse/{alliance}/personen/{person_id}" in spec["paths"]
