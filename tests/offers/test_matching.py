"""Matching on the person page and the one-click referral."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Referral
from teilhabe.people.models import PersonLanguage, ResidenceStatusEntry
from tests import factories as f
from tests.conftest import World
from tests.offers.factories import OfferFactory

pytestmark = pytest.mark.django_db


def detail(world: World) -> str:
    url = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    return f"{url}?bereich=freigaben"


def refer_url(world: World, offer: Any) -> str:
    return reverse("offers:offer_refer", args=[world.a.alliance.slug, offer.pk, world.a.person.pk])


def tolerated(world: World) -> None:
    with scopes_disabled():
        ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            status="toleration",
            valid_from=dt.date(2025, 1, 1),
        )
        PersonLanguage.objects.create(
            alliance=world.a.alliance, person=world.a.person, language="de", level="A2"
        )


def test_the_case_manager_sees_eligible_and_excluded_offers_with_reasons(
    world: World, login: Any
) -> None:
    tolerated(world)
    with scopes_disabled():
        OfferFactory(provider=world.a.jobcenter, title="Offener Deutschkurs")
        OfferFactory(
            provider=world.a.jobcenter,
            title="Integrationskurs",
            allowed_statuses=["gestattung", "residence_permit"],
        )
        OfferFactory(provider=world.a.jmd, title="Berufssprachkurs", min_cefr_level="B1")
    html = login("cm_a").get(detail(world)).content.decode()
    assert "Passende Angebote" in html
    assert "Offener Deutschkurs" in html
    assert "nicht offen für Geduldete" in html
    assert "ab B1" in html


def test_partners_see_no_matching_section(world: World, login: Any) -> None:
    with scopes_disabled():
        OfferFactory(provider=world.a.jobcenter, title="Offener Deutschkurs")
    html = login("partner_a").get(detail(world)).content.decode()
    assert "Passende Angebote" not in html


def _queries(client: Any, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_the_person_page_query_count_does_not_grow_with_the_catalogue(
    world: World, login: Any
) -> None:
    tolerated(world)
    client = login("cm_a")
    with scopes_disabled():
        OfferFactory(provider=world.a.jobcenter)
        consent = f.ConsentFactory(person=world.a.person, organisation=world.a.tm_office)
        consent.recipients.set([world.a.jmd], through_defaults={"alliance_id": consent.alliance_id})
    client.get(detail(world))  # warm: the first request of a session does one-off work
    few = _queries(client, detail(world))
    with scopes_disabled():
        for i in range(15):
            OfferFactory(provider=world.a.jmd if i % 2 else world.a.jobcenter, min_age=18)
        f.OrganisationFactory(alliance=world.a.alliance, name="Weitere")
    assert _queries(client, detail(world)) == few


def test_referring_shows_what_is_shared_and_sends_only_with_a_note_and_confirmation(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter, title="Arbeitsvermittlung")
    client = login("cm_a")
    page = client.get(refer_url(world, offer))
    body = page.content.decode()
    assert page.status_code == 200 and "Jetzt vermitteln" in body
    assert "Stammdaten" in body and "Arbeitsvermittlung" in body
    with scopes_disabled():
        assert not Referral.objects.exists()  # opening the page sends nothing
    assert client.post(refer_url(world, offer), {"purpose": ""}).status_code == 200
    response = client.post(refer_url(world, offer), {"purpose": "Bitte um Erstgespräch"})
    with scopes_disabled():
        referral = Referral.objects.get()
    assert response.status_code == 302
    assert response["Location"].endswith("?bereich=freigaben#abschnitt-referrals")
    assert referral.purpose == "Bitte um Erstgespräch" and referral.offer == offer
    assert referral.to_organisation == world.a.jobcenter
    assert referral.consent == world.consent_a
    assert set(referral.categories) == {"master_data", "residence_status", "education"}


def test_without_a_consent_the_form_opens_prefilled_and_returns_to_the_referral(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jmd, title="Mentoring")
    client = login("cm_a")
    response = client.get(refer_url(world, offer))
    assert response.status_code == 302
    consent_url = reverse(
        "people:sharing:consent_create", args=[world.a.alliance.slug, world.a.person.pk]
    )
    assert response["Location"].startswith(consent_url + "?")
    form = client.get(response["Location"]).context["form"]
    assert [o.pk for o in form.initial["recipients"]] == [world.a.jmd.pk]
    assert form.initial["purpose"] == "referral"
    assert form.initial["categories"] == ["master_data", "education", "needs"]
    saved = client.post(
        consent_url,
        {
            "recipients": [str(world.a.jmd.pk)],
            "purpose": "referral",
            "categories": ["master_data", "education", "needs"],
            "valid_from": dt.date.today().isoformat(),
            "weiter": refer_url(world, offer),
        },
    )
    assert saved.status_code == 302 and saved["Location"] == refer_url(world, offer)
    with scopes_disabled():
        assert not Referral.objects.exists()


def test_the_consent_form_returns_only_to_pages_of_this_site(world: World, login: Any) -> None:
    consent_url = reverse(
        "people:sharing:consent_create", args=[world.a.alliance.slug, world.a.person.pk]
    )
    for outside in ("https://example.org/", "//example.org/x", "javascript:alert(1)"):
        saved = login("cm_a").post(
            consent_url,
            {
                "recipients": [str(world.a.jmd.pk)],
                "purpose": "referral",
                "categories": ["master_data"],
                "valid_from": dt.date.today().isoformat(),
                "weiter": outside,
            },
        )
        assert saved.status_code == 302 and "example.org" not in saved["Location"]
        assert "/einwilligungen/" in saved["Location"]


def test_an_ineligible_person_is_not_referred(world: World, login: Any) -> None:
    tolerated(world)
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter, allowed_statuses=["settlement"])
    response = login("cm_a").post(refer_url(world, offer), {"purpose": "Bitte"})
    assert response.status_code == 200
    assert "nicht offen für Geduldete" in response.content.decode()
    with scopes_disabled():
        assert not Referral.objects.exists()


def test_an_offer_of_another_alliance_cannot_be_referred_to(world: World, login: Any) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.b.jobcenter)
    assert login("cm_a").post(refer_url(world, offer)).status_code == 404
