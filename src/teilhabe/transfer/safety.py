"""Checks on an uploaded list before any parser sees it (ASVS 5.2.x, research/security.md).

Order matters: the cheap checks come first, and nothing here decompresses more than the
zip directory promises, so a hostile file is refused in well under a second with bounded
memory:
1. name: only .xlsx and .csv; .xlsm/.xls/.xlsb get their own message;
2. size: at most settings.TEILHABE["IMPORT_MAX_BYTES"];
3. magic bytes: an .xlsx is a zip ("PK\\x03\\x04"); a .csv is neither a zip nor an old
   binary Excel file and holds no NUL byte;
4. zip directory: member count, total uncompressed size and compression ratio (zip
   bombs); zipfile never inflates a member beyond its declared size, so the directory is
   a real bound;
5. macros: a vbaProject.bin or a macro-enabled content type (an .xlsm renamed .xlsx);
6. XML: the prolog of every XML member is parsed with defusedxml, which refuses any DTD
   (billion laughs, quadratic blow-up, XXE all need one); openpyxl parses with defusedxml
   as well when it is installed, which it is.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from io import BytesIO

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse
from django.conf import settings
from django.utils.translation import gettext as _

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # .xls, .doc and other old Office formats
MAX_MEMBERS = 500
MAX_UNCOMPRESSED = 100 * 1024 * 1024
MAX_RATIO = 100  # ordinary workbooks stay below ~20; bombs reach thousands
RATIO_FLOOR = 1024 * 1024  # small members may compress well without harm
MACRO_MARKERS = (b"macroEnabled", b"vbaProject")


class UnsafeFile(Exception):
    """The upload is refused; the message is for the user (German via gettext)."""


@dataclass(frozen=True)
class CheckedFile:
    file_format: str  # "xlsx" or "csv"
    content: bytes


def max_bytes() -> int:
    return int(settings.TEILHABE.get("IMPORT_MAX_BYTES", 10 * 1024 * 1024))


def too_large_message() -> str:
    return _("The file is larger than %(mb)s MB. Split the list into smaller files.") % {
        "mb": max_bytes() // (1024 * 1024)
    }


def check_name(filename: str) -> str:
    name = filename.lower().strip()
    if name.endswith((".xlsm", ".xltm", ".xlsb")):
        raise UnsafeFile(
            _("Files with macros (.xlsm, .xlsb) are not accepted. Save the list as .xlsx.")
        )
    if name.endswith(".xls"):
        raise UnsafeFile(_("The old Excel format .xls is not accepted. Save the list as .xlsx."))
    if name.endswith(".xlsx"):
        return "xlsx"
    if name.endswith(".csv"):
        return "csv"
    raise UnsafeFile(_("Only Excel files (.xlsx) and CSV files (.csv) can be imported."))


def check_upload(filename: str, content: bytes) -> CheckedFile:
    """Raise UnsafeFile with a clear message, or return the format and the content."""
    file_format = check_name(filename)
    if len(content) > max_bytes():
        raise UnsafeFile(too_large_message())
    if not content:
        raise UnsafeFile(_("The file is empty."))
    if file_format == "xlsx":
        _check_xlsx(content)
    else:
        _check_csv(content)
    return CheckedFile(file_format, content)


def _check_csv(content: bytes) -> None:
    if content.startswith((ZIP_MAGIC, OLE_MAGIC)) or b"\x00" in content[:65536]:
        raise UnsafeFile(
            _("The file is not a CSV text file. Save the list as CSV or as Excel (.xlsx).")
        )


def _check_xlsx(content: bytes) -> None:
    not_excel = _("The file is not a valid Excel file (.xlsx).")
    if not content.startswith(ZIP_MAGIC):
        raise UnsafeFile(not_excel)
    try:
        archive = zipfile.ZipFile(BytesIO(content))
        members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise UnsafeFile(not_excel) from exc
    with archive:
        _check_members(members)
        names = {m.filename for m in members}
        if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
            raise UnsafeFile(not_excel)
        content_types = archive.read("[Content_Types].xml")
        if any(m.filename.lower().endswith("vbaproject.bin") for m in members) or any(
            marker.lower() in content_types.lower() for marker in MACRO_MARKERS
        ):
            raise UnsafeFile(
                _(
                    "The file contains macros (it is an .xlsm file). Save the list as "
                    "an Excel workbook without macros (.xlsx)."
                )
            )
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")):
                _check_xml(archive, member)


def _check_members(members: list[zipfile.ZipInfo]) -> None:
    bomb = _("The file unpacks to far more data than it holds (zip bomb). It is refused.")
    if len(members) > MAX_MEMBERS:
        raise UnsafeFile(bomb)
    total = 0
    for member in members:
        if member.flag_bits & 0x1:
            raise UnsafeFile(
                _("The file is password-protected. Remove the password and upload it again.")
            )
        total += member.file_size
        if member.file_size > RATIO_FLOOR and member.file_size > MAX_RATIO * max(
            member.compress_size, 1
        ):
            raise UnsafeFile(bomb)
    if total > MAX_UNCOMPRESSED:
        raise UnsafeFile(bomb)


def _check_xml(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> None:
    """A DTD can only stand before the root element: parse up to the root's start tag."""
    try:
        with archive.open(member) as stream:
            for _event, _element in iterparse(stream, events=("start",), forbid_dtd=True):
                break
    except DefusedXmlException as exc:
        raise UnsafeFile(
            _(
                "The file contains XML constructs that are not allowed (document type "
                "definitions or entities, e.g. an XML bomb). It is refused."
            )
        ) from exc
    except Exception as exc:
        raise UnsafeFile(_("The file is not a valid Excel file (.xlsx).")) from exc
