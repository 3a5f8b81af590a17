"""core/tabular.py: typed, formula-safe cells, a bold header, CSV with BOM and `;`, rows
read once as the file is written, and the `written` callback once per file with its count.
Speed (linear in rows) is measured in `make bench` (bench/measures/exports.py)."""

from __future__ import annotations

import contextvars
import copy
import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.core.signals import request_finished
from django.db import close_old_connections
from openpyxl import load_workbook

from teilhabe.core import tabular
from teilhabe.core.tabular import CSV_BATCH, DANGEROUS_PREFIXES, Table

HOSTILE = ["=1+1", "+1", "-1", "@SUM(A1:A2)", "\tx", "\rx", '=HYPERLINK("http://x","y")']
ERRORS = ["#N/A", "#DIV/0!", "#REF!"]
_probe: contextvars.ContextVar[str] = contextvars.ContextVar("probe", default="")


def workbook(tables: list[Table]) -> Any:
    return load_workbook(io.BytesIO(tabular.xlsx_bytes(tables)))


def body(response: Any) -> bytes:
    return b"".join(response.streaming_content)


def break_off(response: Any) -> None:
    """What the server does when the client goes away: close the response. Its
    request_finished signal (which would close the test's database connection) is held
    back, as Django's test client does."""
    request_finished.disconnect(close_old_connections)
    try:
        response.close()
    finally:
        request_finished.connect(close_old_connections)


def test_numbers_and_dates_stay_typed_and_texts_are_text() -> None:
    row = [3, 2.5, Decimal("1.25"), dt.date(2026, 3, 1), "Köln", True, None]
    sheet = workbook([Table("T", list("abcdefg"), [row])]).active
    (cells,) = sheet.iter_rows(min_row=2, max_row=2)
    assert [c.value for c in cells[:3]] == [3, 2.5, 1.25]
    assert [c.data_type for c in cells[:3]] == ["n", "n", "n"]
    assert cells[3].is_date and cells[3].value.date() == dt.date(2026, 3, 1)
    assert (cells[4].value, cells[4].data_type) == ("Köln", "s")
    assert (cells[5].value, cells[5].data_type) == ("ja", "s")


def test_a_time_with_a_time_zone_is_written_as_local_time_in_both_formats() -> None:
    # A request's timestamp is aware (UTC); Excel cells hold no time zone (the nrw crawl's
    # first Excel export with one answered 500).
    at = dt.datetime(2026, 7, 1, 10, 30, tzinfo=dt.UTC)  # 12:30 in Köln (summer time)
    sheet = workbook([Table("T", ["at"], [[at]])]).active
    assert sheet["A2"].value == dt.datetime(2026, 7, 1, 12, 30)
    assert "2026-07-01T12:30:00" in tabular.csv_bytes([Table("T", ["at"], [[at]])]).decode()


def test_no_cell_of_the_workbook_is_a_formula_or_an_error() -> None:
    data = tabular.xlsx_bytes([Table("T", ["=header", "b"], [[v, v] for v in HOSTILE + ERRORS])])
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        xml = archive.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and 't="e"' not in xml
    sheet = load_workbook(io.BytesIO(data)).active
    for row in sheet.iter_rows():
        for cell in row:
            assert cell.data_type == "s", cell.value
            assert not str(cell.value).startswith(DANGEROUS_PREFIXES), cell.value
    # A control character is written as Excel's escape (_x000D_), which Excel reads back.
    as_excel_reads = [
        re.sub(r"_x([0-9A-F]{4})_", lambda m: chr(int(m[1], 16)), str(r[0]))
        for r in sheet.iter_rows(min_row=2, values_only=True)
    ]
    assert as_excel_reads == ["'" + v for v in HOSTILE] + ERRORS


def test_only_the_header_row_is_bold() -> None:
    sheet = workbook([Table("T", ["Name", "Zahl"], [["A", 1], ["B", 2]])]).active
    assert [c.font.b for c in sheet[1]] == [True, True]
    assert not any(c.font.b for row in sheet.iter_rows(min_row=2) for c in row)
    assert [c.value for c in sheet[1]] == ["Name", "Zahl"]


def test_each_table_is_a_sheet_with_a_valid_unique_title() -> None:
    book = workbook(
        [Table("Quoten: A/B", ["x"], [[1]]), Table("Quoten: A/B", ["y"], [[2]]), Table("", ["z"])]
    )
    assert book.sheetnames == ["Quoten A B", "Quoten A B 2", "Tabelle"]
    assert book["Quoten A B 2"]["A2"].value == 2


def test_a_long_title_is_cut_at_a_word_and_written_in_full_above_the_header() -> None:
    title = "Erreichungsquote: Personen im Fallmanagement / geschätzte Zielgruppe (18–27)"
    book = workbook([Table(title, ["x"], [[1]]), Table(title, ["y"], [[2]])])
    first, second = book.sheetnames
    assert first == "Erreichungsquote Personen im…" and second == "Erreichungsquote Personen… 2"
    assert all(len(name) <= 31 for name in book.sheetnames)
    sheet = book[first]
    assert [sheet["A1"].value, sheet["A2"].value, sheet["A3"].value] == [title, "x", 1]
    assert sheet["A1"].font.b and sheet["A2"].font.b


