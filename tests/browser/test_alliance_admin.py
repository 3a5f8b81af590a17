"""The initiative in a real browser: the state coordinator records a join declaration and
accepts it; a lead office adds a partner and a workshop with problems and a priority.
axe-core finds no WCAG 2.1 A/AA violation on any page of the alliances app, and no page
breaks the Content Security Policy."""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from teilhabe.municipalities.services import load_shipped_reference
from tests.browser.conftest import axe_violations
from tests.conftest import World
from tests.factories import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _create_defaults() -> None:
    from django.apps import apps

    migration = importlib.import_module("teilhabe.alliances.migrations.0002_defaults")
    migration.create_defaults(apps, None)


@pytest.fixture(autouse=True)
def _defaults_from_migrations(transactional_db: None) -> None:
    """A transactional test flushes the rows of the data migration (fields of action, the
    initiative) when it ends: put them back for this test, as the migration does."""
    _create_defaults()


@pytest.fixture(scope="module", autouse=True)
def _defaults_for_later_modules(django_db_blocker: Any) -> Iterator[None]:
    # Torn down after the last flush of this module: later transactional tests (other
    # apps' browser tests) find the migration's rows as on a fresh database.
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        _create_defaults()
        connections.close_all()  # the session's database teardown needs no open session


PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def log_in(page: Any, live_server: Any, email: str) -> None:
    page.goto(live_server.url + "/konto/login/")
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden").click()
    page.wait_for_url(re.compile(r"/(land|b)/"))


def check(page: Any, checked: list[str]) -> None:
    """axe-core on the current page; no CSP violation so far."""
    violations = axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
    checked.append(page.url)


def visit(page: Any, live_server: Any, path: str, checked: list[str]) -> None:
    response = page.goto(live_server.url + path)
    assert response.status == 200, path
    check(page, checked)


