"""The directory's pages: filter, order and pages in the database with constant queries, the
export, the forms, and who gets a 404."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.employers.models import Employer
from tests.conftest import World
from tests.employers.helpers import employer

pytestmark = pytest.mark.django_db


def _url(world: World, name: str, *args: Any) -> str:
    return reverse(f"employers:{name}", args=[world.a.alliance.slug, *args])


def _names(html: str, candidates: list[str]) -> list[str]:
    """The candidates in the order they appear on the page."""
    found = [(html.find(n), n) for n in candidates if n in html]
    return [n for _, n in sorted(found)]


def test_the_list_filters_and_orders_in_the_database(world: World, login: Any) -> None:
    employer(world.a.alliance, "Autohaus Berg", sector=Employer.Sector.RETAIL, in_network=True)
    employer(world.a.alliance, "Bäckerei Yilmaz", places_training=3)
    employer(world.a.alliance, "Café Zeit", sector=Employer.Sector.HOSPITALITY)
    employer(world.a.alliance, "Alte Firma", archived_on=dt.date(2026, 1, 5))
    employer(world.b.alliance, "Fremdbetrieb B")
    client = login("cm_a")
    names = ["Alte Firma", "Autohaus Berg", "Bäckerei Yilmaz", "Café Zeit", "Fremdbetrieb B"]
    html = client.get(_url(world, "employer_list")).content.decode()
    assert _names(html, names) == ["Autohaus Berg", "Bäckerei Yilmaz", "Café Zeit"]
    html = client.get(_url(world, "employer_list") + "?branche=retail").content.decode()
    assert _names(html, names) == ["Autohaus Berg"]
    html = client.get(_url(world, "employer_list") + "?netzwerk=ja").content.decode()
    assert _names(html, names) == ["Autohaus Berg"]
    html = client.get(_url(world, "employer_list") + "?suche=zeit").content.decode()
    assert _names(html, names) == ["Café Zeit"]
    html = client.get(_url(world, "employer_list") + "?archiv=ja").content.decode()
    assert _names(html, names) == ["Alte Firma"]
    html = client.get(_url(world, "employer_list") + "?sortierung=plaetze").content.decode()
    assert _names(html, names)[0] == "Bäckerei Yilmaz"


def test_the_list_pages_with_constant_queries(world: World, login: Any) -> None:
    client = login("coord_a")
    employer(world.a.alliance, "Betrieb 000")
    client.get(_url(world, "employer_list"))  # warms the session and caches
    with CaptureQueriesContext(connection) as few:
        client.get(_url(world, "employer_list"))
    for i in range(1, 40):
        employer(world.a.alliance, f"Betrieb {i:03}", municipality=None)
    with CaptureQueriesContext(connection) as many:
        first = client.get(_url(world, "employer_list")).content.decode()
    assert len(many) == len(few)
    assert "Betrieb 024" in first and "Betrieb 025" not in first
    second = client.get(_url(world, "employer_list") + "?seite=2").content.decode()
    assert "Betrieb 025" in second and "Betrieb 039" in second


def test_the_export_holds_the_filtered_directory_and_is_audited(world: World, login: Any) -> None:
    employer(world.a.alliance, "Autohaus Berg", sector=Employer.Sector.RETAIL)
    employer(world.a.alliance, "Bäckerei Yilmaz")
    response = login("partner_a").get(_url(world, "employer_list") + "?branche=retail&format=csv")
    body = b"".join(response.streaming_content if response.streaming else [response.content])
    text = body.decode("utf-8-sig")
    assert "Autohaus Berg" in text and "Bäckerei Yilmaz" not in text
    with scopes_disabled():
        assert AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).exists()


def test_a_case_manager_adds_edits_and_archives_an_employer(world: World, login: Any) -> None:
    client = login("cm_a")
    gemeinde = world.a.alliance.gemeinden().first()
    created = client.post(
        _url(world, "employer_new"),
        {
            "name": "Tischlerei Kaya",
            "sector": "craft",
            "municipality": gemeinde.pk if gemeinde else "",
            "places_training": "2",
            "places_internship": "1",
            "places_employment": "0",
            "last_contact_on": "2026-11-02",
            "in_network": "on",
        },
    )
    assert created.status_code == 302
    with scopes_disabled():
        kaya = Employer.objects.get(name="Tischlerei Kaya")
    assert kaya.alliance_id == world.a.alliance.pk and kaya.in_network
    detail = client.get(created["Location"]).content.decode()
    assert "Tischlerei Kaya" in detail and "Bearbeiten" in detail
    edit = {"name": "Tischlerei Kaya GmbH", "sector": "craft"}
    edit |= {"places_training": "3", "places_internship": "0", "places_employment": "0"}
    assert client.post(_url(world, "employer_edit", kaya.pk), edit).status_code == 302
    assert client.post(_url(world, "employer_archive", kaya.pk)).status_code == 302
    with scopes_disabled():
        kaya.refresh_from_db()
    assert kaya.name == "Tischlerei Kaya GmbH" and kaya.archived_on is not None


def test_a_partner_reads_but_does_not_edit(world: World, login: Any) -> None:
    firm = employer(world.a.alliance)
    client = login("partner_a")
    detail = client.get(_url(world, "employer_detail", firm.pk)).content.decode()
    assert firm.name in detail and "Bearbeiten" not in detail
    assert client.get(_url(world, "employer_edit", firm.pk)).status_code == 404
    assert client.post(_url(world, "employer_archive", firm.pk)).status_code == 404
    with scopes_disabled():
        assert Employer.objects.get(pk=firm.pk).archived_on is None


def test_volunteers_and_another_alliance_get_404(world: World, login: Any) -> None:
    firm = employer(world.a.alliance)
    assert login("volunteer_a").get(_url(world, "employer_list")).status_code == 404
    other = reverse("employers:employer_detail", args=[world.b.alliance.slug, firm.pk])
    assert login("coord_b").get(other).status_code == 404


def test_the_navigation_offers_the_directory_to_staff_only(world: World, login: Any) -> None:
    home = reverse("core:alliance_home", args=[world.a.alliance.slug])
    link = f'href="{_url(world, "employer_list")}"'
    assert link in login("partner_a").get(home).content.decode()
    assert link not in login("volunteer_a").get(home).content.decode()
