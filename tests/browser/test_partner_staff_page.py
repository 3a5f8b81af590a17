"""The coordinator's staff page as it is met in Chromium: need-to-know is set with one
button, the page passes axe-core and fits a phone without sideways scroll."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from teilhabe.core.models import Membership
from tests.browser.conftest import axe_violations
from tests.browser.journey import no_sideways_scroll, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def test_the_coordinator_sets_need_to_know_on_the_staff_page(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["coord_a"])
    page.goto(
        f"{live_server.url}/b/{world.a.alliance.slug}/buendnis/partner/"
        f"{world.a.tm_office.pk}/mitarbeitende/"
    )
    page.get_by_role("button", name="Auf zugewiesene Personen beschränken").first.click()
    page.get_by_text("wurde gespeichert").wait_for()
    assert Membership.objects.get(user=world.users["cm_a"]).assigned_only
    assert axe_violations(page) == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), width
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / f"partner_staff_{width}.png"), full_page=True)
