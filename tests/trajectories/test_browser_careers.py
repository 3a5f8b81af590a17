"""In Chromium: a case manager records a participation and sees the Maßnahme-Karriere
finding appear with its German explanation; the coordinator changes thresholds and runs
the batch with its progress bar; the state sees the rates. axe-core: 0 violations."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.browser.conftest import axe_violations
from tests.browser.conftest import sign_in_with_totp as sign_in
from tests.conftest import World
from tests.trajectories.factories import ParticipationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def checked(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == [], page.url
    assert not [e for e in page.console_errors if "Content Security Policy" in e], page.url


def test_recording_a_third_measure_shows_the_finding(
    world: World, live_server: Any, page: Any
) -> None:
    slug, person = world.a.alliance.slug, world.a.person
    with scopes_disabled():
        for month, category in ((1, "vocational_orientation"), (4, "internship")):
            ParticipationFactory(
                person=person,
                external_title=f"Maßnahme {month}",
                category=category,
                start=dt.date(2026, month, 1),
                end=dt.date(2026, month + 2, 28),
            )
    base = live_server.url
    sign_in(page, base, world.users["cm_a"], rf"/b/{slug}/$")
    detail = base + reverse("people:detail", args=[slug, person.pk]) + "?bereich=bildung"
    page.goto(detail)
    checked(page)
    assert page.get_by_test_id("career-findings").count() == 0 or "MK1" not in (
        page.get_by_test_id("career-findings").inner_text()
    )
    page.get_by_role("link", name="Teilnahme erfassen").click()
    page.wait_for_url(re.compile(r"/teilnahmen/neu/$"))
    checked(page)
    page.get_by_label("Externe Maßnahme").fill("Bewerbungstraining")
    page.get_by_label("Träger der externen Maßnahme").fill("Bildungswerk")
    page.locator("select[name=category]").select_option("job_placement")
    page.locator("input[name=start]").fill("2026-07-01")
    page.locator("input[name=end]").fill("2026-09-28")
    page.locator("select[name=outcome]").select_option("completed")
    page.locator("main form.tm-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"#abschnitt-participations$"))
    checked(page)
    box = page.get_by_test_id("career-findings")
    assert "Drei Maßnahmen in Folge ohne Fortschritt" in box.inner_text()
    assert "Bewerbungstraining" in page.locator("#participations").inner_text()
    page.goto(base + reverse("people:participations:trajectory", args=[slug, person.pk]))
    checked(page)
    assert (
        "Drei Maßnahmen in Folge ohne Fortschritt"
        in page.get_by_test_id("career-findings").inner_text()
    )
    page.goto(base + reverse("trajectories_alliance:flagged", args=[slug]))
    checked(page)
    assert person.family_name in page.locator("main").inner_text()


def test_the_coordinator_sets_thresholds_and_runs_the_check(
    world: World, live_server: Any, page: Any
) -> None:
    slug = world.a.alliance.slug
    base = live_server.url
    sign_in(page, base, world.users["coord_a"], rf"/b/{slug}/$")
    page.goto(base + reverse("trajectories_alliance:rates", args=[slug]))
    checked(page)
    page.get_by_role("link", name="Schwellenwerte ändern").click()
    page.wait_for_url(re.compile(r"/schwellen/$"))
    checked(page)
    page.locator("input[name=chain_length]").fill("4")
    page.locator("main form.tm-form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/quoten/$"))
    assert "4 Maßnahmen in Folge" in page.locator("main").inner_text()
    page.get_by_role("button", name="Alle Personen jetzt prüfen").click()
    page.wait_for_url(re.compile(r"/laeufe/[0-9a-f-]+/$"))
    checked(page)
    assert page.get_by_test_id("run-status").inner_text() == "erledigt"


def test_the_state_sees_rates_per_alliance(world: World, live_server: Any, page: Any) -> None:
    base = live_server.url
    sign_in(page, base, world.users["state"], r"/land/")
    page.goto(base + reverse("trajectories_state:rates"))
    checked(page)
    assert "Nordrhein-Westfalen" in page.get_by_test_id("state-total").inner_text()
