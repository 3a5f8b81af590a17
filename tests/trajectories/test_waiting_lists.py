"""Waiting lists: the queue's order, a place freed by a cancellation going to the first in
the queue with one action, who may allocate, and what a partner sees of the persons."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.core.roles import Principal
from teilhabe.offers import waiting
from teilhabe.offers.models import Offer, WaitingListEntry
from teilhabe.people.access import get_person_access, pseudonym
from teilhabe.people.models import ListDisclosureEntry
from teilhabe.trajectories import services
from teilhabe.trajectories.models import Participation
from tests import factories as f
from tests.conftest import World
from tests.trajectories.factories import OfferFactory

pytestmark = pytest.mark.django_db


def principal(world: World, persona: str) -> Principal:
    return Principal.for_alliance(world.user(persona), world.a.alliance)


def access_of(world: World, persona: str, person: Any) -> Any:
    with scope(alliance=world.a.alliance):
        return get_person_access(principal(world, persona), person.pk)


def full_course(world: World, **values: Any) -> Offer:
    with scopes_disabled():
        return OfferFactory(**{"provider": world.a.jobcenter, "places": 2, "free_places": 0,
                               **values})  # fmt: skip


def queued(world: World, offer: Offer, count: int) -> list[Any]:
    """Person A and `count - 1` more persons of Teilhabemanagement A, queued in that order."""
    persons = [world.a.person]
    with scopes_disabled():
        for n in range(count - 1):
            p = f.PersonFactory(owner=world.a.tm_office, family_name=f"Wartende{n}")
            f.CaseFactory(person=p)
            persons.append(p)
    for n, p in enumerate(persons):
        with scope(alliance=world.a.alliance):
            waiting.waiting_list_entry_add(
                access=access_of(world, "cm_a", p),
                offer=offer,
                since=dt.date(2026, 1, 1 + n),
                priority_note=f"Ausbildung ab August {n}",
            )
    return persons


def ranks(offer: Offer) -> list[tuple[Any, int]]:
    with scopes_disabled():
        return [(e.person_id, e.rank) for e in waiting.queue_of(offer)]


def test_the_queue_keeps_the_order_in_which_persons_were_added(world: World) -> None:
    offer = full_course(world)
    persons = queued(world, offer, 3)
    assert ranks(offer) == [(p.pk, n + 1) for n, p in enumerate(persons)]
    with scopes_disabled():
        added = AuditEvent.objects.filter(
            action="create", object_type="offers.waitinglistentry"
        ).count()
    assert added == 3


def test_a_person_waits_once_per_offer_and_only_their_case_management_adds_them(
    world: World,
) -> None:
    offer = full_course(world)
    queued(world, offer, 1)
    with pytest.raises(ValidationError), scope(alliance=world.a.alliance):
        waiting.waiting_list_entry_add(access=access_of(world, "cm_a", world.a.person), offer=offer)
    partner = access_of(world, "partner_a", world.a.person)  # through the consent
    with pytest.raises(ValidationError), scope(alliance=world.a.alliance):
        waiting.waiting_list_entry_add(access=partner, offer=offer)


def test_a_withdrawn_person_leaves_the_queue_and_the_others_move_up(world: World) -> None:
    offer = full_course(world)
    persons = queued(world, offer, 3)
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(person=persons[0], offer=offer)
    with scope(alliance=world.a.alliance):
        waiting.waiting_list_entry_withdraw(
            access=access_of(world, "cm_a", persons[0]), entry=entry
        )
    assert ranks(offer) == [(persons[1].pk, 1), (persons[2].pk, 2)]
    entry.refresh_from_db()
    assert entry.status == "withdrawn" and entry.closed_on is not None


def cancel_one(world: World, offer: Offer) -> Participation:
    """A participant of the full course drops out: the case manager records the abort."""
    with scopes_disabled():
        dropout = f.PersonFactory(owner=world.a.tm_office)
        f.CaseFactory(person=dropout)
        ongoing = Participation.objects.create(
            alliance=world.a.alliance,
            person=dropout,
            offer=offer,
            category=offer.category,
            start=dt.date(2026, 9, 1),
            recorded_by_organisation=world.a.tm_office,
        )
    with scope(alliance=world.a.alliance):
        return services.participation_update(
            access=access_of(world, "cm_a", dropout),
            actor=world.user("cm_a"),
            participation=ongoing,
            version=ongoing.version,
            outcome="aborted",
            end=dt.date(2026, 10, 15),
        )


def test_a_cancellation_frees_a_place_that_goes_to_the_first_in_the_queue_with_one_action(
    world: World, login: Any
) -> None:
    offer = full_course(world)
    persons = queued(world, offer, 3)
    cancel_one(world, offer)
    offer.refresh_from_db()
    assert offer.free_places == 1
    client = login("partner_a")
    slug = world.a.alliance.slug
    detail = client.get(reverse("offers:offer_detail", args=[slug, offer.pk]))
    allocate_url = reverse("waiting:allocate", args=[slug, offer.pk])
    assert allocate_url in detail.content.decode()  # the one button on the offer page
    response = client.post(allocate_url, {"zurueck": "angebot"})
    assert response.status_code == 302
    assert response["Location"] == reverse("offers:offer_detail", args=[slug, offer.pk])
    with scopes_disabled():
        first = WaitingListEntry.objects.get(person=persons[0], offer=offer)
        assert first.status == "allocated" and first.participation is not None
        assert first.participation.person_id == persons[0].pk
        assert first.participation.outcome == "ongoing"
        assert first.participation.recorded_by_organisation == world.a.jobcenter
        assert AuditEvent.objects.filter(object_id=first.pk, action="update").exists()
        assert AuditEvent.objects.filter(object_id=first.participation.pk).exists()
    offer.refresh_from_db()
    assert offer.free_places == 0
    assert ranks(offer) == [(persons[1].pk, 1), (persons[2].pk, 2)]
    # No free place left: a second click changes nothing.
    client.post(allocate_url)
    assert ranks(offer) == [(persons[1].pk, 1), (persons[2].pk, 2)]
    again = client.get(reverse("offers:offer_detail", args=[slug, offer.pk]))
    assert allocate_url not in again.content.decode()


def test_the_coordinator_allocates_and_the_case_manager_may_not(world: World, login: Any) -> None:
    offer = full_course(world, free_places=None, places=None)
    persons = queued(world, offer, 2)
    slug = world.a.alliance.slug
    url = reverse("waiting:allocate", args=[slug, offer.pk])
    assert login("cm_a").post(url).status_code == 404
    assert ranks(offer)[0] == (persons[0].pk, 1)
    assert login("coord_a").post(url).status_code == 302
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(person=persons[0], offer=offer)
    assert entry.status == "allocated"
    assert entry.participation.recorded_by_organisation == world.a.lead_office  # type: ignore[union-attr]


def test_an_allocation_without_anybody_waiting_is_refused(world: World) -> None:
    offer = full_course(world, free_places=1)
    with pytest.raises(ValidationError), scope(alliance=world.a.alliance):
        services.waiting_list_allocate(principal=principal(world, "partner_a"), offer=offer)


def test_a_partner_sees_names_only_through_a_consent_and_notes_only_with_participations(
    world: World, login: Any
) -> None:
    offer = full_course(world)
    persons = queued(world, offer, 3)
    page = login("partner_a").get(reverse("waiting:queue", args=[world.a.alliance.slug, offer.pk]))
    html = page.content.decode()
    # Person A's consent names the Jobcenter with the master data: named, and disclosed.
    assert persons[0].family_name in html
    # The others have no consent for the Jobcenter: a pseudonym, never the name.
    for p in persons[1:]:
        assert p.family_name not in html
        assert pseudonym(p.pk) in html
    # The consent does not cover participations: no priority note of anyone.
    assert "Ausbildung ab August" not in html
    with scopes_disabled():
        listed = set(ListDisclosureEntry.objects.values_list("person_id", flat=True))
    assert listed == {persons[0].pk}


def test_the_case_manager_sees_on_the_person_page_that_the_person_waits(
    world: World, login: Any
) -> None:
    offer = full_course(world, title="Sprachkurs B1 Abend")
    persons = queued(world, offer, 2)
    client = login("cm_a")
    url = reverse("people:detail", args=[world.a.alliance.slug, persons[1].pk])
    html = client.get(url, {"bereich": "bildung"}).content.decode()
    assert "Sprachkurs B1 Abend" in html
    assert "02.01.2026" in html  # since
    assert '<td class="kern-table__cell">2</td>' in html  # the rank
    offer_page = client.get(reverse("offers:offer_detail", args=[world.a.alliance.slug, offer.pk]))
    assert persons[1].full_name in offer_page.content.decode()


def test_the_case_manager_adds_and_withdraws_through_the_pages(world: World, login: Any) -> None:
    offer = full_course(world)
    client = login("cm_a")
    slug = world.a.alliance.slug
    add = reverse("people:participations:waiting_add", args=[slug, world.a.person.pk])
    assert client.get(add, {"angebot": str(offer.pk)}).status_code == 200
    response = client.post(add, {"offer": str(offer.pk), "priority_note": "dringend"})
    assert response.status_code == 302
    with scopes_disabled():
        entry = WaitingListEntry.objects.get(person=world.a.person, offer=offer)
    withdraw = reverse(
        "people:participations:waiting_withdraw", args=[slug, world.a.person.pk, entry.pk]
    )
    assert login("partner_a").post(withdraw).status_code == 404
    assert login("cm_a").post(withdraw).status_code == 302
    entry.refresh_from_db()
    assert entry.status == "withdrawn"


def test_matching_offers_the_waiting_list_where_only_the_free_places_are_missing(
    world: World, login: Any
) -> None:
    full = full_course(world, title="Voller Kurs")
    with scopes_disabled():
        OfferFactory(provider=world.a.jobcenter, title="Nur ab 30", min_age=30, free_places=0)
    slug = world.a.alliance.slug
    url = reverse("people:detail", args=[slug, world.a.person.pk])
    html = login("cm_a").get(url, {"bereich": "freigaben"}).content.decode()
    add = reverse("people:participations:waiting_add", args=[slug, world.a.person.pk])
    assert html.count(f"{add}?angebot=") == 1
    assert f"{add}?angebot={full.pk}" in html
