"""Counselling contacts: recorded by the owner or by a partner that has the person through a
consent; each organisation sees only its own. The canary test walks every page and API
route as every persona and looks for notes of other organisations."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Contact, ContactTopicLink
from tests.casework.work.factories import ContactFactory, NeedAssessmentFactory, field
from tests.conftest import PERSONAS, World
from tests.matrix import all_url_names, collect_kwargs, url_parameters, url_patterns
from tests.pages.helpers import whole_person_page

CANARY_TM = "KANARIE-NOTIZ-TEILHABEMANAGEMENT"
CANARY_NEED = "KANARIE-BEDARF-TEILHABEMANAGEMENT"
CANARY_JC = "KANARIE-NOTIZ-JOBCENTER"
CANARY_JMD = "KANARIE-NOTIZ-JMD"
# Who may read which canary: only the organisation that wrote it.
ALLOWED = {"cm_a": {CANARY_TM, CANARY_NEED}, "partner_a": {CANARY_JC}, "cm_a_jmd": {CANARY_JMD}}


def contact_form(note: str, **extra: Any) -> dict[str, Any]:
    return {
        "on": "2026-02-03",
        "duration_minutes": 40,
        "channel": "phone",
        "interpreter": "on",
        "topics": [field("housing").pk, field("work_training").pk],
        "note": note,
        **extra,
    }


def record_canaries(world: World, login: Any) -> None:
    slug = world.a.alliance.slug
    url = reverse("people:work:contact_create", args=[slug, world.a.person.pk])
    assert login("cm_a").post(url, contact_form(CANARY_TM)).status_code == 302
    assert login("partner_a").post(url, contact_form(CANARY_JC)).status_code == 302
    jmd_url = reverse("people:work:contact_create", args=[slug, world.person_a_jmd.pk])
    assert login("cm_a_jmd").post(jmd_url, contact_form(CANARY_JMD)).status_code == 302
    with scopes_disabled():
        NeedAssessmentFactory(case=world.a.case, note=CANARY_NEED)


@pytest.mark.django_db
def test_a_contact_is_recorded_with_its_topics(world: World, login: Any) -> None:
    record_canaries(world, login)
    with scopes_disabled():
        contact = Contact.objects.get(note=CANARY_TM)
        topics = set(
            ContactTopicLink.objects.filter(contact=contact).values_list(
                "field_of_action__key", flat=True
            )
        )
    assert (contact.organisation, contact.channel, contact.interpreter) == (
        world.a.tm_office,
        "phone",
        True,
    )
    assert topics == {"housing", "work_training"}
    assert contact.author == world.users["cm_a"]


@pytest.mark.django_db
def test_each_organisation_sees_only_its_own_contacts(world: World, login: Any) -> None:
    record_canaries(world, login)
    slug, pk = world.a.alliance.slug, world.a.person.pk
    owner_page = whole_person_page(login("cm_a"), reverse("people:detail", args=[slug, pk]))
    assert CANARY_TM in owner_page and CANARY_JC not in owner_page
    partner_list = login("partner_a").get(reverse("people:work:contacts", args=[slug, pk]))
    body = partner_list.content.decode()
    assert CANARY_JC in body and CANARY_TM not in body


@pytest.mark.django_db
def test_a_contact_in_the_future_is_refused(world: World, login: Any) -> None:
    url = reverse("people:work:contact_create", args=[world.a.alliance.slug, world.a.person.pk])
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = login("cm_a").post(url, contact_form("x", on=future))
    assert response.status_code == 200
    with scopes_disabled():
        assert Contact.objects.count() == 0


def _urls(world: World) -> list[str]:
    """Every GET-able route with objects of alliance A (as the permission matrix builds
    them), plus the person pages of the JMD's person."""
    candidates = collect_kwargs(world)
    patterns = url_patterns()
    urls = []
    for name in all_url_names():
        if name.startswith("admin:"):
            continue
        needed = url_parameters(patterns[name])
        if any(arg not in candidates for arg in needed):
            continue
        try:
            urls.append(reverse(name, kwargs={arg: candidates[arg] for arg in needed}))
        except NoReverseMatch:
            continue
    slug = world.a.alliance.slug
    for name in ("people:detail", "people:work:contacts", "people:participations:trajectory"):
        urls.append(reverse(name, args=[slug, world.person_a_jmd.pk]))
    return urls


@pytest.mark.django_db
def test_no_note_ever_reaches_another_organisation(world: World, login: Any) -> None:
    record_canaries(world, login)
    urls = _urls(world)
    assert any("/kontakte/" in u for u in urls) and any(u.startswith("/api/") for u in urls)
    leaks, seen = [], 0
    for persona in PERSONAS:
        client = login(persona)
        client.raise_request_exception = False  # other areas' pages may be in progress
        allowed = ALLOWED.get(persona, set())
        for url in urls:
            response = client.get(url)
            raw = (
                b"".join(response.streaming_content)  # type: ignore[attr-defined]
                if response.streaming
                else response.content
            )
            body = raw.decode(errors="replace")
            for canary in (CANARY_TM, CANARY_NEED, CANARY_JC, CANARY_JMD):
                if canary in body:
                    seen += 1
                    if canary not in allowed:
                        leaks.append(f"{canary} in {url} as {persona}")
    print(f"canary scan: {len(urls)} routes × {len(PERSONAS)} personas")
    assert not leaks, "\n".join(leaks)
    assert seen >= 4  # the writers themselves do see their notes (the scan can find them)


@pytest.mark.django_db
def test_person_detail_query_count_is_the_same_for_5_and_500_contacts(
    world: World, login: Any
) -> None:
    client = login("cm_a")
    url = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    url += "?bereich=kontakte"

    def add(n: int, start: int) -> None:
        with scopes_disabled():
            contacts = Contact.objects.bulk_create(
                [
                    ContactFactory.build(
                        case=world.a.case, on=dt.date(2025, 1, 1) + dt.timedelta(days=start + i)
                    )
                    for i in range(n)
                ]
            )
            ContactTopicLink.objects.bulk_create(
                [
                    ContactTopicLink(
                        alliance=world.a.alliance, contact=c, field_of_action=field("housing")
                    )
                    for c in contacts
                ]
            )

    add(5, 0)
    client.get(url)
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    add(495, 5)
    with CaptureQueriesContext(connection) as many:
        body = client.get(url).content.decode()
    assert len(many.captured_queries) == len(five.captured_queries)
    assert "500" in body  # "show all 500 contacts"
    print(f"person detail: {len(five.captured_queries)} queries for 5 and for 500 contacts")

    list_url = reverse("people:work:contacts", args=[world.a.alliance.slug, world.a.person.pk])
    with CaptureQueriesContext(connection) as listing:
        assert client.get(list_url + "?seite=3").status_code == 200
    print(f"contact list page 3 of 20: {len(listing.captured_queries)} queries")


@pytest.mark.django_db
def test_a_partner_finds_its_own_contacts_from_the_person_page(world: World, login: Any) -> None:
    slug, pk = world.a.alliance.slug, world.a.person.pk
    body = login("partner_a").get(reverse("people:detail", args=[slug, pk])).content.decode()
    assert reverse("people:work:contacts", args=[slug, pk]) in body
    assert 'id="contacts-heading"' not in body  # the owner's contacts section stays hidden
