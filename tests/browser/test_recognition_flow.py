"""Recognition in Chromium: the case manager records an application for recognition of a
certificate from the person page (area "Bildung"), then the decision; the section and the
trajectory show both; axe-core finds no WCAG 2.1 A/AA violation; no sideways scrolling at
1280 and 375 px."""

from __future__ import annotations

import os
import re
from typing import Any

import pytest

from tests.browser.journey import check, signed_in
from tests.conftest import World
from tests.recognition.helpers import certificate

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def test_the_case_manager_records_an_application_and_its_decision_on_the_person_page(
    world: World, live_server: Any, page: Any
) -> None:
    certificate(world.a.person, title="Abschlusszeugnis Klasse 10", issued_on="2022-06-30")
    slug, person = world.a.alliance.slug, world.a.person
    signed_in(page, live_server, world.users["cm_a"])
    page.goto(f"{live_server.url}/b/{slug}/personen/{person.pk}/?bereich=bildung")
    check(page, "recognition_1_section_empty")
    page.get_by_role("link", name=re.compile("^Antrag auf Anerkennung erfassen")).click()
    page.wait_for_url(re.compile(r"/anerkennung/zeugnis/[0-9a-f-]+/neu/$"))
    page.select_option("#id_body", "brk_school")
    page.fill("#id_applied_on", "2026-03-02")
    page.get_by_label("Beglaubigte Kopie des Zeugnisses").check()
    page.get_by_label("Beglaubigte Übersetzung").check()
    page.fill("#id_note", "Aktenzeichen 48.1-2026")
    check(page, "recognition_2_open_form")
    page.get_by_role("button", name="Antrag erfassen").click()
    page.wait_for_url(re.compile(r"bereich=bildung"))
    page.get_by_text("Aktenzeichen 48.1-2026").wait_for()
    check(page, "recognition_3_pending")

    page.get_by_role("link", name=re.compile("^Entscheidung erfassen")).click()
    page.wait_for_url(re.compile(r"/entscheidung/$"))
    page.select_option("#id_decision", "partial")
    page.fill("#id_decided_on", "2026-05-20")
    page.fill("#id_reference_qualification", "Erster Schulabschluss")
    check(page, "recognition_4_decide_form")
    page.get_by_role("button", name="Entscheidung erfassen").click()
    page.wait_for_url(re.compile(r"bereich=bildung"))
    section = page.locator("#recognition")
    section.get_by_text("Erster Schulabschluss").wait_for()
    assert "Gleichwertigkeit teilweise festgestellt" in section.inner_text()
    check(page, "recognition_5_decided")

    page.goto(f"{live_server.url}/b/{slug}/personen/{person.pk}/verlauf/")
    text = page.locator("main").inner_text()
    assert "Anerkennung von Abschlusszeugnis Klasse 10 beantragt" in text
    assert "Entscheidung über die Anerkennung von Abschlusszeugnis Klasse 10" in text
    check(page, "recognition_6_trajectory")
