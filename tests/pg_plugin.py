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
    # Without autovacuum: each test's rows live in one uncommitted transaction, and a
    # vacuum of a table meanwhile (rolled-back rows of earlier tests) records it as empty
    # (reltuples 0) while it holds 1,000 rows; the planner then nests per-row subplans and
    # the caseload's 1,000-person query ran for over an hour in CI (stop 25).
    _server = PgServer.start(autovacuum=False)
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
