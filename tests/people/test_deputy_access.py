"""A need-to-know case manager sees an absent colleague's persons while deputy."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.http import Http404
from django_scopes import scope

from teilhabe.casework.models import Deputy
from teilhabe.core.models import Membership, Role
from teilhabe.people.access import get_person_access, owned_persons, persons_for
from tests import factories as f

FROM = dt.date(2026, 12, 7)
UNTIL = dt.date(2026, 12, 18)
DAY = dt.timedelta(days=1)


@pytest.fixture
def setup(world: Any) -> Any:
    """cm_a is away; cm_a2 (need-to-know) deputises for it from FROM to UNTIL."""
    deputy = f.UserFactory(username="cm_a2", email="cm_a2@example.org")
    f.MembershipFactory(
        user=deputy, organisation=world.a.tm_office, role=Role.CASE_MANAGER, assigned_only=True
    )
    world.users["cm_a2"] = deputy
    absent = world.users["cm_a"]
    with scope(alliance=world.a.alliance):
        world.a.person.assigned_to = absent
        world.a.person.save()
        # cm_a_jmd is also absent-assigned in the JMD; a deputy row there must not leak.
        world.person_a_jmd.assigned_to = absent
        world.person_a_jmd.save()
        Deputy.objects.create(
            alliance=world.a.alliance,
            organisation=world.a.tm_office,
            absent=absent,
            deputy=deputy,
            valid_from=FROM,
            valid_until=UNTIL,
        )
    return world


@pytest.mark.parametrize("day", [FROM, FROM + 3 * DAY, UNTIL])
def test_deputy_sees_the_absent_colleagues_persons_during_the_period(
    setup: Any, principal: Any, day: dt.date
) -> None:
    me = principal("cm_a2")
    with scope(alliance=setup.a.alliance):
        assert list(persons_for(me, day)) == [setup.a.person]
        assert list(owned_persons(me, day)) == [setup.a.person]
        access = get_person_access(me, setup.a.person.pk, day)
        assert access.is_owner


@pytest.mark.parametrize("day", [FROM - DAY, UNTIL + DAY])
def test_deputy_sees_nothing_outside_the_period(setup: Any, principal: Any, day: dt.date) -> None:
    me = principal("cm_a2")
    with scope(alliance=setup.a.alliance):
        assert not persons_for(me, day).exists()
        with pytest.raises(Http404):
            get_person_access(me, setup.a.person.pk, day)


def test_deputy_never_sees_persons_of_another_organisation(setup: Any, principal: Any) -> None:
    me = principal("cm_a2")
    with scope(alliance=setup.a.alliance):
        assert setup.person_a_jmd not in persons_for(me, FROM)
        with pytest.raises(Http404):
            get_person_access(me, setup.person_a_jmd.pk, FROM)


def test_the_deputy_rule_costs_no_query_per_person(
    setup: Any, principal: Any, django_assert_num_queries: Any
) -> None:
    me = principal("cm_a2")
    with scope(alliance=setup.a.alliance):
        for _ in range(5):
            f.PersonFactory(owner=setup.a.tm_office, assigned_to=setup.users["cm_a"])
        with django_assert_num_queries(1):
            assert len(list(persons_for(me, FROM))) == 6


def test_without_need_to_know_the_deputy_row_changes_nothing(setup: Any, principal: Any) -> None:
    Membership.objects.filter(user=setup.users["cm_a2"]).update(assigned_only=False)
    with scope(alliance=setup.a.alliance):
        assert setup.a.person in persons_for(principal("cm_a2"), FROM - DAY)
