"""Charts as Vega-Lite specs built with altair: rendered in the browser by vega-embed
(our own static files, see static/teilhabe/reporting/charts.js) and as SVG in the PDF
through vl-convert. Every chart has its table beneath it, which carries the figures for
screen readers; the chart itself is decorative for them."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from teilhabe.core.tabular import Percent
from teilhabe.reporting.publication import ALLOCATED
from teilhabe.reporting.tables import Table

KERN_BLUE = "#0b5cac"
GAP_GREY, GAP_EDGE, GAP_TEXT = "#d9d9d9", "#6f6f6f", "#4a4a4a"
# The PDF's charts measure their labels in the font the PDF draws them with (vl-convert
# finds DejaVu among the system fonts); a narrower measuring font clipped the longest label.
PDF_FONT = "DejaVu Sans"


def _number(value: object) -> float | int | None:
    """A count as it is; a rate (`Percent`) in percent points; a hidden figure: None."""
    if isinstance(value, Percent):
        return float(value.share * 100)
    return value if isinstance(value, int) else None


def spec(table: Table, *, width: int | str = "container") -> dict[str, Any]:
    """Bars of the published figures. A figure not published ("." suppressed, "x"
    allocated) keeps its category on the axis: a grey square at zero and the words
    "geheim gehalten" mark the gap, so no category silently disappears."""
    data = [
        {
            "category": d["category"],
            "value": _number(d["value"]),
            "gap": None if _number(d["value"]) is not None else _gap_text(d["value"]),
        }
        for d in table.chart
    ]
    rate = any(isinstance(d["value"], Percent) for d in table.chart)
    order = [d["category"] for d in data]  # the layers would otherwise reorder the axis
    y = alt.Y("category:N", sort=order, title=None, axis=alt.Axis(labelLimit=0))
    axis = alt.Axis(format=".0f") if rate else alt.Axis(tickMinStep=1, format="d")
    x = alt.X("value:Q", title=table.chart_unit or table.unit, axis=axis)
    bars = alt.Chart().mark_bar(color=KERN_BLUE).encode(x=x, y=y)
    layers: list[Any] = [bars]
    if any(d["gap"] for d in data):
        gaps = alt.Chart().transform_filter("datum.gap != null")
        layers += [
            gaps.mark_point(
                shape="square", size=120, filled=True, color=GAP_GREY, stroke=GAP_EDGE
            ).encode(x=alt.datum(0), y=y),
            gaps.mark_text(align="left", dx=10, color=GAP_TEXT, fontStyle="italic").encode(
                x=alt.datum(0), y=y, text="gap:N"
            ),
        ]
    chart = (
        alt.layer(*layers, data=alt.Data(values=data))
        .properties(width=width, height=max(40, 24 * len(data)))
        .configure_view(stroke=None)
    )
    result: dict[str, Any] = chart.to_dict()
    result.pop("$schema", None)
    return result


def _gap_text(value: object) -> str:
    if value == ALLOCATED:
        return "x – " + _("counted under another category")
    if value == "–":
        return "– " + _("no estimate")
    return "„.“ – " + _("kept confidential")


def spec_json(table: Table) -> str:
    return json.dumps(spec(table), ensure_ascii=False)


def svg(table: Table) -> str:
    """The chart for the PDF: every label in full (no label limit) and measured in the
    font it is drawn with, so none reaches beyond the drawing's edge."""
    import vl_convert

    drawing = spec(table, width=420)
    drawing.setdefault("config", {})["font"] = PDF_FONT
    return str(vl_convert.vegalite_to_svg(drawing))
