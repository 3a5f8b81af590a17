"""The legal-domain history and interpreter need in Chromium: the case manager records the
change AsylbLG → SGB II and an interpreter need on the person page; at 1280 and 375 px
nothing but tables scrolls sideways, and axe-core finds no WCAG 2.1 A/AA violation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.casework.models import FollowUp
from teilhabe.people.models import LegalDomainPeriod, Profile
from tests.browser.journey import check, signed_in
from tests.conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_case_manager_records_a_change_of_legal_domain_and_an_interpreter_need(
    world: World, live_server: Any, page: Any
) -> None:
    person = world.a.person
    with scopes_disabled():
        LegalDomainPeriod.objects.create(
            alliance=person.alliance,
            person=person,
            domain="asylblg",
            started_on=dt.date(2024, 3, 1),
            office="Sozialamt Köln",
        )
    signed_in(page, live_server, world.users["cm_a"])
    base = f"{live_server.url}/b/{world.a.alliance.slug}/personen/{person.pk}/"
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base}?bereich=bildung")
    page.get_by_role("link", name="Rechtskreiswechsel eintragen").click()
    page.get_by_label("Neuer Rechtskreis").select_option("sgb2")
    page.get_by_label("Zuständig ab").fill(timezone.localdate().isoformat())
    page.get_by_label("Welcher Rechtskreis endet?").select_option(index=1)
    page.get_by_label("Zuständige Stelle").fill("Jobcenter Köln")
    check(page, "domain-change-form")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Der Rechtskreiswechsel ist eingetragen.").wait_for()
    with scopes_disabled():
        assert Profile.objects.get(person=person).legal_domains == ["sgb2"]
        assert FollowUp.objects.filter(case=world.a.case, reason="legal_domain_change").exists()
    page.goto(f"{base}?bereich=bildung#abschnitt-legal_domains")
    assert page.get_by_role("heading", name="Rechtskreise").is_visible()
    check(page, "domain-history")
    page.goto(base)
    page.get_by_role("link", name="Dolmetschbedarf eintragen").click()
    page.get_by_role("combobox", name="Sprache").select_option("prs")
    page.get_by_role("button", name="Speichern").click()
    page.get_by_text("Der Dolmetschbedarf ist gespeichert.").wait_for()
    page.goto(base)
    assert page.get_by_text("Dolmetschung benötigt").is_visible()
    check(page, "interpreter-overview")
    page.goto(f"{base}verlauf/")
    assert page.get_by_text("SGB II (Jobcenter) beginnt").is_visible()
    check(page, "trajectory-domains")
