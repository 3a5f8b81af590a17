"""A large export as the user meets it: the download link of the audit log opens the
export's page, which shows the rows written and then the file to download (1280 and
375 px, axe-clean, no sideways scroll)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse

from tests.browser.conftest import axe_violations
from tests.browser.journey import Journey, no_sideways_scroll, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_downloads_a_large_audit_log_from_its_export_page(
    world: World, live_server: Any, page: Any, settings: Any
) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "BACKGROUND_EXPORT_ROWS": 2}
    signed_in(page, live_server, world.users["coord_a"])
    log = live_server.url + reverse("core:audit_log", args=[world.a.alliance.slug])
    for _ in range(3):  # each view of the log is an event in it
        page.goto(log)
    journey = Journey(page)
    journey.click(page.locator(".tm-export-links").get_by_role("link", name="CSV"))
    page.wait_for_url("**/exporte/**")
    page.get_by_text("Zeilen geschrieben").wait_for()
    assert page.get_by_test_id("export-status").inner_text() == "fertig"
    assert axe_violations(page) == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), width
        if os.environ.get("TEILHABE_SCREENSHOTS"):
            path = Path(os.environ["TEILHABE_SCREENSHOTS"]) / f"export_job_{width}.png"
            page.screenshot(path=str(path), full_page=True)
    with page.expect_download() as download:
        journey.click(page.get_by_role("link", name="CSV herunterladen"))
    body = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert body.startswith("Zeit;")
    assert journey.steps == 2  # the list's link, then the file
