"""The case page (a case manager's person page) reads with a fixed number of queries, at
most 20, whether the person has 5 or 500 items of each history kind (issue 8)."""

from __future__ import annotations

from typing import Any

import pytest
from bench.measures.casepage import _person_with_history
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.alliances.models import FieldOfAction
from teilhabe.casework.models import Consent, Contact, ContactTopicLink
from teilhabe.people.sections import AREAS
from tests.clock import steady_clock
from tests.conftest import World
from tests.pages.helpers import whole_person_page

LIMIT = 20


def _count(client: Any, url: str) -> tuple[int, bytes]:
    with steady_clock():
        client.get(url)  # warm: templates, translations
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content


def _with_topics_and_consent(world: World, person: Any) -> None:
    fields = list(FieldOfAction.objects.filter(alliance=None).order_by("position")[:2])
    links = [
        ContactTopicLink(alliance=world.a.alliance, contact=c, field_of_action=f)
        for c in Contact.objects.filter(case__person=person)
        for f in fields
    ]
    ContactTopicLink.objects.bulk_create(links)
    consent = Consent.objects.filter(person=world.a.person).first()
    assert consent is not None
    consent.pk = None
    consent.id = None
    consent.person = person
    consent.save()
    consent.recipients.set(
        [world.a.jobcenter, world.a.jmd], through_defaults={"alliance_id": consent.alliance_id}
    )


@pytest.mark.django_db
def test_case_page_size_does_not_grow_with_the_history(world: World, login: Any) -> None:
    client = login("cm_a")
    sizes = {}
    for n in (12, 300):
        with scopes_disabled():
            person = _person_with_history(world.a.alliance, world.a.tm_office, n)
        url = reverse("people:detail", args=[world.a.alliance.slug, person.pk])
        for area in AREAS:
            page = client.get(f"{url}?bereich={area.key}").content
            sizes[n, area.key] = len(page.replace(str(n).encode(), b""))
    for area in AREAS:
        assert abs(sizes[300, area.key] - sizes[12, area.key]) < 200, (area.key, sizes)


@pytest.mark.django_db
def test_case_page_queries_are_equal_for_5_and_500_items_and_at_most_20(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    counts = {}
    for n in (5, 500):
        with scopes_disabled():
            person = _person_with_history(world.a.alliance, world.a.tm_office, n)
            _with_topics_and_consent(world, person)
        url = reverse("people:detail", args=[world.a.alliance.slug, person.pk])
        for area in AREAS:
            counts[n, area.key], body = _count(client, f"{url}?bereich={area.key}")
            assert b"Bench" in body
    for area in AREAS:
        assert counts[5, area.key] == counts[500, area.key] <= LIMIT, (area.key, counts)


@pytest.mark.django_db
def test_case_page_shows_the_shared_reads_correctly(world: World, login: Any) -> None:
    """The sections share one read of cases, consents, status and languages: the figures
    they derive (open case, topics, contact total) are still right."""
    client = login("cm_a")
    with scopes_disabled():
        person = _person_with_history(world.a.alliance, world.a.tm_office, 12)
        _with_topics_and_consent(world, person)
        topic = str(FieldOfAction.objects.filter(alliance=None).order_by("position")[0].label)
    url = reverse("people:detail", args=[world.a.alliance.slug, person.pk])
    page = whole_person_page(client, url)
    assert (
        "12" in page
        and reverse("people:work:contacts", args=[world.a.alliance.slug, person.pk]) in page
    )  # "show all 12 contacts"
    assert topic in page
    # Long histories are capped at the latest 10 with a pointer to the rest (status,
    # goals, participations; contacts have their own list).
    assert page.count("Angezeigt werden die neuesten 10 von 12.") == 3
    assert (
        reverse("people:participations:trajectory", args=[world.a.alliance.slug, person.pk]) in page
    )
    assert reverse("people:work:contact_create", args=[world.a.alliance.slug, person.pk]) in page
