"""Residence conditions and work permissions in Chromium: the case manager records a
Duldung that forbids work, sees the internship closed with its reason, records a work
permission for the provider, and the reason is gone; 1280 and 375 px, no axe violation."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from tests.browser.conftest import axe_violations
from tests.browser.test_intake_pages import signed_in
from tests.conftest import World
from tests.offers.factories import OfferFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS", "")
REASON = "nicht zugänglich: Erwerbstätigkeit nicht gestattet"


def test_a_work_permission_opens_the_internship_the_duldung_closed(
    world: World, live_server: Any, page: Any
) -> None:
    with scopes_disabled():
        OfferFactory(
            provider=world.a.jmd,
            title="Praktikum Kfz-Werkstatt",
            category="internship",
            free_places=2,
            requires_work_permission=True,
        )
    today = timezone.localdate()
    signed_in(page, live_server, world.users["cm_a"])
    person = f"{live_server.url}/b/{world.a.alliance.slug}/personen/{world.a.person.pk}/"
    page.goto(f"{person}aufenthalt/neu/")
    page.get_by_label("Aufenthaltsstatus").select_option("toleration")
    page.get_by_label("Gültig ab").fill(today.isoformat())
    page.get_by_label("Gültig bis").fill((today + dt.timedelta(days=180)).isoformat())
    page.get_by_label("Erwerbstätigkeit nicht gestattet").check()
    page.get_by_label("Wohnsitzauflage", exact=True).check()
    page.get_by_label("Wohnsitzauflage: Gemeinde").select_option("05315000")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Erwerbstätigkeit nicht gestattet; Wohnsitzauflage").wait_for()
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"{person}?bereich=ueberblick#abschnitt-status")
        assert page.get_by_role("heading", name="Beschäftigungserlaubnisse").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        assert axe_violations(page) == []
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/residence-status-{width}.png", full_page=True)
        page.goto(f"{person}?bereich=freigaben")
        assert page.get_by_text(REASON).is_visible()
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/residence-matching-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{person}beschaeftigungserlaubnis/neu/")
    page.get_by_label(
        "Arbeitgeber oder Ausbildungsbetrieb (Organisation im Bündnis)"
    ).select_option(label=world.a.jmd.name)
    page.get_by_label("Art").select_option("internship")
    assert axe_violations(page) == []
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/residence-permission-form-1280.png", full_page=True)
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Die Beschäftigungserlaubnis wurde eingetragen.").wait_for()
    page.goto(f"{person}?bereich=freigaben")
    assert page.get_by_text("Praktikum Kfz-Werkstatt").first.is_visible()
    assert page.get_by_text(REASON).count() == 0
