"""The merge pages in Chromium: the case manager finds the likely duplicate, compares both
entries side by side and merges them; at 375 px only the table scrolls, and axe-core finds
no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import os
from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.people.models import Person
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_pages import signed_in
from tests.conftest import World
from tests.people.merge.helpers import pair

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS", "")  # a folder: keep screenshots to look at


def test_the_case_manager_compares_and_merges_two_entries(
    world: World, live_server: Any, page: Any
) -> None:
    with scopes_disabled():
        first, second = pair(world.a.tm_office, per_kind=1)
    signed_in(page, live_server, world.users["cm_a"])
    base = f"{live_server.url}/b/{world.a.alliance.slug}/personen/{first.pk}/zusammenfuehren/"
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base)
        assert page.get_by_role(
            "heading", name="Mit einem anderen Eintrag zusammenführen"
        ).is_visible()
        page.get_by_role("link", name="Al Hasan, Muhammad").click()
        assert page.get_by_role(
            "heading", name="Zwei Einträge vergleichen und zusammenführen"
        ).is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert axe_violations(page) == []
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/merge-compare-{width}.png", full_page=True)
    page.get_by_label("Muhammad").check()
    page.get_by_role("button", name="Einträge zusammenführen").click()
    page.get_by_text("Die beiden Einträge wurden zusammengeführt").wait_for()
    with scopes_disabled():
        first.refresh_from_db()
        assert first.given_name == "Muhammad"
        assert Person.objects.get(pk=second.pk).merged_into_id == first.pk
    page.goto(base)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/merge-choose-375.png", full_page=True)
    assert axe_violations(page) == []
