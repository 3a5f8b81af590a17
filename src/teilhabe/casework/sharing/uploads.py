"""Evidence uploads (the signed consent form): checked before anything is stored.

The browser's content type and the file name are not trusted: the size is checked first,
then the first bytes must be those of a PDF, PNG or JPEG file. The stored name is random,
so nothing the uploader chose ends up in a path.
"""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

MAX_EVIDENCE_BYTES = 10 * 1024 * 1024

# (leading bytes, stored extension, content type served on download)
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "pdf", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "png", "image/png"),
    (b"\xff\xd8\xff", "jpg", "image/jpeg"),
]
CONTENT_TYPES = {ext: ctype for _, ext, ctype in SIGNATURES}


def sniff(head: bytes) -> str | None:
    """The extension matching the file's magic bytes, or None."""
    for magic, ext, _ctype in SIGNATURES:
        if head.startswith(magic):
            return ext
    return None


def validate_evidence(upload: UploadedFile) -> str:
    """Check size and magic bytes; return the extension to store the file under."""
    if upload.size is None or upload.size > MAX_EVIDENCE_BYTES:
        raise ValidationError(_("The file is larger than 10 MB."), code="too_large")
    if upload.size == 0:
        raise ValidationError(_("The file is empty."), code="empty")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    ext = sniff(head)
    if ext is None:
        raise ValidationError(
            _("Only PDF, PNG or JPEG files can be uploaded as evidence."), code="file_type"
        )
    return ext


def random_name(ext: str) -> str:
    return f"{secrets.token_hex(16)}.{ext}"


def content_type_for(name: str) -> str:
    return CONTENT_TYPES.get(name.rsplit(".", 1)[-1].lower(), "application/octet-stream")
