"""The offers API: members read, maintainers write, 404 across alliances and providers."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.offers.models import Offer
from tests.conftest import World
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


def list_url(world: World, side: str = "a") -> str:
    return reverse("api:offer_list", kwargs={"alliance": getattr(world, side).alliance.slug})


def detail_url(world: World, offer: Any) -> str:
    return reverse(
        "api:offer_detail", kwargs={"alliance": world.a.alliance.slug, "offer_id": offer.pk}
    )


def body(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Nachhilfe Mathe",
        "category": "tutoring",
        "places": 8,
        "free_places": 2,
        "allowed_statuses": ["toleration"],
        **extra,
    }


def test_members_list_the_catalogue_filtered_by_status(world: World, login: Any) -> None:
    with scopes_disabled():
        OfferFactory(provider=world.a.jmd, title="Für alle")
        OfferFactory(provider=world.a.jmd, title="Nur AE", allowed_statuses=["residence_permit"])
        OfferFactory(provider=world.b.jmd, title="In B")
    data = login("volunteer_a").get(list_url(world) + "?status=toleration").json()
    assert [o["title"] for o in data["items"]] == ["Für alle"] and data["count"] == 1
    assert login("cm_b").get(list_url(world)).status_code == 404


def test_partner_staff_create_and_update_their_own_offer(world: World, login: Any) -> None:
    client = login("partner_a")
    response = client.post(
        list_url(world),
        json.dumps(body(provider_id=str(world.a.jobcenter.pk))),
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["provider"] == "Jobcenter A"
    with scopes_disabled():
        offer = Offer.objects.get()
    update = {**body(free_places=1), "version": created["version"], "is_active": False}
    response = client.put(
        detail_url(world, offer), json.dumps(update), content_type="application/json"
    )
    assert response.status_code == 200, response.content
    assert (response.json()["free_places"], response.json()["is_active"]) == (1, False)
    stale = client.put(
        detail_url(world, offer), json.dumps(update), content_type="application/json"
    )
    assert stale.status_code == 422


def test_writes_for_another_provider_or_alliance_are_404(world: World, login: Any) -> None:
    with scopes_disabled():
        jmd_offer = OfferFactory(provider=world.a.jmd)
        b_offer = OfferFactory(provider=world.b.jmd)
    client = login("partner_a")
    response = client.post(
        list_url(world),
        json.dumps(body(provider_id=str(world.a.jmd.pk))),
        content_type="application/json",
    )
    assert response.status_code == 404
    update = json.dumps({**body(), "version": 1})
    assert (
        client.put(
            detail_url(world, jmd_offer), update, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.get(detail_url(world, b_offer)).status_code == 404
    assert (
        login("volunteer_a")
        .put(detail_url(world, jmd_offer), update, content_type="application/json")
        .status_code
        == 404
    )


def test_an_invalid_offer_is_422(world: World, login: Any) -> None:
    response = login("coord_a").post(
        list_url(world),
        json.dumps(body(provider_id=str(world.a.jmd.pk), free_places=20)),
        content_type="application/json",
    )
    assert response.status_code == 422


def test_the_catalogue_pages_in_the_database(world: World, login: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("cm_a")
    client.get(list_url(world))  # the session's first request does more (its login's)

    def page(number: int) -> tuple[int, list[str]]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(list_url(world), {"page": number})
        offers = [q["sql"] for q in ctx if q["sql"].startswith('SELECT "offers_offer"')]
        assert offers and all(" LIMIT " in sql for sql in offers)
        return len(ctx), [o["title"] for o in response.json()["items"]]

    with scopes_disabled():
        OfferFactory.create_batch(3, provider=world.a.jmd)
    few, _ = page(1)
    with scopes_disabled():
        OfferFactory.create_batch(60, provider=world.a.jmd)
        OfferFactory(provider=world.a.jmd, title="Zzz zuletzt")
    (first, _titles), (late, titles) = page(1), page(2)
    assert few == first == late
    assert titles[-1] == "Zzz zuletzt" and len(titles) == 14
