"""What the browser tests share to walk a user's journey: a signed-in page and a counter of
the clicks and field inputs the user makes."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from django.conf import settings
from django.test import Client

from tests.browser.conftest import axe_violations
from tests.conftest import login_with_mfa

SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")  # a folder: keep the screenshots to look at


def signed_in(page: Any, live_server: Any, user: Any) -> None:
    """Reuse the session of a test client that passed MFA (the login itself is tested in
    tests/browser)."""
    client = login_with_mfa(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


class Journey:
    """Counts what a case manager does: each click and each field input (typing into a
    field, choosing an option, ticking a box) is one step, as the journey targets
    count them."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.steps = 0

    def click(self, locator: Any) -> None:
        self.steps += 1
        locator.click()

    def fill(self, selector: str, value: str) -> None:
        self.steps += 1
        self.page.locator(selector).fill(value)

    def choose(self, selector: str, value: str) -> None:
        self.steps += 1
        self.page.locator(selector).select_option(value)

    def tick(self, selector: str) -> None:
        self.steps += 1
        self.page.locator(selector).check()


def no_sideways_scroll(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def check(page: Any, name: str) -> None:
    """The page as its users see it: no accessibility violation (axe), no sideways scroll at
    1280 and 375 px, and the screenshots of both widths kept where TEILHABE_SCREENSHOTS
    names a folder."""
    assert axe_violations(page) == [], name
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), (name, width)
        if SHOTS:
            page.screenshot(path=str(Path(SHOTS) / f"{name}_{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 800})
