"""The rows of access_matrix.py checked on their own (the project-wide matrix test walks
them too): every people:work URL × every persona, plus objects of other persons."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import get_resolver, reverse
from django_scopes import scopes_disabled

from tests import factories as f
from tests.casework.work.access_matrix import EXPECTED, url_kwargs
from tests.casework.work.factories import GoalFactory
from tests.conftest import PERSONAS, World
from tests.matrix.test_permission_matrix import _walk


def _params(name: str) -> list[str]:
    pattern = dict(_walk(get_resolver()))[name]
    return [a or b for a, b in re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", pattern)]


@pytest.mark.django_db
def test_every_work_url_answers_each_persona_as_the_matrix_says(world: World, login: Any) -> None:
    kwargs = {"alliance_slug": world.a.alliance.slug, "person_id": world.a.person.pk}
    kwargs.update(url_kwargs(world))
    clients = {persona: login(persona) for persona in PERSONAS}
    mismatches = []
    for name, expected in EXPECTED.items():
        url = reverse(name, kwargs={k: kwargs[k] for k in _params(name)})
        for persona in PERSONAS:
            status = clients[persona].get(url).status_code
            if status != expected[persona]:
                mismatches.append(f"{name} as {persona}: {status} (expected {expected[persona]})")
    assert not mismatches, "\n".join(mismatches)


@pytest.mark.django_db
def test_a_person_of_another_alliance_is_404_on_every_work_page(world: World, login: Any) -> None:
    client = login("cm_a")
    for name in ["people:work:trajectory", "people:work:plan", "people:work:contacts"]:
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
