"""pytest plugin: with TEILHABE_TEST_DB=postgres, run the suite on a private PostgreSQL.

It must set DATABASE_URL before pytest-django imports the settings, hence the early hook.
"""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.pgserver import PgServer

_server: PgServer | None = None


@pytest.hookimpl(tryfirst=True)
def pytest_load_initial_conftests(early_config: Any, parser: Any, args: Any) -> None:
    global _server
    # Background tasks run inline in tests so their effects are visible at once.
    os.environ.setdefault(
        "TEILHABE_TASKS_BACKEND", "django_tasks.backends.immediate.ImmediateBackend"
    )
    if os.environ.get("TEILHABE_TEST_DB", "sqlite") != "postgres":
        return
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return  # workers inherit DATABASE_URL from the controller
    _server = PgServer.start()
    os.environ["DATABASE_URL"] = _server.url


def pytest_report_header(config: Any) -> str:
    engine = (
        "PostgreSQL (private server)" if _server else os.environ.get("TEILHABE_TEST_DB", "sqlite")
    )
    return f"teilhabe test database: {engine}"


def pytest_unconfigure(config: Any) -> None:
    global _server
    if _server is not None:
        _server.stop()
        _server = None
