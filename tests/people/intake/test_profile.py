"""Profile: schooling, certificates and experience entries (legal domains: tests/people/domains)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.people.models import Certificate, Experience, Profile
from tests.conftest import World
from tests.pages.helpers import whole_person_page
from tests.people.intake.factories import CertificateFactory, ExperienceFactory
from tests.people.intake.helpers import detail_url


def url(world: World, name: str, *args: Any) -> str:
    return reverse(f"people:intake:{name}", args=[world.a.alliance.slug, *args])


@pytest.mark.django_db
def test_profile_is_saved_and_shown_on_the_person_page(world: World, login: Any) -> None:
    client = login("cm_a")
    response = client.post(
        url(world, "profile_edit", world.a.person.pk),
        {
            "school_years_abroad": "9",
            "school_years_germany": "1",
            "interests": "Kfz-Technik",
            "goals": "Ausbildung beginnen",
            "legal_domains": ["sgb8", "asylblg"],
        },
    )
    assert response.status_code == 302 and response["Location"].endswith(
        "?bereich=bildung#abschnitt-profile"
    )
    with scopes_disabled():
        profile = Profile.objects.get(person=world.a.person)
    # The legal domains change only through their dated history (people.domains).
    assert profile.legal_domains == []
    assert profile.school_years_abroad == 9
    body = whole_person_page(client, detail_url(world, world.a.person.pk))
    assert "Kfz-Technik" in body and "AsylbLG" not in body


@pytest.mark.django_db
def test_certificates_are_added_edited_and_deleted_with_audit(world: World, login: Any) -> None:
    client = login("cm_a")
    data = {
        "title": "Abiturzeugnis",
        "country": "SY",
        "level": "upper_secondary",
        "issued_on": "2021-06-30",
        "recognition": "pending",
    }
    assert client.post(url(world, "certificate_add", world.a.person.pk), data).status_code == 302
    with scopes_disabled():
        certificate = Certificate.objects.get(person=world.a.person)
    edit = url(world, "certificate_edit", certificate.pk)
    assert 'value="Abiturzeugnis"' in client.get(edit).content.decode()
    assert client.post(edit, {**data, "recognition": "full"}).status_code == 302
    assert client.post(edit, {**data, "country": "ZZ"}).status_code == 200  # not a country
    delete = url(world, "certificate_delete", certificate.pk)
    assert "Abiturzeugnis" in client.get(delete).content.decode()
    assert client.post(delete).status_code == 302
    with scopes_disabled():
        assert not Certificate.objects.filter(person=world.a.person).exists()
        actions = list(
            AuditEvent.objects.filter(object_type="people.certificate")
            .order_by("id")
            .values_list("action", flat=True)
        )
    assert actions == ["create", "update", "delete"]


@pytest.mark.django_db
def test_experience_needs_an_end_after_its_start(world: World, login: Any) -> None:
    client = login("cm_a")
    add = url(world, "experience_add", world.a.person.pk)
    data = {
        "kind": "internship",
        "title": "Praktikum im Einzelhandel",
        "employer": "Supermarkt",
        "country": "DE",
        "started_on": "2026-03-01",
        "ended_on": "2026-02-01",
    }
    response = client.post(add, data)
    assert response.status_code == 200 and "ended_on" in response.context["form"].errors
    assert client.post(add, {**data, "ended_on": "2026-03-28"}).status_code == 302
    with scopes_disabled():
        experience = Experience.objects.get(person=world.a.person)
    assert experience.country == "DE" and experience.employer == "Supermarkt"
    page = whole_person_page(client, detail_url(world, world.a.person.pk))
    assert "Praktikum im Einzelhandel" in page and "Deutschland" in page


@pytest.mark.django_db
def test_partner_with_an_education_consent_sees_the_profile_without_edit_links(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        certificate = CertificateFactory(person=world.a.person, title="Zeugnis der 9. Klasse")
        ExperienceFactory(person=world.a.person)
    body = whole_person_page(login("partner_a"), detail_url(world, world.a.person.pk))
    assert "Zeugnis der 9. Klasse" in body and "Syrien" in body
    assert url(world, "certificate_edit", certificate.pk) not in body
    assert url(world, "profile_edit", world.a.person.pk) not in body
    assert url(world, "edit", world.a.person.pk) not in body
