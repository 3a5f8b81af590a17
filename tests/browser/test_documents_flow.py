"""Documents in Chromium: the case manager uploads a certificate from the person page, a
polyglot PDF is refused with a German message, the section and the sortable list show the
document; the partner whose consent covers documents opens the list. axe-core finds no
WCAG 2.1 A/AA violation; no sideways scrolling at 1280 and 375 px."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from teilhabe.documents.samples import pdf_bytes
from tests.browser.journey import check, signed_in
from tests.conftest import World
from tests.documents.helpers import share_documents, store

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = os.environ.get("TEILHABE_SCREENSHOTS")


def test_the_case_manager_uploads_a_document_and_the_consenting_partner_opens_the_list(
    world: World, live_server: Any, page: Any, browser: Any, settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "private-media"
    slug, person = world.a.alliance.slug, world.a.person
    store(world, title="Duldung", issuing_body="Ausländerbehörde Köln")
    signed_in(page, live_server, world.users["cm_a"])
    page.goto(f"{live_server.url}/b/{slug}/personen/{person.pk}/?bereich=datenschutz")
    check(page, "documents_1_person_section")
    page.get_by_role("link", name="Dokument hochladen").click()
    page.wait_for_url(re.compile(r"/dokumente/neu/$"))
    page.select_option("#id_kind", "certificate")
    page.fill("#id_title", "Abschlusszeugnis Klasse 10")
    page.fill("#id_issuing_body", "Gesamtschule Köln")
    polyglot = pdf_bytes("x") + b"PK\x05\x06" + b"\x00" * 18
    page.set_input_files(
        "#id_file", {"name": "zeugnis.pdf", "mimeType": "application/pdf", "buffer": polyglot}
    )
    page.get_by_role("button", name="Hochladen").click()
    page.locator("#id_file_error").get_by_text("enthält ein Archiv oder aktive Inhalte").wait_for()
    check(page, "documents_2_upload_refused")
    page.set_input_files(
        "#id_file",
        {"name": "zeugnis.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes("Zeugnis")},
    )
    page.get_by_role("button", name="Hochladen").click()
    page.wait_for_url(re.compile(r"bereich=datenschutz"))
    page.get_by_role("cell", name="Abschlusszeugnis Klasse 10", exact=True).wait_for()
    check(page, "documents_3_uploaded")
    page.goto(f"{live_server.url}/b/{slug}/personen/{person.pk}/dokumente/?sort=titel")
    rows = page.locator("tbody tr td:first-child").all_inner_texts()
    assert rows == ["Abschlusszeugnis Klasse 10", "Duldung"]
    check(page, "documents_4_list")

    share_documents(world)
    partner = browser.new_context(locale="de-DE").new_page()
    signed_in(partner, live_server, world.users["partner_a"])
    partner.goto(f"{live_server.url}/b/{slug}/personen/{person.pk}/dokumente/")
    text = partner.locator("main").inner_text()
    assert "Duldung" in text and "Korrigieren" not in text and "Dokument hochladen" not in text
    check(partner, "documents_5_partner_list")
    partner.context.close()
