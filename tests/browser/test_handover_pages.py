"""Handover and deputy pages in Chromium: at 375 px nothing scrolls sideways, and axe-core
finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import Deputy
from teilhabe.core.models import Role
from tests import factories as f
from tests.browser.conftest import axe_violations
from tests.browser.test_intake_pages import signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_handover_and_deputy_pages_fit_a_phone(world: World, live_server: Any, page: Any) -> None:
    colleague = f.UserFactory(
        username="cm_a2", email="cm_a2@example.org", first_name="Jana", last_name="Kollegin"
    )
    f.MembershipFactory(user=colleague, organisation=world.a.tm_office, role=Role.CASE_MANAGER)
    today = timezone.localdate()
    with scopes_disabled():
        Deputy.objects.create(
            alliance=world.a.alliance,
            organisation=world.a.tm_office,
            absent=world.users["cm_a"],
            deputy=colleague,
            valid_from=today,
            valid_until=today + dt.timedelta(days=7),
        )
    signed_in(page, live_server, world.users["cm_a"])
    page.set_viewport_size({"width": 375, "height": 800})
    base = f"{live_server.url}/b/{world.a.alliance.slug}/personen/"
    for url, heading in (
        (f"{base}{world.a.person.pk}/uebergabe/", "Personen übergeben"),
        (f"{base}vertretungen/", "Vertretungen"),
    ):
        page.goto(url)
        assert page.get_by_role("heading", name=heading, exact=True).is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
        assert axe_violations(page) == []
    # The table scrolls inside its own region, the page does not.
    assert page.locator("table").get_by_text("Jana Kollegin").is_visible()
