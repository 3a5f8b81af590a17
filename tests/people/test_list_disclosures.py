"""A partner's person list, its search, the API list and search and the table export are
disclosures: one `ListDisclosure` per request naming each person and consent, so the
Art. 15 answer names the real recipients (issue 21, finding 5). Own persons are no
disclosure."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.people.models import ListDisclosure, ListDisclosureEntry
from teilhabe.privacy.art15 import recipients
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db


def entries() -> list[tuple[str, Any, Any, Any]]:
    with scopes_disabled():
        return [
            (e.disclosure.surface, e.person_id, e.consent_id, e.organisation_id)
            for e in ListDisclosureEntry.objects.select_related("disclosure").order_by("id")
        ]


def test_the_partner_list_and_search_record_each_shown_person_and_consent(
    world: World, login: Any
) -> None:
    client = login("partner_a")
    url = reverse("people:list", args=[world.a.alliance.slug])
    client.get(url)
    client.get(url, {"q": "CanaryA"})
    client.get(url, {"q": "nobody"})  # shows no one: nothing to record
    shown = (world.a.person.pk, world.consent_a.pk, world.a.jobcenter.pk)
    assert entries() == [("list", *shown), ("search", *shown)]
    with scopes_disabled():
        disclosure = ListDisclosure.objects.order_by("id").first()
    assert disclosure is not None and disclosure.actor == world.users["partner_a"]


def test_the_api_list_search_and_the_table_export_are_recorded_too(
    world: World, login: Any
) -> None:
    client = login("partner_a")
    slug = world.a.alliance.slug
    client.get(reverse("api:person_list", args=[slug]))
    client.get(reverse("api:person_list", args=[slug]), {"q": "Canary"})
    export = client.get(
        reverse("people:list", args=[slug]), {"tabelle": "person-caption", "als": "csv"}
    )
    assert export.status_code == 200
    assert [e[0] for e in entries()] == ["api_list", "api_search", "export"]


def test_own_persons_are_no_disclosure(world: World, login: Any) -> None:
    login("cm_a").get(reverse("people:list", args=[world.a.alliance.slug]))
    login("cm_a").get(reverse("api:person_list", args=[world.a.alliance.slug]))
    assert entries() == []


def test_one_request_writes_two_rows_whatever_the_page_size(world: World, login: Any) -> None:
    with scopes_disabled():
        for _ in range(30):
            person = f.PersonFactory(owner=world.a.tm_office)
            consent = f.ConsentFactory(person=person, categories=["participations"])
            consent.recipients.set(
                [world.a.jobcenter], through_defaults={"alliance_id": consent.alliance_id}
            )
    client = login("partner_a")
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("api:person_list", args=[world.a.alliance.slug]))
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert [q["sql"].split()[2].strip('"') for q in inserts] == [
        "people_listdisclosure",
        "people_listdisclosureentry",
    ]
    assert len(entries()) == 31


def test_the_art15_answer_names_the_organisation_that_saw_the_person_in_a_list(
    world: World, login: Any
) -> None:
    with scope(alliance=world.a.alliance):
        before = recipients(world.a.person, [world.a.person.pk])
    assert before == []
    login("partner_a").get(reverse("people:list", args=[world.a.alliance.slug]))
    with scope(alliance=world.a.alliance):
        (row,) = recipients(world.a.person, [world.a.person.pk])
    assert row["organisation"] == world.a.jobcenter.name and row["reads"] == 1
    assert row["consent_ids"] == [str(world.consent_a.pk)]


def test_list_disclosures_cannot_be_changed(world: World, login: Any) -> None:
    login("partner_a").get(reverse("people:list", args=[world.a.alliance.slug]))
    with scopes_disabled(), pytest.raises(DatabaseError), transaction.atomic():
        ListDisclosureEntry.objects.update(consent_id=world.a.person.pk)
