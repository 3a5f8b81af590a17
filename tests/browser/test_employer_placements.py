"""The coordinator's page of young people per firm as the coordinator meets it: from the
directory in one click, a small count shown as "." with its explanation; axe-clean at 1280
and 375 px, no sideways scroll."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_violations
from tests.browser.journey import Journey, no_sideways_scroll, signed_in
from tests.conftest import World
from tests.employers.helpers import employer
from tests.employers.test_placements import _experience, _participation, _people

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_sees_how_many_young_people_each_firm_took(
    world: World, live_server: Any, page: Any
) -> None:
    big = employer(world.a.alliance, "Autohaus Berg")
    small = employer(world.a.alliance, "Bäckerei Yilmaz")
    year = dt.date.today().year
    for person in _people(world, 4):
        _participation(big, person, dt.date(year, 2, 1))
    _experience(small, _people(world, 1)[0], dt.date(year, 3, 1))
    signed_in(page, live_server, world.users["coord_a"])
    page.goto(live_server.url + reverse("employers:employer_list", args=[world.a.alliance.slug]))
    journey = Journey(page)
    journey.click(page.get_by_role("link", name="Junge Menschen je Betrieb"))
    page.wait_for_url("**/betriebe/vermittlungen/**")
    row = page.get_by_role("row").filter(has_text="Autohaus Berg")
    assert "4" in row.inner_text()
    assert "." in page.get_by_role("row").filter(has_text="Bäckerei Yilmaz").inner_text()
    assert axe_violations(page) == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), width
        if os.environ.get("TEILHABE_SCREENSHOTS"):
            path = Path(os.environ["TEILHABE_SCREENSHOTS"]) / f"placements_{width}.png"
            page.screenshot(path=str(path), full_page=True)
    assert journey.steps == 1
