"""The pages: the case manager pairs from the person page, sees a withdrawn consent as a
paused pair; the volunteer's Meine Begleitung and start page; the coordinator's check-ins."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent, Role
from teilhabe.mentoring.models import CheckIn, MentoringPair
from teilhabe.people.sections import person_url
from tests import factories as f
from tests.conftest import World, login_with_mfa
from tests.mentoring.helpers import accompaniment_consent, pair, profile, volunteer_of


@pytest.fixture
def volunteer(world: World) -> Any:
    return profile(volunteer_of(world.a.alliance, "volunteer_a"), languages="Arabisch Deutsch")


@pytest.mark.django_db
def test_the_case_manager_finds_a_volunteer_by_language_and_starts_a_pair(
    world: World, login: Any, volunteer: Any
) -> None:
    accompaniment_consent(world.a.person, volunteer.organisation)
    client = login("cm_a")
    url = reverse("mentoring_person:pair_create", args=[world.a.alliance.slug, world.a.person.pk])
    assert b"volunteer_a" in client.get(url, {"sprachen": "arab"}).content
    assert b"volunteer_a" not in client.get(url, {"sprachen": "Tigrinya"}).content
    response = client.post(
        url, {"volunteer": volunteer.pk, "goal": "Bewerbung schreiben", "started_on": "2026-03-01"}
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert MentoringPair.objects.get().goal == "Bewerbung schreiben"
    section = client.get(person_url(world.a.alliance.slug, world.a.person.pk, "mentoring"))
    assert "Bewerbung schreiben" in section.content.decode()


@pytest.mark.django_db
def test_the_pair_form_says_why_it_refuses_without_consent(
    world: World, login: Any, volunteer: Any
) -> None:
    url = reverse("mentoring_person:pair_create", args=[world.a.alliance.slug, world.a.person.pk])
    response = login("cm_a").post(
        url, {"volunteer": volunteer.pk, "goal": "Ziel", "started_on": "2026-03-01"}
    )
    assert response.status_code == 200
    assert "Einwilligung" in response.content.decode()
    with scopes_disabled():
        assert not MentoringPair.objects.exists()


@pytest.mark.django_db
def test_the_case_manager_sees_a_pair_without_consent_as_paused(
    world: World, login: Any, volunteer: Any
) -> None:
    consent = accompaniment_consent(world.a.person, volunteer.organisation)
    pair(world.a.person, volunteer, world.users["cm_a"])
    page = person_url(world.a.alliance.slug, world.a.person.pk, "mentoring")
    client = login("cm_a")
    assert "Ruht:" not in client.get(page).content.decode()
    with scopes_disabled():
        consent.withdrawn_on = timezone.localdate()
        consent.save()
    assert "Ruht:" in client.get(page).content.decode()


@pytest.mark.django_db
def test_the_volunteers_pages_show_the_pair_and_count_as_disclosures(
    world: World, login: Any, volunteer: Any
) -> None:
    consent = accompaniment_consent(world.a.person, volunteer.organisation)
    the_pair = pair(world.a.person, volunteer, world.users["cm_a"])
    client = login("volunteer_a")
    slug = world.a.alliance.slug
    home = client.get(reverse("core:alliance_home", args=[slug]), follow=True).content.decode()
    assert "Sie begleiten 1 junge Person" in home and "CanaryA" not in home
    mine = client.get(reverse("mentoring:my_pairs", args=[slug])).content.decode()
    detail = client.get(reverse("mentoring:pair_detail", args=[slug, the_pair.pk])).content.decode()
    assert "CanaryA" in mine and "CanaryA" in detail and "cm_a@example.org" in detail
    with scopes_disabled():
        disclosures = AuditEvent.objects.filter(
            action="disclose", object_id=world.a.person.pk, consent_id=consent.pk
        )
        assert disclosures.count() == 2
        assert set(disclosures.values_list("organisation_id", flat=True)) == {
            volunteer.organisation_id
        }


@pytest.mark.django_db
def test_the_volunteer_organisations_coordinator_records_a_check_in_the_case_manager_sees(
    world: World, login: Any, client: Any, volunteer: Any
) -> None:
    accompaniment_consent(world.a.person, volunteer.organisation)
    the_pair = pair(world.a.person, volunteer, world.users["cm_a"])
    coordinator = f.MembershipFactory(organisation=volunteer.organisation, role=Role.COORDINATOR)
    login_with_mfa(client, coordinator.user)
    slug = world.a.alliance.slug
    listing = client.get(reverse("mentoring:coordination", args=[slug])).content.decode()
    assert "Ausbildungsplatz finden" in listing and "CanaryA" not in listing
    url = reverse("mentoring:checkin_create", args=[slug, the_pair.pk])
    assert client.post(url, {"on": "2026-03-10", "note": "Gutes Treffen"}).status_code == 302
    with scopes_disabled():
        assert CheckIn.objects.get().note == "Gutes Treffen"
    page = login("cm_a").get(person_url(slug, world.a.person.pk, "mentoring"))
    assert "Gutes Treffen" in page.content.decode()
