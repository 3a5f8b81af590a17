"""In Chromium: a coordinator has the quarterly report produced automatically, generates a
report, downloads its PDF and sees the download in the report's history. Both pages pass
axe-core and fit 1280 px and 375 px without sideways scroll (TEILHABE_SCREENSHOTS keeps
the screenshots)."""

from __future__ import annotations

import os
from typing import Any

import pytest

from tests.browser.journey import check, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def test_a_coordinator_schedules_a_report_and_sees_who_downloaded_one(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["coord_a"])
    page.goto(live_server.url + "/b/buendnis-a/auswertung/berichte/")
    page.locator("#id_zeitplan-period").select_option("quarter")
    page.get_by_role("button", name="Automatisch erstellen lassen").click()
    page.wait_for_selector("[data-testid=report-schedules]")
    assert (
        "Quartalsbericht, eingerichtet von" in page.get_by_test_id("report-schedules").inner_text()
    )
    check(page, "berichte")
    page.locator("#id_period").select_option("year")
    page.locator("#id_year").fill("2026")
    page.get_by_role("button", name="Bericht erstellen").click()
    page.wait_for_selector("[data-testid=report-status]:has-text('erledigt')")
    with page.expect_download() as download:
        page.get_by_role("link", name="PDF herunterladen").click()
    assert download.value.suggested_filename.endswith(".pdf")
    page.reload()
    assert "Downloads (1)" in page.get_by_test_id("report-downloads").inner_text()
    check(page, "bericht")
