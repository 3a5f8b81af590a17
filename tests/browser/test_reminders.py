"""Own reminders in Chromium: added on the person page (time and note), then on the
worklist; the calendar page shows the address once. No sideways scroll at 375 px and
axe-core finds no WCAG 2.1 A/AA violation on the new pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from tests.browser.conftest import axe_violations
from tests.browser.test_caseload import no_sideways_scroll, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_case_manager_adds_an_appointment_and_subscribes_to_the_calendar(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["cm_a"])
    slug = world.a.alliance.slug
    person_page = f"{live_server.url}/b/{slug}/personen/{world.a.person.pk}/?bereich=ueberblick"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(person_page)
    page.get_by_text("Wiedervorlage oder Termin hinzufügen").click()
    page.get_by_label("Termin", exact=True).check()
    day = timezone.localdate() + dt.timedelta(days=3)
    page.get_by_label("Datum", exact=False).first.fill(day.isoformat())
    page.get_by_label("Zeit", exact=False).first.fill("14:30")
    page.get_by_label("Bemerkung", exact=False).first.fill("Gespräch mit der Schule")
    page.get_by_role("button", name="Speichern").last.click()
    page.get_by_text("Die Wiedervorlage wurde gespeichert.").wait_for()
    assert "Gespräch mit der Schule" in page.locator("main").inner_text()
    assert axe_violations(page) == []

    page.goto(f"{live_server.url}/b/{slug}/")
    assert "Gespräch mit der Schule" in page.locator("main").inner_text()
    assert "14:30 Uhr" in page.locator("main").inner_text()

    page.goto(f"{live_server.url}/b/{slug}/personen/{world.a.person.pk}/wiedervorlagen/neu/")
    assert axe_violations(page) == []
    page.goto(f"{live_server.url}/b/{slug}/personen/kalender/")
    page.get_by_role("button", name="Kalenderadresse anlegen").click()
    assert ".ics" in page.locator("code").inner_text()
    assert axe_violations(page) == []
    for url in (person_page, f"{live_server.url}/b/{slug}/personen/kalender/"):
        page.set_viewport_size({"width": 375, "height": 800})
        page.goto(url)
        assert no_sideways_scroll(page), url
        assert axe_violations(page) == []
