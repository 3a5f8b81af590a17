"""Hostile uploads through the person's document upload page (issue 16): each refused with
a clear German message, fast and with bounded memory, and nothing kept — or, for a photo
with a GPS position, stored without it."""

from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled
from PIL import Image

from teilhabe.documents.models import PersonDocument
from teilhabe.documents.samples import pdf_bytes
from tests.conftest import World
from tests.core.test_uploads import GPS_IFD, jpeg_with_gps
from tests.documents.helpers import doc_url, stored_files

MEMORY_MB = 64  # above the upload's own size (the test client holds the body twice)


def _zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("a.html", "<script>alert(1)</script>")
    return out.getvalue()


CORPUS: dict[str, tuple[str, Callable[[], bytes], str]] = {
    "wrong magic bytes": ("zeugnis.pdf", lambda: b"MZ\x90\x00" + b"\x00" * 512, "nur PDF-"),
    "polyglot PDF/ZIP": ("zeugnis.pdf", lambda: pdf_bytes("Zeugnis") + _zip(), "Archiv"),
    "PDF with JavaScript": (
        "bescheid.pdf",
        lambda: pdf_bytes("x", extra=b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >> "),
        "aktive Inhalte",
    ),
    "50 MB file": ("gross.pdf", lambda: b"%PDF-1.4\n" + b"\x00" * (50 * 1024 * 1024), "größer"),
}


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "private-media"


def post(client: Any, world: World, content: bytes, name: str) -> Any:
    return client.post(
        doc_url("upload", world),
        {"kind": "certificate", "title": "Zeugnis", "file": SimpleUploadedFile(name, content)},
    )


@pytest.mark.django_db
@pytest.mark.parametrize("case", list(CORPUS))
def test_a_hostile_document_upload_is_refused_fast_with_bounded_memory(
    case: str, world: World, login: Any, settings: Any
) -> None:
    name, build, expected = CORPUS[case]
    client = login("cm_a")
    client.get(doc_url("upload", world))  # warm-up: imports the view modules
    content = build()
    started = time.perf_counter()
    response = post(client, world, content, name)
    seconds = time.perf_counter() - started
    tracemalloc.start()
    post(client, world, content, name)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    extra_mb = (peak - 2 * len(content)) / 1024 / 1024
    print(
        f"hostile documents: {case}: {response.status_code} in {seconds:.2f} s, {extra_mb:.0f} MB"
    )
    assert response.status_code == 200, case  # the form again, with the message
    assert expected in response.content.decode(), f"{case}: no clear message"
    assert seconds < 5, f"{case}: {seconds:.1f} s"
    assert extra_mb < MEMORY_MB, f"{case}: {extra_mb:.0f} MB"
    assert stored_files(Path(settings.MEDIA_ROOT)) == []
    with scopes_disabled():
        assert not PersonDocument.objects.exists()


@pytest.mark.django_db
def test_a_photo_with_a_gps_position_is_stored_without_it(
    world: World, login: Any, settings: Any
) -> None:
    content = jpeg_with_gps()
    assert post(login("cm_a"), world, content, "foto.jpg").status_code == 302
    (stored,) = stored_files(Path(settings.MEDIA_ROOT))
    image = Image.open(stored)
    assert not image.getexif().get_ifd(GPS_IFD) and not image.getexif()
    print(f"hostile documents: JPEG with GPS {len(content)} bytes, stored {stored.stat().st_size}")
