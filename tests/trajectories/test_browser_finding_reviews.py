"""In Chromium: the case manager acknowledges, assesses and closes a finding on the
trajectory page, at 1280 px and at 375 px without sideways scroll; axe-core: 0 violations
in every state. The steps hold with htmx (swapped in place) and without it (the forms post
and come back), so the test runs whether or not the htmx asset is installed."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.trajectories.models import FindingReview
from teilhabe.trajectories.services import careers_refresh_person
from tests.browser.conftest import sign_in_with_totp as sign_in
from tests.browser.journey import no_sideways_scroll
from tests.conftest import World
from tests.trajectories.factories import ParticipationFactory
from tests.trajectories.test_browser_careers import checked

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_case_manager_works_a_finding_through_to_closed(
    world: World, live_server: Any, page: Any
) -> None:
    slug, person = world.a.alliance.slug, world.a.person
    with scopes_disabled():
        for month, category in ((1, "vocational_orientation"), (4, "internship"), (7, "mentoring")):
            ParticipationFactory(
                person=person,
                external_title=f"Maßnahme {month}",
                category=category,
                start=dt.date(2026, month, 1),
                end=dt.date(2026, month + 2, 28),
            )
        careers_refresh_person(person_id=person.pk, alliance=world.a.alliance)
    base = live_server.url
    sign_in(page, base, world.users["cm_a"], rf"/b/{slug}/$")
    page.goto(base + reverse("people:participations:trajectory", args=[slug, person.pk]))
    checked(page)
    finding = page.locator("li.tm-finding[data-state]").first
    assert "neu" in finding.inner_text()
    finding.get_by_role("button", name="Zur Kenntnis nehmen").click()
    page.wait_for_selector("li.tm-finding[data-state=acknowledged]")
    checked(page)
    assert "Der Befund wurde zur Kenntnis genommen." in page.locator("body").text_content()
    finding = page.locator("li.tm-finding").first
    finding.locator("summary", has_text="Bewerten").click()
    finding.get_by_label("Bewertung").fill("Gemeinsam mit dem Jobcenter besprechen")
    finding.get_by_label("Fallkonferenz am").fill("2026-12-10")
    finding.get_by_role("button", name="Bewertung speichern").click()
    page.wait_for_selector("li.tm-finding[data-state=assessed]")
    checked(page)
    assert "Fallkonferenz am 10.12.2026" in page.locator("li.tm-finding").first.inner_text()
    page.set_viewport_size({"width": 375, "height": 800})
    assert no_sideways_scroll(page)
    finding = page.locator("li.tm-finding").first
    finding.locator("summary", has_text="Abschließen").click()
    finding.get_by_role("button", name="Befund abschließen").click()  # empty: refused
    refused = page.get_by_text("Bitte beschreiben Sie vor dem Abschließen")
    refused.first.wait_for()
    assert no_sideways_scroll(page)
    page.get_by_label("Was unternommen wurde").first.fill("Ausbildungsplatz vermittelt")
    page.get_by_role("button", name="Befund abschließen").first.click()
    page.wait_for_selector("li.tm-finding[data-state=closed]")
    checked(page)
    assert no_sideways_scroll(page)
    with scopes_disabled():
        assert FindingReview.objects.get(person=person).status == "closed"
    page.goto(base + reverse("trajectories_alliance:flagged", args=[slug]) + "?zeigen=alle")
    checked(page)
    assert no_sideways_scroll(page)
    assert re.search(r"abgeschlossen", page.locator("main table").inner_text())
