"""The data-protection officer's journey through the audit log in Chromium: the log as
sentences, a person found by another spelling of the name, the older entries, and the
accesses to one person. Every page passes axe-core and fits 1280 px and 375 px without
sideways scroll."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.audit import audit_record
from tests.browser.conftest import axe_violations
from tests.browser.journey import no_sideways_scroll, signed_in
from tests.conftest import World
from tests.people.intake.factories import KeyedPersonFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def shot(page: Any, name: str) -> None:
    if SHOTS:
        page.screenshot(path=str(Path(SHOTS) / f"{name}.png"), full_page=True)


def check(page: Any, name: str) -> None:
    assert axe_violations(page) == []
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 800})
        assert no_sideways_scroll(page), (name, width)
        shot(page, f"{name}_{width}")
    page.set_viewport_size({"width": 1280, "height": 800})


def _history(world: World) -> Any:
    for persona, first, last in (("cm_a", "Clara", "Berg"), ("partner_a", "Maria", "Muster")):
        user = world.users[persona]
        user.first_name, user.last_name = first, last
        user.save()
    with scopes_disabled():
        person = KeyedPersonFactory(
            owner=world.a.tm_office, given_name="Muhammad", family_name="Al-Hasan"
        )
    start = dt.datetime(2026, 11, 2, 8, 0, tzinfo=dt.UTC)
    for i in range(60):
        with time_machine.travel(start + dt.timedelta(hours=i), tick=False):
            audit_record(
                action="view",
                actor=world.users["cm_a"],
                alliance=world.a.alliance,
                organisation=world.a.tm_office,
                obj=person if i % 3 == 0 else world.a.person,
            )
    with time_machine.travel(start + dt.timedelta(days=3), tick=False):
        audit_record(
            action="disclose",
            actor=world.users["partner_a"],
            alliance=world.a.alliance,
            organisation=world.a.jobcenter,
            obj=world.a.person,
            consent_id=world.consent_a.pk,
            purpose="consent",
        )
    return person


def test_the_dpo_reads_filters_and_pages_the_log(world: World, live_server: Any, page: Any) -> None:
    person = _history(world)
    slug = world.a.alliance.slug
    signed_in(page, live_server, world.users["dpo_a"])
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse("privacy:log", args=[slug]))
    page.get_by_role("heading", name="Zugriffs- und Übermittlungsprotokoll").wait_for()
    text = page.inner_text("main")
    assert "Teilhabemanagement A (C. Berg) hat am " in text
    assert "people.person" not in text and str(world.a.person.pk) not in text
    check(page, "audit_log")

    page.get_by_label("Name der Person").fill("Mohammed")
    page.get_by_role("button", name="Filter anwenden").click()
    page.get_by_text("Nur Ereignisse zu: Muhammad A.").wait_for()
    assert "Mohammed" not in page.url
    assert page.locator("tbody tr").count() == 20  # the reads of Muhammad only
    check(page, "audit_log_person")

    page.get_by_role("link", name="Filter zurücksetzen").click()
    page.get_by_role("link", name="Ältere Einträge").click()
    page.get_by_role("link", name="Neuere Einträge").wait_for()
    check(page, "audit_log_older")

    page.goto(live_server.url + reverse("privacy:person", args=[slug, world.a.person.pk]))
    page.get_by_role("link", name="Zugriffe anzeigen").click()
    page.get_by_role("heading", name="Zugriffe auf diese Person").wait_for()
    text = page.inner_text("main")
    assert "Jobcenter A (M. Muster) hat am 05.11.2026 09:00 die Stammdaten" in text
    assert "Einwilligung vom 01.01.2026" in text
    assert person.family_name not in text  # another person's reads are not listed
    check(page, "person_accesses")
