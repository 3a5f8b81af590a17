"""Charts as Vega-Lite specs built with altair: rendered in the browser by vega-embed
(our own static files, see static/teilhabe/reporting/charts.js) and as SVG in the PDF
through vl-convert. Every chart has its table beneath it, which carries the figures for
screen readers; the chart itself is decorative for them."""

from __future__ import annotations

import json
import textwrap
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
ROW, FONT, BAR, EDGE, LINE_HEIGHT = 48, 14, 16, 6, 17
LINE = 34  # characters of a name per line: a longer name wraps (a phone's chart is ~340 px)


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
                "name": textwrap.wrap(str(d["category"]), LINE) or [""],
                "value": value,
                "shown": None if value is None else _shown(value),
                "gap": None if value is not None else _gap_text(d["value"]),
            }
        )
    order = [d["category"] for d in data]  # the layers would otherwise reorder the rows
    lines = max([len(d["name"]) for d in data] + [1])
    for d in data:  # every name ends on the line just above its bar
        d["name"] = "\n".join([""] * (lines - len(d["name"])) + d["name"])
    row = ROW + (lines - 1) * LINE_HEIGHT
    # From the middle of a category's row: its name hangs from the top, its bar sits at
    # the bottom.
    name_at, bar_at = EDGE - row / 2, row / 2 - BAR / 2 - EDGE
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
        base.mark_text(align="left", baseline="top", yOffset=name_at, fontSize=FONT, color=TEXT,
                       lineBreak="\n", lineHeight=LINE_HEIGHT)
        .encode(x=at_zero, y=y, text="name:N"),
        base.transform_filter("datum.value != null")
        .mark_bar(color=KERN_BLUE, height=BAR, yOffset=bar_at)
        .encode(x=x, y=y),
        base.transform_filter("datum.value != null")
        .mark_text(align="left", baseline="middle", dx=4, yOffset=bar_at, fontSize=FONT,
                   color=TEXT)
        .encode(x="value:Q", y=y, text="shown:N"),
    ]  # fmt: skip
    if any(d["gap"] for d in data):
        gaps = base.transform_filter("datum.gap != null")
        layers += [
            gaps.mark_point(
                shape="square", size=120, filled=True, color=GAP_GREY, stroke=GAP_EDGE,
                yOffset=bar_at,
            ).encode(x=at_zero, y=y),
            gaps.mark_text(
                align="left", baseline="middle", dx=10, yOffset=bar_at, fontSize=FONT,
                color=GAP_TEXT, fontStyle="italic",
            ).encode(x=at_zero, y=y, text="gap:N"),
        ]  # fmt: skip
    chart = (
        alt.layer(*layers, data=alt.Data(values=data))
        .properties(width=width, height=row * max(1, len(data)))
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
