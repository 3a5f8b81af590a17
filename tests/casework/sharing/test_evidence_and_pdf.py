"""The signed form: checked before it is stored, stored privately under a random name,
downloadable only by the owner's case managers. The printable consent form renders."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django_scopes import scopes_disabled

from teilhabe.casework.models import Consent
from teilhabe.core.models import AuditEvent
from teilhabe.core.uploads import clean_document
from teilhabe.documents.samples import png_bytes
from tests.casework.sharing.helpers import give_consent, url
from tests.conftest import World

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = png_bytes()  # a real picture: uploads decode and encode pictures again


def upload(world: World, client: Any, content: bytes, name: str) -> Any:
    return client.post(
        url("people:sharing:consent_evidence_upload", world, world.consent_a.pk),
        {"evidence": SimpleUploadedFile(name, content, content_type="application/pdf")},
    )


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


@pytest.mark.django_db
def test_evidence_with_wrong_magic_bytes_is_rejected_and_nothing_is_stored(
    world: World, login: Any, settings: Any
) -> None:
    response = upload(world, login("cm_a"), b"<html><script>alert(1)</script>", "form.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


@pytest.mark.django_db
def test_evidence_over_10_mb_is_rejected(world: World, login: Any, settings: Any) -> None:
    big = PDF + b"0" * (10 * 1024 * 1024)
    response = upload(world, login("cm_a"), big, "form.pdf")
    assert response.status_code == 200
    assert response.context["form"].errors["evidence"]
    assert stored_files(Path(settings.MEDIA_ROOT)) == []


@pytest.mark.django_db
def test_evidence_is_stored_under_a_random_name_and_only_the_owner_downloads_it(
    world: World, login: Any, settings: Any
) -> None:
    assert upload(world, login("cm_a"), PNG, "Unterschrift Canary.png").status_code == 302
    files = stored_files(Path(settings.MEDIA_ROOT))
    assert len(files) == 1 and files[0].suffix == ".png"
    assert "Canary" not in str(files[0]) and "Unterschrift" not in str(files[0])
    download = url("people:sharing:consent_evidence", world, world.consent_a.pk)
    response = login("cm_a").get(download)
    assert response.status_code == 200
    stored = clean_document(SimpleUploadedFile("x.png", PNG)).content
    assert b"".join(response.streaming_content) == stored
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "image/png"
    assert AuditEvent.objects.filter(action="export", object_id=world.consent_a.pk).exists()
    for persona in ("partner_a", "abh_a", "coord_a", "cm_a_jmd", "cm_b", "partner_b"):
        assert login(persona).get(download).status_code == 404, persona


@pytest.mark.django_db
def test_evidence_can_come_with_the_consent_and_a_new_upload_replaces_the_file(
    world: World, login: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    client = login("cm_a")
    response = client.post(
        url("people:sharing:consent_create", world, world.a.person.pk),
        {
            "recipients": [str(world.a.jmd.pk)],
            "purpose": "referral",
            "categories": ["master_data"],
            "valid_from": dt.date.today().isoformat(),
            "evidence": SimpleUploadedFile("scan.pdf", PDF),
        },
    )
    assert response.status_code == 302
    with scopes_disabled():
        consent = Consent.objects.exclude(pk=world.consent_a.pk).get()
    assert consent.evidence.name.endswith(".pdf")
    media = Path(settings.MEDIA_ROOT)
    first = stored_files(media)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            url("people:sharing:consent_evidence_upload", world, consent.pk),
            {"evidence": SimpleUploadedFile("scan.png", PNG)},
        )
    second = stored_files(media)
    assert len(second) == 1 and second != first


def pdf_text(content: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    path = tmp_path / "form.pdf"
    path.write_bytes(content)
    return subprocess.run(
        ["pdftotext", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


@pytest.mark.django_db
def test_the_consent_form_of_a_recorded_consent_renders_as_pdf_with_the_persons_name(
    world: World, login: Any, tmp_path: Path
) -> None:
    response = login("cm_a").get(url("people:sharing:consent_pdf", world, world.consent_a.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert response.content.startswith(b"%PDF")
    text = pdf_text(response.content, tmp_path)
    assert "CanaryA" in text and "PersonA" in text
    assert "Jobcenter A" in text and "einfacher Sprache" in text
    assert "Unterschrift" in text
    assert AuditEvent.objects.filter(
        action="export", object_id=world.consent_a.pk, purpose="consent form"
    ).exists()


@pytest.mark.django_db
def test_the_form_can_be_printed_from_the_chosen_scope_before_recording(
    world: World, login: Any, tmp_path: Path
) -> None:
    response = login("cm_a").post(
        url("people:sharing:consent_form_pdf", world, world.a.person.pk),
        {
            "recipients": [str(world.a.abh.pk), str(world.a.jmd.pk)],
            "purpose": "residence",
            "purpose_detail": "Ausbildungsduldung",
            "categories": ["master_data", "needs"],
            "valid_from": "2026-03-01",
            "valid_until": "2027-02-28",
        },
    )
    assert response.status_code == 200
    text = pdf_text(response.content, tmp_path)
    assert "CanaryA" in text and "Ausbildungsduldung" in text
    assert "01.03.2026" in text and "28.02.2027" in text
    # The immigration office note: needs are named, but never for the ABH.
    assert "Ausländerbehörde erhält keine Angaben" in text.replace("\n", " ")
    with scopes_disabled():
        assert not Consent.objects.exclude(pk=world.consent_a.pk).exists()


@pytest.mark.django_db
def test_an_incomplete_scope_shows_the_form_again_instead_of_a_pdf(
    world: World, login: Any
) -> None:
    response = login("cm_a").post(
        url("people:sharing:consent_form_pdf", world, world.a.person.pk), {"purpose": "other"}
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert response.context["form"].errors


@pytest.mark.django_db
def test_nobody_but_the_owner_prints_a_consent_form(world: World, login: Any) -> None:
    give_consent(world, [world.a.jmd], ["master_data"])
    for persona in ("partner_a", "abh_a", "coord_a", "cm_b"):
        client = login(persona)
        assert (
            client.get(url("people:sharing:consent_pdf", world, world.consent_a.pk)).status_code
            == 404
        )
        assert (
            client.post(
                url("people:sharing:consent_form_pdf", world, world.a.person.pk), {}
            ).status_code
            == 404
        )
