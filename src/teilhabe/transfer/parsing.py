"""Reading a checked list: the header row and the data rows, as plain values.

xlsx through openpyxl in read-only mode (streamed, bounded memory); formula cells come back
as their formula text ("=..."), which the row checks refuse (see fields.py). CSV with the
delimiter sniffed among ; , and tab, and the encoding tried as UTF-8 (with or without BOM)
and then Windows-1252, which is what German Excel writes.
"""

from __future__ import annotations

import csv
import datetime as dt
import warnings
from collections.abc import Iterator
from dataclasses import dataclass
from io import BytesIO, StringIO
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from teilhabe.transfer.safety import UnsafeFile

MAX_ROWS = 20_000
MAX_COLUMNS = 100
MAX_CELL = 1_000  # characters; longer cells are cut and then refused by the field checks

Value = str | int | float | dt.date | dt.datetime | None


@dataclass(frozen=True)
class Row:
    number: int  # the row number the user sees in the spreadsheet (header = 1)
    values: list[Value]


def _clean(value: Any) -> Value:
    if value is None:
        return None
    if isinstance(value, str):
        value = value.strip()
        return value[: MAX_CELL + 1] or None
    if isinstance(value, (int, float, dt.date, dt.datetime)):
        return value
    return str(value)[: MAX_CELL + 1]


def _too_many_rows() -> UnsafeFile:
    return UnsafeFile(
        _("The list has more than %(rows)s rows. Split it into smaller files.")
        % {"rows": f"{MAX_ROWS:,}".replace(",", ".")}
    )


def _xlsx_rows(content: bytes) -> Iterator[list[Value]]:
    with warnings.catch_warnings():
        # openpyxl warns about unknown extensions and data validation; not our concern.
        warnings.simplefilter("ignore")
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=False)
    try:
        sheet = workbook.worksheets[0]
        for values in sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS + 1):
            yield [_clean(v) for v in values]
    finally:
        workbook.close()


def decode_csv(content: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return content.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise UnsafeFile(_("The CSV file has an unknown character encoding. Save it as UTF-8."))


def _csv_rows(content: bytes) -> Iterator[list[Value]]:
    text = decode_csv(content)
    try:
        delimiter = csv.Sniffer().sniff(text[:8192], delimiters=";,\t").delimiter
    except csv.Error:
        # Uneven rows confuse the sniffer: the header line decides.
        first = text.split("\n", 1)[0]
        delimiter = max(";,\t", key=first.count)
    for values in csv.reader(StringIO(text), delimiter=delimiter):
        yield [_clean(v) for v in values[: MAX_COLUMNS + 1]]


def read_rows(file_format: str, content: bytes) -> tuple[list[str], Iterator[Row]]:
    """The header (column titles as text) and an iterator over the non-empty data rows."""
    source = _xlsx_rows(content) if file_format == "xlsx" else _csv_rows(content)
    try:
        first = next(source)
    except StopIteration:
        raise UnsafeFile(_("The list is empty.")) from None
    except UnsafeFile:
        raise
    except Exception as exc:
        raise UnsafeFile(_("The file could not be read as a list.")) from exc
    while first and first[-1] is None:
        first.pop()
    if len(first) > MAX_COLUMNS:
        raise UnsafeFile(_("The list has more than %(n)d columns.") % {"n": MAX_COLUMNS})
    header = [str(v) if v is not None else "" for v in first]
    if not any(header):
        raise UnsafeFile(_("The first row must hold the column titles."))

    def rows() -> Iterator[Row]:
        try:
            yield from _rows()
        except UnsafeFile:
            raise
        except Exception as exc:
            raise UnsafeFile(_("The file could not be read as a list.")) from exc

    def _rows() -> Iterator[Row]:
        count = 0
        for number, values in enumerate(source, start=2):
            if not any(v is not None for v in values):
                continue
            count += 1
            if count > MAX_ROWS:
                raise _too_many_rows()
            values = values[: len(header)] + [None] * (len(header) - len(values))
            yield Row(number, values)

    return header, rows()


def shown(value: Value) -> str:
    """A cell as the user reads it: dates as DD.MM.YYYY, whole numbers without ".0"."""
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime)):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
