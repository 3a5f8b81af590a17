"""A case manager logs in with password and TOTP, lands on the start page and opens the
person list; axe-core finds no WCAG 2.1 A/AA violation on any of the three pages."""

from __future__ import annotations

import re
from typing import Any

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

from tests.browser.conftest import axe_violations, current_code
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_case_manager_logs_in_with_totp_and_opens_the_person_list(
    world: World, live_server: Any, page: Any
) -> None:
    user = world.users["cm_a"]
    secret = generate_totp_secret()
    TOTP.activate(user, secret)

    page.goto(live_server.url + "/")
    assert re.search(r"/konto/login/", page.url)
    assert page.locator("html").get_attribute("lang") == "de"
    assert axe_violations(page) == []
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()

    # Second factor: allauth's MFA stage asks for the TOTP code.
    page.wait_for_url(re.compile(r"/konto/2fa/authenticate/"))
    page.locator("input[name=code]").fill(current_code(secret))
    page.locator("form button[type=submit]").first.click()

    page.wait_for_url(re.compile(rf"/b/{world.a.alliance.slug}/$"))
    assert axe_violations(page) == []

    page.get_by_role("link", name="Personen").first.click()
    page.wait_for_url(re.compile(rf"/b/{world.a.alliance.slug}/personen/"))
    assert page.get_by_text("CanaryA").count() >= 1
    assert page.get_by_text("CanaryB").count() == 0
    assert axe_violations(page) == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
