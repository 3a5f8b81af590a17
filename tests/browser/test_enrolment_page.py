"""The enrolment-code page before the first second factor, as a newly created account meets
it: axe-core finds nothing, and it fits a phone without sideways scroll."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings

from tests.browser.conftest import axe_violations
from tests.browser.journey import no_sideways_scroll
from tests.conftest import World
from tests.core.test_enrolment import ENROL, password_only

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_new_account_is_asked_for_the_code_and_can_have_it_mailed(
    world: World, live_server: Any, page: Any
) -> None:
    client = password_only(world.users["cm_a"])
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/b/{world.a.alliance.slug}/personen/")
    page.wait_for_url(f"**{ENROL}**")
    page.get_by_role("button", name="Code per E-Mail schicken").click()
    page.get_by_text("Wir haben Ihnen einen Code").wait_for()
    assert axe_violations(page) == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), width
        if os.environ.get("TEILHABE_SCREENSHOTS"):
            path = Path(os.environ["TEILHABE_SCREENSHOTS"]) / f"enrolment_{width}.png"
            page.screenshot(path=str(path), full_page=True)
