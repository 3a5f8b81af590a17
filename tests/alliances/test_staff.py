"""A coordinator sets need-to-know on a case manager's membership (issue 21, finding 2):
the case manager then no longer sees persons not assigned to them. Nobody else may set it,
and the change is audited without a personal value."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from teilhabe.core.models import AuditEvent, Membership, Role
from tests.conftest import World

pytestmark = pytest.mark.django_db


def staff_url(world: World) -> str:
    return reverse("alliances:partner_staff", args=[world.a.alliance.slug, world.a.tm_office.pk])


def cm_membership(world: World) -> Membership:
    return Membership.objects.get(
        user=world.users["cm_a"], organisation=world.a.tm_office, role=Role.CASE_MANAGER
    )


def test_a_coordinator_sets_need_to_know_and_the_case_manager_loses_unassigned_persons(
    world: World, login: Callable[[str], Client]
) -> None:
    person = world.a.person
    assert person.assigned_to_id != world.users["cm_a"].pk  # not assigned to cm_a
    cm = login("cm_a")
    detail = reverse("people:detail", args=[world.a.alliance.slug, person.pk])
    listing = reverse("people:list", args=[world.a.alliance.slug])
    assert cm.get(detail).status_code == 200
    assert person.family_name in cm.get(listing).content.decode()

    coord = login("coord_a")
    page = coord.get(staff_url(world))
    assert page.status_code == 200
    assert "cm_a@example.org" in page.content.decode()
    membership = cm_membership(world)
    response = coord.post(
        staff_url(world), {"membership": str(membership.pk), "assigned_only": "1"}
    )
    assert response.status_code == 302

    membership.refresh_from_db()
    assert membership.assigned_only
    assert cm.get(detail).status_code == 404
    assert person.family_name not in cm.get(listing).content.decode()
    event = AuditEvent.objects.get(object_id=membership.pk)
    assert (event.action, event.actor, event.organisation) == (
        AuditEvent.Action.UPDATE,
        world.users["coord_a"],
        world.a.tm_office,
    )
    assert event.purpose == "need-to-know on"


@pytest.mark.parametrize("persona", ["cm_a", "dpo_a", "partner_a", "coord_b"])
def test_nobody_but_the_alliances_coordinator_may_set_need_to_know(
    persona: str, world: World, login: Callable[[str], Client]
) -> None:
    membership = cm_membership(world)
    response = login(persona).post(
        staff_url(world), {"membership": str(membership.pk), "assigned_only": "1"}
    )
    assert response.status_code == 404
    membership.refresh_from_db()
    assert not membership.assigned_only
    assert not AuditEvent.objects.filter(object_id=membership.pk).exists()


def test_a_membership_of_another_organisation_is_not_set_through_this_page(
    world: World, login: Callable[[str], Client]
) -> None:
    other = Membership.objects.get(user=world.users["cm_a_jmd"])
    response = login("coord_a").post(
        staff_url(world), {"membership": str(other.pk), "assigned_only": "1"}
    )
    assert response.status_code == 404
    other.refresh_from_db()
    assert not other.assigned_only


def test_need_to_know_is_refused_on_a_role_that_sees_no_persons_as_owner(
    world: World, login: Callable[[str], Client]
) -> None:
    dpo = Membership.objects.get(user=world.users["dpo_a"])
    response = login("coord_a").post(
        staff_url(world), {"membership": str(dpo.pk), "assigned_only": "1"}
    )
    assert response.status_code == 302
    dpo.refresh_from_db()
    assert not dpo.assigned_only
