"""Editing master data and languages: optimistic version check, audit, name keys."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.people.models import Person, PersonLanguage
from tests.conftest import World
from tests.people.intake.factories import LanguageFactory
from tests.people.intake.helpers import languages


def edit_url(world: World) -> str:
    return reverse("people:intake:edit", args=[world.a.alliance.slug, world.a.person.pk])


def edit_data(version: int, **overrides: Any) -> dict[str, Any]:
    data = {
        "given_name": "Youssef",
        "family_name": "PersonA",
        "date_of_birth": "2003-05-17",
        "sex": "male",
        "nationality": "SY",
        "residence": "05315000",
        "version": str(version),
        **languages(("ar", "native"), ("de", "B1")),
    }
    data.update(overrides)
    return data


def reload(world: World) -> Person:
    with scopes_disabled():
        return Person.objects.get(pk=world.a.person.pk)


@pytest.mark.django_db
def test_edit_page_shows_the_current_data_and_languages(world: World, login: Any) -> None:
    with scopes_disabled():
        LanguageFactory(person=world.a.person, language="prs", level="native")
    response = login("cm_a").get(edit_url(world))
    assert response.status_code == 200
    body = response.content.decode()
    assert 'value="CanaryA"' in body and 'name="version"' in body
    assert '<option value="prs" selected>' in body
    assert 'name="sprachen-TOTAL_FORMS"' in body


@pytest.mark.django_db
def test_an_edit_saves_master_data_languages_and_name_keys_and_is_audited(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        LanguageFactory(person=world.a.person, language="fr", level="A1")
    version = reload(world).version
    response = login("cm_a").post(edit_url(world), edit_data(version))
    assert response.status_code == 302
    person = reload(world)
    assert person.given_name == "Youssef" and person.version == version + 1
    assert " yasaf " in person.search_key  # Youssef = Yusuf = Yousef
    with scopes_disabled():
        rows = set(PersonLanguage.objects.filter(person=person).values_list("language", "level"))
        actions = set(
            AuditEvent.objects.filter(object_id__isnull=False)
            .exclude(action="view")
            .values_list("object_type", "action")
        )
    assert rows == {("ar", "native"), ("de", "B1")}
    assert ("people.person", "update") in actions
    assert ("people.personlanguage", "delete") in actions  # French went away
    assert ("people.personlanguage", "create") in actions


@pytest.mark.django_db
def test_two_edits_from_the_same_version_the_second_gets_a_clear_message_and_overwrites_nothing(
    world: World, login: Any
) -> None:
    version = reload(world).version
    first, second = login("cm_a"), login("cm_a")
    assert first.post(edit_url(world), edit_data(version, given_name="Erster")).status_code == 302
    response = second.post(
        edit_url(world),
        edit_data(version, given_name="Zweiter", **languages(("tr", "A1"))),
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert "someone else" in body or "zwischenzeitlich" in body
    person = reload(world)
    assert person.given_name == "Erster" and person.version == version + 1
    with scopes_disabled():
        codes = set(PersonLanguage.objects.filter(person=person).values_list("language", flat=True))
    assert codes == {"ar", "de"}  # the second edit's languages were not written either


@pytest.mark.django_db
def test_a_language_can_be_removed_with_the_delete_box(world: World, login: Any) -> None:
    with scopes_disabled():
        LanguageFactory(person=world.a.person, language="ar", level="native")
        LanguageFactory(person=world.a.person, language="de", level="A2")
    data = edit_data(reload(world).version, **languages(("ar", "native"), ("de", "A2"), initial=2))
    data["sprachen-1-DELETE"] = "on"
    assert login("cm_a").post(edit_url(world), data).status_code == 302
    with scopes_disabled():
        codes = list(
            PersonLanguage.objects.filter(person=world.a.person).values_list("language", flat=True)
        )
    assert codes == ["ar"]
