"""Work pages and objects of other persons answer 404 (the rows of access_matrix.py are
checked URL × persona by tests/matrix/test_permission_matrix.py)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f
from tests.casework.work.factories import GoalFactory
from tests.conftest import World


@pytest.mark.django_db
def test_a_person_of_another_alliance_is_404_on_every_work_page(world: World, login: Any) -> None:
    client = login("cm_a")
    for name in ["people:participations:trajectory", "people:work:plan", "people:work:contacts"]:
        url = reverse(name, args=[world.a.alliance.slug, world.b.person.pk])
        assert client.get(url).status_code == 404


@pytest.mark.django_db
def test_a_goal_of_another_person_is_404(world: World, login: Any) -> None:
    with scopes_disabled():
        other = f.CaseFactory(person=f.PersonFactory(owner=world.a.tm_office))
        goal = GoalFactory(case=other)
    url = reverse("people:work:goal_edit", args=[world.a.alliance.slug, world.a.person.pk, goal.pk])
    assert login("cm_a").get(url).status_code == 404


@pytest.mark.django_db
def test_the_immigration_office_records_no_contacts_even_with_a_consent(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        consent = f.ConsentFactory(
            person=world.a.person, organisation=world.a.tm_office, categories=["master_data"]
        )
        consent.recipients.set([world.a.abh], through_defaults={"alliance_id": consent.alliance_id})
    client = login("abh_a")
    slug, pk = world.a.alliance.slug, world.a.person.pk
    assert client.get(reverse("people:detail", args=[slug, pk])).status_code == 200
    assert client.get(reverse("people:work:contacts", args=[slug, pk])).status_code == 404
    assert client.get(reverse("people:work:contact_create", args=[slug, pk])).status_code == 404
