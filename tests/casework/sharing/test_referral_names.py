"""Whether a referral names its person is one rule for the inbox page, its export and the
API: a receiver learns who the person is only while its active consents cover the master
data. Regression: the API named the person after the covering consent was withdrawn."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Referral
from teilhabe.casework.sharing import services
from teilhabe.core.models import AuditEvent, Role
from tests.casework.sharing.factories import issue_token
from tests.casework.sharing.helpers import give_consent, owner_access
from tests.conftest import World

pytestmark = pytest.mark.django_db
NAME = ("CanaryA", "PersonA")


def _referral_whose_naming_consent_is_withdrawn(world: World) -> Referral:
    access = owner_access(world)
    with scope(alliance=world.a.alliance):
        referral = services.referral_send(
            access=access,
            case=world.a.case,
            consent=world.consent_a,
            to_organisation=world.a.jobcenter,
            purpose="Ausbildungsberatung",
            categories=["master_data", "education"],
        )
    # A second consent names the Jobcenter for education only; the first one is withdrawn.
    give_consent(world, [world.a.jobcenter], ["education"])
    with scope(alliance=world.a.alliance):
        services.consent_withdraw(
            access=access, consent=world.consent_a, withdrawn_on=dt.date.today()
        )
    return referral


def _disclosures() -> int:
    with scopes_disabled():
        return AuditEvent.objects.filter(action=AuditEvent.Action.DISCLOSE).count()


def test_the_inbox_page_and_its_export_do_not_name_a_person_without_master_data(
    world: World, login: Any
) -> None:
    _referral_whose_naming_consent_is_withdrawn(world)
    client = login("partner_a")
    inbox = reverse("people:sharing:referral_inbox", args=[world.a.alliance.slug])
    before = _disclosures()
    page = client.get(inbox).content.decode()
    assert "nicht freigegeben" in page
    assert all(part not in page for part in NAME)
    export = client.get(inbox + "?als=csv")
    assert export.status_code == 200
    assert all(part.encode() not in export.content for part in NAME)
    assert _disclosures() == before  # nothing was shown, so nothing was disclosed


def test_the_api_list_and_detail_do_not_name_a_person_without_master_data(
    world: World,
) -> None:
    referral = _referral_whose_naming_consent_is_withdrawn(world)
    receiver = issue_token(world.a.jobcenter, Role.PARTNER_STAFF).plain
    client = Client()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {receiver}"}
    slug = world.a.alliance.slug
    before = _disclosures()
    listed = client.get(reverse("api:referral_list", args=[slug]), **headers)
    assert listed.status_code == 200
    (item,) = listed.json()["items"]
    assert item["id"] == str(referral.pk)
    assert item["person_name"] == "" and item["person_id"] is None
    assert all(part.encode() not in listed.content for part in NAME)
    assert str(world.a.person.pk).encode() not in listed.content
    detail = client.get(reverse("api:referral_detail", args=[slug, referral.pk]), **headers)
    assert detail.status_code == 404
    assert _disclosures() == before


def test_the_api_names_the_person_while_the_consent_covers_master_data(world: World) -> None:
    access = owner_access(world)
    with scope(alliance=world.a.alliance):
        services.referral_send(
            access=access,
            case=world.a.case,
            consent=world.consent_a,
            to_organisation=world.a.jobcenter,
            purpose="Ausbildungsberatung",
            categories=["master_data"],
        )
    receiver = issue_token(world.a.jobcenter, Role.PARTNER_STAFF).plain
    listed = Client().get(
        reverse("api:referral_list", args=[world.a.alliance.slug]),
        HTTP_AUTHORIZATION=f"Bearer {receiver}",
    )
    (item,) = listed.json()["items"]
    assert item["person_name"] == "CanaryA PersonA"
    assert item["person_id"] == str(world.a.person.pk)
