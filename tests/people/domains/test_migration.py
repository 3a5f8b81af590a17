"""The data migration gives every domain of the undated list one open period, from the
opening of the person's first case (else the profile's creation), so the set is unchanged."""

from __future__ import annotations

import datetime as dt
import importlib

import pytest
from django.apps import apps
from django_scopes import scopes_disabled

from teilhabe.people.domains.services import current_domains
from teilhabe.people.models import LegalDomainPeriod, Profile
from tests import factories as f
from tests.conftest import World

migration = importlib.import_module("teilhabe.people.migrations.0010_interpreter_legal_domains")


@pytest.mark.django_db
def test_each_listed_domain_becomes_an_open_period_from_the_first_case(world: World) -> None:
    with scopes_disabled():
        person = world.a.person
        world.a.case.opened_on = dt.date(2025, 4, 1)
        world.a.case.save()
        f.CaseFactory(person=person, opened_on=dt.date(2024, 9, 1), status="closed")
        Profile.objects.create(
            alliance=person.alliance, person=person, legal_domains=["asylblg", "sgb8"]
        )
        lone = f.PersonFactory(owner=world.a.tm_office)
        lone_profile = Profile.objects.create(
            alliance=lone.alliance, person=lone, legal_domains=["none"]
        )
        migration.open_periods(apps, None)
        periods = list(LegalDomainPeriod.objects.filter(person=person))
        assert current_domains(periods) == ["asylblg", "sgb8"]
        assert {p.started_on for p in periods} == {dt.date(2024, 9, 1)}
        [none] = LegalDomainPeriod.objects.filter(person=lone)
        assert none.domain == "none" and none.started_on == lone_profile.created_at.date()
