"""Partner access follows the consent: categories, expiry, withdrawal, disclosure log."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from tests import factories as f
from tests.conftest import World


def detail(world: World) -> str:
    return reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])


@pytest.mark.django_db
def test_partner_with_consent_sees_only_the_covered_categories_and_it_is_logged(
    world: World, login: Any
) -> None:
    response = login("partner_a").get(detail(world))
    assert response.status_code == 200
    keys = response.context["visible"]
    assert "master" in keys and "status" in keys and "profile" in keys
    assert "needs" not in keys and "plan" not in keys and "contacts" not in keys
    event = AuditEvent.objects.get(action="disclose")
    assert event.consent_id == world.consent_a.pk
    assert event.organisation == world.a.jobcenter


@pytest.mark.django_db
def test_after_withdrawal_the_next_request_is_404(world: World, login: Any) -> None:
    client = login("partner_a")
    assert client.get(detail(world)).status_code == 200
    with scopes_disabled():
        world.consent_a.withdrawn_on = dt.date.today()
        world.consent_a.save(update_fields=["withdrawn_on"])
    assert client.get(detail(world)).status_code == 404
    api = reverse("api:person_detail", args=[world.a.alliance.slug, world.a.person.pk])
    assert client.get(api).status_code == 404


@pytest.mark.django_db
def test_an_expired_consent_gives_no_access(world: World, login: Any) -> None:
    with scopes_disabled():
        world.consent_a.valid_until = dt.date.today() - dt.timedelta(days=1)
        world.consent_a.save(update_fields=["valid_until"])
    assert login("partner_a").get(detail(world)).status_code == 404


@pytest.mark.django_db
def test_immigration_office_never_sees_needs_or_plan_whatever_the_consent_says(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        consent = f.ConsentFactory(
            person=world.a.person,
            organisation=world.a.tm_office,
            categories=["master_data", "residence_status", "needs", "plan"],
        )
        consent.recipients.set([world.a.abh], through_defaults={"alliance_id": consent.alliance_id})
    response = login("abh_a").get(detail(world))
    assert response.status_code == 200
    keys = response.context["visible"]
    assert "master" in keys and "status" in keys
    assert "needs" not in keys and "plan" not in keys and "contacts" not in keys
