"""The security suite runs through `make check-security` (scripts/check_security.py), not
with the ordinary suite: it walks every URL as every persona and would double CI time if
both engines' runs of `make test` repeated it. Set TEILHABE_SECURITY_SUITE=1 to run it."""

from __future__ import annotations

import os
from typing import Any

import pytest


def pytest_collection_modifyitems(config: Any, items: list[Any]) -> None:
    if os.environ.get("TEILHABE_SECURITY_SUITE") == "1":
        return
    skip = pytest.mark.skip(reason="security suite: run by `make check-security`")
    for item in items:
        if "tests/security/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(skip)
