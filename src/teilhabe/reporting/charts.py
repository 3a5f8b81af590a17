"""Charts as Vega-Lite specs built with altair: rendered in the browser by vega-embed
(our own static files, see static/teilhabe/reporting/charts.js) and as SVG in the PDF
through vl-convert. Every chart has its table beneath it, which carries the figures for
screen readers; the chart itself is decorative for them."""

from __future__ import annotations

import json
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from teilhabe.reporting.publication import ALLOCATED
from teilhabe.reporting.tables import Table

KERN_BLUE = "#0b5cac"
TEXT = "#1a1a1a"
GAP_GREY, GAP_EDGE, GAP_TEXT = "#d9d9d9", "#6f6f6f", "#4a4a4a"
# Each category takes a row: its name in full above its bar (never cut, at any width: a
# name beside the bar took the room of the bar on a phone), the figure at the bar's end.
ROW, FONT, BAR, BAR_OFFSET = 48, 14, 16, 10


def _number(value: object) -> int | float | None:
    """A published figure; None where it is hidden."""
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _shown(value: int | float) -> str:
    """The figure at the bar's end as the table prints it (German digits)."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:.1f} %".replace(".", ",")


def spec(table: Table, *, width: int | str = "container") -> dict[str, Any]:
    """Bars of the published figures. A figure not published ("." suppressed, "x"
    allocated) keeps its category: a grey square at zero and the words "geheim gehalten"
    mark the gap, so no category silently disappears.

    Built without validating against the Vega-Lite schema (`validate=False`): the shape is
    fixed, the schema check cost ~15 ms per chart and page view, and a test compares the
    result with the validated one."""
    data = []
    for d in table.chart:
        value = _number(d["value"])
        data.append(
            {
                "category": d["category"],
                "value": value,
                "shown": None if value is None else _shown(value),
                "gap": None if value is not None else _gap_text(d["value"]),
            }
        )
    order = [d["category"] for d in data]  # the layers would otherwise reorder the rows
    largest = max([d["value"] for d in data if d["value"] is not None] + [0])
    rate = any(isinstance(d["value"], float) for d in data)
    y = alt.Y("category:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0))
    x = alt.X(
        "value:Q",
        title=table.unit,
        # room at the right for the figure at the end of the longest bar
        scale=alt.Scale(domain=[0, max(1, largest * 1.2)], nice=True),
        axis=alt.Axis(format=".0f", tickCount=5)
        if rate
        else alt.Axis(tickMinStep=1, format="d", tickCount=5),
    )
    at_zero = alt.datum(0)
    base = alt.Chart()
    layers: list[Any] = [
        base.mark_text(align="left", baseline="bottom", yOffset=-2, fontSize=FONT, color=TEXT)
        .encode(x=at_zero, y=y, text="category:N"),
        base.transform_filter("datum.value != null")
        .mark_bar(color=KERN_BLUE, height=BAR, yOffset=BAR_OFFSET)
        .encode(x=x, y=y),
        base.transform_filter("datum.value != null")
        .mark_text(align="left", baseline="middle", dx=4, yOffset=BAR_OFFSET, fontSize=FONT,
                   color=TEXT)
        .encode(x="value:Q", y=y, text="shown:N"),
    ]  # fmt: skip
    if any(d["gap"] for d in data):
        gaps = base.transform_filter("datum.gap != null")
        layers += [
            gaps.mark_point(
                shape="square", size=120, filled=True, color=GAP_GREY, stroke=GAP_EDGE,
                yOffset=BAR_OFFSET,
            ).encode(x=at_zero, y=y),
            gaps.mark_text(
                align="left", baseline="middle", dx=10, yOffset=BAR_OFFSET, fontSize=FONT,
                color=GAP_TEXT, fontStyle="italic",
            ).encode(x=at_zero, y=y, text="gap:N"),
        ]  # fmt: skip
    chart = (
        alt.layer(*layers, data=alt.Data(values=data))
        .properties(width=width, height=ROW * max(1, len(data)))
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=13, titleFontSize=13, labelColor=TEXT, titleColor=TEXT)
    )
    result: dict[str, Any] = chart.to_dict(validate=False)
    result.pop("$schema", None)
    return result


def _gap_text(value: object) -> str:
    if value == ALLOCATED:
        return "x – " + _("counted under another category")
    return "„.“ – " + _("kept confidential")


def spec_json(table: Table) -> str:
    return json.dumps(spec(table), ensure_ascii=False)


def svg(table: Table) -> str:
    import vl_convert

    return str(vl_convert.vegalite_to_svg(spec(table, width=420)))
