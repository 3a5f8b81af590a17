"""In Chromium, the allocation journey: the case manager puts a person on the waiting list of
a full course from the person page; a participant drops out; the provider sees "1 Platz frei
– an die erste Person der Warteliste vergeben" on the offer page and gives the place with one
button; the queue page names persons only through a consent. Every page has no axe-core
WCAG 2.1 A/AA violation and no CSP violation; screenshots at 1280 and 375 px when
TEILHABE_SCREENSHOTS names a folder."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.core.roles import Principal
from teilhabe.offers.models import WaitingListEntry
from teilhabe.people.access import get_person_access
from teilhabe.trajectories import services
from teilhabe.trajectories.models import Participation
from tests import factories as f
from tests.browser.conftest import sign_in_with_totp
from tests.browser.journey import check
from tests.conftest import World
from tests.offers.test_browser_gaps import checked
from tests.trajectories.factories import OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def dropout(world: World, offer: Any) -> None:
    """A participant of the full course drops out (recorded by their case manager)."""
    a = world.a
    with scopes_disabled():
        p = f.PersonFactory(owner=a.tm_office)
        f.CaseFactory(person=p)
        ongoing = Participation.objects.create(
            alliance=a.alliance,
            person=p,
            offer=offer,
            category=offer.category,
            start=dt.date(2026, 9, 1),
            recorded_by_organisation=a.tm_office,
        )
    with scope(alliance=a.alliance):
        access = get_person_access(Principal.for_alliance(world.user("cm_a"), a.alliance), p.pk)
        services.participation_update(
            access=access,
            actor=world.user("cm_a"),
            participation=ongoing,
            version=1,
            outcome="aborted",
            end=dt.date(2026, 10, 15),
        )


def test_a_place_freed_by_a_dropout_goes_to_the_first_in_the_queue_with_one_click(
    world: World, live_server: Any, page: Any, browser: Any
) -> None:
    a = world.a
    slug = a.alliance.slug
    with scopes_disabled():
        offer = OfferFactory(
            provider=a.jobcenter, title="Deutschkurs B1 am Abend", places=16, free_places=0
        )
        other = f.PersonFactory(owner=a.tm_office, given_name="Samir", family_name="Haddad")
        f.CaseFactory(person=other)
        WaitingListEntry.objects.create(
            alliance=a.alliance,
            offer=offer,
            person=other,
            since=dt.date(2026, 6, 1),
            position=1,
            priority_note="Ausbildung ab August",
            added_by_organisation=a.tm_office,
        )
    base = live_server.url
    sign_in_with_totp(page, base, world.users["cm_a"], rf"/b/{slug}/$")

    # The case manager: person page → "Auf eine Warteliste setzen" → the course.
    page.goto(base + reverse("people:detail", args=[slug, a.person.pk]) + "?bereich=bildung")
    page.get_by_role("link", name="Auf eine Warteliste setzen").click()
    checked(page)
    page.get_by_label("Angebot").select_option(label=offer.title)
    page.get_by_label("Hinweis zur Dringlichkeit").fill("Schulpflicht endet im Sommer")
    check(page, "waiting-add")
    page.get_by_role("button", name="Auf die Warteliste setzen").click()
    page.get_by_text("Die Person steht jetzt auf der Warteliste.").wait_for()
    row = page.get_by_role("row").filter(has_text=offer.title)
    assert row.get_by_role("cell").nth(1).inner_text() == "2"  # behind the one already waiting
    checked(page)
    check(page, "waiting-person-page")

    dropout(world, offer)

    # The provider (Jobcenter A): the offer page offers the freed place with one button.
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    provider = context.new_page()
    provider.console_errors = []
    provider.on(
        "console", lambda m: provider.console_errors.append(m.text) if m.type == "error" else None
    )
    sign_in_with_totp(provider, base, world.users["partner_a"], rf"/b/{slug}/$")
    provider.goto(base + reverse("offers:offer_detail", args=[slug, offer.pk]))
    provider.get_by_text("1 Platz frei – an die erste Person der Warteliste vergeben").wait_for()
    checked(provider)
    check(provider, "waiting-offer-free-place")
    provider.get_by_role("link", name="Warteliste anzeigen").click()
    html = provider.content()
    assert "Haddad" not in html  # no consent names the Jobcenter for this person
    assert "Ausbildung ab August" not in html
    checked(provider)
    check(provider, "waiting-queue")
    provider.get_by_role("button", name="Platz vergeben").click()
    provider.get_by_text("Der Platz ist an die erste Person der Warteliste vergeben.").wait_for()
    checked(provider)
    check(provider, "waiting-queue-after")
    context.close()
    with scopes_disabled():
        first = WaitingListEntry.objects.get(person=other, offer=offer)
        assert first.status == "allocated" and first.participation is not None
        assert WaitingListEntry.objects.get(person=a.person, offer=offer).status == "waiting"
