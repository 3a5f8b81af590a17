"""List import in Chromium: an Excel list with two bad rows → the error report → the fixed
list → imported; axe-core finds no WCAG 2.1 A/AA violation on any page of the import. (Here,
beside the other browser tests: one Playwright per session, from tests/browser/conftest.)"""

from __future__ import annotations

import io
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


def test_bad_rows_are_reported_then_the_fixed_list_is_imported(
    world: World, live_server: Any, page: Any
) -> None:
    signed_in(page, live_server, world.users["cm_a"])
    page.goto(f"{live_server.url}/b/{world.a.alliance.slug}/daten/")
    assert axe_violations(page) == []
    bad = {1: {"Geburtsdatum": "31.02.2001"}, 2: {"Geschlecht": "?"}}
    upload(page, files.person_xlsx(3, bad=bad))
    # The mapping step: columns assigned from their titles, and the preview.
    assert page.get_by_label("Vorname").input_value() == "0"
    page.get_by_role("table", name="Die ersten Zeilen der Datei, wie zugeordnet").wait_for()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Liste prüfen").click()
    page.get_by_text("Die Liste hat 2 Fehler. Es wurde nichts importiert.").wait_for()
    assert axe_violations(page) == []
    with page.expect_download() as download:
        page.get_by_role("link", name="Fehlerbericht herunterladen (Excel)").click()
    sheet = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes())).active
    reported = [(row[0], row[2]) for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert reported == [(3, "Geburtsdatum"), (4, "Geschlecht")]

    page.get_by_role("link", name="Zurück zu den Importen").click()
    upload(page, files.person_xlsx(3))
    page.get_by_role("button", name="Liste prüfen").click()
    page.get_by_role("button", name="3 Zeilen importieren").click()
    page.get_by_text("3 Zeilen importiert.").wait_for()
    assert axe_violations(page) == []
    with scopes_disabled():
        assert Person.objects.filter(given_name__startswith="Amina").count() == 3
    assert [e for e in page.console_errors if "Content Security Policy" in e] == []
