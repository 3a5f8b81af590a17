"""The one upload check: type by magic bytes, size, polyglot and active PDFs refused,
pictures encoded again without EXIF/GPS or appended data."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from teilhabe.core.uploads import MAX_DOCUMENT_BYTES, check_document, clean_document
from teilhabe.documents.samples import pdf_bytes, png_bytes

GPS_IFD = 0x8825


def upload(content: bytes, name: str = "datei.bin") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def jpeg_with_gps() -> bytes:
    """A photo as a phone takes it: EXIF with a GPS position and the camera's make."""
    image = Image.new("RGB", (640, 480), (200, 120, 40))
    exif = Image.Exif()
    exif[0x010F] = "Canary Phone"  # Make
    exif[0x0112] = 1  # orientation
    exif.get_ifd(GPS_IFD).update({1: "N", 2: (50.0, 56.0, 16.0), 3: "E", 4: (6.0, 57.0, 28.0)})
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=95, comment=b"Canary comment")
    return out.getvalue()


def zip_bytes() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("payload.html", "<script>alert(1)</script>")
    return out.getvalue()


def refusal(content: bytes) -> str:
    with pytest.raises(ValidationError) as caught:
        clean_document(upload(content))
    return caught.value.code or ""


def test_a_file_whose_first_bytes_are_not_pdf_png_or_jpeg_is_refused() -> None:
    assert refusal(b"<html><script>alert(1)</script></html>") == "file_type"
    assert refusal(b"PK\x03\x04" + b"\x00" * 100) == "file_type"


def test_an_empty_and_a_too_large_file_are_refused_before_their_content_is_read() -> None:
    assert refusal(b"") == "empty"
    assert refusal(b"%PDF-" + b"0" * MAX_DOCUMENT_BYTES) == "too_large"


def test_the_zip_signature_by_chance_inside_a_compressed_stream_is_no_archive() -> None:
    scan = b"\x8f\x12PK\x03\x04\x99\x00" * 3  # image data of a scanned certificate
    content = (
        b"%PDF-1.4\n1 0 obj\n<< /Length 27 /Filter /FlateDecode >>\nstream\n"
        + scan
        + b"\nendstream\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
    )
    assert clean_document(upload(content)).content == content


def test_a_pdf_that_is_also_a_zip_archive_is_refused() -> None:
    assert refusal(pdf_bytes("Zeugnis") + zip_bytes()) == "active_content"
    # Only the end-of-central-directory record is enough to be read as an archive.
    assert refusal(pdf_bytes("Zeugnis") + b"PK\x05\x06" + b"\x00" * 18) == "active_content"


@pytest.mark.parametrize(
    "extra",
    [
        b"/AA << /O << /S /JavaScript /JS (app.alert(1)) >> >> ",
        b"/AA << /O << /S /Launch /F (cmd.exe) >> >> ",
        b"/AA << /O << /S /J#61vaScript /J#53 (app.alert(1)) >> >> ",  # escaped letters
    ],
)
def test_a_pdf_with_scripts_or_launch_actions_is_refused(extra: bytes) -> None:
    assert refusal(pdf_bytes("Bescheid", extra=extra)) == "active_content"


def test_a_script_hidden_in_a_compressed_object_stream_is_found() -> None:
    import zlib

    hidden = zlib.compress(b"6 0 << /S /JavaScript /JS (app.alert(1)) >>")
    stream = b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n" % (
        len(hidden)
    )
    content = pdf_bytes("Bescheid") + b"7 0 obj\n" + stream + hidden + b"\nendstream\nendobj\n"
    assert refusal(content) == "active_content"


def test_a_plain_pdf_is_stored_as_it_came() -> None:
    content = pdf_bytes("Abschlusszeugnis")
    cleaned = clean_document(upload(content))
    assert cleaned.content == content and cleaned.kind.extension == "pdf"
    assert cleaned.size == len(content) and len(cleaned.sha256) == 64


def test_a_jpeg_with_a_gps_position_is_stored_without_any_exif() -> None:
    content = jpeg_with_gps()
    assert Image.open(io.BytesIO(content)).getexif().get_ifd(GPS_IFD)  # the fixture has one
    cleaned = clean_document(upload(content, "foto.jpg"))
    stored = Image.open(io.BytesIO(cleaned.content))
    assert stored.format == "JPEG" and stored.size == (640, 480)
    assert not stored.getexif() and "exif" not in stored.info
    assert b"Canary Phone" not in cleaned.content and b"Canary comment" not in cleaned.content
    print(f"uploads: JPEG with EXIF/GPS {len(content)} bytes, stored {cleaned.size} bytes")


def test_data_appended_to_a_picture_is_dropped() -> None:
    content = png_bytes() + zip_bytes()
    cleaned = clean_document(upload(content, "bild.png"))
    assert b"PK\x03\x04" not in cleaned.content and b"payload" not in cleaned.content
    assert Image.open(io.BytesIO(cleaned.content)).size == (120, 80)


def test_a_picture_that_cannot_be_decoded_is_refused() -> None:
    assert refusal(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32) == "broken_image"
    assert refusal(b"\xff\xd8\xff" + b"\x00" * 64) == "broken_image"


def test_a_picture_of_too_many_pixels_is_refused_before_it_is_decoded() -> None:
    out = io.BytesIO()
    Image.new("1", (8000, 6000)).save(out, "PNG")  # 48 MP, a few KB compressed
    assert refusal(out.getvalue()) == "broken_image"


def test_check_document_names_the_field_of_the_form() -> None:
    with pytest.raises(ValidationError) as caught:
        check_document(upload(b"GIF89a"), field="file")
    assert "file" in caught.value.error_dict
