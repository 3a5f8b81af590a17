"""Real Chromium (Debian's binary) through Playwright, against pytest-django's live server.

The `browser` and `page` fixtures live in tests/conftest.py: Playwright's sync API allows one
running instance per thread, so every package's browser tests must share one session fixture.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from typing import Any

import pytest

# Playwright's sync API runs an event loop in this thread; the ORM calls made by fixtures
# around it are synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


def current_code(secret: str) -> str:
    """The TOTP code of this 30-second window. allauth accepts only the current window, so
    a code taken in its last seconds can expire before the form is sent: wait for the next."""
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    left = 30 - time.time() % 30
    if left < 6:
        time.sleep(left + 0.5)
    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def sign_in_with_totp(page: Any, base: str, user: Any, landing: str) -> None:
    """Password, then a fresh TOTP device's code; waits for the page at `landing` (a regex)."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from tests.factories import PASSWORD

    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    page.goto(base + "/")
    page.get_by_label("E-Mail").fill(user.email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/konto/2fa/authenticate/"))
    page.locator("input[name=code]").fill(current_code(secret))
    page.locator("form button[type=submit]").first.click()
    page.wait_for_url(re.compile(landing))


def axe_violations(page: Any) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(
        page,
        options={
            "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
            "resultTypes": ["violations"],
        },
    )
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes: {[n['target'] for n in v['nodes'][:3]]})"
        for v in results.response["violations"]
    ]


@pytest.fixture
def default_fields_of_action(transactional_db: Any) -> None:
    """An earlier transactional test flushes the rows the data migrations created; bring
    the default fields of action back with the migration's own function."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module("teilhabe.alliances.migrations.0002_defaults")
    migration.create_defaults(apps, None)
