"""Every list and table leaves the platform as CSV or Excel through this module.

Cells that a spreadsheet would read as a formula (starting with = + - @, a tab or a
carriage return) get a leading apostrophe and are stored as text, so a value such as
"=HYPERLINK(...)" typed into a name field never runs in the recipient's Excel. CSV is
written with a BOM and `;` because German Excel opens it that way without an import dialog.

Excel cells are typed: numbers as numbers, a `Percent` (text such as "1,5 %" everywhere
else) as the number 0.015 formatted "0.0 %", decimals with two places, dates as German
dates. A sheet name holds at most 31 characters; a longer title is cut at a word and
written in full as the sheet's first row.

Both formats are linear in rows and hold one row at a time: CSV streams from a generator
over the rows, Excel is written by XlsxWriter's constant-memory mode into a temporary file
(a workbook is a zip that cannot be sent before it is closed) and served from there.
"""

from __future__ import annotations

import contextvars
import csv
import datetime as dt
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from io import BytesIO, StringIO
from typing import IO, Any

import xlsxwriter
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

DANGEROUS_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMATS = ("csv", "xlsx")
CSV_BATCH = 500  # rows per streamed chunk: few, mid-sized writes instead of one per row
SPOOL_BYTES = 8 * 1024 * 1024  # a workbook up to this size never touches the disk

SHEET_NAME = 31  # Excel's limit
PERCENT_FORMAT, DECIMAL_FORMAT, DATE_FORMAT = "0.0 %", "#,##0.00", "DD.MM.YYYY"

# Called once per file with the number of rows written and whether the file is complete.
Written = Callable[[int, bool], None]


