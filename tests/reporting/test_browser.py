"""In a real browser: the coordinator opens the dashboard (charts drawn by vega-embed from
our own static files, filter through htmx) and the state coordinator the statewide view.
axe-core finds no WCAG 2.1 A/AA violation and nothing breaks the Content Security Policy."""

from __future__ import annotations

import re
from typing import Any

import pytest

from tests.browser.conftest import axe_violations
from tests.conftest import World
from tests.factories import PASSWORD
from tests.reporting.data import build

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(pg: Any, live_server: Any, email: str) -> None:
    pg.goto(live_server.url + "/konto/login/")
    pg.get_by_label("E-Mail").fill(email)
    pg.get_by_label("Passwort").fill(PASSWORD)
    pg.get_by_role("button", name="Anmelden").click()
    pg.wait_for_url(re.compile(r"/(land|b)/"))


def check(pg: Any) -> None:
    violations = axe_violations(pg)
    assert violations == [], f"{pg.url}: {violations}"
    assert [e for e in pg.console_errors if "Content Security Policy" in e] == []
    assert pg.console_errors == []


def test_coordinator_filters_the_dashboard_and_state_sees_the_monitoring(
    world: World,
    live_server: Any,
    page: Any,
) -> None:
    build(world)
    log_in(page, live_server, "coord_a@example.org")
    page.goto(live_server.url + "/b/buendnis-a/auswertung/?start=2026-01-01&end=2026-06-30")
    page.wait_for_selector(".rp-chart svg")
    assert page.locator(".rp-chart svg").count() >= 10
    check(page)
    page.get_by_label("Organisation").select_option(label=world.a.jmd.name)
    page.wait_for_selector(f"text=Organisation: {world.a.jmd.name}")
    page.wait_for_selector(".rp-chart svg")
    page.locator("#chart-sex summary").click()  # the table is folded under its chart
    sex = page.get_by_test_id("table-sex")
    # JMD A: one person; the coordinator stands outside its case management
    assert "weiblich\t.\t." in sex.inner_text()
    check(page)

    page.context.clear_cookies()
    log_in(page, live_server, "state@example.org")
    page.goto(live_server.url + "/land/auswertung/?start=2026-01-01&end=2026-06-30")
    page.wait_for_selector(".rp-chart svg")
    page.locator("#chart-status summary").click()
    assert "Bündnis A" in page.get_by_test_id("table-status").inner_text()
    check(page)
    page.goto(live_server.url + "/land/auswertung/altersanteil/")
    check(page)
    page.goto(live_server.url + "/land/auswertung/berichte/")
    page.get_by_role("form", name="Neuer Bericht").get_by_label("Zeitraum").select_option("year")
    page.get_by_label("Jahr").fill("2026")
    page.get_by_role("button", name=re.compile("Bericht erstellen|Generate report")).click()
    page.wait_for_selector("[data-testid=report-status]")
    check(page)


def test_the_coordinator_opens_the_dashboard_on_last_nights_figures(
    world: World, live_server: Any, page: Any
) -> None:
    from teilhabe.reporting.services import indicator_snapshots_record
    from tests.browser.journey import check as look

    build(world)
    indicator_snapshots_record(trigger="nightly")  # as the task worker does at night
    log_in(page, live_server, "coord_a@example.org")
    page.goto(live_server.url + "/b/buendnis-a/auswertung/")
    page.wait_for_selector(".rp-chart svg")
    assert "Stand der Zahlen:" in page.locator("main").inner_text()
    check(page)
    look(page, "auswertung_gespeichert")
