"""The employer directory in Chromium: the coordinator reads the list, adds a firm and finds
it with the filter; axe-core finds no WCAG 2.1 A/AA violation; no sideways scrolling at 1280
and 375 px."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from teilhabe.employers.models import Employer
from tests.browser.journey import check, signed_in
from tests.conftest import World
from tests.employers.helpers import employer

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def test_the_coordinator_adds_an_employer_and_finds_it_in_the_directory(
    world: World, live_server: Any, page: Any
) -> None:
    a = world.a.alliance
    employer(a, "Autohaus Berg", sector=Employer.Sector.RETAIL, in_network=True, places_training=2)
    employer(a, "Pflegedienst Sonnenschein", sector=Employer.Sector.CARE, places_internship=3)
    signed_in(page, live_server, world.users["coord_a"])
    page.goto(f"{live_server.url}/b/{a.slug}/betriebe/")
    check(page, "employers_1_list")
    page.get_by_role("link", name="Betrieb hinzufügen").click()
    page.wait_for_url(re.compile(r"/betriebe/neu/$"))
    page.fill("#id_name", "Tischlerei Kaya")
    page.select_option("#id_sector", "craft")
    page.fill("#id_contact_name", "Frau Kaya")
    page.fill("#id_places_training", "2")
    page.fill("#id_last_contact_on", "2026-11-02")
    page.get_by_label("Im Unternehmensnetzwerk").check()
    check(page, "employers_2_form")
    page.get_by_role("button", name="Betrieb speichern").click()
    page.wait_for_url(re.compile(r"/betriebe/[0-9a-f-]+/$"))
    assert "Frau Kaya" in page.locator("main").inner_text()
    check(page, "employers_3_detail")
    page.goto(f"{live_server.url}/b/{a.slug}/betriebe/?branche=craft")
    text = page.locator("main").inner_text()
    assert "Tischlerei Kaya" in text and "Autohaus Berg" not in text
    check(page, "employers_4_filtered")
