"""A merge moves the absorbed record's legal-domain periods and interpreter needs; the
survivor's current domains are derived again, and an undo restores both sets."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.core.roles import Principal
from teilhabe.people.access import get_person_access
from teilhabe.people.merge.services import person_merge, person_merge_withdraw
from teilhabe.people.models import InterpreterNeed, LegalDomainPeriod, Person, Profile
from tests import factories as f
from tests.conftest import World


def _period(person: Person, domain: str) -> LegalDomainPeriod:
    return LegalDomainPeriod.objects.create(
        alliance=person.alliance, person=person, domain=domain, started_on=dt.date(2025, 1, 1)
    )


def _domains(person: Any) -> list[str]:
    return Profile.objects.get(person=person).legal_domains


@pytest.mark.django_db
def test_the_survivor_gets_the_absorbed_domains_and_the_undo_gives_them_back(
    world: World,
) -> None:
    with scopes_disabled():
        survivor = world.a.person
        absorbed = f.PersonFactory(owner=world.a.tm_office)
        _period(survivor, "sgb2")
        Profile.objects.create(alliance=survivor.alliance, person=survivor, legal_domains=["sgb2"])
        _period(absorbed, "sgb8")
        Profile.objects.create(alliance=absorbed.alliance, person=absorbed, legal_domains=["sgb8"])
        InterpreterNeed.objects.create(alliance=absorbed.alliance, person=absorbed, language="ar")
        principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
        access = get_person_access(principal, survivor.pk)
        merge = person_merge(
            access=access, other=get_person_access(principal, absorbed.pk), keep_other={}
        )
        assert _domains(survivor) == ["sgb2", "sgb8"]
        assert InterpreterNeed.objects.filter(person=survivor).count() == 1
        person_merge_withdraw(access=get_person_access(principal, survivor.pk), merge=merge)
        assert _domains(survivor) == ["sgb2"]
        assert _domains(absorbed) == ["sgb8"]
        assert InterpreterNeed.objects.filter(person=absorbed).count() == 1
