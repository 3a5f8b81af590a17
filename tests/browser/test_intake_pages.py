"""Intake area in Chromium: the one intake form (live eligibility check, first residence
status, a language row added by htmx, schooling) with its count of clicks and inputs, the
fieldset layout at 1280 and 375 px, and the list search that keeps names out of the URL;
axe-core finds no WCAG 2.1 A/AA violation on these pages. (Here, not in
tests/people/intake: one Playwright per session, from this conftest.)"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django_scopes import scopes_disabled
from playwright.sync_api import expect

from teilhabe.people.models import Person
from tests.browser.conftest import axe_violations
from tests.browser.journey import Journey, no_sideways_scroll, signed_in
from tests.casework.work.factories import GoalFactory
from tests.conftest import World
from tests.people.intake.helpers import TODAY, birth_for_age

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


# Clicks plus field inputs of the same intake (a 22-year-old with a Duldung that expires in
# five weeks, two languages, schooling) before the one form, counted on the old pages:
# intake 15 (open it, 6 master fields, 2 x 2 language fields, 3 eligibility answers,
# submit), then from the person page the status form 5 (open, status, valid from, valid
# until, save) and the profile form 5 (open, 2 school years, a legal domain, save): 25 steps
# on 3 form pages. Now: 22 on one page (the second language row costs one click).
INTAKE_STEPS_BEFORE = 25
INTAKE_STEPS_NOW = 22


def test_case_manager_takes_a_person_in_with_status_languages_and_schooling_in_one_form(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["cm_a"])
    base = f"{live_server.url}/b/{world.a.alliance.slug}/personen/"
    page.goto(base)
    journey = Journey(page)
    journey.click(page.get_by_role("link", name="Neue Person aufnehmen"))
    page.wait_for_url(re.compile(r"/aufnahme/$"))
    assert axe_violations(page) == []
    # No residence status is preselected.
    assert page.locator("#id_status-status").input_value() == ""

    journey.fill("#id_given_name", "Yousef")
    journey.fill("#id_family_name", "Haddad")
    journey.fill("#id_date_of_birth", birth_for_age(22).isoformat())
    region = page.locator("#eligibility")
    region.get_by_text("Alter bei Aufnahme: 22 Jahre.").wait_for()
    journey.choose("#id_sex", "male")
    journey.choose("#id_nationality", "SY")
    journey.choose("#id_residence", "05315000")
    # The first residence status: a Duldung expiring in five weeks.
    journey.choose("#id_status-status", "toleration")
    journey.fill("#id_status-valid_from", (TODAY - dt.timedelta(days=150)).isoformat())
    journey.fill("#id_status-valid_until", (TODAY + dt.timedelta(weeks=5)).isoformat())
    # Two languages: the second row comes by htmx, without a page load, and takes the focus.
    journey.choose("#id_sprachen-0-language", "ar")
    journey.choose("#id_sprachen-0-level", "native")
    journey.click(page.get_by_role("button", name="Weitere Sprache hinzufügen"))
    expect(page.locator("#id_sprachen-1-language")).to_be_focused()
    journey.choose("#id_sprachen-1-language", "de")
    journey.choose("#id_sprachen-1-level", "A2")
    # Schooling.
    journey.fill("#id_profil-school_years_abroad", "9")
    journey.fill("#id_profil-school_years_germany", "1")
    journey.tick("#id_profil-legal_domains_0")  # AsylbLG
    for field in ("#id_no_sgb_measures", "#id_no_compulsory_schooling"):
        journey.choose(field, "yes")
    journey.choose("#id_not_in_course_or_training", "yes")
    region.get_by_text("Vorrangige Zielgruppe: ja").wait_for()
    assert axe_violations(page) == []
    page.set_viewport_size({"width": 375, "height": 800})
    assert no_sideways_scroll(page)
    # The intake date keeps the width of its column on a phone (it used to shrink to an icon).
    widths = page.evaluate(
        "[document.querySelector('#id_intake_date').getBoundingClientRect().width,"
        " document.querySelector('#id_given_name').getBoundingClientRect().width]"
    )
    assert widths[0] == widths[1]
    page.set_viewport_size({"width": 1280, "height": 800})
    journey.click(page.get_by_role("button", name="Aufnehmen und Fall eröffnen"))

    # Straight to the new person's page, everything recorded.
    page.wait_for_url(re.compile(r"/personen/[0-9a-f-]{36}/$"))
    assert page.get_by_role("heading", name="Yousef Haddad").count() == 1
    assert page.locator("#residence-status").get_by_text("Duldung (§ 60a AufenthG)").count() >= 1
    # Both languages: the htmx row counted (the formset's form count came out of band).
    page.get_by_role("link", name="Bildung und Verlauf").click()
    languages = page.locator("#profile").inner_text()
    assert "Arabisch: Erstsprache" in languages and "Deutsch: A2" in languages
    assert axe_violations(page) == []
    print(f"intake: {journey.steps} clicks and field inputs (before: {INTAKE_STEPS_BEFORE})")
    assert journey.steps == INTAKE_STEPS_NOW < INTAKE_STEPS_BEFORE

    # The edit pages for later changes stay: master data and languages, profile, entries.
    detail = page.url.split("?")[0].split("#")[0]
    for area, link in (
        ("ueberblick", "Stammdaten und Sprachen bearbeiten"),
        ("bildung", "Schulbildung, Interessen und Ziele bearbeiten"),
        ("bildung", "Rechtskreiswechsel eintragen"),
        ("ueberblick", "Aufenthaltsstatus hinzufügen"),
        ("bildung", "Zeugnis hinzufügen"),
        ("bildung", "Erfahrung hinzufügen"),
        ("ueberblick", "Korrigieren"),
    ):
        page.goto(f"{detail}?bereich={area}")
        page.get_by_role("link", name=link).first.click()
        page.wait_for_load_state()
        assert page.url != detail
        assert axe_violations(page) == [], link
        if link == "Aufenthaltsstatus hinzufügen":
            assert page.locator("#id_status").input_value() == ""  # nothing preselected
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []


def test_an_error_in_the_status_section_keeps_the_form_filled_and_names_the_field(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["cm_a"])
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{live_server.url}/b/{world.a.alliance.slug}/personen/aufnahme/")
    page.locator("#id_given_name").fill("Amina")
    page.locator("#id_family_name").fill("Yusuf")
    page.locator("#id_date_of_birth").fill(birth_for_age(22).isoformat())
    page.locator("#id_sex").select_option("female")
    page.locator("#id_status-status").select_option("residence_permit")  # needs a legal basis
    page.locator("#id_status-valid_from").fill("2026-01-01")
    page.locator("#id_sprachen-0-language").select_option("so")
    page.locator("#id_sprachen-0-level").select_option("native")
    page.get_by_role("button", name="Aufnehmen und Fall eröffnen").click()
    page.wait_for_load_state()
    assert page.url.endswith("/aufnahme/")
    summary = page.locator(".tm-error-summary")
    summary.get_by_role("link", name=re.compile("^Rechtsgrundlage")).click()
    expect(page.locator("#id_status-legal_basis")).to_be_focused()
    assert page.locator("#id_given_name").input_value() == "Amina"
    assert page.locator("#id_sprachen-0-language").input_value() == "so"
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []
    with scopes_disabled():
        assert not Person.objects.filter(family_name="Yusuf").exists()


@pytest.mark.parametrize("width", [1280, 375])
def test_form_pages_keep_legends_above_their_fields_without_sideways_scroll(
    world: World, live_server: Any, page: Any, width: int
) -> None:
    """The intake form, the residence-status form and a plan step form: each legend sits
    above the first field of its group, and nothing scrolls sideways."""
    signed_in(page, live_server, world.users["cm_a"])
    with scopes_disabled():
        goal = GoalFactory(case=world.a.case)
    person = world.a.person.pk
    base = f"{live_server.url}/b/{world.a.alliance.slug}/personen/"
    page.set_viewport_size({"width": width, "height": 800})
    for url in (
        f"{base}aufnahme/",
        f"{base}{person}/aufenthalt/neu/",
        f"{base}{person}/plan/ziele/{goal.pk}/schritte/neu/",
    ):
        page.goto(url)
        assert no_sideways_scroll(page), url
        # Each legend's box ends above the next element of its fieldset, never beside it.
        beside = page.evaluate(
            """[...document.querySelectorAll('fieldset > legend')].filter(legend => {
                 const next = legend.nextElementSibling;
                 if (!next || next.offsetParent === null) return false;
                 return next.getBoundingClientRect().top < legend.getBoundingClientRect().bottom;
               }).map(legend => legend.textContent.trim())"""
        )
        assert beside == [], url
    assert axe_violations(page) == []


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
