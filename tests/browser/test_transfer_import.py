"""List import in Chromium: an Excel list with two bad rows → the error report → the fixed
list → imported; axe-core finds no WCAG 2.1 A/AA violation on any page of the import. (Here,
beside the other browser tests: one Playwright per session, from tests/browser/conftest.)"""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.people.models import Person
from tests.browser.conftest import axe_violations
from tests.browser.journey import signed_in
from tests.conftest import World
from tests.transfer import files

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def upload(page: Any, content: bytes) -> None:
    page.get_by_role("link", name="Liste importieren").click()
    page.wait_for_url(re.compile(r"/daten/import/neu/$"))
    assert axe_violations(page) == []
    page.get_by_label("Art der Liste").select_option("persons")
    page.get_by_label("Datei").set_input_files(
        {"name": "teilnehmende.xlsx", "mimeType": "application/octet-stream", "buffer": content}
    )
    page.get_by_role("button", name="Hochladen und Spalten zuordnen").click()
    page.wait_for_url(re.compile(r"/daten/import/[0-9a-f-]{36}/$"))


def shot(page: Any, name: str) -> None:
    if SHOTS:
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=str(Path(SHOTS) / f"{name}_{width}.png"), full_page=True)
        page.set_viewport_size({"width": 1280, "height": 900})


def test_valid_rows_go_in_at_once_and_the_bad_ones_are_corrected_in_the_browser(
    world: World, live_server: Any, page: Any
) -> None:
    """From the import page to every row imported, in one upload: 7 clicks and 4 inputs
    (kind of list, file, two corrected cells); the download of the rows aside."""
    signed_in(page, live_server, world.users["cm_a"])
    page.goto(f"{live_server.url}/b/{world.a.alliance.slug}/daten/")
    assert axe_violations(page) == []
    bad = {1: {"Geburtsdatum": "31.02.2001"}, 2: {"Wohnort": "Kölm"}}
    upload(page, files.person_xlsx(3, bad=bad))
    # The mapping step: columns assigned from their titles, and the preview.
    assert page.get_by_label("Vorname").input_value() == "0"
    page.get_by_role("table", name="Die ersten Zeilen der Datei, wie zugeordnet").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Liste prüfen").click()
    page.get_by_text("2 von 3 Zeilen haben Fehler. Noch ist nichts importiert.").wait_for()
    assert "Meinten Sie „Köln, Stadt“?" in page.content()
    assert axe_violations(page) == []
    shot(page, "import_errors")
    with page.expect_download() as download:
        page.get_by_role("link", name="Zeilen mit Fehlern herunterladen (Excel)").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    reported = [(row[0], row[-1]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert [name for name, _error in reported] == ["Amina1", "Amina2"]
    assert reported[1][1].startswith("Wohnort: ")

    # Choice 1: the valid row now; the others afterwards, corrected here.
    page.get_by_role("button", name="Die 1 fehlerfreie Zeile jetzt importieren").click()
    page.get_by_text("1 Zeile importiert.").wait_for()
    assert axe_violations(page) == []
    shot(page, "import_rest")
    page.get_by_role("button", name="Zeilen hier korrigieren").click()  # checked at once
    page.get_by_text("2 von 2 Zeilen haben Fehler. Noch ist nichts importiert.").wait_for()
    page.get_by_label("Zeile 2: Geburtsdatum").fill("28.02.2001")
    page.get_by_label("Zeile 3: Wohnort").fill("Köln")
    page.get_by_role("button", name="Liste erneut prüfen").click()
    page.get_by_role("button", name="2 Zeilen importieren").click()
    page.get_by_text("2 Zeilen importiert.").wait_for()
    assert axe_violations(page) == []
    with scopes_disabled():
        assert Person.objects.filter(given_name__startswith="Amina").count() == 3
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
