"""Chart specs: built once per request without the schema check, yet the same (and valid)
as with it; every category keeps its row, a hidden figure is a marked gap."""

from __future__ import annotations

from typing import Any

import pytest

from teilhabe.reporting import charts
from teilhabe.reporting.tables import Table

TABLES = [
    Table("sex", "Personen nach Geschlecht", "Personen", [], "", chart=[
        {"category": "weiblich", "value": "."}, {"category": "männlich", "value": 1234},
        {"category": "divers/ohne Angabe", "value": "x"},
    ]),
    Table("age", "Personen nach Altersgruppe", "Personen", [], "", chart=[
        {"category": "unter 18", "value": 0}, {"category": "18–20", "value": 7},
    ]),
    Table("reach", "Erreichungsquote", "Prozent", [], "", chart=[
        {"category": "Duldung", "value": 12.5}, {"category": "Gestattung", "value": "."},
    ]),
]  # fmt: skip


def _values(spec: dict[str, Any]) -> list[dict[str, Any]]:
    return list(spec["data"]["values"])


@pytest.mark.parametrize("width", ["container", 420])
@pytest.mark.parametrize("table", TABLES, ids=lambda t: t.key)
def test_a_chart_filled_into_its_shape_is_the_chart_altair_builds_and_checks(
    table: Table, width: int | str
) -> None:
    assert charts.spec(table, width=width) == charts.built(table, width=width)


def test_the_shape_of_a_chart_is_built_once_per_kind() -> None:
    charts._shape.cache_clear()
    for table in [*TABLES, *TABLES]:
        charts.spec(table)
    info = charts._shape.cache_info()
    assert (info.misses, info.hits) == (3, 3)
    other = Table("age", "Personen nach Altersgruppe", "Personen", [], "", chart=[
        {"category": "18–20", "value": 70}, {"category": "21–23", "value": 3},
    ])  # fmt: skip
    charts.spec(other)  # another count chart of the same kind: the same shape
    assert charts._shape.cache_info().misses == 3


def test_every_category_keeps_its_row_and_a_hidden_figure_is_a_marked_gap() -> None:
    values = _values(charts.spec(TABLES[0]))
    assert [v["category"] for v in values] == ["weiblich", "männlich", "divers/ohne Angabe"]
    assert [v["value"] for v in values] == [None, 1234, None]
    assert values[0]["gap"] == "„.“ – geheim gehalten"
    assert values[2]["gap"].startswith("x – ")
    assert values[1]["shown"] == "1.234"
    rates = _values(charts.spec(TABLES[2]))
    assert rates[0]["shown"] == "12,5 %" and rates[1]["gap"] == "„.“ – geheim gehalten"


def test_labels_are_readable_and_never_cut() -> None:
    spec = charts.spec(TABLES[0])
    texts = [layer["mark"] for layer in spec["layer"] if layer["mark"]["type"] == "text"]
    assert texts and all(mark["fontSize"] >= 12 for mark in texts)
    assert spec["config"]["axis"]["labelFontSize"] >= 12
    # The category names are text marks above the bars, not axis labels with a limit.
    assert all(layer["encoding"]["y"].get("axis", "none") is None for layer in spec["layer"])
    assert spec["height"] == charts.ROW * 3
