"""The one check for uploaded documents (consent evidence, join letters, minutes,
expenditure evidence, a person's documents): checked before anything is stored.

The browser's content type and the file name are not trusted: the size is checked first
(from the upload's metadata: Django streams a large body to a temporary file, and nginx
stops anything above 12 MB), then the first bytes must be those of a PDF, PNG or JPEG file.
A PDF that is also a ZIP archive (a polyglot) or carries active content (JavaScript, launch
actions, embedded files) is refused. Images are decoded and encoded again (`clean_document`),
which drops EXIF (GPS position, camera serial), comments and any data appended after the
picture. The stored name is random, so nothing the uploader chose (a name may carry personal
values or path tricks) ends up in a path. Lists for import have their own, stricter check
(`transfer.safety`).
"""

from __future__ import annotations

import hashlib
import io
import re
import secrets
import zipfile
import zlib
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_DOCUMENT_BYTES = 10 * 1024 * 1024
# A picture of more pixels is refused before decoding (a small PNG can unpack to gigabytes).
MAX_IMAGE_PIXELS = 40_000_000
# A PDF that an archive tool also opens (its end-of-central-directory record at the end, or
# a ZIP local-file header outside the PDF's streams) is a polyglot, which a virus scanner or
# a mail gateway may read differently. Inside compressed streams the same four bytes occur by
# chance (about one 10 MB scan in 200), so they are not looked for there.
ZIP_LOCAL_HEADER = b"PK\x03\x04"
# PDF names of active content; names may hide letters as #xx escapes (/J#61vaScript).
ACTIVE_PDF_NAMES = frozenset(
    {b"JavaScript", b"JS", b"Launch", b"EmbeddedFile", b"EmbeddedFiles", b"RichMedia"}
)
PDF_NAME = re.compile(rb"/([A-Za-z0-9#]+)")
PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
STREAM = re.compile(rb"stream\r?\n.*?endstream", re.S)
OBJECT_STREAM = re.compile(rb"/Type\s*/ObjStm[^>]*>>\s*stream\r?\n(.*?)endstream", re.S)


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
        message: Any = _("The file is larger than %(max)s MB.") % {"max": MAX_DOCUMENT_BYTES >> 20}
        raise refuse(message, "too_large")
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    kind = next((k for k in DOCUMENT_TYPES if head.startswith(k.magic)), None)
    if kind is None:
        raise refuse(_("Only PDF, PNG or JPEG files can be uploaded."), "file_type")
    if kind.extension == "pdf":
        content = upload.read()
        upload.seek(0)
        if _hostile_pdf(content):
            message = _(
                "The PDF file contains an archive or active content (such as scripts) and "
                "cannot be stored. Please save it again as a plain PDF, for example with "
                '"Print as PDF".'
            )
            raise refuse(message, "active_content")
    return kind


def _hostile_pdf(content: bytes) -> bool:
    outside = STREAM.split(content)
    if zipfile.is_zipfile(io.BytesIO(content)) or any(ZIP_LOCAL_HEADER in p for p in outside):
        return True
    # Names are read outside streams (compressed page and image data would match "/JS" by
    # chance) and inside object streams, where a PDF may keep its dictionaries compressed.
    parts = [*outside, *_object_streams(content)]
    for part in parts:
        for match in PDF_NAME.finditer(part):
            name = PDF_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
            if name in ACTIVE_PDF_NAMES:
                return True
    return False


def _object_streams(content: bytes) -> list[bytes]:
    out: list[bytes] = []
    budget = 4 * MAX_DOCUMENT_BYTES  # bounded, whatever a stream claims to unpack to
    for match in OBJECT_STREAM.finditer(content):
        try:
            data = zlib.decompressobj().decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(data)
        out.append(data)
        if budget <= 0:
            break
    return out


@dataclass(frozen=True)
class CleanDocument:
    """A checked upload as it is stored: images encoded again, with its hash and size."""

    kind: DocumentType
    content: bytes

    @property
    def size(self) -> int:
        return len(self.content)

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.content).hexdigest()

    def as_file(self) -> ContentFile:
        """The content under a random name, ready for a FileField's save()."""
        return ContentFile(self.content, name=random_name(self.kind))


def clean_document(upload: UploadedFile, *, field: str | None = None) -> CleanDocument:
    """`check_document`, then the bytes to store: a PDF as it came, an image decoded and
    encoded again (no EXIF, no comments, nothing after the picture), turned upright first
    as its EXIF orientation said."""
    kind = check_document(upload, field=field)
    upload.seek(0)
    content = upload.read()
    upload.seek(0)
    if kind.extension == "pdf":
        return CleanDocument(kind, content)
    try:
        return CleanDocument(kind, _reencode(content, kind))
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        error = ValidationError(
            _("The picture cannot be read. Please upload it again as PNG or JPEG."),
            code="broken_image",
        )
        raise (ValidationError({field: error}) if field else error) from exc


def _reencode(content: bytes, kind: DocumentType) -> bytes:
    try:
        image: Image.Image = Image.open(io.BytesIO(content))
    except UnidentifiedImageError as exc:
        raise ValueError("not an image") from exc
    width, height = image.size
    if width * height > MAX_IMAGE_PIXELS:
        raise ValueError("too many pixels")
    image = ImageOps.exif_transpose(image) or image
    # Pillow copies some of what it read (a JPEG comment, an ICC profile) into what it
    # writes; only a palette's transparency is part of the picture.
    image.info = {k: v for k, v in image.info.items() if k == "transparency"}
    out = io.BytesIO()
    if kind.extension == "jpg":
        if image.mode not in ("RGB", "L", "CMYK"):
            image = image.convert("RGB")
        # No exif=, icc_profile= or comment=: Pillow writes none of them unless given.
        image.save(out, "JPEG", quality=90, optimize=True)
    else:
        if image.mode not in ("RGB", "RGBA", "L", "LA", "P", "1", "I;16"):
            image = image.convert("RGBA")
        image.save(out, "PNG", optimize=True)
    return out.getvalue()


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
