"""The closure check in Chromium: the worklist asks for the situation after exit instead of
a plain "done", the form records it, the person page shows it. No sideways scroll at
375 px, no axe-core WCAG 2.1 A/AA violation; screenshots with TEILHABE_SCREENSHOTS."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scope

from teilhabe.casework.work import services
from tests.browser.journey import check, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def test_a_case_manager_records_the_situation_at_the_closure_check(
    world: World, live_server: Any, page: Any
) -> None:
    today = timezone.localdate()
    with scope(alliance=world.a.alliance):
        services.case_close(
            case=world.a.case,
            actor=world.users["cm_a"],
            organisation=world.a.tm_office,
            reason="vocational_training",
            closed_on=today - dt.timedelta(days=185),
            follow_up_on=today - dt.timedelta(days=5),
            version=world.a.case.version,
        )
    signed_in(page, live_server, world.users["cm_a"])
    slug = world.a.alliance.slug
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/b/{slug}/")
    main = page.locator("main")
    assert "Nachkontrolle nach Fallabschluss" in main.inner_text()
    check(page, "exit_worklist")
    page.get_by_role("button", name="Verbleib erfassen").first.click()
    page.get_by_role("heading", name="Verbleib nach Fallabschluss").wait_for()
    check(page, "exit_form")
    page.get_by_role("button", name="Verbleib speichern").click()  # no situation chosen
    page.get_by_role("heading", name="Verbleib nach Fallabschluss").wait_for()
    assert "wurde gespeichert" not in main.inner_text()
    page.get_by_label("in Ausbildung", exact=True).check()
    page.get_by_label("Bemerkung").fill("Ausbildung zur Fachkraft für Lagerlogistik")
    page.get_by_role("button", name="Verbleib speichern").click()
    page.get_by_text("Der Verbleib nach Fallabschluss wurde gespeichert.").wait_for()
    assert "Verbleib nach Fallabschluss: in Ausbildung" in main.inner_text()
    check(page, "exit_person_page")
    page.goto(f"{live_server.url}/b/{slug}/")
    assert "Nachkontrolle nach Fallabschluss" not in main.inner_text()
