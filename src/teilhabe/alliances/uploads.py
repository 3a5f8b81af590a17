"""Uploaded documents (join letters, minutes, expenditure evidence).

Files live under MEDIA_ROOT, which is never served directly: views check access and stream
them. The type is decided by `core.uploads.clean_document` from the file's first bytes,
never by its name or the browser's claim, and stored so the download answers with the same
type.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile

from teilhabe.core.uploads import clean_document


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


def checked(upload: UploadedFile, *, field: str) -> tuple[ContentFile, str]:
    """The upload checked and cleaned by `core.uploads` (images encoded again), named
    neutrally with its real extension (the paths above keep only that), and the content
    type to serve it with."""
    cleaned = clean_document(upload, field=field)
    return ContentFile(cleaned.content, name=f"document.{cleaned.kind.extension}"), (
        cleaned.kind.content_type
    )