class Percent(str):
    """A share as published: reads "1,5 %" on a page, in a PDF and in CSV; an Excel cell
    gets the number (`share`, 0.015) with a percent format."""

    share: Decimal
    places: int

    def __new__(cls, share: Decimal, places: int = 1) -> Percent:
        shown = (share * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        made = super().__new__(cls, f"{shown} %".replace(".", ","))
        made.share, made.places = shown / 100, places  # the cell holds what the text shows
        return made

    def __getnewargs__(self) -> tuple[Decimal, int]:  # type: ignore[override]
        return (self.share, self.places)  # a copy or pickle is built from the share


def neutralise(value: Any) -> Any:
    """A cell value that no spreadsheet evaluates; numbers and dates stay typed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "ja" if value else "nein"
    if isinstance(value, dt.datetime) and timezone.is_aware(value):
        # Excel cells hold no time zone: the local time, as on pages.
        return timezone.localtime(value).replace(tzinfo=None)
    if isinstance(value, (Decimal, int, float, dt.date, Percent)):
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


class Count:
    """Rows handed out so far, across every table of one file; `on_step(rows)` is called
    every `step` rows (a background export's progress)."""

    def __init__(self, on_step: Callable[[int], None] | None = None, step: int = 1000) -> None:
        self.rows, self.on_step, self.step = 0, on_step, step

    def each(self, rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
        for row in rows:
            self.rows += 1
            if self.on_step is not None and self.rows % self.step == 0:
                self.on_step(self.rows)
            yield row


def csv_chunks(tables: Sequence[Table], count: Count | None = None) -> Iterator[str]:
    """The CSV text in chunks of CSV_BATCH rows, the BOM first."""
    count = count or Count()
    buffer = StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    yield "\ufeff"
    for index, table in enumerate(tables):
        if len(tables) > 1:
            if index:
                writer.writerow([])
            writer.writerow([neutralise(table.title)])
        writer.writerow([neutralise(h) for h in table.header])
        for n, row in enumerate(count.each(table.rows), 1):
            writer.writerow([_csv_text(neutralise(v)) for v in row])
            if n % CSV_BATCH == 0:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
    yield buffer.getvalue()


def csv_bytes(tables: Sequence[Table]) -> bytes:
    return "".join(csv_chunks(tables)).encode("utf-8")


def _csv_text(value: Any) -> Any:
    if isinstance(value, Percent):
        return str(value)
    if isinstance(value, Decimal):
        return float(value)
    return value.isoformat() if isinstance(value, dt.date) else value


def write_xlsx(tables: Sequence[Table], out: IO[bytes], count: Count | None = None) -> None:
    """The workbook into `out`, one sheet per table. XlsxWriter's constant-memory mode
    writes each row out when the next begins (~1.7 times as fast as openpyxl's write-only
    mode was for the person list); every cell is written by its type (`_write`), so no
    text ever becomes a formula, a number or a link."""
    count = count or Count()
    book = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_numbers": False,
            "strings_to_urls": False,
        },
    )
    styles = _Styles(book)
    used: set[str] = set()
    for table in tables:
        name, cut = _sheet_title(table.title, used)
        sheet = book.add_worksheet(name)
        at = 0
        if cut:
            sheet.write_string(at, 0, str(neutralise(table.title)), styles.bold)
            at += 1
        for column, heading in enumerate(table.header):
            sheet.write_string(at, column, str(neutralise(heading)), styles.bold)
        for number, row in enumerate(count.each(table.rows), at + 1):
            for column, value in enumerate(row):
                _write(sheet, number, column, neutralise(value), styles)
    if not tables:
        book.add_worksheet("Tabelle")
    book.close()


class _Styles:
    """The cell formats of one workbook."""

    def __init__(self, book: Any) -> None:
        self.bold = book.add_format({"bold": True})
        self.percent = book.add_format({"num_format": PERCENT_FORMAT})
        self.decimal = book.add_format({"num_format": DECIMAL_FORMAT})
        self.date = book.add_format({"num_format": DATE_FORMAT})
        self.time = book.add_format({"num_format": DATE_FORMAT + " HH:MM"})


def _write(sheet: Any, row: int, column: int, value: Any, styles: _Styles) -> None:
    """Numbers as numbers, a `Percent` as its share with a percent format, decimals with
    two places, dates as German dates; everything else as text, also text that starts
    with "=" or reads as an error code ("#NV")."""
    if isinstance(value, Percent):  # before str: a Percent is one
        sheet.write_number(row, column, float(value.share), styles.percent)
    elif isinstance(value, Decimal):
        sheet.write_number(row, column, float(value), styles.decimal)
    elif isinstance(value, int | float):
        sheet.write_number(row, column, value)
    elif isinstance(value, dt.datetime):
        sheet.write_datetime(row, column, value, styles.time)
    elif isinstance(value, dt.date):
        sheet.write_datetime(row, column, value, styles.date)
    elif value != "":
        sheet.write_string(row, column, value)


def xlsx_bytes(tables: Sequence[Table]) -> bytes:
    out = BytesIO()
    write_xlsx(tables, out)
    return out.getvalue()


def _sheet_title(title: str, used: set[str]) -> tuple[str, bool]:
    """(name, whether it was cut). Excel: at most 31 characters, no []:*?/\\ and unique per
    workbook (a repeated name gets " 2", " 3" …)."""
    clean = " ".join("".join(" " if c in "[]:*?/\\" else c for c in title).split()) or "Tabelle"
    name, cut = _fit(clean, SHEET_NAME)
    n = 2
    while name in used:
        suffix = f" {n}"
        base, shortened = _fit(clean, SHEET_NAME - len(suffix))
        name, cut, n = base + suffix, cut or shortened, n + 1
    used.add(name)
    return name, cut


def _fit(text: str, room: int) -> tuple[str, bool]:
    """`text` within `room` characters: cut after a whole word and marked "…", or within a
    word where the last whole word would lose more than a third of the room."""
    if len(text) <= room:
        return text, False
    short = text[: room - 1]
    words = short.rsplit(" ", 1)[0]
    if " " in short and len(words) >= room * 2 // 3:
        short = words
    return short.rstrip(" ,;–-") + "…", True


def response(
    fmt: str, filename: str, tables: Sequence[Table], *, written: Written | None = None
) -> HttpResponseBase:
    """A download response; `fmt` is "csv" or "xlsx" (anything else is a programming error).

    `written(rows, complete)` is called exactly once: for Excel before the response is
    returned (the whole file exists by then), for CSV when the stream ends — also when the
    client breaks it off (`complete` False; a stream never started calls nothing, as
    nothing left the server)."""
    base = slugify(filename) or "export"
    if fmt == "csv":
        resp: HttpResponseBase = StreamingHttpResponse(
            _in_request_context(_csv_stream(tables, written)),
            content_type="text/csv; charset=utf-8",
        )
    elif fmt == "xlsx":
        count = Count()
        out = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES)  # noqa: SIM115 (the response closes it)
        write_xlsx(tables, out, count)
        if written is not None:
            written(count.rows, True)
        out.seek(0)
        resp = FileResponse(out, content_type=XLSX_TYPE)
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    resp["Content-Disposition"] = f'attachment; filename="{base}.{fmt}"'
    return resp


def _csv_stream(tables: Sequence[Table], written: Written | None) -> Iterator[bytes]:
    count, complete = Count(), False
    try:
        for chunk in csv_chunks(tables, count):
            yield chunk.encode("utf-8")
        complete = True
    finally:
        if written is not None:
            written(count.rows, complete)


def _in_request_context(stream: Iterator[bytes]) -> Iterator[bytes]:
    """The stream runs after the view returned, when the middleware has left the
    alliance's scope and reset the request id. Each step runs in the context the view had
    (django-scopes, the request id and the active language live in context variables), so
    lazy querysets stay guarded and the audit event names its request."""
    return _steps(contextvars.copy_context(), stream)


def _steps(context: contextvars.Context, stream: Iterator[bytes]) -> Iterator[bytes]:
    try:
        while True:
            try:
                chunk = context.run(next, stream)
            except StopIteration:
                return
            yield chunk
    finally:
        context.run(stream.close)  # type: ignore[attr-defined]
