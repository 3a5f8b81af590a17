"""seed_demo part of documents: every alliance's first open cases have documents whose
files exist, pass the upload check, and a rerun changes nothing."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django_scopes import scopes_disabled

from teilhabe.core.models import Alliance
from teilhabe.core.uploads import clean_document
from teilhabe.documents.models import PersonDocument


def rows() -> list[tuple]:
    with scopes_disabled():
        return list(PersonDocument.objects.order_by("id").values_list("id", "file", "sha256"))


@pytest.mark.django_db
def test_every_demo_alliance_has_documents_with_valid_files_and_a_rerun_changes_nothing(
    settings: Any, tmp_path: Path
) -> None:
    settings.MEDIA_ROOT = tmp_path / "private-media"
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    first = rows()
    with scopes_disabled():
        documents = list(PersonDocument.objects.all())
        alliances = {d.alliance_id for d in documents}
        assert len(alliances) == Alliance.objects.count() > 0
        assert any(d.valid_until for d in documents)  # the expiry follow-up has a case
    for document in documents:
        content = document.file.read()
        document.file.close()
        assert clean_document(SimpleUploadedFile("x", content)).kind.content_type == (
            document.content_type
        )
    call_command("seed_demo", profile="small", seed=1, stdout=StringIO())
    assert rows() == first
    assert len(list((tmp_path / "private-media").rglob("*.*"))) == len(first)
