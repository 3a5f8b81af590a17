"""Every list and table leaves the platform as CSV or Excel through this module.

Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe and are stored as text, so a value such as
"=HYPERLINK(...)" typed into a name field never runs in the recipient's Excel. CSV is
written with a BOM and `;` because German Excel opens it that way without an import dialog.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from io import BytesIO, StringIO
from typing import Any

from django.http import HttpResponse
from django.utils.text import slugify
from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Font

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet evaluates; numbers and dates stay typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, (int, float, dt.date)):
        return value
    text = str(value)
    if text.startswith(DANGEROUS_PREFIXES):
        return "'" + text
    return text


@dataclass
class Table:
    """A titled table: the header names columns, rows hold plain values."""

    title: str
    header: Sequence[str]
    rows: Iterable[Sequence[Any]] = field(default_factory=list)


def csv_bytes(tables: Sequence[Table]) -> bytes:
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                writer.writerow([])
            writer.writerow([neutralise(table.title)])
        writer.writerow([neutralise(h) for h in table.header])
        for row in table.rows:
            writer.writerow([_csv_text(neutralise(v)) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _csv_text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, dt.date) else value


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    wb = Workbook(write_only=False)
    first = True
    used: set[str] = set()
    for table in tables:
        ws = wb.active if first else wb.create_sheet()
        first = False
        ws.title = _sheet_title(table.title, used)
        _append(ws, list(table.header))
        for row in table.rows:
            _append(ws, list(row))
        for cell in ws[1]:
            cell.font = Font(bold=True)
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> str:
    # Excel: at most 31 characters, no []:*?/\ and unique per workbook.
    clean = "".join(" " if c in "[]:*?/\\" else c for c in title).strip()[:28] or "Tabelle"
    candidate, n = clean, 2
    while candidate in used:
        candidate, n = f"{clean} {n}", n + 1
    used.add(candidate)
    return candidate


def _append(ws: Any, values: list[Any]) -> None:
    ws.append([neutralise(v) for v in values])
    for cell in ws[ws.max_row]:
        if isinstance(cell, Cell) and isinstance(cell.value, str):
            cell.data_type = "s"  # text, never a formula


def response(fmt: str, filename: str, tables: Sequence[Table]) -> HttpResponse:
    """A download response; `fmt` is "csv" or "xlsx" (anything else is a programming error)."""
    base = slugify(filename) or "export"
    if fmt == "csv":
        resp = HttpResponse(csv_bytes(tables), content_type="text/csv; charset=utf-8")
    elif fmt == "xlsx":
        resp = HttpResponse(xlsx_bytes(tables), content_type=XLSX_TYPE)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    resp["Content-Disposition"] = f'attachment; filename="{base}.{fmt}"'
    return resp
