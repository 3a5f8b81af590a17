"""The "work permitted" rule: a Nebenbestimmung that forbids work closes internships, EQ and
training places; a Beschäftigungserlaubnis for the provider opens that provider's offers."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from teilhabe.core.roles import Principal
from teilhabe.offers import gaps
from teilhabe.offers import selectors as sel
from teilhabe.offers.eligibility import WORK, OfferRules, PersonFacts, check
from teilhabe.people.access import get_person_access
from teilhabe.people.intake.permit_services import (
    work_permission_record,
    work_permission_withdraw,
)
from teilhabe.people.models import Person, ResidenceStatusEntry, WorkPermission
from tests.conftest import World
from tests.offers.factories import OfferFactory
from tests.offers.helpers import field, person

REASON = "nicht zugänglich: Erwerbstätigkeit nicht gestattet"


def facts(condition: str | None, permitted: frozenset[Any] = frozenset()) -> PersonFacts:
    return PersonFacts("toleration", 20, "B1", frozenset(), condition, permitted)


def test_work_forbidden_closes_an_offer_that_requires_permission_to_work() -> None:
    rules = OfferRules(requires_work_permission=True, provider_id="jmd")
    with translation.override("de"):
        verdict = check(facts("work_forbidden"), rules)
    assert verdict.rules == {WORK}
    assert verdict.reasons == [REASON]
    assert check(facts("work_forbidden", frozenset({"jmd"})), rules).eligible
    assert not check(facts("work_forbidden", frozenset({"other"})), rules).eligible


def test_work_only_with_permission_needs_one_for_that_provider() -> None:
    rules = OfferRules(requires_work_permission=True, provider_id="jmd")
    with translation.override("de"):
        reasons = check(facts("work_needs_permission", frozenset({"other"})), rules).reasons
    assert reasons == ["nicht zugänglich: keine Beschäftigungserlaubnis für diesen Träger"]
    assert check(facts("work_needs_permission", frozenset({"jmd"})), rules).eligible


def test_offers_without_the_rule_and_persons_allowed_to_work_are_untouched() -> None:
    assert check(facts("work_forbidden"), OfferRules(provider_id="jmd")).eligible
    assert check(facts(None), OfferRules(requires_work_permission=True)).eligible


def owner_access(world: World) -> Any:
    principal = Principal.for_alliance(world.users["cm_a"], world.a.alliance)
    return get_person_access(principal, world.a.person.pk)


def duldung_without_work(world: World) -> ResidenceStatusEntry:
    with scopes_disabled():
        return ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            status="toleration",
            valid_from=dt.date(2025, 1, 1),
            valid_until=timezone.localdate() + dt.timedelta(days=200),
            conditions=["work_forbidden"],
        )


def matching_page(world: World, client: Any) -> str:
    url = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    return client.get(f"{url}?bereich=freigaben").content.decode()


@pytest.mark.django_db
def test_a_work_permission_for_the_provider_lifts_the_exclusion_on_the_page(
    world: World, login: Any
) -> None:
    """Acceptance: Duldung with "Erwerbstätigkeit nicht gestattet" → the internship reads
    "nicht zugänglich: Erwerbstätigkeit nicht gestattet"; after a Beschäftigungserlaubnis
    for that provider the reason is gone (page and pure function agree)."""
    entry = duldung_without_work(world)
    with scopes_disabled():
        internship = OfferFactory(
            provider=world.a.jmd, title="Praktikum Kfz", category="internship", free_places=2
        )
        assert internship.requires_work_permission is False  # the factory bypasses the form
        internship.requires_work_permission = True
        internship.save()
    client = login("cm_a")
    html = matching_page(world, client)
    assert "Praktikum Kfz" in html
    assert REASON in html
    with scope(alliance=world.a.alliance):
        work_permission_record(
            access=owner_access(world),
            kind="internship",
            granted_on=timezone.localdate(),
            valid_until=entry.valid_until,
            status_entry=entry,
            provider=world.a.jmd,
        )
        today = timezone.localdate()
        found = sel.facts_for(Person.objects.filter(pk=world.a.person.pk), today)
        verdict = check(found[world.a.person.pk], sel.rules_of(internship))
    assert verdict.eligible
    assert REASON not in matching_page(world, client)


@pytest.mark.django_db
def test_a_withdrawn_permission_closes_the_offer_again(world: World) -> None:
    entry = duldung_without_work(world)
    with scopes_disabled():
        offer = OfferFactory(provider=world.a.jmd, requires_work_permission=True)
    with scope(alliance=world.a.alliance):
        access = owner_access(world)
        permission = work_permission_record(
            access=access,
            kind="internship",
            granted_on=timezone.localdate(),
            valid_until=entry.valid_until,
            status_entry=entry,
            provider=world.a.jmd,
        )
        work_permission_withdraw(access=access, permission=permission)
        today = timezone.localdate()
        found = sel.facts_for(Person.objects.filter(pk=world.a.person.pk), today)
    assert check(found[world.a.person.pk], sel.rules_of(offer)).rules == {WORK}


@pytest.mark.django_db
def test_the_gap_analysis_counts_the_work_rule_under_its_key(world: World) -> None:
    owner = world.a.tm_office
    with scopes_disabled():
        OfferFactory(
            provider=world.a.jmd,
            category="internship",
            free_places=3,
            requires_work_permission=True,
        )
    person(owner, conditions=["work_forbidden"], needs={"work_training": "urgent"})
    person(owner, conditions=["work_permitted"], needs={"work_training": "urgent"})
    with scope(alliance=world.a.alliance):
        detail = gaps.drilldown(world.a.alliance, field("work_training"), "duldung")
    counts = {r.rule: (r.excluded, r.only_obstacle) for r in detail.rules}
    assert counts["work"] == (1, 1)
    assert (detail.with_access, detail.without_access) == (1, 1)


@pytest.mark.django_db
def test_loading_the_facts_reads_permissions_in_one_query_however_many_persons(
    world: World,
) -> None:
    def queries(n: int) -> int:
        with scopes_disabled():
            for _ in range(n):
                p = person(world.a.tm_office, conditions=["work_needs_permission"])
                WorkPermission.objects.create(
                    alliance=world.a.alliance,
                    person=p,
                    provider=world.a.jmd,
                    kind="training",
                    granted_on=dt.date(2025, 1, 1),
                )
            persons = Person.objects.filter(alliance=world.a.alliance)
            with CaptureQueriesContext(connection) as ctx:
                found = sel.facts_for(persons, timezone.localdate())
        assert all(
            fa.permitted_providers == frozenset({world.a.jmd.pk})
            for fa in found.values()
            if fa.work_condition
        )
        return len(ctx.captured_queries)

    assert queries(1) == queries(5)
