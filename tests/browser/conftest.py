"""Real Chromium (Debian's binary) through Playwright, against pytest-django's live server.

The `browser` and `page` fixtures live in tests/conftest.py: Playwright's sync API allows one
running instance per thread, so every package's browser tests must share one session fixture.
"""

from __future__ import annotations

import os
import shutil
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
