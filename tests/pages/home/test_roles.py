"""The start pages of partner staff, coordinator, data-protection officer and volunteer:
each figure equals the database, a partner never counts persons not shared with it, and the
number of queries does not grow with the data."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.casework.models import Referral
from teilhabe.core.models import AuditEvent
from teilhabe.offers.gaps import gap_matrix
from teilhabe.privacy.models import Restriction
from teilhabe.trajectories.models import Participation
from tests import factories as f
from tests.conftest import World
from tests.pages.home import data

pytestmark = pytest.mark.django_db


def home(world: World) -> str:
    return reverse("core:alliance_home", args=[world.a.alliance.slug])


def figure(html: str, testid: str) -> int:
    found = re.search(rf'data-testid="{testid}">(\d+)<', html)
    assert found, testid
    return int(found.group(1))


def partner_rows(world: World, n: int) -> None:
    """n persons shared with the Jobcenter A (participations covered), each with a waiting
    referral and an open participation in an ended Jobcenter offer; plus noise the Jobcenter
    must not count."""
    a = world.a
    with scopes_disabled():
        offer = data.ended_offer(a.jobcenter)
        for _ in range(n):
            person = data.shared_person(
                a, to=a.jobcenter, categories=["master_data", "participations"]
            )
            data.referral(person, a.jobcenter, offer=offer)
            data.open_participation(person, offer)
        # Shared long ago: visible, but not "newly shared".
        old = data.shared_person(a, to=a.jobcenter, categories=["master_data"], days_ago=60)
        data.referral(old, a.jobcenter, status=Referral.Status.ACCEPTED)
        # Its consent does not cover participations: nothing to complete for the Jobcenter.
        data.open_participation(old, offer)
        # Shared with the Ausländerbehörde only: never in the Jobcenter's figures.
        other = data.shared_person(a, to=a.abh, categories=["master_data", "participations"])
        data.referral(other, a.abh)
        data.open_participation(other, offer)


def test_partner_figures_equal_the_database(world: World, login: Any) -> None:
    partner_rows(world, 3)
    html = login("partner_a").get(home(world)).content.decode()
    with scope(alliance=world.a.alliance):
        waiting = Referral.objects.filter(
            to_organisation=world.a.jobcenter, status=Referral.Status.SENT
        ).count()
        open_in_ended = Participation.objects.filter(
            offer__provider=world.a.jobcenter, outcome="ongoing"
        ).count()
    assert figure(html, "partner-waiting") == waiting == 3
    # 3 new ones and person A of the world (consent recorded today), not the old one.
    assert figure(html, "partner-shared") == 4
    # 5 open participations in the ended offer; 2 of them are not the Jobcenter's to see.
    assert open_in_ended == 5
    assert figure(html, "partner-complete") == 3
    inbox = reverse("people:sharing:referral_inbox", args=[world.a.alliance.slug])
    assert f'href="{inbox}?richtung=eingang&amp;status=sent"' in html


def test_the_waiting_count_links_to_an_inbox_showing_exactly_those_referrals(
    world: World, login: Any
) -> None:
    partner_rows(world, 2)
    client = login("partner_a")
    inbox = reverse("people:sharing:referral_inbox", args=[world.a.alliance.slug])
    listed = client.get(inbox, {"richtung": "eingang", "status": "sent"})
    assert listed.context["page"].paginator.count == 2


def test_a_partner_never_counts_persons_not_shared_with_its_organisation(
    world: World, login: Any
) -> None:
    partner_rows(world, 3)
    html = login("abh_a").get(home(world)).content.decode()
    assert figure(html, "partner-waiting") == 1  # only the referral to the ABH itself
    assert figure(html, "partner-shared") == 1
    assert figure(html, "partner-complete") == 0  # the offer belongs to the Jobcenter
    other_side = login("partner_b").get(reverse("core:alliance_home", args=["buendnis-b"]))
    text = other_side.content.decode()
    assert figure(text, "partner-waiting") == figure(text, "partner-shared") == 0


def test_the_partner_page_names_no_person(world: World, login: Any) -> None:
    partner_rows(world, 2)
    html = login("partner_a").get(home(world)).content.decode()
    assert "CanaryA" not in html and "Nachname" not in html


def queries_for(client: Any, url: str) -> int:
    client.get(url)  # the first request of a session does its own bookkeeping
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


def test_partner_page_queries_do_not_grow_with_the_data(world: World, login: Any) -> None:
    client = login("partner_a")
    partner_rows(world, 2)
    small = queries_for(client, home(world))
    partner_rows(world, 25)
    assert queries_for(client, home(world)) == small


def coordinator_rows(world: World, n: int) -> None:
    a = world.a
    with scopes_disabled():
        for i in range(n):
            f.OrganisationFactory(alliance=a.alliance, name=f"Neuer Partner {n}-{i}")
            data.workshop(a, days_ago=3 + i)
            data.priority(a, due_in=-1 - i)
        data.workshop(a, days_ago=-5)  # not held yet: no results due
        data.priority(a, due_in=10)  # not due yet
        from teilhabe.alliances.models import PriorityStatus

        data.priority(a, due_in=-4, status=PriorityStatus.DONE)  # done: not overdue


def test_coordinator_sees_this_weeks_changes_as_in_the_database(world: World, login: Any) -> None:
    coordinator_rows(world, 2)
    html = login("coord_a").get(home(world)).content.decode()
    # The world's six organisations were created today as well.
    assert figure(html, "coord-partners") == 2 + 6
    assert figure(html, "coord-workshops") == 2
    assert figure(html, "coord-priorities") == 2
    with scope(alliance=world.a.alliance):
        matrix = gap_matrix(world.a.alliance)
    assert figure(html, "coord-gaps") == matrix.gaps
    assert reverse("offers:gap_matrix", args=[world.a.alliance.slug]) in html


def test_coordinator_page_queries_do_not_grow_with_the_data(world: World, login: Any) -> None:
    client = login("coord_a")
    coordinator_rows(world, 1)
    small = queries_for(client, home(world))
    coordinator_rows(world, 12)
    assert queries_for(client, home(world)) == small


def dpo_rows(world: World, n: int) -> None:
    a = world.a
    with scopes_disabled():
        persons = [f.PersonFactory(owner=a.tm_office) for _ in range(n)]
        for person in persons:
            Restriction.objects.create(
                alliance=a.alliance,
                person=person,
                organisation=a.tm_office,
                ground="accuracy",
                requested_on=data.TODAY(),
            )
        Restriction.objects.create(
            alliance=a.alliance,
            person=persons[0],
            organisation=a.tm_office,
            ground="accuracy",
            requested_on=data.TODAY(),
            status=Restriction.Status.GRANTED,
        )
        # Case manager A opens every person; ten colleagues open one each.
        data.person_reads(world.users["cm_a"], a, persons)
        for _ in range(10):
            data.person_reads(f.UserFactory(), a, persons[:1])


def test_dpo_sees_requests_restrictions_and_unusual_access(world: World, login: Any) -> None:
    dpo_rows(world, 25)
    client = login("dpo_a")
    html = client.get(home(world)).content.decode()
    assert figure(html, "dpo-requests") == 25
    assert figure(html, "dpo-restricted") == 1
    assert figure(html, "dpo-unusual") == 1
    restrictions = reverse("privacy:restrictions", args=[world.a.alliance.slug])
    for status, count in (("requested", 25), ("granted", 1)):
        assert f'href="{restrictions}?status={status}"' in html
        listed = client.get(restrictions, {"status": status}).context["restrictions"]
        assert len(listed) == count
    cm = world.users["cm_a"]
    log = reverse("privacy:log", args=[world.a.alliance.slug])
    assert f'href="{log}?nutzer={cm.pk}"' in html
    page = client.get(log, {"nutzer": cm.pk})
    actors = {e.actor_id for e in page.context["page"].events}
    assert actors == {cm.pk}
    with scopes_disabled():
        expected = AuditEvent.objects.filter(actor=cm, organisation=world.a.tm_office).count()
    shown = len(page.context["page"].events)
    assert shown == min(expected, 50)


def test_dpo_page_queries_do_not_grow_with_the_data(world: World, login: Any) -> None:
    client = login("dpo_a")
    dpo_rows(world, 3)
    small = queries_for(client, home(world))
    dpo_rows(world, 30)
    assert queries_for(client, home(world)) == small


def volunteer_rows(world: World, n: int) -> None:
    with scopes_disabled():
        for i in range(n):
            data.article(world.a, f"Artikel {n}-{i}")
            data.contact(world.a, f"Anlaufstelle {n}-{i}")


def test_volunteer_sees_the_latest_articles_and_the_contact_points(
    world: World, login: Any
) -> None:
    volunteer_rows(world, 7)
    html = login("volunteer_a").get(home(world)).content.decode()
    assert "Artikel 7-6" in html and "Artikel 7-0" not in html  # the five newest
    assert "(7 Artikel)" in html
    assert "Anlaufstelle 7-0" in html
    assert reverse("alliances:contact_list", args=[world.a.alliance.slug]) in html


def test_volunteer_page_queries_do_not_grow_with_the_data(world: World, login: Any) -> None:
    client = login("volunteer_a")
    volunteer_rows(world, 1)
    small = queries_for(client, home(world))
    volunteer_rows(world, 15)
    assert queries_for(client, home(world)) == small


def test_a_user_with_several_roles_gets_one_block_each_the_most_actionable_first(
    world: World, login: Any
) -> None:
    from teilhabe.core.models import Role

    user = world.users["dpo_a"]
    f.MembershipFactory(user=user, organisation=world.a.lead_office, role=Role.COORDINATOR)
    client = login("dpo_a")
    # Nothing to do yet for the DPO, one overdue priority for the coordinator.
    with scopes_disabled():
        data.priority(world.a, due_in=-1)
    html = client.get(home(world)).content.decode()
    assert html.index('id="coordination-heading"') < html.index('id="dpo-heading"')
    dpo_rows(world, 25)  # 25 requests to decide: the DPO block moves up
    html = client.get(home(world)).content.decode()
    assert html.index('id="dpo-heading"') < html.index('id="coordination-heading"')
