"""Matrix rows of a person's documents.

Objects (alliance A): a document of person A without a stored file, so its download is 404
even for the owner here (downloads with a file: tests/documents/test_views.py). The world's
consent for the Jobcenter A does not cover "documents": partner_a gets 404 everywhere.
"""

from __future__ import annotations

from typing import Any

from django.utils import timezone
from django_scopes import scopes_disabled

from teilhabe.documents.models import PersonDocument
from tests.conftest import World
from tests.matrix import CASE_MANAGER_A, row


def api(rows: dict[str, int]) -> dict[str, int]:
    return {**rows, "anon": 401}


EXPECTED: dict[str, dict[str, int]] = {
    "documents:list": CASE_MANAGER_A,
    "documents:upload": CASE_MANAGER_A,
    "documents:edit": CASE_MANAGER_A,
    "documents:delete": CASE_MANAGER_A,
    "documents:download": row(404, anon=302),
    "api:document_list": api(CASE_MANAGER_A),
    "api:document_download": api(row(404)),
}


def url_kwargs(world: World) -> dict[str, Any]:
    with scopes_disabled():
        document = PersonDocument.objects.create(
            alliance=world.a.alliance,
            person=world.a.person,
            organisation=world.a.tm_office,
            kind=PersonDocument.Kind.CERTIFICATE,
            title="Zeugnis",
            content_type="application/pdf",
            uploaded_at=timezone.now(),
        )
    return {"document_id": document.pk}
