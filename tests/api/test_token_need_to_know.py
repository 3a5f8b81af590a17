"""An API token never sees more than its issuer: a need-to-know issuer's token reads only
the issuer's assigned persons (probe finding: the token listed the whole organisation)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Contact
from teilhabe.core.models import Membership, Role
from tests.casework.sharing.factories import issue_token
from tests.conftest import World


def api(name: str, world: World, *args: Any) -> str:
    return reverse(f"api:{name}", args=[world.a.alliance.slug, *args])


@pytest.mark.django_db
def test_a_need_to_know_case_managers_token_reads_only_the_persons_assigned_to_them(
    world: World, login: Any
) -> None:
    issued = issue_token(world.a.tm_office, Role.CASE_MANAGER)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {issued.plain}"}
    person = world.a.person
    with scopes_disabled():
        holder = Membership.objects.get(
            user=issued.token.created_by, organisation=world.a.tm_office, role=Role.CASE_MANAGER
        )
        Membership.objects.filter(pk=holder.pk).update(assigned_only=True)
        person.assigned_to = None
        person.save(update_fields=["assigned_to"])
        Contact.objects.create(
            alliance=world.a.alliance,
            case=world.a.case,
            organisation=world.a.tm_office,
            on=world.a.case.opened_on,
            duration_minutes=30,
            channel="phone",
            note="NOTIZ-NUR-ZUGEWIESEN",
        )
    client = login(next(key for key, user in world.users.items() if user.pk == holder.user_id))
    # The issuer's own session: not assigned, so 404 — and the token answers the same.
    assert (
        client.get(reverse("people:detail", args=[world.a.alliance.slug, person.pk])).status_code
        == 404
    )
    token = Client()
    assert token.get(api("person_detail", world, person.pk), **bearer).status_code == 404
    contacts = token.get(api("contact_list", world, person.pk), **bearer)
    assert contacts.status_code == 404 and b"NOTIZ-NUR-ZUGEWIESEN" not in contacts.content
    listed = token.get(api("person_list", world), **bearer).json()["items"]
    assert str(person.pk) not in {item["id"] for item in listed}
    # Assigned to the issuer: the token reads the person and the note.
    with scopes_disabled():
        person.assigned_to = holder.user
        person.save(update_fields=["assigned_to"])
    assert token.get(api("person_detail", world, person.pk), **bearer).status_code == 200
    notes = token.get(api("contact_list", world, person.pk), **bearer).json()["items"]
    assert [n["note"] for n in notes] == ["NOTIZ-NUR-ZUGEWIESEN"]
    listed = token.get(api("person_list", world), **bearer).json()["items"]
    assert str(person.pk) in {item["id"] for item in listed}


@pytest.mark.django_db
def test_a_token_whose_issuer_no_longer_holds_the_role_reads_no_case_managed_person(
    world: World,
) -> None:
    issued = issue_token(world.a.tm_office, Role.CASE_MANAGER)
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {issued.plain}"}
    with scopes_disabled():
        Membership.objects.filter(
            user=issued.token.created_by, organisation=world.a.tm_office, role=Role.CASE_MANAGER
        ).update(is_active=False)
        world.a.person.assigned_to = None
        world.a.person.save(update_fields=["assigned_to"])
    response = Client().get(api("person_detail", world, world.a.person.pk), **bearer)
    assert response.status_code in (401, 404)
