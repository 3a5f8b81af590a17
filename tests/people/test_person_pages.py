"""Person list and detail: filters, sorting, and a query count that does not grow."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from tests import factories as f
from tests.clock import steady_clock
from tests.conftest import World


def queries(client: Any, url: str) -> int:
    with steady_clock():
        client.get(url)  # warm caches (e.g. the attribution line) so only per-page work counts
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def add_persons(world: World, n: int) -> None:
    with scopes_disabled():
        for _ in range(n):
            f.CaseFactory(
                person=f.PersonFactory(owner=world.a.tm_office, assigned_to=world.users["cm_a"])
            )


@pytest.mark.django_db
def test_person_list_query_count_is_the_same_for_5_and_25_persons(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("people:list", args=[world.a.alliance.slug])
    add_persons(world, 4)
    small = queries(client, url)
    add_persons(world, 20)
    assert queries(client, url) == small


@pytest.mark.django_db
def test_person_detail_query_count_is_the_same_for_1_and_30_cases(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    one = queries(client, url)
    with scopes_disabled():
        for _ in range(29):
            f.CaseFactory(person=world.a.person, status="closed")
    assert queries(client, url) == one


@pytest.mark.django_db
def test_person_list_filters_by_name_and_own_cases(world: World, login: Any) -> None:
    add_persons(world, 3)
    client = login("cm_a")
    url = reverse("people:list", args=[world.a.alliance.slug])
    body = client.get(url, {"q": "canarya"}).content.decode()
    assert "CanaryA" in body and "Vorname" not in body
    mine = client.get(url, {"mine": "on"}).content.decode()
    assert "CanaryA" not in mine and "Vorname" in mine


@pytest.mark.django_db
def test_htmx_request_returns_only_the_table(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("people:list", args=[world.a.alliance.slug])
    body = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "CanaryA" in body and "<html" not in body


@pytest.mark.django_db
def test_unknown_alliance_and_unknown_person_are_404(world: World, login: Any) -> None:
    client = login("cm_a")
    assert client.get("/b/gibt-es-nicht/personen/").status_code == 404
    url = reverse(
        "people:detail", args=[world.a.alliance.slug, "00000000-0000-4000-8000-000000000000"]
    )
    assert client.get(url).status_code == 404
