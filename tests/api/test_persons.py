"""The API uses the same access helpers and audit as the pages."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from tests import factories as f
from tests.conftest import World


@pytest.mark.django_db
def test_case_manager_lists_and_reads_own_persons_through_the_api(world: World, login: Any) -> None:
    client = login("cm_a")
    listing = client.get(reverse("api:person_list", args=[world.a.alliance.slug]))
    assert listing.status_code == 200
    names = [p["given_name"] for p in listing.json()["items"]]
    assert names == ["CanaryA"]
    detail = client.get(
        reverse("api:person_detail", args=[world.a.alliance.slug, world.a.person.pk])
    )
    assert detail.status_code == 200
    assert detail.json()["cases"][0]["status"] == "open"
    assert AuditEvent.objects.filter(action="view", object_id=world.a.person.pk).count() == 1


@pytest.mark.django_db
def test_api_answers_404_for_other_alliances_and_organisations(world: World, login: Any) -> None:
    client = login("cm_a")
    for slug, person in (
        (world.a.alliance.slug, world.b.person),
        (world.b.alliance.slug, world.b.person),
        (world.a.alliance.slug, world.person_a_jmd),
    ):
        assert client.get(reverse("api:person_detail", args=[slug, person.pk])).status_code == 404
    assert client.get(reverse("api:person_list", args=[world.b.alliance.slug])).status_code == 404


@pytest.mark.django_db
def test_api_without_login_is_401(world: World, client: Any) -> None:
    assert client.get(reverse("api:me")).status_code == 401


@pytest.mark.django_db
def test_openapi_document_lists_the_person_routes(world: World, login: Any) -> None:
    spec = login("cm_a").get(reverse("api:openapi-json")).json()
    assert "/api/v1/buendnisse/{alliance}/personen/{person_id}" in spec["paths"]


def _add_persons(world: World, count: int) -> None:
    """`count` persons of case management A, each shared with Jobcenter A by a consent
    covering only the participations (so the partner sees them under a pseudonym)."""
    with scopes_disabled():
        for _ in range(count):
            person = f.PersonFactory(owner=world.a.tm_office)
            f.CaseFactory(person=person)
            consent = f.ConsentFactory(person=person, categories=["participations"])
            consent.recipients.set(
                [world.a.jobcenter], through_defaults={"alliance_id": consent.alliance_id}
            )


def _page_queries(client: Any, url: str, page: int) -> tuple[int, list[dict[str, Any]]]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, {"page": page})
    assert response.status_code == 200
    # The persons are read a page at a time, never all of them to slice in Python.
    persons = [q["sql"] for q in ctx if 'FROM "people_person"' in q["sql"]]
    offset = f" OFFSET {(page - 1) * 50}" if page > 1 else ""
    assert all("COUNT(" in sql or sql.endswith(f"LIMIT 50{offset}") for sql in persons)
    return len(ctx), response.json()["items"]


@pytest.mark.parametrize("persona", ["cm_a", "partner_a"])
def test_the_api_person_list_pages_in_the_database_with_constant_queries(
    world: World, login: Any, persona: str
) -> None:
    client = login(persona)
    url = reverse("api:person_list", args=[world.a.alliance.slug])
    _add_persons(world, 10)
    _page_queries(client, url, 1)  # the session's first request does more (its login's)
    few, _ = _page_queries(client, url, 1)
    _add_persons(world, 190)
    first, items = _page_queries(client, url, 1)
    late, late_items = _page_queries(client, url, 4)
    assert few == first == late
    assert len(items) == len(late_items) == 50
    assert not {p["id"] for p in items} & {p["id"] for p in late_items}


def test_a_partner_page_names_only_what_its_consents_share(world: World, login: Any) -> None:
    _add_persons(world, 60)
    client = login("partner_a")
    url = reverse("api:person_list", args=[world.a.alliance.slug])
    rows = _page_queries(client, url, 1)[1] + _page_queries(client, url, 2)[1]
    named = [p for p in rows if p["given_name"] is not None]
    assert [p["given_name"] for p in named] == ["CanaryA"]  # consent_a shares master data
    assert len(rows) == 61
    assert all(p["label"].startswith("Person ") for p in rows if p not in named)


def _status_with_permission(world: World) -> None:
    import datetime as dt

    from teilhabe.people.models import ResidenceStatusEntry, WorkPermission

    with scopes_disabled():
        entry = ResidenceStatusEntry.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            status="toleration",
            valid_from=dt.date(2026, 1, 1),
            valid_until=dt.date(2026, 12, 31),
            conditions=["work_needs_permission"],
            residence_gemeinde_id="05315000",
        )
        WorkPermission.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            status_entry=entry,
            provider=world.a.jmd,
            kind="training",
            granted_on=dt.date(2026, 2, 1),
            valid_until=dt.date(2026, 12, 31),
        )


@pytest.mark.django_db
def test_the_person_detail_carries_conditions_and_work_permissions_by_category(
    world: World, login: Any
) -> None:
    _status_with_permission(world)
    url = reverse("api:person_detail", args=[world.a.alliance.slug, world.a.person.pk])
    for user in ("cm_a", "partner_a"):  # partner_a's consent includes the residence status
        body = login(user).get(url).json()
        [entry] = body["residence_status"]
        assert entry["conditions"] == ["work_needs_permission"]
        assert entry["residence_obligation_ags"] == "05315000"
        assert [p["kind"] for p in body["work_permissions"]] == ["training"]
    with scopes_disabled():
        world.consent_a.categories = ["master_data", "education"]
        world.consent_a.save()
    body = login("partner_a").get(url).json()
    assert body["residence_status"] == [] and body["work_permissions"] == []
