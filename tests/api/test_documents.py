"""A person's documents in the API: the same consent rule as the pages (404 without the
category "documents"), the download an audited attachment."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.core.models import AuditEvent
from tests.conftest import World
from tests.documents.helpers import share_documents, store

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _private_media(settings: Any, tmp_path: Path) -> None:
    settings.MEDIA_ROOT = tmp_path / "private-media"


def urls(world: World, document_id: Any) -> tuple[str, str]:
    args = [world.a.alliance.slug, world.a.person.pk]
    return (
        reverse("api:document_list", args=args),
        reverse("api:document_download", args=[*args, document_id]),
    )


def test_the_owner_lists_and_downloads_the_documents(world: World, login: Any) -> None:
    document = store(world, title="Übersetzung Zeugnis", issuing_body="Übersetzungsbüro")
    listing, download = urls(world, document.pk)
    client = login("cm_a")
    items = client.get(listing).json()["items"]
    assert [(i["title"], i["issuing_body"]) for i in items] == [
        ("Übersetzung Zeugnis", "Übersetzungsbüro")
    ]
    response = client.get(download)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="dokument.pdf"'
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="export", object_id=document.pk).exists()


def test_a_partner_without_the_documents_category_gets_404_in_the_api(
    world: World, login: Any
) -> None:
    document = store(world)
    listing, download = urls(world, document.pk)
    partner = login("partner_a")
    assert partner.get(listing).status_code == 404
    assert partner.get(download).status_code == 404
    share_documents(world)
    assert partner.get(listing).status_code == 200
    assert partner.get(download).status_code == 200
    for persona in ("abh_a", "cm_b", "coord_a"):
        assert login(persona).get(download).status_code == 404, persona
