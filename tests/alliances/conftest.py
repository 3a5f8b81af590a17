"""Fixtures for the initiative and alliances: private media, the programme, documents with
real magic bytes (the shipped geography, principals and the state user: tests/conftest.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scope

from teilhabe.alliances.access import get_programme
from teilhabe.alliances.models import Programme
from teilhabe.documents.samples import png_bytes
from tests.conftest import World

PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
PNG = png_bytes()  # a real picture: uploads decode and encode pictures again


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "private-media"


@pytest.fixture
def programme(db: None) -> Programme:
    return get_programme()  # created by the data migration


def pdf(name: str = "brief.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def in_scope_a(world: World) -> Iterator[None]:
    with scope(alliance=world.a.alliance):
        yield


DAY = dt.date(2018, 10, 1)
