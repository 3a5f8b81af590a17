"""Each persona's start page in Chromium: the main navigation fits one line at 1280 px,
folds into a menu button at 375 px that opens by keyboard, nothing scrolls sideways, and
axe-core finds no WCAG 2.1 A/AA violation. Screenshots land in $TEILHABE_SCREENSHOTS."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import axe_violations
from tests.conftest import World, login_with_mfa
from tests.pages.home.test_roles import coordinator_rows, dpo_rows, partner_rows, volunteer_rows

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PERSONAS = ["partner_a", "abh_a", "coord_a", "dpo_a", "volunteer_a", "cm_a", "state"]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS", "")


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    """The session of a user who passed password and TOTP, handed to the browser."""
    client = login_with_mfa(Client(), user)
    page.context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": live_server.url,
            }
        ]
    )


def shot(page: Any, name: str) -> None:
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


NAV_TOPS = """() => [...document.querySelectorAll('[data-testid=nav-wide] > li')]
    .map(li => li.offsetTop)"""
SIDEWAYS = "() => document.documentElement.scrollWidth > document.documentElement.clientWidth"


@pytest.mark.parametrize("persona", PERSONAS)
def test_start_page_and_navigation_at_1280_and_375_px(
    world: World, live_server: Any, page: Any, persona: str
) -> None:
    partner_rows(world, 3)
    coordinator_rows(world, 2)
    dpo_rows(world, 25)
    volunteer_rows(world, 3)
    sign_in(page, live_server, world.users[persona])

    page.set_viewport_size({"width": 1280, "height": 900})
    response = page.goto(live_server.url + "/")
    assert response.status == 200
    tops = page.evaluate(NAV_TOPS)
    assert len(tops) >= 3 and len(set(tops)) == 1, (persona, tops)
    assert not page.get_by_test_id("nav-menu").is_visible()
    assert not page.evaluate(SIDEWAYS)
    assert axe_violations(page) == [], persona
    shot(page, f"{persona}-1280")
    # "More" opens by keyboard and shows its entries.
    more = page.locator(".tm-nav__more > summary")
    more.focus()
    page.keyboard.press("Enter")
    assert page.locator(".tm-nav__sublist a").first.is_visible()
    shot(page, f"{persona}-1280-more")

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(live_server.url + "/")
    assert not page.get_by_test_id("nav-wide").is_visible()
    toggle = page.locator(".tm-nav__toggle")
    assert toggle.is_visible()
    assert not page.locator(".tm-nav__list--menu a").first.is_visible()
    assert not page.evaluate(SIDEWAYS), persona
    shot(page, f"{persona}-375")
    toggle.focus()
    page.keyboard.press("Enter")
    links = page.locator(".tm-nav__list--menu a")
    assert links.first.is_visible() and links.last.is_visible()
    assert not page.evaluate(SIDEWAYS), persona
    assert axe_violations(page) == [], persona
    shot(page, f"{persona}-375-menu")
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
