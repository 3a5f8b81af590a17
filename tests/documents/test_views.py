"""The document pages: upload, list, download, delete — and 404 for anyone whose access
lacks the consent category "documents"."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from teilhabe.documents.models import PersonDocument
from teilhabe.documents.samples import pdf_bytes
from tests.conftest import World
from tests.documents.helpers import doc_url, share_documents, store, stored_files

pytestmark = pytest.mark.django_db


def post_upload(client: Any, world: World, content: bytes, name: str = "Zeugnis.pdf") -> Any:
    return client.post(
        doc_url("upload", world),
        {
            "kind": "certificate",
            "title": "Abschlusszeugnis",
            "issuing_body": "Schule",
            "file": SimpleUploadedFile(name, content, content_type="application/pdf"),
        },
    )


def test_the_case_manager_uploads_a_pdf_stored_under_a_random_name(
    world: World, login: Any, settings: Any
) -> None:
    content = pdf_bytes("Zeugnis")
    response = post_upload(login("cm_a"), world, content, "Canary Zeugnis Al-Hassan.pdf")
    assert response.status_code == 302
    files = stored_files(Path(settings.MEDIA_ROOT))
    assert len(files) == 1 and files[0].suffix == ".pdf"
    assert "Canary" not in str(files[0]) and files[0].read_bytes() == content
    with scopes_disabled():
        document = PersonDocument.objects.get()
        assert document.size == len(content) and document.content_type == "application/pdf"
        assert AuditEvent.objects.filter(action="create", object_id=document.pk).exists()


def test_a_file_with_wrong_magic_bytes_is_refused_on_the_form_and_nothing_is_stored(
    world: World, login: Any, settings: Any
) -> None:
    response = post_upload(login("cm_a"), world, b"<html><script>alert(1)</script>")
    assert response.status_code == 200 and response.context["form"].errors["file"]
    assert stored_files(Path(settings.MEDIA_ROOT)) == []
    with scopes_disabled():
        assert not PersonDocument.objects.exists()


def test_the_download_is_an_attachment_with_a_neutral_name_and_is_audited(
    world: World, login: Any
) -> None:
    document = store(world, title="Canary Bescheid")
    response = login("cm_a").get(doc_url("download", world, document.pk))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dokument.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="export", object_id=document.pk).count() == 1


def test_a_partner_without_the_documents_category_gets_404_on_list_and_download(
    world: World, login: Any
) -> None:
    document = store(world)
    partner = login("partner_a")
    page = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    assert partner.get(page).status_code == 200  # the person is shared, the files are not
    assert "Abschlusszeugnis" not in partner.get(page, {"bereich": "datenschutz"}).content.decode()
    for url in (doc_url("list", world), doc_url("download", world, document.pk)):
        assert partner.get(url).status_code == 404, url
    share_documents(world)
    assert partner.get(doc_url("list", world)).status_code == 200
    response = partner.get(doc_url("download", world, document.pk))
    assert response.status_code == 200
    with scopes_disabled():
        event = AuditEvent.objects.get(action="export", object_id=document.pk)
    assert event.consent_id == world.consent_a.pk  # a disclosure under that consent


def test_only_the_owner_writes_and_strangers_never_see_a_document(world: World, login: Any) -> None:
    document = store(world)
    share_documents(world)
    partner = login("partner_a")
    for name, args in (("upload", ()), ("edit", (document.pk,)), ("delete", (document.pk,))):
        assert partner.get(doc_url(name, world, *args)).status_code == 404, name
    for persona in ("abh_a", "coord_a", "cm_a_jmd", "cm_b", "partner_b", "volunteer_a"):
        client = login(persona)
        assert client.get(doc_url("list", world)).status_code == 404, persona
        assert client.get(doc_url("download", world, document.pk)).status_code == 404, persona


def test_deleting_a_document_erases_its_file_from_the_storage(
    world: World, login: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    document = store(world)
    assert len(stored_files(Path(settings.MEDIA_ROOT))) == 1
    with django_capture_on_commit_callbacks(execute=True):
        response = login("cm_a").post(doc_url("delete", world, document.pk), {"confirm": "on"})
    assert response.status_code == 302
    assert stored_files(Path(settings.MEDIA_ROOT)) == []
    with scopes_disabled():
        assert not PersonDocument.objects.exists()
        assert AuditEvent.objects.filter(action="delete", object_id=document.pk).exists()


def test_the_list_sorts_and_pages_in_the_database_with_constant_queries(
    world: World, login: Any, settings: Any, django_assert_max_num_queries: Any
) -> None:
    settings.TEILHABE = {**settings.TEILHABE, "PAGE_SIZE": 2}
    for title in ("Bescheid", "Antrag", "Zeugnis"):
        store(world, title=title)
    client = login("cm_a")
    client.get(doc_url("list", world))  # warm-up
    with django_assert_max_num_queries(30) as few:
        first = client.get(doc_url("list", world), {"sort": "titel"})
    with django_assert_max_num_queries(len(few.captured_queries)):
        second = client.get(doc_url("list", world), {"sort": "titel", "seite": 2})
    titles = [d.title for d in first.context["page"].object_list]
    assert titles == ["Antrag", "Bescheid"]
    assert [d.title for d in second.context["page"].object_list] == ["Zeugnis"]
    backwards = client.get(doc_url("list", world), {"sort": "-titel"}).context["page"]
    assert backwards.object_list[0].title == "Zeugnis"


def test_the_person_page_shows_the_documents_section_to_the_owner(world: World, login: Any) -> None:
    store(world, title="Duldung Scan")
    page = reverse("people:detail", args=[world.a.alliance.slug, world.a.person.pk])
    body = login("cm_a").get(page, {"bereich": "datenschutz"}).content.decode()
    assert "Duldung Scan" in body and doc_url("upload", world) in body
