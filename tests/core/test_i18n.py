"""German is the primary language: every msgid has a German translation, and the
catalogue is in sync with the source (a new string without translation fails here)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

SRC = Path(__file__).parents[2] / "src" / "teilhabe"
PO = SRC / "locale" / "de" / "LC_MESSAGES" / "django.po"


def msgids(po: Path) -> set[str]:
    text = po.read_text(encoding="utf-8")
    return {"".join(re.findall(r'"(.*)"', m)) for m in re.findall(r'\nmsgid ((?:".*"\n)+)', text)}


def test_every_german_entry_is_translated_and_none_is_fuzzy() -> None:
    text = PO.read_text(encoding="utf-8")
    assert "#, fuzzy" not in text.split("\n\n", 1)[1]
    blocks = text.split("\n\n")[1:]
    untranslated = [
        b
        for b in blocks
        if re.search(r'^msgstr(\[\d\])? ""$', b, re.M)
        and not re.search(r'^msgstr(\[\d\])? ""\n"', b, re.M)
    ]
    assert untranslated == []


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="needs GNU gettext")
def test_catalogue_contains_every_string_of_the_source(tmp_path: Path) -> None:
    copy = tmp_path / "teilhabe"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo"))
    # makemessages writes to LOCALE_PATHS[0]: point it at the copy, never at the source.
    (tmp_path / "copy_settings.py").write_text(
        f"from teilhabe.settings import *  # noqa\nLOCALE_PATHS = [{str(copy / 'locale')!r}]\n"
    )
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "de", "--no-obsolete"],
        cwd=copy,
        check=True,
        capture_output=True,
        env={
            "DJANGO_SETTINGS_MODULE": "copy_settings",
            "PYTHONPATH": str(tmp_path),
            "PATH": "/usr/bin:/bin",
        },
    )
    new = msgids(copy / "locale" / "de" / "LC_MESSAGES" / "django.po") - msgids(PO)
    assert new == set(), f"run `make messages` and translate: {sorted(new)}"


@pytest.mark.django_db
def test_the_login_page_is_german_by_default_and_english_on_request() -> None:
    client = Client()
    german = client.get(reverse("account_login")).content.decode()
    assert 'lang="de"' in german and "Anmelden" in german
    english = client.get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert 'lang="en"' in english and "Sign in" in english
