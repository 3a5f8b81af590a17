"""A person's documents in the API: the list and the file, under the same rule as the
pages (`documents.selectors`: the consent category "documents", else 404). A download is
audited as an export and served as an attachment with a neutral name."""

# No `from __future__ import annotations`: ninja resolves handler annotations at runtime.
import datetime as dt
import uuid

from django.http import HttpRequest
from django.http.response import HttpResponseBase
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from teilhabe.api.auth import api_scope
from teilhabe.api.pages import QueryPage
from teilhabe.documents import services
from teilhabe.documents.models import PersonDocument
from teilhabe.documents.selectors import documents_access, documents_of, get_document
from teilhabe.people.services import person_view_record

router = Router(tags=["documents"])
P = "/buendnisse/{alliance}/personen/{person_id}/dokumente"


class DocumentOut(Schema):
    id: uuid.UUID
    kind: str
    title: str
    issuing_body: str
    issued_on: dt.date | None
    valid_until: dt.date | None
    content_type: str
    size: int
    sha256: str
    organisation: str
    uploaded_at: dt.datetime


def _documents_out(rows: list[PersonDocument]) -> list[dict]:
    return [
        {
            "id": d.pk,
            "kind": d.kind,
            "title": d.title,
            "issuing_body": d.issuing_body,
            "issued_on": d.issued_on,
            "valid_until": d.valid_until,
            "content_type": d.content_type,
            "size": d.size,
            "sha256": d.sha256,
            "organisation": d.organisation.name,
            "uploaded_at": d.uploaded_at,
        }
        for d in rows
    ]


@router.get(P, response=list[DocumentOut], url_name="document_list")
@paginate(PageNumberPagination, page_size=50)
def list_documents(
    request: HttpRequest, alliance: str, person_id: uuid.UUID, sort: str = "-hochgeladen"
) -> QueryPage:
    with api_scope(request, alliance) as principal:
        access = documents_access(principal, person_id)
        person_view_record(access=access, purpose="api")
        return QueryPage(documents_of(access, sort), principal.alliance, _documents_out)


@router.get(P + "/{document_id}/datei", url_name="document_download")
def download_document(
    request: HttpRequest, alliance: str, person_id: uuid.UUID, document_id: uuid.UUID
) -> HttpResponseBase:
    with api_scope(request, alliance) as principal:
        document, access = get_document(principal, person_id, document_id)
        return services.document_download(access=access, document=document)
