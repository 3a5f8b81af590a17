"""Uploaded documents (join letters, minutes, expenditure evidence).

Files live under MEDIA_ROOT, which is never served directly: views check access and stream
them. The type is decided by the file's first bytes, never by its name or the browser's
claim, and stored so the download answers with the same type.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024

# (magic prefix, content type, extension)
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
]


def sniff_document(upload: UploadedFile, *, field: str) -> tuple[str, str]:
    """Return (content type, extension) of a PDF, PNG or JPEG; refuse anything else."""
    size = upload.size or 0
    if size == 0:
        raise ValidationError({field: _("The file is empty.")})
    if size > MAX_DOCUMENT_BYTES:
        raise ValidationError(
            {field: _("The file is larger than %(max)s MB.") % {"max": MAX_DOCUMENT_BYTES >> 20}}
        )
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for magic, content_type, ext in SIGNATURES:
        if head.startswith(magic):
            return content_type, ext
    raise ValidationError({field: _("Only PDF, PNG or JPEG files can be uploaded.")})


def _path(folder: str, filename: str) -> str:
    # A random name: the uploaded name may carry personal values or path tricks.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"alliances/{folder}/{uuid.uuid4().hex}.{ext}"


def letter_path(instance: Any, filename: str) -> str:
    return _path("letters", filename)


def minutes_path(instance: Any, filename: str) -> str:
    return _path("minutes", filename)


def evidence_path(instance: Any, filename: str) -> str:
    return _path("expenditure", filename)


def store_name(upload: UploadedFile, ext: str) -> UploadedFile:
    """Give the upload a neutral name with the sniffed extension before it is saved."""
    upload.name = f"document.{ext}"
    return upload
