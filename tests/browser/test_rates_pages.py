"""A coordinator checks all persons of the alliance in Chromium and reads the
Maßnahme-Karriere rates of that run, with the time they were counted; the state sees the
alliances' rates of its last run. Every page passes axe-core and fits a phone."""

from __future__ import annotations

from typing import Any

import pytest

from tests.browser.journey import Journey, check, signed_in
from tests.conftest import World
from tests.trajectories.test_batch_and_rates import random_histories

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_coordinator_runs_the_check_and_reads_the_rates_as_of_that_run(
    world: World, live_server: Any, page: Any
) -> None:
    random_histories(world, persons=12)
    coordinator = Journey(page)
    signed_in(page, live_server, world.users["coord_a"])
    page.goto(f"{live_server.url}/b/{world.a.alliance.slug}/verlaeufe/quoten/")
    page.get_by_role("heading", name="Maßnahme-Karrieren: Quoten").wait_for()
    assert page.get_by_test_id("rates-as-of").count() == 0  # counted live before any run
    coordinator.click(page.get_by_role("button", name="Alle Personen jetzt prüfen"))
    page.locator("#run-progress").wait_for()
    page.go_back()
    page.reload()
    page.get_by_test_id("rates-as-of").wait_for()
    assert "Stand der Zahlen" in page.get_by_test_id("rates-as-of").inner_text()
    check(page, "rates_alliance")
    assert coordinator.steps == 1


def test_the_state_reads_the_alliances_rates_of_its_last_run(
    world: World, live_server: Any, page: Any
) -> None:
    random_histories(world, persons=12)
    signed_in(page, live_server, world.users["state"])
    page.goto(f"{live_server.url}/land/verlaeufe/")
    page.get_by_role("button", name="Alle Bündnisse jetzt prüfen").click()
    page.locator("#run-progress").wait_for()
    page.goto(f"{live_server.url}/land/verlaeufe/")
    page.get_by_test_id("rates-as-of").wait_for()
    check(page, "rates_state")
