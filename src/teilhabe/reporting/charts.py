"""Charts as Vega-Lite specs built with altair: rendered in the browser by vega-embed
(our own static files, see static/teilhabe/reporting/charts.js) and as SVG in the PDF
through vl-convert. Every chart has its table beneath it, which carries the figures for
screen readers; the chart itself is decorative for them."""

from __future__ import annotations

import copy
import functools
import json
import textwrap
from dataclasses import dataclass
from typing import Any

import altair as alt
from django.utils.translation import gettext as _

from teilhabe.core.tabular import Percent
from teilhabe.reporting.publication import ALLOCATED
from teilhabe.reporting.tables import Table

KERN_BLUE = "#0b5cac"
TEXT = "#1a1a1a"
GAP_GREY, GAP_EDGE, GAP_TEXT = "#d9d9d9", "#6f6f6f", "#4a4a4a"
# Each category takes a row: its name in full above its bar (never cut, at any width: a
# name beside the bar took the room of the bar on a phone), the figure at the bar's end.
ROW, FONT, BAR, EDGE, LINE_HEIGHT = 48, 14, 16, 6, 17
LINE = 34  # characters of a name per line: a longer name wraps (a phone's chart is ~340 px)


# The PDF's charts measure their labels in the font the PDF draws them with (vl-convert
# finds DejaVu among the system fonts); a narrower measuring font clipped the longest label.
PDF_FONT = "DejaVu Sans"


def _number(value: object) -> int | float | None:
    """A count as it is; a rate (`Percent`) in percent points; a hidden figure: None."""
    if isinstance(value, Percent):
        return float(value.share * 100)
    return value if isinstance(value, int | float) and not isinstance(value, bool) else None


def _shown(value: int | float) -> str:
    """The figure at the bar's end as the table prints it (German digits)."""
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")
    return f"{value:.1f} %".replace(".", ",")


@dataclass(frozen=True)
class _Rows:
    values: list[dict[str, Any]]
    order: list[str]  # the categories in the table's order (the layers would reorder them)
    lines: int  # lines of the longest name
    largest: int | float
    rate: bool
    gaps: bool


def _rows(table: Table) -> _Rows:
    values = []
    for d in table.chart:
        value = _number(d["value"])
        values.append(
            {
                "category": d["category"],
                "name": textwrap.wrap(str(d["category"]), LINE) or [""],
                "value": value,
                "shown": None if value is None else _shown(value),
                "gap": None if value is not None else _gap_text(d["value"]),
            }
        )
    lines = max([len(d["name"]) for d in values] + [1])
    for d in values:  # every name ends on the line just above its bar
        d["name"] = "\n".join([""] * (lines - len(d["name"])) + d["name"])
    return _Rows(
        values=values,
        order=[str(d["category"]) for d in values],
        lines=lines,
        largest=max([d["value"] for d in values if d["value"] is not None] + [0]),
        rate=any(isinstance(d["value"], float) for d in values),
        gaps=any(d["gap"] for d in values),
    )


def spec(table: Table, *, width: int | str = "container") -> dict[str, Any]:
    """Bars of the published figures. A figure not published ("." suppressed, "x"
    allocated) keeps its category: a grey square at zero and the words "geheim gehalten"
    mark the gap, so no category silently disappears.

    altair builds a chart's shape once per kind (unit, rate or count, with gaps or not,
    lines of the longest name, width) and the figures are filled in: altair's `to_dict`
    took ~0.1 s a chart even without the schema check. A test compares the result with
    the chart built and checked by altair."""
    rows = _rows(table)
    shape = _shape(str(table.chart_unit or table.unit), rows.rate, rows.gaps, rows.lines, width)
    return _filled(shape, rows)


def built(table: Table, *, width: int | str = "container") -> dict[str, Any]:
    """The same chart built by altair with the figures and checked against the schema."""
    rows = _rows(table)
    return _build(
        str(table.chart_unit or table.unit),
        rows.rate,
        rows.gaps,
        rows.lines,
        width,
        rows,
        validate=True,
    )


@functools.lru_cache(maxsize=128)
def _shape(unit: str, rate: bool, gaps: bool, lines: int, width: int | str) -> dict[str, Any]:
    return _build(unit, rate, gaps, lines, width, None, validate=False)


def _filled(shape: dict[str, Any], rows: _Rows) -> dict[str, Any]:
    result = copy.deepcopy(shape)
    result["data"]["values"] = copy.deepcopy(rows.values)
    result["height"] = _row_height(rows.lines) * max(1, len(rows.values))
    for layer in result["layer"]:
        layer["encoding"]["y"]["sort"] = list(rows.order)
        scale = layer["encoding"]["x"].get("scale")
        if scale is not None:
            scale["domain"] = [0, _domain_end(rows.largest)]
    return result


def _row_height(lines: int) -> int:
    return ROW + (lines - 1) * LINE_HEIGHT


def _domain_end(largest: int | float) -> int | float:
    return max(1, largest * 1.2)  # room at the right for the figure at the longest bar's end


def _build(
    unit: str,
    rate: bool,
    gaps: bool,
    lines: int,
    width: int | str,
    rows: _Rows | None,
    *,
    validate: bool,
) -> dict[str, Any]:
    """The chart by altair; without `rows` an empty shape to fill in (`_filled`)."""
    row = _row_height(lines)
    # From the middle of a category's row: its name hangs from the top, its bar sits at
    # the bottom.
    name_at, bar_at = EDGE - row / 2, row / 2 - BAR / 2 - EDGE
    order = rows.order if rows else []
    y = alt.Y("category:N", sort=order, axis=None, scale=alt.Scale(paddingInner=0))
    x = alt.X(
        "value:Q",
        title=unit,
        scale=alt.Scale(domain=[0, _domain_end(rows.largest if rows else 0)], nice=True),
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
    if gaps:
        marked = base.transform_filter("datum.gap != null")
        layers += [
            marked.mark_point(
                shape="square", size=120, filled=True, color=GAP_GREY, stroke=GAP_EDGE,
                yOffset=bar_at,
            ).encode(x=at_zero, y=y),
            marked.mark_text(
                align="left", baseline="middle", dx=10, yOffset=bar_at, fontSize=FONT,
                color=GAP_TEXT, fontStyle="italic",
            ).encode(x=at_zero, y=y, text="gap:N"),
        ]  # fmt: skip
    values = rows.values if rows else []
    chart = (
        alt.layer(*layers, data=alt.Data(values=values))
        .properties(width=width, height=row * max(1, len(values)))
        .configure_view(stroke=None)
        .configure_axis(labelFontSize=13, titleFontSize=13, labelColor=TEXT, titleColor=TEXT)
    )
    result: dict[str, Any] = chart.to_dict(validate=validate)
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
