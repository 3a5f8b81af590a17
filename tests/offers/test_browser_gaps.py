"""In Chromium: a coordinator opens the gap matrix and drills down into a gap; every new
page of the offers area (catalogue, detail, forms, categories, gaps, quality, the matching
section) has no axe-core WCAG 2.1 A/AA violation and no CSP violation."""

from __future__ import annotations

import importlib
import re
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from tests.browser.conftest import axe_violations, sign_in_with_totp
from tests.conftest import World
from tests.offers.factories import CustomCategoryFactory, OfferFactory
from tests.offers.helpers import person

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _default_fields_of_action() -> None:
    """A transactional test flushes the rows of the data migrations; bring them back."""
    from django.apps import apps

    migration = importlib.import_module("teilhabe.alliances.migrations.0002_defaults")
    migration.create_defaults(apps, None)


def checked(page: Any) -> None:
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == [], page.url
    assert page.console_errors == [], page.url


def test_coordinator_opens_the_gap_matrix_and_drills_down(
    world: World, live_server: Any, page: Any
) -> None:
    a = world.a
    slug = a.alliance.slug
    with scopes_disabled():
        offer = OfferFactory(
            provider=a.jobcenter,
            title="Einstiegsqualifizierung",
            category="pre_vocational_training",
            free_places=1,
            allowed_statuses=["residence_permit"],
        )
        OfferFactory(
            provider=a.jmd,
            title="Ausbildungsbegleitung",
            category="training_support",
            free_places=1,
            min_cefr_level="B1",
        )
        category = CustomCategoryFactory(alliance=a.alliance, name="Sportverein")
    for _ in range(3):
        person(a.tm_office, status="toleration", german="A2", needs={"work_training": "urgent"})
    base = live_server.url
    sign_in_with_totp(page, base, world.users["coord_a"], rf"/b/{slug}/$")

    page.get_by_role("link", name="Angebotslücken").first.click()
    page.wait_for_url(re.compile(r"/angebote/luecken/$"))
    checked(page)
    assert page.get_by_text("1 Angebotslücke.").is_visible()
    row = page.locator("tr", has=page.get_by_role("rowheader", name="Arbeit und Ausbildung"))
    row.get_by_role("link", name=re.compile(r"^3 mit Bedarf")).click()
    page.wait_for_url(re.compile(r"/angebote/luecken/[0-9a-f-]+/duldung/$"))
    checked(page)
    assert page.get_by_text("Angebotslücke: Der Bedarf übersteigt").is_visible()
    cells = page.locator("tr", has=page.get_by_role("rowheader", name="Aufenthaltsstatus"))
    assert cells.locator("td").first.inner_text() == "3"

    for url in (
        reverse("offers:offer_list", args=[slug]),
        reverse("offers:offer_detail", args=[slug, offer.pk]),
        reverse("offers:offer_create", args=[slug]),
        reverse("offers:offer_edit", args=[slug, offer.pk]),
        reverse("offers:category_list", args=[slug]),
        reverse("offers:category_create", args=[slug]),
        reverse("offers:category_edit", args=[slug, category.pk]),
        reverse("offer_quality:report", args=[slug]),
    ):
        page.goto(base + url)
        checked(page)


def test_the_matching_section_passes_axe(world: World, live_server: Any, page: Any) -> None:
    a = world.a
    with scopes_disabled():
        OfferFactory(provider=a.jobcenter, title="Offener Kurs")
        OfferFactory(provider=a.jmd, title="Nur mit Erlaubnis", allowed_statuses=["settlement"])
    sign_in_with_totp(page, live_server.url, world.users["cm_a"], rf"/b/{a.alliance.slug}/$")
    detail = reverse("people:detail", args=[a.alliance.slug, a.person.pk])
    page.goto(f"{live_server.url}{detail}?bereich=freigaben")
    checked(page)
    assert page.get_by_role("heading", name="Passende Angebote").is_visible()
    page.get_by_role("link", name=re.compile("Vermitteln")).first.click()
    page.wait_for_url(re.compile(r"/vermitteln/"))
    checked(page)  # the confirmation: what is shared, a note, "Jetzt vermitteln"
    page.get_by_role("button", name="Jetzt vermitteln").click()
    page.wait_for_url(re.compile(r"\?bereich=freigaben"))
    assert page.get_by_text("Die Vermittlung an Jobcenter A wurde gesendet.").is_visible()
