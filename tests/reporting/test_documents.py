"""The report's files: the Excel workbook types counts and rates as numbers (rates with a
percent format), names every sheet within Excel's 31 characters with the full title on top;
the reach chart plots the rate its title names. The first sheet holds the key figures."""

from __future__ import annotations

import datetime as dt
from io import BytesIO
from typing import Any

import pytest
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from teilhabe.core.tabular import Percent
from teilhabe.reporting import charts, documents
from teilhabe.reporting.models import Report
from tests.reporting.data import build

pytestmark = pytest.mark.django_db


def report(world: Any) -> tuple[Report, list[Any]]:
    build(world)
    r = Report.objects.create(
        alliance=world.a.alliance,
        period="year",
        start=dt.date(2026, 1, 1),
        end=dt.date(2026, 12, 31),
    )
    with scopes_disabled():
        return r, documents.report_tables(r)


def test_the_workbook_types_counts_and_rates_as_numbers(world: Any) -> None:
    r, tables = report(world)
    book = load_workbook(BytesIO(documents.render_xlsx(r, tables)))
    assert all(len(name) <= 31 for name in book.sheetnames)
    cells = [c for ws in book.worksheets for row in ws.iter_rows() for c in row]
    rates = [c for c in cells if c.number_format == "0.0 %"]
    assert rates and all(c.data_type == "n" and 0 <= c.value <= 1 for c in rates)
    assert not [c for c in cells if isinstance(c.value, str) and c.value.endswith(" %")]
    assert any(c.data_type == "n" and isinstance(c.value, int) and c.value > 0 for c in cells)
    overview = book.worksheets[0]  # the summary's key figures first, typed
    assert overview.title == "Überblick"
    assert [c.value for c in overview[1]] == ["Kennzahl", "2026", "2025", "Veränderung"]
    persons = [c.value for c in overview[2]]
    assert persons[0] == "Personen im Teilhabemanagement" and isinstance(persons[1], int)
    reach = book["Erreichungsquote Personen im…"]  # cut at a word, the title in full on top
    assert reach["A1"].value == tables[0].title and reach["A2"].value == "Statusgruppe"


def test_the_reach_chart_plots_the_rate_and_says_so(world: Any) -> None:
    _r, tables = report(world)
    reach = tables[0]
    assert reach.key == "reach" and reach.chart_title == "Erreichungsquote je Statusgruppe"
    published = [d["value"] for d in reach.chart]
    assert any(isinstance(v, Percent) for v in published)
    layers = charts.spec(reach, width=400)["layer"]
    layer = next(l for l in layers if l["mark"]["type"] == "bar")  # noqa: E741
    assert layer["encoding"]["x"]["title"] == "Erreichungsquote in %"
    values = [d["value"] for d in charts.spec(reach)["data"]["values"]]
    assert values == [float(v.share * 100) if isinstance(v, Percent) else None for v in published]
