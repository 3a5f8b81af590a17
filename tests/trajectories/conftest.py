"""Chromium fixtures for this package's browser tests (defined in tests/browser)."""

from tests.browser.conftest import browser, page  # noqa: F401
