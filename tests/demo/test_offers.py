"""The demo offer landscape: deterministic, idempotent, with the offers that make gaps."""

from __future__ import annotations

import random

import pytest
from django_scopes import scopes_disabled

from teilhabe.core.models import Organisation
from teilhabe.demo import offers as demo
from teilhabe.offers.models import Offer
from tests.conftest import World

pytestmark = pytest.mark.django_db


def organisations(world: World) -> dict[str, Organisation]:
    a = world.a
    return {o.kind: o for o in (a.tm_office, a.lead_office, a.jobcenter, a.abh, a.jmd)}


def test_the_landscape_is_deterministic_idempotent_and_has_access_barriers(world: World) -> None:
    with scopes_disabled():
        kwargs = {"alliance": world.a.alliance, "organisations": organisations(world)}
        first = demo.build_offers(**kwargs, rng=random.Random(7))
        again = demo.build_offers(**kwargs, rng=random.Random(7))
        assert [(o.pk, o.free_places) for o in first] == [(o.pk, o.free_places) for o in again]
        demo.extend_alliance(**kwargs, rng=random.Random(7), profile="small")
        demo.extend_alliance(**kwargs, rng=random.Random(8), profile="small")
        offers = demo.demo_offers(world.a.alliance)
        assert len(offers) == len(demo.TEMPLATES) == Offer.objects.count()
    for o in offers:
        o.full_clean()
    assert any("toleration" not in o.allowed_statuses and o.allowed_statuses for o in offers)
    assert any(o.required_legal_domain == "sgb2" for o in offers)
    assert {o.category for o in offers} >= {
        "language_course",
        "pre_vocational_training",
        "counselling",
        "housing_help",
        "mobility_help",
    }
    # Providers come from the alliance only (missing kinds fall back to the office).
    assert {o.provider.alliance_id for o in offers} == {world.a.alliance.pk}


def test_some_offers_are_full_and_some_far_from_public_transport_across_alliances(
    world: World,
) -> None:
    with scopes_disabled():
        offers = [
            o
            for seed in range(6)
            for o in demo.build_offers(
                alliance=world.a.alliance,
                organisations=organisations(world),
                rng=random.Random(seed),
            )
        ]
    assert any(o.free_places == 0 for o in offers)
    assert any(not o.public_transport for o in offers)
