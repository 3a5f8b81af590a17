"""Offer services: who may write, alliance isolation, validation, optimistic concurrency,
categories, audit."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.offers import services
from teilhabe.offers.models import Offer
from tests.conftest import World
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


def principal(world: World, persona: str, side: str = "a") -> Principal:
    return Principal.for_alliance(world.users[persona], getattr(world, side).alliance)


def data(**extra: Any) -> dict[str, Any]:
    return {
        "title": "Deutschkurs B1",
        "category": "language_course",
        "places": 12,
        "free_places": 3,
        **extra,
    }


def test_a_coordinator_creates_an_offer_for_any_partner_and_it_is_audited(world: World) -> None:
    p = principal(world, "coord_a")
    with scope(alliance=world.a.alliance):
        offer = services.offer_create(principal=p, provider=world.a.jmd, data=data())
    assert offer.provider == world.a.jmd
    event = AuditEvent.objects.get(object_id=offer.pk)
    assert event.action == "create"
    assert event.organisation == world.a.lead_office


def test_partner_staff_create_offers_only_for_their_own_organisation(world: World) -> None:
    p = principal(world, "partner_a")
    with scope(alliance=world.a.alliance):
        own = services.offer_create(principal=p, provider=world.a.jobcenter, data=data())
        assert own.provider == world.a.jobcenter
        with pytest.raises(PermissionError):
            services.offer_create(principal=p, provider=world.a.jmd, data=data())


def test_a_volunteer_maintains_no_offer(world: World) -> None:
    p = principal(world, "volunteer_a")
    with scope(alliance=world.a.alliance), pytest.raises(PermissionError):
        services.offer_create(principal=p, provider=world.a.jobcenter, data=data())


def test_a_provider_of_another_alliance_is_refused(world: World) -> None:
    p = principal(world, "coord_a")
    with scope(alliance=world.a.alliance), pytest.raises(PermissionError):
        services.offer_create(principal=p, provider=world.b.jobcenter, data=data())


def test_free_places_above_places_and_unknown_categories_are_refused(world: World) -> None:
    p = principal(world, "coord_a")
    with scope(alliance=world.a.alliance):
        with pytest.raises(ValidationError):
            services.offer_create(
                principal=p, provider=world.a.jmd, data=data(places=2, free_places=3)
            )
        with pytest.raises(ValidationError):
            services.offer_create(principal=p, provider=world.a.jmd, data=data(category="x"))
        with pytest.raises(ValidationError):
            services.offer_create(
                principal=p, provider=world.a.jmd, data=data(allowed_statuses=["nope"])
            )
    assert not Offer.objects.exists()


def test_a_municipality_outside_the_alliance_area_is_refused(world: World) -> None:
    from teilhabe.municipalities.models import Gemeinde

    p = principal(world, "coord_a")
    rheine = Gemeinde.objects.get(ags="05566076")  # Kreis Steinfurt = alliance B
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        services.offer_create(principal=p, provider=world.a.jmd, data=data(gemeinde=rheine))


def test_an_edit_from_a_stale_version_is_refused(world: World) -> None:
    p = principal(world, "coord_a")
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter)
    with scope(alliance=world.a.alliance):
        services.offer_update(principal=p, offer=offer, version=1, data={"free_places": 4})
        with pytest.raises(ValidationError) as exc:
            services.offer_update(principal=p, offer=offer, version=1, data={"free_places": 2})
    assert exc.value.code == "stale"
    offer.refresh_from_db()
    assert (offer.free_places, offer.version) == (4, 2)


def test_staff_of_another_organisation_cannot_edit_and_cannot_move_a_provider(
    world: World,
) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter)
    with scope(alliance=world.a.alliance):
        with pytest.raises(PermissionError):
            services.offer_update(
                principal=principal(world, "cm_a_jmd"), offer=offer, version=1, data={}
            )
        with pytest.raises(PermissionError):
            services.offer_update(
                principal=principal(world, "partner_a"),
                offer=offer,
                version=1,
                data={},
                provider=world.a.jmd,
            )


def test_deactivating_keeps_the_offer_and_counts_the_version(world: World) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter)
    with scope(alliance=world.a.alliance):
        services.offer_set_active(
            principal=principal(world, "partner_a"), offer=offer, active=False, version=1
        )
        with pytest.raises(ValidationError):
            services.offer_set_active(
                principal=principal(world, "coord_a"), offer=offer, active=True, version=1
            )
    offer.refresh_from_db()
    assert (offer.is_active, offer.version) == (False, 2)


def test_custom_categories_are_the_coordinators_and_extend_the_choices(world: World) -> None:
    with scope(alliance=world.a.alliance):
        with pytest.raises(PermissionError):
            services.category_create(principal=principal(world, "cm_a"), key="sport", name="Sport")
        with pytest.raises(ValidationError):
            services.category_create(
                principal=principal(world, "coord_a"), key="tutoring", name="Nachhilfe"
            )
        services.category_create(principal=principal(world, "coord_a"), key="sport", name="Sport")
        offer = services.offer_create(
            principal=principal(world, "coord_a"),
            provider=world.a.jmd,
            data=data(category="sport"),
        )
    assert offer.category == "sport"
    # Alliance B does not know A's category.
    with scope(alliance=world.b.alliance), pytest.raises(ValidationError):
        services.offer_create(
            principal=principal(world, "coord_b", "b"),
            provider=world.b.jmd,
            data=data(category="sport"),
        )


def test_the_work_rule_follows_the_category_unless_it_is_set(world: World) -> None:
    p = principal(world, "coord_a")
    with scope(alliance=world.a.alliance):
        course = services.offer_create(principal=p, provider=world.a.jmd, data=data())
        internship = services.offer_create(
            principal=p,
            provider=world.a.jmd,
            data=data(category="internship", requires_work_permission=None),
        )
        chosen = services.offer_create(
            principal=p,
            provider=world.a.jmd,
            data=data(category="internship", requires_work_permission=False),
        )
        services.offer_update(
            principal=p,
            offer=course,
            version=course.version,
            data={"category": "vocational_training", "requires_work_permission": None},
        )
        course.refresh_from_db()
    assert (internship.requires_work_permission, chosen.requires_work_permission) == (True, False)
    assert course.requires_work_permission is True
