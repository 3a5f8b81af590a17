"""Tenancy: scopes guard every person query; access helpers answer 404, never 403."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import ScopeError, scope

from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.people.access import persons_for
from teilhabe.people.models import Person
from tests.conftest import World


@pytest.mark.django_db
def test_a_person_query_outside_a_scope_raises(world: World) -> None:
    with pytest.raises(ScopeError):
        list(Person.objects.all())


@pytest.mark.django_db
def test_case_manager_of_a_gets_404_for_a_person_of_b(world: World, login: Any) -> None:
    url = reverse("people:detail", args=[world.a.alliance.slug, world.b.person.pk])
    assert login("cm_a").get(url).status_code == 404
    # ... and through B's own address, A's case manager is no member: 404 as well.
    url_b = reverse("people:detail", args=[world.b.alliance.slug, world.b.person.pk])
    assert login("cm_a").get(url_b).status_code == 404


@pytest.mark.django_db
def test_case_manager_gets_404_for_a_person_of_another_organisation(
    world: World, login: Any
) -> None:
    url = reverse("people:detail", args=[world.a.alliance.slug, world.person_a_jmd.pk])
    assert login("cm_a").get(url).status_code == 404
    assert login("cm_a_jmd").get(url).status_code == 200


@pytest.mark.django_db
def test_immigration_office_reaches_no_person_page(world: World, login: Any) -> None:
    client = login("abh_a")
    for person in (world.a.person, world.person_a_jmd, world.b.person):
        url = reverse("people:detail", args=[world.a.alliance.slug, person.pk])
        assert client.get(url).status_code == 404
    listing = client.get(reverse("people:list", args=[world.a.alliance.slug]))
    assert b"CanaryA" not in listing.content


@pytest.mark.django_db
def test_need_to_know_membership_sees_only_assigned_persons(world: World) -> None:
    membership = world.a.users["cm_a"].memberships.get()
    membership.assigned_only = True
    membership.save(update_fields=["assigned_only"])
    principal = Principal.for_alliance(world.a.users["cm_a"], world.a.alliance)
    with scope(alliance=world.a.alliance):
        assert list(persons_for(principal)) == []
        world.a.person.assigned_to = world.a.users["cm_a"]
        world.a.person.save(update_fields=["assigned_to"])
        assert list(persons_for(principal)) == [world.a.person]


@pytest.mark.django_db
def test_reading_a_person_page_is_audited_without_personal_values(world: World, login: Any) -> None:
    url = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    assert login("cm_a").get(url).status_code == 200
    event = AuditEvent.objects.filter(action="view").get()
    assert event.object_id == world.a.person.pk
    assert event.alliance == world.a.alliance
    assert event.organisation == world.a.tm_office
    assert event.request_id
    values = " ".join(str(v) for v in AuditEvent.objects.values_list().get(pk=event.pk))
    assert "Canary" not in values


@pytest.mark.django_db(transaction=True)
def test_the_audit_log_refuses_update_and_delete(world: World) -> None:
    from django.db import DatabaseError, connection, transaction

    from teilhabe.core.audit import audit_record

    event = audit_record(action="view", object_type="people.person")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="delete")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM core_auditevent")
    assert AuditEvent.objects.get(pk=event.pk).action == "view"
