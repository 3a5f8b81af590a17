"""Charts as Vega-Lite specs built with altair: rendered in the browser by vega-embed
(our own static files, see static/teilhabe/reporting/charts.js) and as SVG in the PDF
through vl-convert. Every chart has its table beneath it, which carries the figures for
screen readers; the chart itself is decorative for them."""

from __future__ import annotations

import json
from typing import Any

import altair as alt

from teilhabe.reporting.tables import Table

KERN_BLUE = "#0b5cac"


def spec(table: Table, *, width: int | str = "container") -> dict[str, Any]:
    data = [{"category": d["category"], "value": d["value"]} for d in table.chart]
    chart = (
        alt.Chart(alt.Data(values=data))
        .mark_bar(color=KERN_BLUE)
        .encode(
            x=alt.X("value:Q", title=table.unit, axis=alt.Axis(tickMinStep=1, format="d")),
            y=alt.Y("category:N", sort=None, title=None, axis=alt.Axis(labelLimit=260)),
        )
        .properties(width=width, height=max(40, 24 * len(data)))
        .configure_view(stroke=None)
    )
    result: dict[str, Any] = chart.to_dict()
    result.pop("$schema", None)
    return result


def spec_json(table: Table) -> str:
    return json.dumps(spec(table), ensure_ascii=False)


def svg(table: Table) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec(table, width=420)))
