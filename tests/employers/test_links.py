"""Work experiences and participations link to a firm of the alliance's directory; a firm of
another alliance is refused with the field named, and the pages name the linked firm."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.employers.models import Employer
from teilhabe.people.access import get_person_access
from teilhabe.people.intake.profile_services import ExperienceData, experience_add
from teilhabe.trajectories.models import Participation
from teilhabe.trajectories.services import participation_record
from tests.conftest import World

pytestmark = pytest.mark.django_db


def _firm(alliance: Any, name: str) -> Employer:
    with scopes_disabled():
        return Employer.objects.create(alliance=alliance, name=name, sector="craft")


def test_an_experience_names_the_firm_of_the_directory_on_the_person_page(
    world: World, principal: Any, login: Any
) -> None:
    firm = _firm(world.a.alliance, "Kfz-Meisterbetrieb Ehrenfeld")
    with scope(alliance=world.a.alliance):
        access = get_person_access(principal("cm_a"), world.a.person.pk)
        experience_add(
            access=access,
            data=ExperienceData(kind="internship", title="Praktikum", employer_entry_id=firm.pk),
        )
    page = login("cm_a").get(
        reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk]),
        {"bereich": "bildung"},
    )
    assert "Kfz-Meisterbetrieb Ehrenfeld" in page.content.decode()


def test_a_firm_of_another_alliance_is_refused_for_an_experience(
    world: World, principal: Any
) -> None:
    foreign = _firm(world.b.alliance, "Betrieb B")
    with scope(alliance=world.a.alliance), pytest.raises(ValidationError) as caught:
        access = get_person_access(principal("cm_a"), world.a.person.pk)
        experience_add(
            access=access,
            data=ExperienceData(kind="work", title="Lager", employer_entry_id=foreign.pk),
        )
    assert "employer_entry" in caught.value.message_dict


def test_the_experience_form_offers_only_the_alliances_own_current_firms(
    world: World, login: Any
) -> None:
    _firm(world.a.alliance, "Eigener Betrieb")
    _firm(world.b.alliance, "Fremder Betrieb")
    with scopes_disabled():
        archived = _firm(world.a.alliance, "Alter Betrieb")
        Employer.objects.filter(pk=archived.pk).update(archived_on=dt.date(2026, 1, 1))
    url = reverse("people:intake:experience_add", args=[world.a.alliance.slug, world.a.person.pk])
    text = login("cm_a").get(url).content.decode()
    assert "Eigener Betrieb" in text
    assert "Fremder Betrieb" not in text and "Alter Betrieb" not in text


def test_a_participation_keeps_its_firm_and_refuses_another_alliances(
    world: World, principal: Any
) -> None:
    own, foreign = _firm(world.a.alliance, "Eigener Betrieb"), _firm(world.b.alliance, "B")
    values = {"external_title": "Praktikum", "category": "internship",
              "start": dt.date(2026, 3, 1), "outcome": "ongoing"}  # fmt: skip
    with scope(alliance=world.a.alliance):
        access = get_person_access(principal("cm_a"), world.a.person.pk)
        actor = world.users["cm_a"]
        made = participation_record(access=access, actor=actor, offer=None, employer=own, **values)
        assert Participation.objects.get(pk=made.pk).employer_id == own.pk
        with pytest.raises(ValidationError) as caught:
            participation_record(access=access, actor=actor, offer=None, employer=foreign, **values)
    assert "employer" in caught.value.message_dict
