"""The person list: variant-tolerant search, residence-status filter and column, sorting,
pagination, constant query count, and no names in URLs for htmx searches."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory, StatusEntryFactory
from tests.people.intake.helpers import count_queries


def list_url(world: World) -> str:
    return reverse("people:list", args=[world.a.alliance.slug])


def add_persons(world: World, n: int) -> None:
    with scopes_disabled():
        for i in range(n):
            person = KeyedPersonFactory(owner=world.a.tm_office, assigned_to=world.users["cm_a"])
            f.CaseFactory(person=person)
            StatusEntryFactory(person=person, valid_from=dt.date(2025, 1, 1))
            StatusEntryFactory(
                person=person, status="gestattung", valid_from=dt.date(2024, 1, 1 + i % 28)
            )


@pytest.mark.django_db
def test_person_list_query_count_is_the_same_for_5_and_50_persons(
    world: World, login: Any, settings: Any
) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "PAGE_SIZE": 100}  # all rows on one page
    client = login("cm_a")
    add_persons(world, 5)
    small = count_queries(client, list_url(world))
    add_persons(world, 45)
    assert count_queries(client, list_url(world)) == small
    filtered = {"q": "vorname", "residence_status": "toleration", "status": "open", "mine": "on"}
    assert count_queries(client, list_url(world), data=filtered) == small


@pytest.mark.django_db
def test_the_name_search_finds_transliteration_variants(world: World, login: Any) -> None:
    with scopes_disabled():
        KeyedPersonFactory(owner=world.a.tm_office, given_name="Muhammad", family_name="Al-Hasan")
        KeyedPersonFactory(owner=world.a.tm_office, given_name="Yusuf", family_name="Demir")
    client = login("cm_a")
    for term in ("Mohammed", "mohamed hassan", "Hasan", "Muham"):
        body = client.get(list_url(world), {"q": term}).content.decode()
        assert "Al-Hasan" in body and "Demir" not in body, term
    body = client.get(list_url(world), {"q": "Youssef"}).content.decode()
    assert "Demir" in body and "Al-Hasan" not in body
    assert "Demir" not in client.get(list_url(world), {"q": "Hussein"}).content.decode()


@pytest.mark.django_db
def test_the_list_shows_and_filters_the_current_residence_status(world: World, login: Any) -> None:
    with scopes_disabled():
        StatusEntryFactory(
            person=world.a.person, status="gestattung", valid_from=dt.date(2024, 1, 1)
        )
        StatusEntryFactory(
            person=world.a.person, status="toleration", valid_from=dt.date(2025, 1, 1)
        )
        other = KeyedPersonFactory(owner=world.a.tm_office, family_name="Ohnestatus")
    client = login("cm_a")
    body = client.get(list_url(world)).content.decode()
    assert "Duldung" in body or "Toleration" in body
    body = client.get(list_url(world), {"residence_status": "toleration"}).content.decode()
    assert "CanaryA" in body and other.family_name not in body
    body = client.get(list_url(world), {"residence_status": "gestattung"}).content.decode()
    assert "CanaryA" not in body  # an earlier status is not the current one


@pytest.mark.django_db
def test_a_partner_sees_the_status_only_when_the_consent_covers_it(
    world: World, login: Any
) -> None:
    with scopes_disabled():
        StatusEntryFactory(person=world.a.person, status="toleration")
        world.consent_a.categories = ["master_data"]
        world.consent_a.save(update_fields=["categories"])
    client = login("partner_a")

    def table(**data: str) -> str:
        return client.post(list_url(world), data, HTTP_HX_REQUEST="true").content.decode()

    assert "CanaryA" in table() and "§ 60a" not in table()
    # Filtering by a status must not reveal it either.
    assert "CanaryA" not in table(residence_status="toleration")
    with scopes_disabled():
        world.consent_a.categories = ["master_data", "residence_status"]
        world.consent_a.save(update_fields=["categories"])
    assert "§ 60a" in table() and "CanaryA" in table(residence_status="toleration")


@pytest.mark.django_db
def test_htmx_search_is_posted_and_pushes_no_url(world: World, login: Any) -> None:
    client = login("cm_a")
    page = client.get(list_url(world)).content.decode()
    assert "hx-push-url" not in page and 'hx-post="' in page
    response = client.post(
        list_url(world), {"q": "canarya", "sort": "-name"}, HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert response.status_code == 200 and "<html" not in body
    assert "CanaryA" in body and "HX-Push-Url" not in response
    assert 'id="person-sort" value="-name" hx-swap-oob="true"' in body


@pytest.mark.django_db
def test_sorting_and_pagination(world: World, login: Any, settings: Any) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "PAGE_SIZE": 2}
    with scopes_disabled():
        for name in ("Bauer", "Adler", "Zimmer"):
            KeyedPersonFactory(owner=world.a.tm_office, family_name=name)
    client = login("cm_a")
    first = client.get(list_url(world), {"sort": "name"}).content.decode()
    assert first.index("Adler") < first.index("Bauer") and "Zimmer" not in first
    assert "Seite 1 von 2" in first or "Page 1 of 2" in first
    reverse_order = client.get(list_url(world), {"sort": "-name"}).content.decode()
    assert "Zimmer" in reverse_order and "Adler" not in reverse_order
    second = client.post(
        list_url(world), {"sort": "name", "seite": "2"}, HTTP_HX_REQUEST="true"
    ).content.decode()
    assert "Zimmer" in second and "Adler" not in second
