"""Catalogue pages: filters, export, create and edit through the form, open/close, custom
categories, and isolation between alliances."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.offers import selectors as sel
from teilhabe.offers.models import CustomCategory, Offer
from tests.conftest import World
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"offers:{name}", args=[world.a.alliance.slug, *args])


def catalogue(world: World) -> None:
    with scopes_disabled():
        OfferFactory(provider=world.a.jobcenter, title="Vermittlung U25", category="job_placement")
        OfferFactory(
            provider=world.a.jmd,
            title="Integrationskurs Abend",
            category="integration_course",
            allowed_statuses=["residence_permit"],
        )
        OfferFactory(provider=world.a.jmd, title="Voller Kurs", free_places=0)
        OfferFactory(provider=world.a.jmd, title="Alter Kurs", is_active=False)
        OfferFactory(provider=world.b.jmd, title="Kurs in B")


def titles(html: str) -> set[str]:
    names = {
        "Vermittlung U25",
        "Integrationskurs Abend",
        "Voller Kurs",
        "Alter Kurs",
        "Kurs in B",
    }
    return {n for n in names if f">{n}<" in html}


def test_the_catalogue_lists_active_offers_of_the_alliance_only(world: World, login: Any) -> None:
    catalogue(world)
    html = login("volunteer_a").get(url(world, "offer_list")).content.decode()
    assert titles(html) == {"Vermittlung U25", "Integrationskurs Abend", "Voller Kurs"}


def test_filters_by_status_free_places_provider_and_category(world: World, login: Any) -> None:
    catalogue(world)
    client = login("cm_a")
    base = url(world, "offer_list")
    assert titles(client.get(base + "?status=toleration").content.decode()) == {
        "Vermittlung U25",
        "Voller Kurs",
    }
    assert "Voller Kurs" not in titles(client.get(base + "?free=on").content.decode())
    jobcenter = f"?provider={world.a.jobcenter.pk}"
    assert titles(client.get(base + jobcenter).content.decode()) == {"Vermittlung U25"}
    category = "?category=integration_course"
    assert titles(client.get(base + category).content.decode()) == {"Integrationskurs Abend"}
    assert "Alter Kurs" in titles(client.get(base + "?inactive=on").content.decode())


def test_the_export_follows_the_filter_and_is_audited(world: World, login: Any) -> None:
    catalogue(world)
    response = login("volunteer_a").get(
        url(world, "offer_export") + "?format=csv&status=toleration"
    )
    text = response.getvalue().decode("utf-8-sig")
    assert "Vermittlung U25" in text and "Integrationskurs Abend" not in text
    assert response["Content-Disposition"].endswith('.csv"')
    assert AuditEvent.objects.filter(action="export", object_type="offers.catalogue").count() == 1


def test_an_offer_of_another_alliance_is_404(world: World, login: Any) -> None:
    with scopes_disabled():
        other = OfferFactory(provider=world.b.jmd)
    assert login("coord_a").get(url(world, "offer_detail", other.pk)).status_code == 404
    assert login("coord_a").get(url(world, "offer_edit", other.pk)).status_code == 404


def form_data(provider: Any, **extra: Any) -> dict[str, Any]:
    return {
        "provider": provider.pk,
        "title": "Deutschkurs B1",
        "category": "language_course",
        "target_level": "B1",
        "places": "12",
        "free_places": "4",
        "public_transport": "on",
        "min_age": "18",
        "max_age": "27",
        "allowed_statuses": ["gestattung", "residence_permit"],
        "min_cefr_level": "A2",
        **extra,
    }


def test_a_partner_creates_an_offer_of_its_organisation_through_the_form(
    world: World, login: Any
) -> None:
    response = login("partner_a").post(url(world, "offer_create"), form_data(world.a.jobcenter))
    with scopes_disabled():
        offer = Offer.objects.get()
    assert response.status_code == 302
    assert offer.provider == world.a.jobcenter
    assert offer.allowed_statuses == ["gestattung", "residence_permit"]
    html = login("partner_a").get(url(world, "offer_detail", offer.pk)).content.decode()
    assert "Alter 18–27" in html and "ab A2" in html


def test_a_partner_cannot_create_for_another_organisation(world: World, login: Any) -> None:
    response = login("partner_a").post(url(world, "offer_create"), form_data(world.a.jmd))
    assert response.status_code == 200  # not a valid choice
    with scopes_disabled():
        assert not Offer.objects.exists()


def test_an_edit_on_a_stale_version_shows_the_reload_message(world: World, login: Any) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter, version=3)
    data = form_data(world.a.jobcenter, version="2")
    html = login("coord_a").post(url(world, "offer_edit", offer.pk), data).content.decode()
    assert "inzwischen von jemand anderem geändert" in html
    data["version"] = "3"
    assert login("coord_a").post(url(world, "offer_edit", offer.pk), data).status_code == 302
    offer.refresh_from_db()
    assert (offer.title, offer.version) == ("Deutschkurs B1", 4)


def test_closing_an_offer_takes_it_out_of_the_catalogue(world: World, login: Any) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter, title="Kurs")
    client = login("partner_a")
    client.post(url(world, "offer_active", offer.pk), {"active": "0", "version": "1"})
    offer.refresh_from_db()
    assert not offer.is_active
    assert ">Kurs<" not in client.get(url(world, "offer_list")).content.decode()


def test_a_coordinator_adds_a_category_that_offers_can_use(world: World, login: Any) -> None:
    from teilhabe.alliances.models import FieldOfAction

    housing = FieldOfAction.objects.get(alliance=None, key="housing")
    client = login("coord_a")
    response = client.post(
        url(world, "category_create"),
        {"key": "wohnpaten", "name": "Wohnpatenschaft", "field_of_action": housing.pk},
    )
    assert response.status_code == 302
    with scopes_disabled():
        category = CustomCategory.objects.get()
    assert category.field_of_action == housing
    html = client.get(url(world, "offer_create")).content.decode()
    assert "Wohnpatenschaft" in html
    client.post(
        url(world, "category_edit", category.pk),
        {"key": "anders", "name": "Wohnpaten", "field_of_action": ""},
    )
    category.refresh_from_db()
    assert (category.key, category.name, category.field_of_action) == (
        "wohnpaten",
        "Wohnpaten",
        None,
    )


def test_the_catalogue_query_count_does_not_grow_with_the_offers(world: World, login: Any) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    catalogue(world)
    client = login("coord_a")
    client.get(url(world, "offer_list"))

    def count() -> int:
        with CaptureQueriesContext(connection) as ctx:
            client.get(url(world, "offer_list"))
        return len(ctx.captured_queries)

    few = count()
    with scopes_disabled():
        for i in range(20):
            OfferFactory(provider=[world.a.jmd, world.a.abh, world.a.jobcenter][i % 3])
    assert count() == few


def test_the_status_filter_matches_whole_codes_in_the_database(world: World, login: Any) -> None:
    with scopes_disabled():
        OfferFactory(provider=world.a.jmd, title="Für alle", allowed_statuses=[])
        OfferFactory(
            provider=world.a.jmd, title="Zwei", allowed_statuses=["gestattung", "toleration"]
        )
        OfferFactory(
            provider=world.a.jmd, title="Ausbildung", allowed_statuses=["training_toleration"]
        )
    with scopes_disabled():
        flt = sel.CatalogueFilter(status="toleration")
        found = [o.title for o in sel.catalogue(world.a.alliance, flt)]
    assert found == ["Für alle", "Zwei"]  # "training_toleration" is not "toleration"


def test_the_catalogue_pages_in_the_database_with_constant_queries(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    base = url(world, "offer_list") + "?status=toleration"

    def page(number: int) -> tuple[int, str]:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(base, {"seite": number})
        assert response.status_code == 200
        offers = [q["sql"] for q in ctx if q["sql"].startswith('SELECT "offers_offer"')]
        assert offers and all(" LIMIT " in sql for sql in offers), offers
        return len(ctx), response.content.decode()

    with scopes_disabled():
        OfferFactory.create_batch(3, provider=world.a.jmd)
    client.get(base)  # the session's first request does more (its login's bookkeeping)
    few, _ = page(1)
    with scopes_disabled():
        OfferFactory.create_batch(80, provider=world.a.jmd, allowed_statuses=["toleration"])
        OfferFactory(provider=world.a.jmd, title="Zzz letzter Kurs")
    (first, html_first), (late, html_late) = page(1), page(4)
    assert few == first == late
    assert ">Zzz letzter Kurs<" in html_late and ">Zzz letzter Kurs<" not in html_first
