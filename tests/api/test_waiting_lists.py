"""Waiting lists through the API: the case manager adds a person, the provider lists the
queue (names only through a consent, paged in the database) and allocates a place to the
first in line; everyone else gets 404, as on the pages."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.offers.models import Offer, WaitingListEntry
from teilhabe.people.access import pseudonym
from tests import factories as f
from tests.conftest import World
from tests.trajectories.factories import OfferFactory

pytestmark = pytest.mark.django_db


def post(client: Any, target: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(target, json.dumps(body or {}), content_type="application/json")


def course(world: World) -> Offer:
    with scopes_disabled():
        return OfferFactory(provider=world.a.jobcenter, places=2, free_places=1)


def add(world: World, client: Any, person: Any, offer: Offer, note: str = "") -> Any:
    target = reverse("api:waiting_add", args=[world.a.alliance.slug, person.pk])
    return post(client, target, {"offer_id": str(offer.pk), "priority_note": note})


def others(world: World, count: int) -> list[Any]:
    with scopes_disabled():
        return [f.PersonFactory(owner=world.a.tm_office, family_name=f"Q{n}") for n in range(count)]


def test_the_case_manager_adds_and_the_provider_allocates_to_the_first(
    world: World, login: Any
) -> None:
    offer = course(world)
    cm = login("cm_a")
    second = others(world, 1)[0]
    created = add(world, cm, world.a.person, offer, "dringend")
    assert created.status_code == 201, created.content
    assert add(world, cm, second, offer).status_code == 201
    assert add(world, cm, second, offer).status_code == 422  # already waiting
    slug = world.a.alliance.slug
    queue_url = reverse("api:waiting_queue", args=[slug, offer.pk])
    assert cm.get(queue_url).status_code == 404  # the queue is the provider's
    partner = login("partner_a")
    items = partner.get(queue_url).json()["items"]
    assert [i["position"] for i in items] == [1, 2]
    assert items[0]["person"] == str(world.a.person)  # a consent with the master data
    assert items[1]["person"].startswith(f"Person {pseudonym(second.pk)}")
    assert all(i["priority_note"] == "" for i in items)  # the consent lacks participations
    allocate_url = reverse("api:waiting_allocate", args=[slug, offer.pk])
    assert post(cm, allocate_url).status_code == 404
    allocated = post(partner, allocate_url)
    assert allocated.status_code == 200, allocated.content
    assert allocated.json()["status"] == "allocated"
    assert allocated.json()["participation_id"]
    assert post(partner, allocate_url).status_code == 422  # no free place left
    assert [i["position"] for i in partner.get(queue_url).json()["items"]] == [1]


def test_the_case_manager_withdraws_through_the_api(world: World, login: Any) -> None:
    offer = course(world)
    cm = login("cm_a")
    entry_id = add(world, cm, world.a.person, offer).json()["id"]
    target = reverse(
        "api:waiting_withdraw", args=[world.a.alliance.slug, world.a.person.pk, entry_id]
    )
    assert post(login("partner_a"), target).status_code == 404
    assert post(cm, target).json()["status"] == "withdrawn"


def test_the_queue_list_costs_the_same_queries_at_any_length(world: World, login: Any) -> None:
    offer = course(world)
    persons = others(world, 3)
    with scopes_disabled():
        for n, p in enumerate(persons):
            WaitingListEntry.objects.create(
                alliance=offer.alliance, offer=offer, person=p, since=p.created_at.date(),
                position=n + 1, added_by_organisation=world.a.tm_office,
            )  # fmt: skip
    client = login("coord_a")
    target = reverse("api:waiting_queue", args=[world.a.alliance.slug, offer.pk])

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(target).status_code == 200
        return len(ctx.captured_queries)

    queries()  # the session's first request reads the login
    small = queries()
    with scopes_disabled():
        for n, p in enumerate(others(world, 20)):
            WaitingListEntry.objects.create(
                alliance=offer.alliance, offer=offer, person=p, since=p.created_at.date(),
                position=n + 10, added_by_organisation=world.a.tm_office,
            )  # fmt: skip
    assert queries() == small
