"""Pages of a person's documents: the list (sortable, paged in the database), upload,
correction, deletion and the download.

Every page goes through `documents.selectors` (people.access plus the consent category
"documents"); writes belong to the owning organisation's case managers. Anyone else gets
404. A file leaves only as an attachment with a neutral name, after an audit entry.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.http.response import HttpResponseBase
from django.template.response import TemplateResponse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from teilhabe.core.web import AllianceRequest, alliance_view, form_page
from teilhabe.documents import services
from teilhabe.documents.forms import DocumentDataForm, DocumentDeleteForm, DocumentUploadForm
from teilhabe.documents.selectors import (
    DEFAULT_SORT,
    documents_access,
    documents_of,
    get_document,
    sort_links,
)
from teilhabe.people.access import PersonAccess, access_label
from teilhabe.people.sections import person_url

GET_POST = require_http_methods(["GET", "POST"])


def _owner(access: PersonAccess) -> PersonAccess:
    if not access.is_owner:
        raise Http404
    return access


def _back(request: AllianceRequest, person_id: uuid.UUID) -> str:
    return person_url(request.alliance.slug, person_id, "documents")


@require_GET
@alliance_view("staff")
def document_list(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = documents_access(request.principal, person_id)
    sort = request.GET.get("sort", DEFAULT_SORT)
    page = Paginator(documents_of(access, sort), settings.TEILHABE["PAGE_SIZE"]).get_page(
        request.GET.get("seite")
    )
    return TemplateResponse(
        request,
        "documents/document_list.html",
        {
            "person": access.person,
            "access": access,
            "page": page,
            "sorts": sort_links(sort),
            "query": urlencode({"sort": sort}),
            "back_url": _back(request, person_id),
        },
    )


@GET_POST
@alliance_view("staff")
def document_upload(request: AllianceRequest, person_id: uuid.UUID) -> HttpResponse:
    access = _owner(documents_access(request.principal, person_id))
    form = DocumentUploadForm(request.POST or None, request.FILES or None)
    back = _back(request, person_id)

    def save(data: dict) -> str:
        services.document_upload(access=access, data=form.data_object(), upload=data["file"])
        return back

    return form_page(
        request,
        form,
        save=save,
        title=_("Upload a document"),
        preline=access_label(access),
        intro=_(
            "PDF, PNG or JPEG, at most 10 MB. Pictures are stored without their hidden "
            "details (such as the place where a photo was taken). Partner organisations "
            "see the document only if the person agreed to share documents with them."
        ),
        submit=_("Upload"),
        back_url=back,
        success=_("The document has been stored."),
    )


@GET_POST
@alliance_view("staff")
def document_edit(
    request: AllianceRequest, person_id: uuid.UUID, document_id: uuid.UUID
) -> HttpResponse:
    document, access = get_document(request.principal, person_id, document_id)
    _owner(access)
    initial = {
        name: getattr(document, name)
        for name in ("kind", "title", "issuing_body", "issued_on", "valid_until")
    }
    form = DocumentDataForm(request.POST or None, initial=initial)
    back = _back(request, person_id)

    def save(data: dict) -> str:
        services.document_update(access=access, document=document, data=form.data_object())
        return back

    return form_page(
        request,
        form,
        save=save,
        title=_("Correct the document's details"),
        preline=access_label(access),
        submit=_("Save"),
        back_url=back,
        success=_("The document's details have been saved."),
    )


@GET_POST
@alliance_view("staff")
def document_delete(
    request: AllianceRequest, person_id: uuid.UUID, document_id: uuid.UUID
) -> HttpResponse:
    document, access = get_document(request.principal, person_id, document_id)
    _owner(access)
    form = DocumentDeleteForm(request.POST or None)
    back = _back(request, person_id)

    def save(data: dict) -> str:
        services.document_delete(access=access, document=document)
        return back

    return form_page(
        request,
        form,
        save=save,
        title=_("Delete the document"),
        preline=access_label(access),
        intro=_(
            "The file is erased from the storage. The access log keeps that it existed, "
            "not its content."
        ),
        submit=_("Delete"),
        back_url=back,
        success=_("The document has been deleted."),
    )


@require_GET
@alliance_view("staff")
def document_download(
    request: AllianceRequest, person_id: uuid.UUID, document_id: uuid.UUID
) -> HttpResponseBase:
    document, access = get_document(request.principal, person_id, document_id)
    return services.document_download(access=access, document=document)
