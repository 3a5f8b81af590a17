"""Files leave the platform as downloads through here: never inline, never sniffed by the
browser (`nosniff`), and only after the view's access check and audit."""

from __future__ import annotations

from django.db.models.fields.files import FieldFile
from django.http import FileResponse, Http404, HttpResponse


def file_download(field: FieldFile, *, filename: str, content_type: str) -> FileResponse:
    """Stream a stored private file; 404 when it is missing."""
    if not field or not field.name or not field.storage.exists(field.name):
        raise Http404
    try:
        handle = field.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=filename,
        content_type=content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def bytes_download(content: bytes | str, *, filename: str, content_type: str) -> HttpResponse:
    """A generated document (PDF, JSON, Markdown, Excel) as an attachment."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["X-Content-Type-Options"] = "nosniff"
    return response