def test_state_coordinator_records_and_accepts_a_join_declaration(
    world: World, live_server: Any, page: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    load_shipped_reference(land="05")
    checked: list[str] = []
    log_in(page, live_server, world.users["state"].email)

    for path in (
        "/land/initiative/",
        "/land/initiative/bearbeiten/",
        "/land/initiative/koerperschaften/",
        "/land/beitritte/",
        "/land/abdeckung/",
        "/land/abdeckung/?as_of=2018-10-15",
        "/land/problemfelder/",
        "/land/foerderung/",
        "/land/foerderung/haushalt/",
        "/land/foerderung/zuweisung/",
    ):
        visit(page, live_server, path, checked)

    page.goto(live_server.url + "/land/beitritte/neu/")
    check(page, checked)
    page.get_by_label("Gebietskörperschaft").select_option("05711")  # Bielefeld
    page.get_by_label("Eingegangen am").fill("2018-10-12")
    page.get_by_label("Unterzeichnet von (Name)").fill("Pit Clausen")
    page.get_by_label("Funktion der unterzeichnenden Person").select_option("oberbuergermeister")
    page.get_by_label("Beauftragte geschäftsführende Stelle").select_option("ki")
    page.get_by_label("Unterzeichnetes Schreiben").set_input_files(
        files=[{"name": "erklaerung.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/land/beitritte/[0-9a-f-]{36}/$"))
    assert page.get_by_text("Die Beitrittserklärung wurde erfasst.").count() == 1
    check(page, checked)

    page.get_by_role("button", name="Erklärung annehmen").click()
    page.wait_for_url(re.compile(r"/land/beitritte/[0-9a-f-]{36}/$"))
    assert page.get_by_text("Bündnis Bielefeld wurde eingerichtet").count() == 1
    check(page, checked)

    # A Gemeinde of a participating Kreis is refused with the field named.
    page.goto(live_server.url + "/land/beitritte/neu/")
    page.get_by_label("Gebietskörperschaft").select_option("05566076")  # Rheine, Kreis Steinfurt
    page.get_by_label("Eingegangen am").fill("2018-10-12")
    page.get_by_label("Unterzeichnet von (Name)").fill("Bürgermeister")
    page.get_by_label("Funktion der unterzeichnenden Person").select_option("buergermeister")
    page.get_by_label("Beauftragte geschäftsführende Stelle").select_option("ki")
    page.get_by_label("Einvernehmen des Kreises erteilt am").fill("2018-10-01")
    page.get_by_label("Unterzeichnetes Schreiben").set_input_files(
        files=[{"name": "erklaerung.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("main form button[type=submit]").click()
    # The click only starts the form's request: wait for the answer.
    page.locator(".tm-error-summary").first.wait_for()
    assert page.locator(".tm-error-summary").count() == 1
    check(page, checked)

    visit(page, live_server, "/land/abdeckung/", checked)
    assert page.get_by_text("Bielefeld").count() >= 1

    page.goto(live_server.url + "/land/foerderung/haushalt/")
    page.get_by_label("Jahr").fill("2019")
    page.get_by_label("Haushaltsmittel (EUR)").fill("3300000")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/land/foerderung/$"))
    page.goto(live_server.url + "/land/foerderung/zuweisung/")
    page.locator("#id_alliance").select_option(label="Bündnis Bielefeld")
    page.get_by_label("Jahr").fill("2019")
    page.get_by_label("Zugewiesen (EUR)").fill("140000")
    page.get_by_label("Geförderte Stellen (Vollzeitäquivalente)").fill("2")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/land/foerderung/$"))
    assert page.get_by_text("140.000,00").count() >= 1
    check(page, checked)
    for path in ("/land/beitritte/", "/land/initiative/koerperschaften/", "/land/initiative/"):
        visit(page, live_server, path, checked)
    print(f"axe clean: {len(checked)} state pages")


def test_lead_office_adds_a_partner_and_a_workshop_with_problems_and_a_priority(
    world: World, live_server: Any, page: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path
    checked: list[str] = []
    base = f"/b/{world.a.alliance.slug}/buendnis/"
    log_in(page, live_server, world.users["coord_a"].email)

    visit(page, live_server, base, checked)
    page.get_by_role("link", name="Partner hinzufügen").click()
    page.wait_for_url(re.compile(r"/partner/neu/$"))
    check(page, checked)
    page.get_by_label("Name der Organisation").fill("Berufskolleg Am Park")
    page.locator("#id_kind").select_option("berufskolleg")
    page.get_by_label("Vertretener Rechtskreis").select_option("none")
    page.get_by_label("Ansprechperson").fill("Frau Yilmaz")
    page.get_by_label("E-Mail").fill("yilmaz@example.org")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{base}$"))
    assert page.locator("th", has_text="Berufskolleg Am Park").count() == 1
    check(page, checked)

    visit(page, live_server, base + "werkstaetten/neu/", checked)
    page.locator("#id_kind").select_option("starter")
    page.get_by_label("Titel").fill("STARTER-Workshop Kreishaus")
    page.get_by_label("Datum").fill("2019-03-11")
    page.get_by_label("Ort").fill("Kreishaus Steinfurt")
    page.get_by_label("Veranstalter", exact=True).select_option("jmd")
    page.get_by_label("Anwesende Fachkräfte").fill("50")
    page.get_by_label("Anwesende Ehrenamtliche").fill("20")
    page.get_by_label("Protokoll").set_input_files(
        files=[{"name": "protokoll.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/werkstaetten/[0-9a-f-]{36}/$"))
    check(page, checked)
    workshop_url = page.url

    for field, text in (
        ("mobility", "Mobilitätsprobleme"),
        ("education_language", "Fehlende Nachhilfeangebote"),
    ):
        page.get_by_role("link", name="Problem erfassen").click()
        page.wait_for_url(re.compile(r"/probleme/neu/$"))
        check(page, checked)
        page.get_by_label("Handlungsfeld").select_option(
            label={"mobility": "Mobilität", "education_language": "Bildung und Spracherwerb"}[field]
        )
        page.get_by_label("Problem").fill(text)
        page.get_by_label("Gemeldet von (Art der Organisation)").select_option("jmd")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"/werkstaetten/[0-9a-f-]{36}/(#problems-heading)?$"))
        assert page.get_by_text(text).count() == 1
    check(page, checked)

    visit(page, live_server, base + "schwerpunkte/neu/", checked)
    page.get_by_label("Themenschwerpunkt", exact=True).fill("Mobilität sichern")
    page.get_by_label("Mobilitätsprobleme").check()
    page.get_by_label("Maßnahmen").fill("Sozialticket prüfen\nFahrradwerkstatt")
    page.locator("#id_responsible").select_option(label=world.a.lead_office.name)
    page.locator("#id_status").select_option("in_progress")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/schwerpunkte/$"))
    assert page.get_by_text("Fahrradwerkstatt").count() == 1
    check(page, checked)

    page.goto(workshop_url)
    assert page.get_by_role("link", name="Protokoll herunterladen").count() == 1
    for path in (
        "werkstaetten/",
        "handlungsfelder/",
        "handlungsfelder/neu/",
        "kerngruppe/neu/",
        "stellen/neu/",
        "anlaufstellen/",
        "anlaufstellen/neu/",
        "wissen/",
        "wissen/neu/",
        "foerderung/",
        "foerderung/ausgaben/neu/",
        f"partner/{world.a.jobcenter.pk}/",
    ):
        visit(page, live_server, base + path, checked)

    # Core group, post and contact point through their forms; then the filled pages.
    page.goto(live_server.url + base + "kerngruppe/neu/")
    page.locator("#id_organisation").select_option(label=world.a.jobcenter.name)
    page.get_by_label("Vertreterin oder Vertreter").fill("Herr Jansen")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{base}(#core-group-heading)?$"))
    page.goto(live_server.url + base + "stellen/neu/")
    page.get_by_label("Stelleninhaberin oder Stelleninhaber").fill("Frau Teilhabe")
    page.locator("#id_organisation").select_option(label=world.a.tm_office.name)
    page.get_by_label("Stellenumfang").fill("0.75")
    page.get_by_label("Gefördert ab").fill("2019-04-01")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"{base}$"))
    check(page, checked)
    page.goto(live_server.url + base + "anlaufstellen/neu/")
    page.locator("#id_topic").select_option("housing")
    page.get_by_label("Stelle", exact=True).fill("Wohnraumberatung")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/anlaufstellen/$"))
    check(page, checked)
    for link in ("Bearbeiten Frau Teilhabe", "Bearbeiten Berufskolleg Am Park"):
        page.goto(live_server.url + base)
        page.get_by_role("link", name=link).click()
        check(page, checked)
    page.goto(live_server.url + base + "schwerpunkte/")
    page.get_by_role("link", name="Bearbeiten Mobilität sichern").click()
    check(page, checked)
    page.goto(workshop_url)
    page.get_by_role("link", name="Workshop bearbeiten").click()
    check(page, checked)

    page.goto(live_server.url + base + "wissen/neu/")
    page.get_by_label("Titel").fill("Erste Schritte")
    page.get_by_label("Text").fill("# Willkommen\n\n- eins\n- zwei\n\n[BAMF](https://www.bamf.de)")
    page.get_by_label("Prüfdatum").fill("2027-01-31")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/wissen/[0-9a-f-]{36}/$"))
    check(page, checked)
    page.get_by_role("link", name="Artikel bearbeiten").click()
    check(page, checked)
    page.get_by_label("Titel").fill("Erste Schritte für Ehrenamtliche")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/wissen/[0-9a-f-]{36}/$"))
    assert page.get_by_role("link", name="Fassung 1").count() == 1
    check(page, checked)
    visit(page, live_server, base + "wissen/", checked)
    print(f"axe clean: {len(checked)} alliance pages")
