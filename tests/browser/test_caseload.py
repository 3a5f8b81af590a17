"""The caseload list in Chromium: filters through htmx keep names out of the URL, saving and
applying a filter, "select all on this page" for the bulk actions, no sideways scroll at
375 px, and axe-core finds no WCAG 2.1 A/AA violation. (Here, not in tests/people: one
Playwright per session, from this conftest.)"""

from __future__ import annotations

import os
import re
from typing import Any

import pytest
from django_scopes import scopes_disabled

from tests import factories as f
from tests.browser.conftest import axe_violations
from tests.browser.journey import no_sideways_scroll, signed_in
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory, StatusEntryFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS", "")  # a folder: keep screenshots to look at


def test_case_manager_filters_saves_a_filter_and_selects_a_page_of_persons(
    world: World, live_server: Any, page: Any
) -> None:
    with scopes_disabled():
        for family in ("Özdemir", "Oz", "Şahin", "Schmidt", "Saleh", "Zafar"):
            p = KeyedPersonFactory(owner=world.a.tm_office, family_name=family)
            f.CaseFactory(person=p)
            StatusEntryFactory(person=p)
    signed_in(page, live_server, world.users["cm_a"])
    url = f"{live_server.url}/b/{world.a.alliance.slug}/personen/"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(url)
    rows = page.locator("tbody th[scope=row]")
    names = [n.split(",")[0] for n in rows.all_inner_texts()]
    assert names == ["Oz", "Özdemir", "PersonA", "Şahin", "Saleh", "Schmidt", "Zafar"]
    assert axe_violations(page) == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/caseload-1280.png", full_page=True)

    page.get_by_label("Nach Namen suchen").fill("Sahin")
    page.get_by_text("1 Person gefunden").wait_for()
    assert "Sahin" not in page.url and "q=" not in page.url
    page.get_by_label("Name des Filters").fill("Nur Şahin")
    page.get_by_role("button", name="Filter speichern").click()
    page.wait_for_url(re.compile(r"\?filter=[0-9a-f-]+$"))
    assert "Sahin" not in page.url
    assert [n.split(",")[0] for n in rows.all_inner_texts()] == ["Şahin"]
    assert page.get_by_role("link", name="Nur Şahin").count() == 1
    assert axe_violations(page) == []

    page.goto(url)
    page.get_by_label("Alle Personen auf dieser Seite auswählen").check()
    boxes = page.locator("input[name=person]")
    assert boxes.count() == 7
    assert all(boxes.nth(i).is_checked() for i in range(7))
    page.get_by_role("button", name="Zuständigkeit übertragen").click()
    page.wait_for_url(re.compile(r"/uebergabe/$"))
    listed = page.locator("main").inner_text()
    assert all(name in listed for name in ("Oz,", "Özdemir,", "Şahin,", "Zafar,", "PersonA,"))

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(url)
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/caseload-375.png", full_page=True)
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
