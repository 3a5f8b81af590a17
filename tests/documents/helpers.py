"""Documents of the test world's person A, stored through the service."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from teilhabe.documents import services
from teilhabe.documents.models import PersonDocument
from teilhabe.documents.samples import pdf_bytes
from tests.casework.sharing.helpers import owner_access
from tests.conftest import World


def store(
    world: World,
    *,
    content: bytes | None = None,
    title: str = "Abschlusszeugnis",
    issuing_body: str = "Gesamtschule Köln",
    valid_until: dt.date | None = None,
    kind: str = PersonDocument.Kind.CERTIFICATE,
) -> PersonDocument:
    access = owner_access(world)
    data = services.DocumentData(
        kind=kind, title=title, issuing_body=issuing_body, valid_until=valid_until
    )
    upload = SimpleUploadedFile("scan.pdf", content or pdf_bytes(title))
    with scope(alliance=world.a.alliance):
        return services.document_upload(access=access, data=data, upload=upload)


def share_documents(world: World, with_documents: bool = True) -> None:
    """consent_a (Jobcenter A) covers the documents, or not."""
    categories = ["master_data", "residence_status", "education"]
    with scopes_disabled():
        type(world.consent_a).objects.filter(pk=world.consent_a.pk).update(
            categories=[*categories, "documents"] if with_documents else categories
        )


def doc_url(name: str, world: World, *args: Any) -> str:
    return reverse(f"documents:{name}", args=[world.a.alliance.slug, world.a.person.pk, *args])


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []
