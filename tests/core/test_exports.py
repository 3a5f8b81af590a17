"""core/exports.py: one audit event per export with its format and row count, in the
database for Excel (before the file leaves) and for CSV (when the stream ends), the rows
read lazily and capped per table."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import RequestFactory
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.core import exports
from teilhabe.core.models import AuditEvent
from teilhabe.core.tabular import CSV_BATCH, Table
from tests.conftest import World
from tests.core.test_tabular import break_off

pytestmark = pytest.mark.django_db


def export(world: World, fmt: str, rows: Any, **kwargs: Any) -> Any:
    request = RequestFactory().get("/", {"format": fmt})
    request.user = world.users["coord_a"]
    request.alliance = world.a.alliance  # type: ignore[attr-defined]
    return exports.export_response(
        request, fmt=fmt, filename="Liste", list_name="tests.list", header=["n"], rows=rows,
        **kwargs,
    )  # fmt: skip


def events() -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action=AuditEvent.Action.EXPORT).order_by("id"))


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_an_export_is_audited_once_with_format_and_count(world: World, fmt: str) -> None:
    response = export(world, fmt, ([n] for n in range(CSV_BATCH + 3)))
    b"".join(response.streaming_content)
    (event,) = events()
    assert event.purpose == f"tests.list {fmt}: {CSV_BATCH + 3} rows"
    assert (event.object_type, event.actor, event.alliance) == (
        "tests.list",
        world.users["coord_a"],
        world.a.alliance,
    )


def test_the_excel_export_is_audited_before_its_file_is_read(world: World) -> None:
    export(world, "xlsx", [[1], [2]])
    assert [e.purpose for e in events()] == ["tests.list xlsx: 2 rows"]


def test_a_csv_download_broken_off_is_audited_as_incomplete(world: World) -> None:
    response = export(world, "csv", ([n] for n in range(3 * CSV_BATCH)))
    stream = iter(response.streaming_content)
    next(stream), next(stream)
    break_off(response)
    assert [e.purpose for e in events()] == [f"tests.list csv: {CSV_BATCH} rows incomplete"]


def test_rows_are_read_lazily_and_capped_per_table(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports, "MAX_EXPORT_ROWS", 3)
    read: list[int] = []

    def rows() -> Iterator[list[int]]:
        for n in range(10):
            read.append(n)
            yield [n]

    tables = [Table("A", ["n"], rows()), Table("B", ["n"], [[7]] * 5)]
    response = export(world, "xlsx", (), tables=tables)
    book = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    assert [[c.value for c in col] for col in book["A"].columns] == [["n", 0, 1, 2]]
    assert book["B"].max_row == 4 and read == [0, 1, 2]
    assert [e.purpose for e in events()] == ["tests.list xlsx: 6 rows"]
