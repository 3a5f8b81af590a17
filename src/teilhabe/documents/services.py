"""Writes of a person's documents: upload, correct, delete, and the audit of a download.

Keyword-only, atomic, audited in the same transaction. Only the owning organisation's case
managers write (a partner reads, with the consent category "documents"). The file passes
`core.uploads.clean_document`, the one check of every upload; a deleted document's file
leaves the storage once the deletion is committed.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import FileResponse, Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from teilhabe.core.downloads import file_download
from teilhabe.core.models import AuditEvent
from teilhabe.core.plausible import check_plausible
from teilhabe.core.uploads import clean_document, download_name
from teilhabe.documents.expiry import document_followup_now, resolve_followups
from teilhabe.documents.models import PersonDocument
from teilhabe.people.access import PersonAccess, require_owner
from teilhabe.people.services import entry_audit

PURPOSE = "document"


@dataclass(frozen=True)
class DocumentData:
    kind: str
    title: str
    issuing_body: str = ""
    issued_on: dt.date | None = None
    valid_until: dt.date | None = None


def _check(data: DocumentData) -> None:
    check_plausible(
        title=data.title,
        issuing_body=data.issuing_body,
        issued_on=data.issued_on,
        valid_until=data.valid_until,
    )
    if data.issued_on and data.valid_until and data.valid_until < data.issued_on:
        raise ValidationError(
            {"valid_until": _("The document cannot be valid only until before it was issued.")}
        )


@transaction.atomic
def document_upload(
    *, access: PersonAccess, data: DocumentData, upload: UploadedFile
) -> PersonDocument:
    """Store a checked file (images encoded again) privately under a random name."""
    require_owner(access)
    _check(data)
    cleaned = clean_document(upload, field="file")
    document = PersonDocument(
        alliance=access.person.alliance,
        person=access.person,
        organisation=access.organisation,
        kind=data.kind,
        title=data.title,
        issuing_body=data.issuing_body,
        issued_on=data.issued_on,
        valid_until=data.valid_until,
        content_type=cleaned.kind.content_type,
        size=cleaned.size,
        sha256=cleaned.sha256,
        uploaded_by=access.principal.user if access.principal.user.is_authenticated else None,
        uploaded_at=timezone.now(),
    )
    stored = cleaned.as_file()
    document.file.save(stored.name or "", stored, save=False)
    try:
        document.full_clean(exclude=["alliance", "person", "organisation", "uploaded_by"])
        document.save()
        entry_audit(access=access, action=AuditEvent.Action.CREATE, obj=document, purpose=PURPOSE)
        document_followup_now(document)
    except BaseException:
        document.file.storage.delete(document.file.name or "")  # no orphan file
        raise
    return document


@transaction.atomic
def document_update(
    *, access: PersonAccess, document: PersonDocument, data: DocumentData
) -> PersonDocument:
    """Correct what is recorded about a document (the file stays)."""
    require_owner(access)
    if document.person_id != access.person.pk:
        raise PermissionDenied
    _check(data)
    for name in ("kind", "title", "issuing_body", "issued_on", "valid_until"):
        setattr(document, name, getattr(data, name))
    document.full_clean(exclude=["alliance", "person", "organisation", "uploaded_by"])
    document.save()
    entry_audit(access=access, action=AuditEvent.Action.UPDATE, obj=document, purpose=PURPOSE)
    document_followup_now(document)
    return document


@transaction.atomic
def document_delete(*, access: PersonAccess, document: PersonDocument) -> None:
    """Delete a document (wrong file, withdrawn by the person): the row now, the file
    once the deletion is committed; its open expiry follow-up is answered."""
    require_owner(access)
    if document.person_id != access.person.pk:
        raise PermissionDenied
    entry_audit(access=access, action=AuditEvent.Action.DELETE, obj=document, purpose=PURPOSE)
    resolve_followups([document.pk])
    name, storage = document.file.name, document.file.storage
    document.delete()
    if name:
        transaction.on_commit(lambda: storage.delete(name))


def document_download(*, access: PersonAccess, document: PersonDocument) -> FileResponse:
    """The file as an attachment with a neutral name ("dokument.pdf"), never inline; the
    download leaves the system, so it is audited as an export with the consent relied on
    (page and API alike). 404 when the file is gone."""
    if document.person_id != access.person.pk or not access.can("documents"):
        raise PermissionDenied
    field = document.file
    if not field or not field.name or not field.storage.exists(field.name):
        raise Http404
    entry_audit(access=access, action=AuditEvent.Action.EXPORT, obj=document, purpose=PURPOSE)
    return file_download(
        field,
        filename=download_name("dokument", document.content_type),
        content_type=document.content_type,
    )
