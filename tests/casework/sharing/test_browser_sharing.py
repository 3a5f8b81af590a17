"""In Chromium: the case manager records a consent with its signed form and sends a referral;
the partner accepts it in a second browser context; the coordinator creates an API token.
axe-core finds no WCAG 2.1 A/AA violation on any sharing page, and the CSP is not violated.

Playwright runs in a thread of its own: another module's session-wide browser may still be
running its event loop in the main thread, and the sync API refuses a second one there.
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, axe_violations
from tests.conftest import World, login_with_mfa

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SHOTS")  # a directory: keep screenshots for review


def session_cookie(user: Any) -> str:
    """The session of a user who has passed the second factor (made in the main thread)."""
    client = login_with_mfa(Client(), user)
    return str(client.cookies[settings.SESSION_COOKIE_NAME].value)


def in_own_thread(scenario: Callable[[Any], None]) -> None:
    """Run a scenario with a Playwright browser of its own, in a thread of its own."""
    failure: list[BaseException] = []

    def run() -> None:
        from playwright.sync_api import sync_playwright

        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(
                    executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
                )
                try:
                    scenario(browser)
                finally:
                    browser.close()
        except BaseException as exc:  # re-raised in the test's thread
            failure.append(exc)

    thread = threading.Thread(target=run)
    thread.start()
    thread.join(timeout=300)
    assert not thread.is_alive(), "the browser scenario did not finish"
    if failure:
        raise failure[0]


def signed_in(browser: Any, live_server: Any, cookie: str) -> Any:
    """A browser page carrying the given session."""
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": cookie,
                "url": live_server.url,
            }
        ]
    )
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    return page


def check(page: Any, name: str) -> None:
    assert axe_violations(page) == [], name
    assert [e for e in page.console_errors if "Content Security Policy" in e] == [], name
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def test_consent_referral_and_token_pages_work_in_chromium_without_axe_violations(
    world: World, live_server: Any, tmp_path: Path, settings: Any
) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"
    cookies = {p: session_cookie(world.users[p]) for p in ("cm_a", "partner_a", "coord_a")}
    signed = tmp_path / "unterschrift.pdf"
    signed.write_bytes(b"%PDF-1.4\n%%EOF\n")
    option = f"{world.consent_a.pk}:{world.a.jobcenter.pk}"
    in_own_thread(lambda browser: scenario(browser, live_server, world, cookies, signed, option))


def scenario(
    browser: Any, live_server: Any, world: World, cookies: dict[str, str], signed: Path, option: str
) -> None:
    base = f"{live_server.url}/b/{world.a.alliance.slug}/personen"
    cm = signed_in(browser, live_server, cookies["cm_a"])

    cm.goto(f"{base}/{world.a.person.pk}/?bereich=freigaben")
    check(cm, "01-person-owner")
    cm.get_by_role("link", name="Einwilligung erfassen").click()
    cm.wait_for_url(re.compile(r"/einwilligungen/neu/"))
    check(cm, "02-consent-form")
    cm.get_by_label("Jugendmigrationsdienst A").check()
    cm.get_by_label("Stammdaten").check()
    cm.get_by_label("Bildung und Sprachen").check()
    cm.get_by_label("Zweck", exact=True).select_option("joint_planning")
    cm.get_by_label("Unterschriebenes Formular").set_input_files(str(signed))
    cm.get_by_role("button", name="Einwilligung erfassen").click()
    cm.wait_for_url(re.compile(r"/einwilligungen/[0-9a-f-]+/$"))
    assert cm.get_by_text("Die Einwilligung wurde erfasst.").count() == 1
    check(cm, "03-consent-detail")
    cm.get_by_role("link", name="Widerruf erfassen").click()
    check(cm, "04-consent-withdraw")

    cm.goto(f"{base}/{world.a.person.pk}/vermittlungen/neu/")
    check(cm, "05-referral-form")
    cm.get_by_label("Empfangende Organisation und zugrunde liegende Einwilligung").select_option(
        option
    )
    cm.get_by_label("Zweck").fill("Beratung zur Einstiegsqualifizierung")
    cm.get_by_role("button", name="Vermittlung senden").click()
    cm.wait_for_url(re.compile(r"/vermittlungen/[0-9a-f-]+/$"))
    referral_url = cm.url
    check(cm, "06-referral-detail-sender")
    cm.goto(f"{base}/vermittlungen/")
    check(cm, "07-referrals-sent")

    partner = signed_in(browser, live_server, cookies["partner_a"])
    partner.goto(f"{base}/vermittlungen/")
    check(partner, "08-referral-inbox")
    partner.get_by_role("link", name="CanaryA PersonA").click()
    partner.wait_for_url(referral_url)
    check(partner, "09-referral-detail-receiver")
    partner.get_by_role("button", name="Annehmen").click()
    # The click only starts the form's request: wait for the answer.
    partner.get_by_text("Sie haben die Vermittlung angenommen.").first.wait_for()
    assert partner.get_by_text("Sie haben die Vermittlung angenommen.").count() == 1
    check(partner, "10-referral-accepted")
    cm.goto(referral_url)
    assert cm.get_by_text("angenommen").count() >= 1

    # Partner staff issue the token for their own organisation and role.
    partner.goto(f"{base}/api-schluessel/")
    partner.get_by_role("link", name="Schlüssel erstellen").click()
    check(partner, "12-token-form")
    partner.get_by_label("Name").fill("Fachverfahren Jobcenter")
    partner.get_by_label("Organisation").select_option(label="Jobcenter A")
    partner.get_by_label("Rolle").select_option("partner_staff")
    partner.get_by_role("button", name="Schlüssel erstellen").click()
    # The click only starts the form's request: wait for the answer.
    partner.get_by_text("Kopieren Sie den Schlüssel jetzt").first.wait_for()
    assert partner.get_by_text("Kopieren Sie den Schlüssel jetzt").count() == 1
    check(partner, "13-token-created")
    # The coordinator oversees the alliance's tokens (and issues none).
    coord = signed_in(browser, live_server, cookies["coord_a"])
    coord.goto(f"{base}/api-schluessel/")
    assert coord.get_by_text("Fachverfahren Jobcenter").count() >= 1
    check(coord, "11-token-list")
