"""A case manager's journey in Chromium, counted: intake of a 22-year-old with a Duldung
that expires in five weeks → status → needs → plan with one goal → contact → consent for
the Jobcenter → referral to a matched offer. Every click and every field input counts
(tests/browser/journey.Journey); fields already filled in right are not touched.

Before this round the same journey took 36 (25 clicks, 11 inputs, 20 page loads; measured
on the old pages with the same counting, the consent had to be recorded twice because the
matched offer's provider was not prefilled). The target is at most 55.

The person overview shows status and expiry, next step and open findings without scrolling
at 1280 × 800; no page of the journey scrolls sideways at 375 px; axe finds nothing."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.casework.models import Consent, Contact, Goal, NeedAssessment, Referral
from teilhabe.people.models import Person, ResidenceStatusEntry
from tests.browser.conftest import axe_violations
from tests.browser.journey import Journey, no_sideways_scroll, signed_in
from tests.conftest import World
from tests.offers.factories import OfferFactory
from tests.people.intake.helpers import TODAY, birth_for_age

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

STEPS_BEFORE = 36
TARGET = 55


@pytest.fixture(autouse=True)
def _default_fields_of_action(default_fields_of_action: None) -> None:
    """See tests/browser/conftest.py."""


class Walk:
    """The journey's pages: each is checked (axe, no sideways scroll at 375 px) once."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.pages: list[str] = []

    def check(self) -> None:
        page = self.page
        page.wait_for_load_state("networkidle")
        assert axe_violations(page) == [], page.url
        page.set_viewport_size({"width": 375, "height": 800})
        assert no_sideways_scroll(page), page.url
        page.set_viewport_size({"width": 1280, "height": 800})
        self.pages.append(page.url)


def in_first_screen(page: Any, text: str) -> bool:
    """The text is on the page and its element ends above the fold of a 1280 × 800 window."""
    box = page.get_by_text(text).first.bounding_box()
    return box is not None and box["y"] + box["height"] <= 800


def test_intake_to_first_referral_within_the_target(
    world: World, live_server: Any, page: Any
) -> None:
    with scopes_disabled():
        offer = OfferFactory(
            provider=world.a.jobcenter, title="Einstiegsqualifizierung Handwerk", free_places=3
        )
    signed_in(page, live_server, world.users["cm_a"])
    page.set_viewport_size({"width": 1280, "height": 800})
    journey, walk = Journey(page), Walk(page)
    page.goto(f"{live_server.url}/b/{world.a.alliance.slug}/")
    walk.check()

    # 1. Intake with the first residence status: one form.
    journey.click(page.get_by_role("link", name="Neue Person aufnehmen"))
    walk.check()
    journey.fill("#id_given_name", "Samira")
    journey.fill("#id_family_name", "Nouri")
    journey.fill("#id_date_of_birth", birth_for_age(22).isoformat())
    journey.choose("#id_sex", "female")
    journey.choose("#id_residence", "05315000")
    journey.choose("#id_status-status", "toleration")
    journey.fill("#id_status-valid_from", (TODAY - dt.timedelta(days=150)).isoformat())
    journey.fill("#id_status-valid_until", (TODAY + dt.timedelta(weeks=5)).isoformat())
    journey.click(page.get_by_role("button", name="Aufnehmen und Fall eröffnen"))
    page.wait_for_url(re.compile(r"/personen/[0-9a-f-]{36}/$"))
    walk.check()
    overview = page.url
    with scopes_disabled():
        person = Person.objects.get(family_name="Nouri")
        assert ResidenceStatusEntry.objects.get(person=person).status == "toleration"

    # 2. Needs, from the overview's area "Bedarfe und Plan".
    journey.click(page.get_by_role("link", name="Bedarfe und Plan"))
    journey.click(page.get_by_role("link", name="Bedarfe einschätzen"))
    walk.check()
    journey.choose("select[name$='-level'] >> nth=0", "urgent")
    journey.click(page.locator("main form.tm-form button[type=submit]").last)
    page.wait_for_load_state("networkidle")

    # 3. The plan: one goal.
    journey.click(page.get_by_role("link", name="Förderplan bearbeiten"))
    walk.check()
    journey.fill("input[name=title]", "Ausbildung im Handwerk beginnen")
    journey.click(page.locator("main form.tm-form button[type=submit]").last)
    page.wait_for_load_state("networkidle")

    # 4. A counselling contact (today, 30 minutes, in person are prefilled).
    journey.click(page.get_by_role("link", name=re.compile("Zurück zu")).first)
    journey.click(page.get_by_role("link", name="Kontakte"))
    journey.click(page.get_by_role("link", name="Beratungskontakt erfassen"))
    walk.check()
    journey.tick("input[name=topics] >> nth=0")
    journey.click(page.locator("main form.tm-form button[type=submit]").last)
    page.wait_for_load_state("networkidle")
    with scopes_disabled():
        assert NeedAssessment.objects.filter(case__person=person).count() == 1
        assert Goal.objects.filter(case__person=person).count() == 1
        assert Contact.objects.filter(case__person=person).count() == 1

    # 5./6. Consent for the Jobcenter and the referral to its matched offer.
    journey.click(page.get_by_role("link", name="Einwilligungen und Vermittlungen"))
    walk.check()
    offer_steps(journey, walk, page, offer.title)
    with scopes_disabled():
        consent = Consent.objects.get(person=person)
        assert list(consent.recipients.all()) == [world.a.jobcenter]
        referral = Referral.objects.get(case__person=person)
        assert referral.to_organisation == world.a.jobcenter and referral.offer == offer

    print(
        f"journey intake → referral: {journey.steps} clicks and field inputs "
        f"(before: {STEPS_BEFORE}, target: ≤ {TARGET}), {len(walk.pages)} pages checked"
    )
    assert journey.steps <= TARGET

    # The overview answers the questions before a call without scrolling.
    page.goto(overview)
    assert in_first_screen(page, "Duldung")
    assert in_first_screen(page, "noch 35 Tage")
    assert in_first_screen(page, "Nächster Schritt")
    assert in_first_screen(page, "Frühwarnung")


def offer_steps(journey: Journey, walk: Walk, page: Any, title: str) -> None:
    """From the matched offer: the consent form comes prefilled for its provider, then the
    referral asks for a note and a confirmation."""
    journey.click(page.get_by_role("link", name=re.compile(f"Einwilligung erfassen.*{title}")))
    walk.check()
    journey.click(page.locator("main form.tm-form button[type=submit]").first)
    page.wait_for_url(re.compile(r"/vermitteln/"))
    walk.check()
    journey.fill("textarea[name=purpose]", "Bitte um ein Erstgespräch zur Einstiegsqualifizierung")
    journey.click(page.get_by_role("button", name="Jetzt vermitteln"))
    page.wait_for_load_state("networkidle")
