"""The one check for uploaded documents (consent evidence, join letters, minutes,
expenditure evidence): checked before anything is stored.

The browser's content type and the file name are not trusted: the size is checked first,
then the first bytes must be those of a PDF, PNG or JPEG file. The stored name is random,
so nothing the uploader chose (a name may carry personal values or path tricks) ends up in
a path. Lists for import have their own, stricter check (`transfer.safety`).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class DocumentType:
    magic: bytes
    extension: str
    content_type: str


DOCUMENT_TYPES = (
    DocumentType(b"%PDF-", "pdf", "application/pdf"),
    DocumentType(b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    DocumentType(b"\xff\xd8\xff", "jpg", "image/jpeg"),
)


DOCUMENT_ACCEPT = "application/pdf,image/png,image/jpeg,.pdf,.png,.jpg,.jpeg"


def document_field(label: Any, *, required: bool, help_text: Any = None) -> forms.FileField:
    """The form field of a document upload; the form's clean method calls check_document."""
    return forms.FileField(
        label=label,
        required=required,
        help_text=help_text or _("PDF, PNG or JPEG, at most 10 MB."),
        widget=forms.FileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )


def check_document(upload: UploadedFile, *, field: str | None = None) -> DocumentType:
    """The type of a PDF, PNG or JPEG upload; a ValidationError (on `field`, if named)
    for an empty, too large or other file."""

    def refuse(message: Any, code: str) -> ValidationError:
        error = ValidationError(message, code=code)
        return ValidationError({field: error}) if field else error

    size = upload.size or 0
    if size == 0:
        raise refuse(_("The file is empty."), "empty")
    if size > MAX_DOCUMENT_BYTES:
        message = _("The file is larger than %(max)s MB.") % {"max": MAX_DOCUMENT_BYTES >> 20}
        raise refuse(message, "too_large")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for kind in DOCUMENT_TYPES:
        if head.startswith(kind.magic):
            return kind
    raise refuse(_("Only PDF, PNG or JPEG files can be uploaded."), "file_type")


def random_name(kind: DocumentType) -> str:
    """A stored name that carries nothing the uploader chose (the field adds its folder)."""
    return f"{secrets.token_hex(16)}.{kind.extension}"


def download_name(base: str, content_type: str) -> str:
    """`base` with the extension of the checked content type (`protokoll.pdf`)."""
    found = next((k for k in DOCUMENT_TYPES if k.content_type == content_type), None)
    return f"{base}.{found.extension if found else 'bin'}"


def content_type_for(name: str) -> str:
    """The content type a stored document is served with, from its checked extension."""
    ext = name.rsplit(".", 1)[-1].lower()
    found = next((k for k in DOCUMENT_TYPES if k.extension == ext), None)
    return found.content_type if found else "application/octet-stream"
