"""The relocation API: the sender starts a handover, the receiver lists and answers it."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.relocation.models import Relocation
from tests.conftest import World
from tests.relocation.builders import send

pytestmark = pytest.mark.django_db


def _post(client: Any, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def test_the_case_manager_starts_a_handover_through_the_api(world: World, login: Any) -> None:
    url = reverse("api:relocation_create", args=[world.a.alliance.slug, world.a.person.pk])
    answer = _post(
        login("cm_a"),
        url,
        {"to_organisation": str(world.b.tm_office.pk), "categories": ["master_data"]},
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["to_organisation"] == world.b.tm_office.name
    assert answer.json()["status"] == "requested"


def test_only_the_owner_may_start_a_handover_and_only_to_another_teilhabemanagement(
    world: World, login: Any
) -> None:
    url = reverse("api:relocation_create", args=[world.a.alliance.slug, world.a.person.pk])
    body = {"to_organisation": str(world.b.tm_office.pk), "categories": ["master_data"]}
    assert _post(login("partner_a"), url, body).status_code == 404
    wrong = {**body, "to_organisation": str(world.b.jobcenter.pk)}
    assert _post(login("cm_a"), url, wrong).status_code == 404
    assert _post(login("cm_a"), url, {**body, "categories": ["needs"]}).status_code == 422


def test_the_receiver_lists_and_accepts_a_handover(
    world: World, login: Any, principal: Any
) -> None:
    relocation = send(world, principal("cm_a"), ["master_data"])
    client, slug = login("cm_b"), world.b.alliance.slug
    listed = client.get(reverse("api:relocation_list", args=[slug])).json()
    assert [item["id"] for item in listed["items"]] == [str(relocation.pk)]
    assert listed["items"][0]["person"] == world.a.person.full_name
    assert (
        login("cm_a")
        .get(reverse("api:relocation_list", args=[world.a.alliance.slug]))
        .json()["items"]
        == []
    )
    answer = _post(client, reverse("api:relocation_accept", args=[slug, relocation.pk]))
    assert answer.status_code == 200
    created = answer.json()["created_person_id"]
    assert client.get(reverse("api:person_detail", args=[slug, created])).status_code == 200
    again = _post(client, reverse("api:relocation_decline", args=[slug, relocation.pk]))
    assert again.status_code == 422  # already answered


def test_the_receiver_declines_through_the_api(world: World, login: Any, principal: Any) -> None:
    relocation = send(world, principal("cm_a"), ["master_data"])
    slug = world.b.alliance.slug
    assert (
        _post(
            login("partner_b"), reverse("api:relocation_decline", args=[slug, relocation.pk])
        ).status_code
        == 404
    )
    answer = _post(login("cm_b"), reverse("api:relocation_decline", args=[slug, relocation.pk]))
    assert answer.status_code == 200
    with scopes_disabled():
        assert Relocation.objects.get(pk=relocation.pk).status == Relocation.Status.DECLINED
