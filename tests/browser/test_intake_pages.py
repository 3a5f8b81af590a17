"""Intake area in Chromium: intake with the live eligibility check, a residence status, and
the list search that keeps names out of the URL; axe-core finds no WCAG 2.1 A/AA violation
on these pages. (Here, not in tests/people/intake: one Playwright per session, from this
conftest.)"""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.conf import settings
from django.test import Client

from tests.browser.conftest import axe_violations
from tests.conftest import World, login_with_mfa
from tests.people.intake.helpers import birth_for_age

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def signed_in(page: Any, live_server: Any, user: Any) -> None:
    """Reuse the session of a test client that passed MFA (the login itself is tested in
    tests/browser)."""
    client = login_with_mfa(Client(), user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": live_server.url}]
    )


def test_case_manager_takes_a_person_in_and_records_a_residence_status(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["cm_a"])
    base = f"{live_server.url}/b/{world.a.alliance.slug}/personen/"
    page.goto(base)
    page.get_by_role("link", name="Neue Person aufnehmen").click()
    page.wait_for_url(re.compile(r"/aufnahme/$"))
    assert axe_violations(page) == []

    page.get_by_label("Vorname").fill("Yousef")
    page.get_by_label("Familienname").fill("Haddad")
    page.get_by_label("Geburtsdatum").fill(birth_for_age(30).isoformat())
    region = page.locator("#eligibility")
    region.get_by_text("Alter bei Aufnahme: 30 Jahre.").wait_for()
    assert "nein" in region.inner_text()
    page.get_by_label("Geburtsdatum").fill(birth_for_age(21).isoformat())
    region.get_by_text("Alter bei Aufnahme: 21 Jahre.").wait_for()
    page.get_by_label("Geschlecht").select_option("male")
    page.get_by_label("Staatsangehörigkeit").select_option("SY")
    page.get_by_label("Wohnort").select_option("05315000")
    page.locator("#id_sprachen-0-language").select_option("ar")
    page.locator("#id_sprachen-0-level").select_option("native")
    for field in ("#id_no_sgb_measures", "#id_no_compulsory_schooling"):
        page.locator(field).select_option("yes")
    page.locator("#id_not_in_course_or_training").select_option("yes")
    region.get_by_text("Vorrangige Zielgruppe: ja").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Aufnehmen und Fall eröffnen").click()

    page.wait_for_url(re.compile(r"/personen/[0-9a-f-]{36}/$"))
    assert page.get_by_role("heading", name="Yousef Haddad").count() == 1
    assert axe_violations(page) == []
    page.get_by_role("link", name="Aufenthaltsstatus hinzufügen").click()
    page.get_by_label("Aufenthaltsstatus").select_option("toleration")
    page.get_by_label("Gültig ab").fill("2026-01-01")
    page.get_by_label("Gültig bis").fill("2027-06-30")
    assert axe_violations(page) == []
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_url(re.compile(r"#residence-status$"))
    assert page.locator("#residence-status").get_by_text("Duldung (§ 60a AufenthG)").count() >= 1
    # The other edit pages of the area: master data and languages, profile, entries.
    detail = page.url.split("#")[0]
    for link in (
        "Stammdaten und Sprachen bearbeiten",
        "Schulbildung, Interessen und Rechtskreise bearbeiten",
        "Zeugnis hinzufügen",
        "Erfahrung hinzufügen",
        "Korrigieren",
    ):
        page.goto(detail)
        page.get_by_role("link", name=link).first.click()
        page.wait_for_load_state()
        assert page.url != detail
        assert axe_violations(page) == [], link
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_the_list_search_finds_variants_and_keeps_the_name_out_of_the_url(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["cm_a"])
    url = f"{live_server.url}/b/{world.a.alliance.slug}/personen/"
    page.goto(url)
    page.get_by_label("Nach Namen suchen").fill("Kanari")  # no variant of "Canary"
    page.locator("#person-count").get_by_text("0 Personen gefunden").wait_for()
    page.get_by_label("Nach Namen suchen").fill("canarya")
    page.locator("#person-count").get_by_text("1 Person gefunden").wait_for()
    assert page.url == url  # nothing pushed into the address bar or history
    assert axe_violations(page) == []
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
