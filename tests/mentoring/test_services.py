"""Writes of the mentoring app: a pair only under the consent, ended with a reason,
check-ins by the volunteer organisation's coordinator, the volunteer's own profile."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent, Role
from teilhabe.core.roles import Principal
from teilhabe.mentoring import services
from teilhabe.mentoring.models import MentoringPair
from teilhabe.people.access import get_person_access
from tests import factories as f
from tests.conftest import World
from tests.mentoring.helpers import accompaniment_consent, pair, profile, volunteer_of


@pytest.fixture
def volunteer(world: World) -> Any:
    return profile(volunteer_of(world.a.alliance, "volunteer_a"))


def _create(world: World, principal: Any, volunteer: Any, persona: str = "cm_a") -> MentoringPair:
    with scope(alliance=world.a.alliance):
        access = get_person_access(principal(persona), world.a.person.pk)
        return services.mentoring_pair_create(
            access=access, volunteer=volunteer, goal="Deutsch üben", started_on=dt.date(2026, 3, 1)
        )


@pytest.mark.django_db
def test_a_pair_is_refused_without_the_consent_to_accompaniment(
    world: World, principal: Any, volunteer: Any
) -> None:
    # The world's consent names the Jobcenter with three page categories: not enough.
    with pytest.raises(ValidationError) as refused:
        _create(world, principal, volunteer)
    assert refused.value.code == "consent"
    with scopes_disabled():
        assert not MentoringPair.objects.exists()


@pytest.mark.django_db
def test_a_consent_naming_another_organisation_does_not_permit_the_pair(
    world: World, principal: Any, volunteer: Any
) -> None:
    accompaniment_consent(world.a.person, world.a.jobcenter)
    with pytest.raises(ValidationError):
        _create(world, principal, volunteer)


@pytest.mark.django_db
def test_the_case_manager_creates_a_pair_under_the_consent_audited_with_it(
    world: World, principal: Any, volunteer: Any
) -> None:
    consent = accompaniment_consent(world.a.person, volunteer.organisation)
    created = _create(world, principal, volunteer)
    assert (created.organisation_id, created.case_manager) == (
        volunteer.organisation_id,
        world.users["cm_a"],
    )
    with scopes_disabled():
        event = AuditEvent.objects.get(action="create", object_id=created.pk)
    assert event.consent_id == consent.pk


@pytest.mark.django_db
def test_a_partner_with_a_consent_cannot_create_a_pair(
    world: World, principal: Any, volunteer: Any
) -> None:
    accompaniment_consent(world.a.person, volunteer.organisation)
    with pytest.raises(Http404):
        _create(world, principal, volunteer, persona="partner_a")


@pytest.mark.django_db
def test_a_pair_ends_with_a_reason_once(world: World, principal: Any, volunteer: Any) -> None:
    the_pair = pair(world.a.person, volunteer, world.users["cm_a"])
    with scope(alliance=world.a.alliance):
        access = get_person_access(principal("cm_a"), world.a.person.pk)
        with pytest.raises(ValidationError):
            services.mentoring_pair_close(
                access=access, pair=the_pair, ended_on=dt.date(2026, 5, 1), end_reason="bored"
            )
        services.mentoring_pair_close(
            access=access, pair=the_pair, ended_on=dt.date(2026, 5, 1), end_reason="goal_reached"
        )
        with pytest.raises(Http404):
            services.mentoring_pair_close(
                access=access, pair=the_pair, ended_on=dt.date(2026, 5, 2), end_reason="other"
            )
    the_pair.refresh_from_db()
    assert (the_pair.ended_on, the_pair.end_reason) == (dt.date(2026, 5, 1), "goal_reached")


@pytest.mark.django_db
def test_only_the_volunteer_organisations_coordinator_records_check_ins(
    world: World, volunteer: Any
) -> None:
    the_pair = pair(world.a.person, volunteer, world.users["cm_a"])
    own = f.MembershipFactory(organisation=volunteer.organisation, role=Role.COORDINATOR)
    with scope(alliance=world.a.alliance):
        with pytest.raises(Http404):  # the alliance's coordinator, another organisation
            services.checkin_record(
                principal=Principal.for_alliance(world.users["coord_a"], world.a.alliance),
                pair=the_pair,
                on=dt.date(2026, 3, 10),
                note="Erstes Treffen",
            )
        checkin = services.checkin_record(
            principal=Principal.for_alliance(own.user, world.a.alliance),
            pair=the_pair,
            on=dt.date(2026, 3, 10),
            note="Erstes Treffen",
        )
    assert checkin.recorded_by == own.user and checkin.pair == the_pair


@pytest.mark.django_db
def test_the_volunteer_registers_edits_and_withdraws_their_own_profile(world: World) -> None:
    membership = volunteer_of(world.a.alliance, "volunteer_a")
    principal = Principal.for_alliance(membership.user, world.a.alliance)
    with scope(alliance=world.a.alliance):
        first = services.volunteer_profile_set(
            principal=principal,
            organisation=membership.organisation,
            availability="abends",
            languages="Farsi",
            skills="Mathe",
        )
        services.volunteer_profile_withdraw(principal=principal, profile=first)
        first.refresh_from_db()
        assert first.consent_withdrawn_on and (first.languages, first.skills) == ("", "")
        again = services.volunteer_profile_set(
            principal=principal,
            organisation=membership.organisation,
            availability="",
            languages="Deutsch",
            skills="",
        )
    assert again.pk == first.pk and again.consent_withdrawn_on is None
    with pytest.raises(Http404):  # a case manager has no volunteer membership
        services.volunteer_profile_set(
            principal=Principal.for_alliance(world.users["cm_a"], world.a.alliance),
            organisation=membership.organisation,
            availability="",
            languages="",
            skills="",
        )
