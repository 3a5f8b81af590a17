"""Consents: recording, withdrawal with immediate effect, the person-page section and the
disclosure log under each consent."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Consent
from teilhabe.casework.sharing import services
from teilhabe.core.models import AuditEvent
from tests import factories as f
from tests.casework.sharing.helpers import give_consent, owner_access, url
from tests.conftest import World, login_with_mfa

TODAY = dt.date.today()


def person_page(world: World) -> str:
    return reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])


def person_api(world: World) -> str:
    return reverse("api:person_detail", args=[world.a.alliance.slug, world.a.person.pk])


@pytest.mark.django_db
def test_case_manager_records_a_consent_and_the_jmd_partner_then_sees_the_person(
    world: World, login: Any
) -> None:
    jmd_partner = f.UserFactory(username="partner_jmd")
    f.MembershipFactory(user=jmd_partner, organisation=world.a.jmd, role="partner_staff")
    jmd = login_with_mfa(Client(), jmd_partner)
    assert jmd.get(person_page(world)).status_code == 404
    response = login("cm_a").post(
        url("people:sharing:consent_create", world, world.a.person.pk),
        {
            "recipients": [str(world.a.jmd.pk)],
            "purpose": "joint_planning",
            "purpose_detail": "Sprachkurs und Ausbildung",
            "categories": ["master_data", "education"],
            "valid_from": TODAY.isoformat(),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        consent = Consent.objects.exclude(pk=world.consent_a.pk).get()
    assert consent.organisation == world.a.tm_office
    assert list(consent.recipients.all()) == [world.a.jmd]
    assert AuditEvent.objects.filter(action="create", object_id=consent.pk).exists()
    page = jmd.get(person_page(world))
    assert page.status_code == 200
    keys = page.context["visible"]
    assert "master" in keys and "profile" in keys and "status" not in keys


@pytest.mark.django_db
def test_the_form_offers_neither_the_own_organisation_nor_other_alliances(
    world: World, login: Any
) -> None:
    response = login("cm_a").get(url("people:sharing:consent_create", world, world.a.person.pk))
    offered = set(response.context["form"].fields["recipients"].queryset)
    assert world.a.tm_office not in offered
    assert world.a.jobcenter in offered and world.a.abh in offered
    assert world.b.jobcenter not in offered
    offered_categories = {v for v, _label in response.context["form"].fields["categories"].choices}
    assert offered_categories == {
        "master_data",
        "residence_status",
        "education",
        "needs",
        "plan",
        "participations",
        "documents",  # the person's uploaded files (documents app)
        "accompaniment",  # permits a mentoring pair (mentoring app)
    }


@pytest.mark.django_db
def test_the_service_refuses_recipients_of_another_alliance_and_bad_periods(world: World) -> None:
    access = owner_access(world)
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        services.consent_record(
            access=access,
            recipients=[world.b.jobcenter],
            purpose="referral",
            categories=["master_data"],
            valid_from=TODAY,
        )
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        services.consent_record(
            access=access,
            recipients=[world.a.jobcenter],
            purpose="referral",
            categories=["master_data", "notes"],
            valid_from=TODAY,
        )
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError):
        services.consent_record(
            access=access,
            recipients=[world.a.jobcenter],
            purpose="referral",
            categories=["master_data"],
            valid_from=TODAY,
            valid_until=TODAY - dt.timedelta(days=1),
        )


@pytest.mark.django_db
def test_partner_without_consent_gets_404_on_the_person_page_and_the_api(
    world: World, login: Any
) -> None:
    for persona in ("abh_a", "partner_b", "cm_a_jmd", "coord_a"):
        client = login(persona)
        assert client.get(person_page(world)).status_code == 404, persona
        assert client.get(person_api(world)).status_code == 404, persona


@pytest.mark.django_db
def test_after_withdrawal_on_the_page_the_partners_next_request_is_404(
    world: World, login: Any
) -> None:
    partner = login("partner_a")
    assert partner.get(person_page(world)).status_code == 200
    assert partner.get(person_api(world)).status_code == 200
    response = login("cm_a").post(
        url("people:sharing:consent_withdraw", world, world.consent_a.pk),
        {"withdrawn_on": TODAY.isoformat()},
    )
    assert response.status_code == 302
    assert partner.get(person_page(world)).status_code == 404
    assert partner.get(person_api(world)).status_code == 404
    assert AuditEvent.objects.filter(
        action="update", object_id=world.consent_a.pk, purpose="withdrawal"
    ).exists()


@pytest.mark.django_db
def test_a_withdrawal_is_neither_in_the_future_nor_twice(world: World) -> None:
    access = owner_access(world)
    with scope(alliance=world.a.alliance):
        consent = Consent.objects.get(pk=world.consent_a.pk)
        with pytest.raises(ValidationError):
            services.consent_withdraw(
                access=access, consent=consent, withdrawn_on=TODAY + dt.timedelta(days=1)
            )
        services.consent_withdraw(access=access, consent=consent, withdrawn_on=TODAY)
        with pytest.raises(ValidationError):
            services.consent_withdraw(access=access, consent=consent, withdrawn_on=TODAY)


@pytest.mark.django_db
def test_the_disclosure_log_lists_each_consented_read_with_the_consent_id(
    world: World, login: Any
) -> None:
    partner = login("partner_a")
    partner.get(person_page(world))
    partner.get(person_page(world))
    partner.get(person_api(world))
    page = login("cm_a").get(url("people:sharing:consent_detail", world, world.consent_a.pk))
    assert page.status_code == 200
    events = list(page.context["disclosures"].object_list)
    assert len(events) == 3
    assert {e.consent_id for e in events} == {world.consent_a.pk}
    assert {e.organisation for e in events} == {world.a.jobcenter}
    body = page.content.decode()
    assert str(world.consent_a.pk) in body and "Jobcenter A" in body
    assert "partner_a@example.org" not in body  # no actor's personal data


@pytest.mark.django_db
def test_the_consents_section_shows_active_expired_and_withdrawn_to_the_owner_only(
    world: World, login: Any
) -> None:
    give_consent(
        world,
        [world.a.jmd],
        ["master_data"],
        valid_from=TODAY - dt.timedelta(days=90),
        valid_until=TODAY - dt.timedelta(days=1),
    )
    withdrawn = give_consent(world, [world.a.abh], ["master_data"])
    with scope(alliance=world.a.alliance):
        services.consent_withdraw(access=owner_access(world), consent=withdrawn, withdrawn_on=TODAY)
    page = login("cm_a").get(person_page(world) + "?bereich=freigaben")
    section = next(s for s in page.context["sections"] if s.key == "consents")
    statuses = sorted(r.status for r in section.context["consent_rows"])
    assert statuses == ["active", "expired", "withdrawn"]
    partner_page = login("partner_a").get(person_page(world))
    assert "consents" not in partner_page.context["visible"]


def _queries(client: Any, address: str) -> int:
    client.get(address)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(address).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_person_page_and_consent_page_query_counts_do_not_grow_with_consents_and_reads(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    partner = login("partner_a")
    partner.get(person_page(world))  # one disclosure to start with
    detail = url("people:sharing:consent_detail", world, world.consent_a.pk)
    small_person, small_consent = _queries(client, person_page(world)), _queries(client, detail)
    for _ in range(15):
        give_consent(world, [world.a.jobcenter, world.a.jmd], ["master_data"])
    for _ in range(30):
        partner.get(person_page(world))
    assert _queries(client, person_page(world)) == small_person
    assert _queries(client, detail) == small_consent
