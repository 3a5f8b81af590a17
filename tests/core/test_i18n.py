"""German is the primary language: every msgid has a German translation, the catalogue is
in step with the source, and no string is marked in a way extraction cannot see
(scripts/check_messages.py, run here so that `make test` fails on a gap). Words with two
meanings get their own German each."""

from __future__ import annotations

import csv
import io
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from scripts import check_messages as check

from teilhabe.core.models import Role
from tests.conftest import World
from tests.factories import MembershipFactory

needs_gettext = pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")


def test_every_german_entry_is_translated_and_none_is_fuzzy_or_obsolete() -> None:
    entries = check.read_po(check.PO)
    assert len(entries) > 1900  # the reader really read the catalogue
    assert check.catalogue_problems(entries) == []


@needs_gettext
def test_the_catalogue_holds_exactly_the_strings_of_the_source() -> None:
    assert check.extraction_problems(check.read_po(check.PO)) == []


def test_no_string_is_marked_in_a_way_extraction_cannot_see() -> None:
    assert check.marking_problems() == []


def test_the_check_finds_untranslated_fuzzy_and_obsolete_entries(tmp_path: Path) -> None:
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Language: de\\n"\n\n'
        'msgid "Save"\nmsgstr "Speichern"\n\n'
        'msgid "Open"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgctxt "metric"\nmsgid "Measure"\nmsgstr "Maßnahme"\n\n'
        'msgid "One"\nmsgid_plural "Many"\nmsgstr[0] "Eine"\nmsgstr[1] ""\n\n'
        '#~ msgid "Gone"\n#~ msgstr "Weg"\n',
        encoding="utf-8",
    )
    problems = "\n".join(check.catalogue_problems(check.read_po(po)))
    assert "untranslated 'Open'" in problems
    assert "fuzzy 'Measure' (context 'metric')" in problems
    assert "untranslated 'One'" in problems
    assert "obsolete" in problems
    assert "Save" not in problems


def test_the_check_finds_aliases_and_messages_that_are_not_literals(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "from django.utils.translation import gettext as _\n"
        "from django.utils.translation import gettext_lazy as _l\n"
        "L = _l\n"
        "A = _l('alias')\n"
        "B = _('fine') + _(A)\n"
        "C = pgettext_lazy('metric', 'fine too')\n",
        encoding="utf-8",
    )
    found = sorted((line, text.split(":")[0]) for line, text in check._python_marks(module))
    assert found == [(2, "gettext_lazy imported as _l"), (5, "_() of a non-literal")]


def test_a_gettext_function_under_another_name_is_found(tmp_path: Path) -> None:
    module = tmp_path / "module.py"
    module.write_text(
        "from django.utils.translation import gettext_lazy\nL = gettext_lazy\n", encoding="utf-8"
    )
    assert [line for line, _ in check._python_marks(module)] == [2]


# --- one English word, two meanings; strings that used to escape extraction ---------------


@pytest.mark.django_db
def test_the_start_page_and_the_main_menu_say_start(world: World, login: Any) -> None:
    # With a second alliance the start page lists both instead of redirecting to one.
    MembershipFactory(
        user=world.users["cm_a"], organisation=world.b.tm_office, role=Role.CASE_MANAGER
    )
    html = login("cm_a").get(reverse("core:home")).content.decode()
    assert re.search(r"<title>\s*Start – Teilhabe", html)
    assert re.search(r"<h1[^>]*>\s*Start\s*</h1>", html)
    assert re.search(r'<a[^>]*href="/"[^>]*>\s*Start\s*</a>', html), "main menu entry"
    assert "Beginn" not in html


@pytest.mark.django_db
def test_the_coverage_table_names_its_first_column_a_metric(world: World, login: Any) -> None:
    html = login("state").get(reverse("alliances_state:coverage")).content.decode()
    assert re.search(r'<th [^>]*scope="col">\s*Kennzahl\s*</th>', html)
    assert not re.search(r"<th [^>]*>\s*Maßnahme\s*</th>", html)


def test_a_participation_is_a_measure_and_begins(settings: Any) -> None:
    from django.utils import translation

    from teilhabe.transfer.fields import targets_for

    with translation.override("de"):
        targets = targets_for("participations")
        assert str(targets["title"].label) == "Maßnahme"
        assert str(targets["start"].label) == "Beginn"
        assert str(targets["certificate_title"].label) == "Bezeichnung des Zertifikats"
        assert str(targets_for("persons")["status_valid_from"].label) == "Status gültig ab"


@pytest.mark.django_db
def test_the_import_templates_have_german_column_titles(world: World, login: Any) -> None:
    client = login("cm_a")
    url = reverse("transfer:template", args=[world.a.alliance.slug])
    for kind, title in (
        ("persons", "Status gültig ab"),
        ("participations", "Bezeichnung des Zertifikats"),
    ):
        body = client.get(url, {"kind": kind, "format": "csv"}).getvalue().decode("utf-8-sig")
        header = next(csv.reader(io.StringIO(body), delimiter=_delimiter(body)))
        assert title in header
        assert not {"Status valid from", "Certificate title", "Start", "Measure"} & set(header)


@pytest.mark.django_db
def test_the_record_of_processing_activities_in_markdown_is_german(
    world: World, login: Any
) -> None:
    slug = world.a.alliance.slug
    text = login("dpo_a").get(reverse("privacy:art30_markdown", args=[slug])).content.decode()
    assert "**Erstellt am:**" in text
    assert "Generated on" not in text


def test_the_login_page_is_german_by_default_and_english_on_request(db: None) -> None:
    client = Client()
    german = client.get(reverse("account_login")).content.decode()
    assert 'lang="de"' in german and "Anmelden" in german
    english = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in english and "Sign in" in english


def _delimiter(body: str) -> str:
    return ";" if body.split("\n", 1)[0].count(";") > body.split("\n", 1)[0].count(",") else ","
