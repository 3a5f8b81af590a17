"""Mentoring in Chromium: the case manager pairs person A with the volunteer from the
person page (the consent to accompaniment recorded), the volunteer opens "Meine
Begleitung" and sees the first name, the goal and the case manager, nothing else; axe-core
finds no WCAG 2.1 A/AA violation; no sideways scrolling at 1280 and 375 px."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from tests.browser.journey import check, signed_in
from tests.conftest import World
from tests.mentoring.helpers import accompaniment_consent, profile, volunteer_of

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def test_the_case_manager_starts_a_pair_and_the_volunteer_sees_it_in_meine_begleitung(
    world: World, live_server: Any, page: Any, browser: Any
) -> None:
    membership = volunteer_of(world.a.alliance, "volunteer_a")
    user = membership.user
    user.first_name, user.last_name = "Paula", "Pate"
    user.save()
    cm = world.users["cm_a"]
    cm.first_name, cm.last_name = "Clara", "Berg"
    cm.save()
    profile(membership, languages="Deutsch, Arabisch", availability="dienstags")
    accompaniment_consent(world.a.person, membership.organisation)
    slug, person = world.a.alliance.slug, world.a.person

    signed_in(page, live_server, cm)
    page.goto(f"{live_server.url}/b/{slug}/personen/{person.pk}/?bereich=kontakte")
    check(page, "mentoring_1_person_section")
    page.get_by_role("link", name="Tandem beginnen").click()
    page.wait_for_url(re.compile(r"/begleitung/neu/$"))
    page.fill("#id_sprachen", "Arabisch")
    page.get_by_role("button", name="Ehrenamtliche suchen").click()
    page.wait_for_url(re.compile(r"sprachen=Arabisch"))
    page.fill("#id_goal", "Bewerbungen für eine Ausbildung schreiben")
    check(page, "mentoring_2_pair_form")
    page.get_by_role("button", name="Tandem beginnen").click()
    page.wait_for_url(re.compile(r"bereich=kontakte"))
    page.get_by_text("Bewerbungen für eine Ausbildung schreiben").wait_for()
    check(page, "mentoring_3_pair_started")

    volunteer = browser.new_context(locale="de-DE").new_page()
    signed_in(volunteer, live_server, user)
    volunteer.goto(f"{live_server.url}/b/{slug}/begleitung/")
    check(volunteer, "mentoring_4_meine_begleitung")
    volunteer.get_by_role("link", name=person.given_name).click()
    volunteer.wait_for_url(re.compile(r"/begleitung/[0-9a-f-]+/$"))
    text = volunteer.locator("main").inner_text()
    assert "Bewerbungen für eine Ausbildung schreiben" in text and "Clara Berg" in text
    assert person.family_name not in text
    check(volunteer, "mentoring_5_pair_detail")
    volunteer.context.close()
