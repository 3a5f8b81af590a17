"""The lockout as a person meets it in Chromium: five wrong passwords, the lockout page; the
operator finds the account on /betrieb/anmeldesperren/ and releases it. Both pages pass
axe-core and fit a phone without sideways scroll."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import axe_violations
from tests.browser.journey import no_sideways_scroll, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def test_five_wrong_passwords_lock_and_the_operator_releases(
    world: World, live_server: Any, page: Any
) -> None:
    for i in range(5):
        page.goto(live_server.url + "/konto/login/")
        page.get_by_label("E-Mail").fill("cm_a@example.org")
        page.get_by_label("Passwort").fill(f"falsch-{i}")
        page.get_by_role("button", name="Anmelden").click()
    heading = page.get_by_role("heading", name="Anmeldung gesperrt")
    heading.wait_for()
    assert "in 15 Minuten" in page.content()
    assert axe_violations(page) == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), width
        shot(page, f"lockout_{width}")

    operator = world.users["cm_b"]
    operator.is_superuser = True
    operator.save()
    signed_in(page, live_server, operator)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + "/betrieb/anmeldesperren/")
    assert page.get_by_text("1 gesperrtes Konto").count() == 1
    assert axe_violations(page) == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), width
        shot(page, f"lockouts_{width}")
    page.get_by_role("button", name="Freigeben").click()
    page.get_by_text("Das Konto ist freigegeben").wait_for()
    assert page.get_by_text("Kein Konto ist gesperrt.").count() == 1
