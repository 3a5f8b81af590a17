"""Participations: who records them, what the service refuses, and that a finding with its
German explanation appears on the person's pages as soon as the history shows a career."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.people.access import get_person_access
from teilhabe.trajectories import services
from teilhabe.trajectories.models import Finding, Participation
from tests.conftest import World
from tests.pages.helpers import whole_person_page
from tests.trajectories.factories import OfferFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def access_of(world: World, persona: str, person: Any = None) -> Any:
    principal = Principal.for_alliance(world.user(persona), world.a.alliance)
    with scope(alliance=world.a.alliance):
        return get_person_access(principal, (person or world.a.person).pk)


def record(world: World, persona: str = "cm_a", offer: Any = None, **values: Any) -> Participation:
    access = access_of(world, persona)
    defaults: dict[str, Any] = {
        "external_title": "" if offer else "Sprachkurs A1 (VHS)",
        "external_provider": "" if offer else "VHS Köln",
        "category": "language_course",
        "start": dt.date(2025, 1, 6),
        "end": dt.date(2025, 3, 31),
        "outcome": "completed",
    }
    defaults.update(values)
    with scope(alliance=world.a.alliance):
        return services.participation_record(
            access=access, actor=world.user(persona), offer=offer, **defaults
        )


def three_without_progress(world: World) -> None:
    categories = {1: "vocational_orientation", 4: "internship", 7: "mentoring"}
    for month, category in categories.items():
        record(
            world,
            start=dt.date(2026, month, 1),
            end=dt.date(2026, month + 2, 28),
            external_title=f"Berufsorientierung {month}",
            category=category,
        )


def test_the_case_manager_records_an_external_measure_and_it_is_audited(world: World) -> None:
    p = record(world)
    assert p.recorded_by_organisation == world.a.tm_office
    with scopes_disabled():
        assert AuditEvent.objects.filter(
            action="create", object_type="trajectories.participation", object_id=p.pk
        ).exists()


def test_an_offer_from_the_catalogue_decides_the_category(world: World) -> None:
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter, category="internship")
    p = record(world, offer=offer, category="language_course")
    assert p.category == "internship" and p.external_title == ""


def test_an_offer_of_another_alliance_is_refused(world: World) -> None:
    with scopes_disabled():
        offer_b = OfferFactory(provider=world.b.jobcenter)
    with pytest.raises(ValidationError) as err:
        record(world, offer=offer_b)
    assert "offer" in err.value.message_dict


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"outcome": "ongoing"}, "end"),  # ongoing with an end date
        ({"end": None}, "end"),  # completed without end
        ({"end": dt.date(2024, 1, 1)}, "end"),  # end before start
        ({"external_title": "  "}, "external_title"),
        ({"category": "unknown"}, "category"),
        ({"outcome": "ongoing", "end": None, "transition": "employment"}, "transition"),
    ],
)
def test_bad_input_names_the_field_and_stores_nothing(
    world: World, values: dict[str, Any], field: str
) -> None:
    with pytest.raises(ValidationError) as err:
        record(world, **values)
    assert field in err.value.message_dict
    with scopes_disabled():
        assert not Participation.objects.exists()


def test_a_partner_records_only_in_its_own_offers_and_only_with_consent(world: World) -> None:
    with scopes_disabled():
        own = OfferFactory(provider=world.a.jobcenter)
        other = OfferFactory(provider=world.a.jmd)
    # The world's consent does not cover participations: no access for recording.
    assert not services.may_record_any(access_of(world, "partner_a"))
    with pytest.raises(ValidationError):
        record(world, "partner_a", offer=own)
    with scopes_disabled():
        world.consent_a.categories = [*world.consent_a.categories, "participations"]
        world.consent_a.save()
    p = record(world, "partner_a", offer=own)
    assert p.recorded_by_organisation == world.a.jobcenter
    with pytest.raises(ValidationError):
        record(world, "partner_a", offer=other)
    with pytest.raises(ValidationError):
        record(world, "partner_a", offer=None)  # external measures are the owner's


def test_an_edit_with_an_old_version_is_refused(world: World) -> None:
    p = record(world)
    access = access_of(world, "cm_a")
    with scope(alliance=world.a.alliance):
        services.participation_update(
            access=access, actor=world.user("cm_a"), participation=p, version=1, level_reached="A1"
        )
        stale = Participation.objects.get(pk=p.pk)
        stale.version = 1
        with pytest.raises(ValidationError, match=r"inzwischen|meanwhile"):
            services.participation_update(
                access=access,
                actor=world.user("cm_a"),
                participation=stale,
                version=1,
                level_reached="A2",
            )
        assert Participation.objects.get(pk=p.pk).level_reached == "A1"


def test_recording_the_third_measure_without_progress_raises_a_finding(world: World) -> None:
    three_without_progress(world)
    with scopes_disabled():
        findings = list(Finding.objects.filter(person=world.a.person))
    chains = [x for x in findings if x.rule == "MK1"]
    assert len(chains) == 1
    assert chains[0].explanation.startswith("Drei Maßnahmen in Folge ohne Fortschritt")
    assert len(chains[0].participation_ids) == 3


def test_progress_clears_the_finding_again(world: World) -> None:
    three_without_progress(world)
    with scopes_disabled():
        last = Participation.objects.filter(person=world.a.person).order_by("start").last()
    assert last is not None
    with scope(alliance=world.a.alliance):
        services.participation_update(
            access=access_of(world, "cm_a"),
            actor=world.user("cm_a"),
            participation=last,
            version=last.version,
            transition="vocational_training",
        )
    with scopes_disabled():
        assert not Finding.objects.filter(person=world.a.person, rule="MK1").exists()


def test_the_finding_shows_on_the_person_page_and_the_trajectory(world: World, login: Any) -> None:
    three_without_progress(world)
    client = login("cm_a")
    slug, pk = world.a.alliance.slug, world.a.person.pk
    for url in (
        reverse("people:detail", args=[slug, pk]),
        reverse("people:participations:trajectory", args=[slug, pk]),
    ):
        html = whole_person_page(client, url)
        assert "Drei Maßnahmen in Folge ohne Fortschritt" in html, url
        assert "Berufsorientierung 7" in html, url


def test_a_partner_never_sees_findings(world: World, login: Any) -> None:
    three_without_progress(world)
    with scopes_disabled():
        world.consent_a.categories = [*world.consent_a.categories, "participations"]
        world.consent_a.save()
    text = whole_person_page(
        login("partner_a"),
        reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk]),
    )
    assert "Berufsorientierung 7" in text  # the participations, through the consent
    assert "ohne Fortschritt" not in text


def test_the_form_records_a_participation(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("people:participations:create", args=[world.a.alliance.slug, world.a.person.pk])
    response = client.post(
        url,
        {
            "external_title": "Nachhilfe Mathe",
            "external_provider": "Lernhaus",
            "category": "tutoring",
            "start": "2026-01-10",
            "end": "",
            "outcome": "ongoing",
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        assert Participation.objects.get(person=world.a.person).external_title == "Nachhilfe Mathe"


def test_the_form_shows_errors_in_german(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("people:participations:create", args=[world.a.alliance.slug, world.a.person.pk])
    response = client.post(
        url, {"start": "2026-01-10", "outcome": "completed"}, HTTP_ACCEPT_LANGUAGE="de"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Wählen Sie ein Angebot" in html


def test_the_section_query_count_does_not_grow_with_the_history(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jobcenter)
        ParticipationFactory(person=world.a.person, offer=offer, external_title="")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    with scopes_disabled():
        for i in range(40):
            ParticipationFactory(
                person=world.a.person,
                offer=OfferFactory(provider=world.a.jobcenter) if i % 2 else None,
                external_title="" if i % 2 else f"Extern {i}",
                start=dt.date(2020, 1, 1) + dt.timedelta(days=30 * i),
                end=dt.date(2020, 1, 20) + dt.timedelta(days=30 * i),
            )
    with CaptureQueriesContext(connection) as large:
        client.get(url)
    assert len(large) == len(small)


def test_a_deleted_participation_is_gone_and_audited(world: World, login: Any) -> None:
    p = record(world)
    client = login("cm_a")
    url = reverse(
        "people:participations:delete", args=[world.a.alliance.slug, world.a.person.pk, p.pk]
    )
    assert client.post(url).status_code == 302
    with scopes_disabled():
        assert not Participation.objects.filter(pk=p.pk).exists()
        assert AuditEvent.objects.filter(action="delete", object_id=p.pk).exists()
