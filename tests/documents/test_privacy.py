"""Documents under retention (the file leaves the storage, not only the row's value), in
the Art. 15 answer and moved by a merge of two records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django_scopes import scopes_disabled

from teilhabe.documents.models import PersonDocument
from teilhabe.privacy.art15 import collect
from teilhabe.privacy.classification import REDACTED
from teilhabe.privacy.retention import erase_category
from tests.conftest import World
from tests.documents.helpers import store, stored_files

pytestmark = pytest.mark.django_db


def test_retention_erases_the_file_from_storage_and_the_identifying_values(
    world: World, settings: Any
) -> None:
    document = store(world, title="Duldung Canary", issuing_body="Ausländerbehörde Köln")
    assert len(stored_files(Path(settings.MEDIA_ROOT))) == 1
    with scopes_disabled():
        erased = erase_category("documents", {world.a.person.pk})
        document = PersonDocument.objects.get(pk=document.pk)
    assert erased.files == 1
    assert stored_files(Path(settings.MEDIA_ROOT)) == []
    assert not document.file and document.title == REDACTED
    assert document.issuing_body == "" and document.sha256 == ""
    assert document.kind == PersonDocument.Kind.CERTIFICATE  # the figures keep counting


def test_the_art_15_answer_lists_each_document_with_its_details(world: World) -> None:
    store(world, title="Abschlusszeugnis Klasse 10", issuing_body="Gesamtschule Köln")
    with scopes_disabled():
        answer = collect(world.a.person, world.a.tm_office, include_notes=True)
    section = next(s for s in answer["sections"] if s["model"] == "documents.PersonDocument")
    texts = {f["name"]: f["text"] for f in section["items"][0]["fields"]}
    assert texts["title"] == "Abschlusszeugnis Klasse 10"
    assert texts["issuing_body"] == "Gesamtschule Köln"
    assert texts["file"].endswith(".pdf") and "sha256" not in texts
    assert "documents" in {p["category"]["code"] for p in answer["purposes"]}
