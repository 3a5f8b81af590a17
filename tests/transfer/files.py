# ruff: noqa: E501
"""Lists and hostile files for the import tests (built in memory)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook

from tests.people.intake.helpers import birth_for_age

PERSON_HEADER = [
    "Vorname",
    "Nachname",
    "Geburtsdatum",
    "Geschlecht",
    "Staatsangehörigkeit",
    "Wohnort",
    "Aufenthaltsstatus",
    "gültig bis",
]


def person_row(n: int, **overrides: Any) -> list[Any]:
    values = {
        "Vorname": f"Amina{n}",
        "Nachname": f"Yusuf{n}",
        "Geburtsdatum": birth_for_age(20 + n % 7),
        "Geschlecht": "w" if n % 2 else "m",
        "Staatsangehörigkeit": "Syrien",
        "Wohnort": "Köln, Stadt",
        "Aufenthaltsstatus": "Duldung",
        "gültig bis": dt.date.today() + dt.timedelta(days=300),
    }
    values.update(overrides)
    return [values[h] for h in PERSON_HEADER]


def xlsx(header: Sequence[Any], rows: Sequence[Sequence[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(list(header))
    for row in rows:
        ws.append(list(row))
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def person_xlsx(count: int, bad: dict[int, dict[str, Any]] | None = None) -> bytes:
    bad = bad or {}
    return xlsx(PERSON_HEADER, [person_row(n, **bad.get(n, {})) for n in range(count)])


def csv_text(header: Sequence[str], rows: Sequence[Sequence[Any]], sep: str = ";") -> str:
    def cell(v: Any) -> str:
        return v.strftime("%d.%m.%Y") if isinstance(v, dt.date) else str(v)

    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep, lineterminator="\r\n")
    for row in [header, *rows]:
        writer.writerow([cell(v) for v in row])
    return out.getvalue()


def _rezip(content: bytes, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(content))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(info.filename, replace.get(info.filename, src.read(info.filename)))
        for name, data in (add or {}).items():
            dst.writestr(name, data)
    return out.getvalue()


def xlsm_renamed() -> bytes:
    """A macro workbook: vbaProject.bin and the macro-enabled content type."""
    base = person_xlsx(1)
    types = zipfile.ZipFile(io.BytesIO(base)).read("[Content_Types].xml")
    types = types.replace(
        b"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
        b"application/vnd.ms-excel.sheet.macroEnabled.main+xml",
    )
    return _rezip(base, {"[Content_Types].xml": types}, {"xl/vbaProject.bin": b"\x00" * 64})


def zip_bomb(size_mb: int = 500) -> bytes:
    """A sheet that inflates to `size_mb` MB of zeros (compresses ~1000:1)."""
    base = person_xlsx(1)
    out = io.BytesIO()
    src = zipfile.ZipFile(io.BytesIO(base))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open(info.filename, "w", force_zip64=True) as handle:
                    chunk = b"0" * (1024 * 1024)
                    for _ in range(size_mb):
                        handle.write(chunk)
            else:
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>"""

XXE = b"""<?xml version="1.0"?>
<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row></sheetData></worksheet>"""


def with_sheet(xml: bytes) -> bytes:
    return _rezip(person_xlsx(1), {"xl/worksheets/sheet1.xml": xml})


def xml_bomb() -> bytes:
    return with_sheet(BILLION_LAUGHS)


def xxe() -> bytes:
    return with_sheet(XXE)