def test_percentages_decimals_and_dates_carry_number_formats() -> None:
    rate = tabular.Percent(Decimal(3) / Decimal(200))
    row = [rate, Decimal("2.50"), dt.date(2026, 3, 1), 7, "."]
    sheet = workbook([Table("T", list("abcde"), [row])]).active
    (cells,) = sheet.iter_rows(min_row=2, max_row=2)
    assert str(rate) == "1,5 %"
    assert (cells[0].value, cells[0].data_type, cells[0].number_format) == (0.015, "n", "0.0 %")
    assert (cells[1].value, cells[1].number_format) == (2.5, "#,##0.00")
    assert cells[2].is_date and cells[2].number_format == "DD.MM.YYYY"
    assert (cells[3].value, cells[3].data_type) == (7, "n")
    assert (cells[4].value, cells[4].data_type) == (".", "s")  # a hidden figure stays a mark
    assert copy.deepcopy(rate).share == rate.share == Decimal("0.015")  # as a pickle rebuilds it
    text = tabular.csv_bytes([Table("T", list("abcde"), [row])]).decode("utf-8-sig")
    assert text.splitlines()[1] == "1,5 %;2.5;2026-03-01;7;."


def test_the_csv_has_a_bom_semicolons_iso_dates_and_neutralised_cells() -> None:
    data = tabular.csv_bytes([Table("T", ["Name", "Datum"], [["=1+1", dt.date(2026, 1, 2)]])])
    assert data.startswith("\ufeff".encode())
    text = data.decode("utf-8-sig")
    assert text.splitlines() == ["Name;Datum", "'=1+1;2026-01-02"]


def test_the_streamed_csv_holds_every_row_of_every_chunk() -> None:
    rows = [[n, f"Zeile {n}"] for n in range(2 * CSV_BATCH + 7)]
    response = tabular.response("csv", "liste", [Table("T", ["n", "text"], iter(rows))])
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="liste.csv"'
    read = list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))
    assert read[0] == ["n", "text"] and read[1:] == [[str(n), t] for n, t in rows]


def test_the_csv_reads_its_rows_while_it_sends_them() -> None:
    read = []

    def rows() -> Iterator[list[Any]]:
        for n in range(3 * CSV_BATCH):
            read.append(n)
            yield [n]

    stream = iter(tabular.response("csv", "x", [Table("T", ["n"], rows())]).streaming_content)
    assert next(stream) == "\ufeff".encode() and read == []
    next(stream)  # the header and the first batch
    assert len(read) == CSV_BATCH


def test_written_is_told_the_count_once_excel_before_the_file_leaves() -> None:
    calls: list[tuple[int, bool]] = []
    tables = [Table("A", ["n"], [[1], [2]]), Table("B", ["n"], [[3]])]
    response = tabular.response(
        "xlsx", "x", tables, written=lambda n, complete: calls.append((n, complete))
    )
    assert calls == [(3, True)]
    assert response["Content-Type"] == tabular.XLSX_TYPE
    assert response["Content-Disposition"] == 'attachment; filename="x.xlsx"'
    data = body(response)
    assert int(response["Content-Length"]) == len(data)
    assert load_workbook(io.BytesIO(data)).sheetnames == ["A", "B"]
    assert calls == [(3, True)]


def test_written_is_told_the_csv_count_when_the_stream_ends_or_breaks_off() -> None:
    calls: list[tuple[int, bool]] = []
    rows = [[n] for n in range(2 * CSV_BATCH)]

    def written(n: int, complete: bool) -> None:
        calls.append((n, complete))

    complete = tabular.response("csv", "x", [Table("T", ["n"], iter(rows))], written=written)
    assert calls == []  # nothing sent, nothing written yet
    body(complete)
    assert calls == [(2 * CSV_BATCH, True)]
    broken = tabular.response("csv", "x", [Table("T", ["n"], iter(rows))], written=written)
    stream = iter(broken.streaming_content)
    next(stream), next(stream)
    break_off(broken)
    assert calls[1] == (CSV_BATCH, False) and len(calls) == 2


def test_the_csv_stream_runs_in_the_context_the_view_had() -> None:
    seen: list[str] = []

    def rows() -> Iterator[list[Any]]:
        seen.append(_probe.get())
        yield ["x"]

    token = _probe.set("in the view")
    response = tabular.response(
        "csv", "x", [Table("T", ["n"], rows())], written=lambda n, c: seen.append(_probe.get())
    )
    _probe.reset(token)  # the middleware leaves the scope before the body is sent
    body(response)
    assert seen == ["in the view", "in the view"]


def test_an_unknown_format_is_a_programming_error() -> None:
    with pytest.raises(ValueError):
        tabular.response("pdf", "x", [])
