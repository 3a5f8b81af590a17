"""The key figures as cards: the value, the change since the period before in words and
with an arrow, and the trend as a small inline SVG drawn on the server (no script), whose
text alternative names every period and value. Used by the Auswertung pages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from teilhabe.reporting.key_figures import KeyFigure, Number

WIDTH, HEIGHT, PAD = 128, 36, 4
MINUS = "\u2212"


@dataclass(frozen=True)
class Card:
    figure: KeyFigure
    value: str  # "1.234", "12,5 %" or "–" (not published)
    change: str  # "+12 gegenüber 2025"
    direction: str  # "up", "down", "same" or "" (no comparison)
    sparkline: SafeString


def number(value: Number, *, is_rate: bool, signed: bool = False) -> str:
    """German figures (1.234; 12,5 %); `signed`: a change, with its sign and no unit."""
    if value is None:
        return "–"
    digits = f"{abs(value):,.1f}" if is_rate else f"{abs(int(value)):,}"
    digits = digits.replace(",", " ").replace(".", ",").replace(" ", ".")
    if signed:
        return ("+" if value > 0 else MINUS if value < 0 else "±") + digits
    return (MINUS if value < 0 else "") + digits + (" %" if is_rate else "")


def change_text(figure: KeyFigure) -> str:
    before = figure.previous_label
    if figure.change is None:
        return _("no comparison with %(period)s") % {"period": before}
    change = number(figure.change, is_rate=figure.is_rate, signed=True)
    if figure.is_rate:
        change = _("%(points)s percentage points") % {"points": change}
    return _("%(change)s compared with %(period)s") % {"change": change, "period": before}


def direction(figure: KeyFigure) -> str:
    if figure.change is None:
        return ""
    return "up" if figure.change > 0 else "down" if figure.change < 0 else "same"


def sparkline(figure: KeyFigure) -> SafeString:
    """The trend as a line; a period without a published figure is a gap in the line,
    marked by a hollow ring on the base line. Its <title> reads the whole trend."""
    values = [v for _label, v in figure.trend]
    shown = [v for v in values if v is not None]
    top = max([*shown, 0]) or 1
    step = (WIDTH - 2 * PAD) / max(len(values) - 1, 1)

    def y(v: float) -> float:
        return round(HEIGHT - PAD - (HEIGHT - 2 * PAD) * v / top, 1)

    points = [(round(PAD + i * step, 1), None if v is None else y(v)) for i, v in enumerate(values)]
    lines: list[str] = []
    run: list[tuple[float, float]] = []
    for x, py in [*points, (0.0, None)]:
        if py is None:
            if len(run) > 1:
                lines.append(" ".join(f"{px},{qy}" for px, qy in run))
            run = []
        else:
            run.append((x, py))
    text = "; ".join(
        f"{label}: {number(v, is_rate=figure.is_rate) if v is not None else _('not published')}"
        for label, v in figure.trend
    )
    return format_html(
        '<svg class="rp-spark" viewBox="0 0 {w} {h}" width="{w}" height="{h}" role="img" '
        'focusable="false"><title>{title}</title>{lines}{dots}</svg>',
        w=WIDTH,
        h=HEIGHT,
        title=_("Trend: %(values)s") % {"values": text},
        lines=format_html_join(
            "", '<polyline class="rp-spark__line" points="{}"/>', ((p,) for p in lines)
        ),
        dots=_dots(points),
    )


def _dots(points: Sequence[tuple[float, float | None]]) -> SafeString:
    last = len(points) - 1
    return format_html_join(
        "",
        '<circle class="{}" cx="{}" cy="{}" r="{}"/>',
        (
            (
                "rp-spark__gap"
                if py is None
                else "rp-spark__now"
                if i == last
                else "rp-spark__dot",
                px,
                HEIGHT - PAD if py is None else py,
                3 if i == last or py is None else 1.8,
            )
            for i, (px, py) in enumerate(points)
        ),
    )


def cards(figures: Sequence[KeyFigure]) -> list[Card]:
    return [
        Card(
            figure=f,
            value=number(f.value, is_rate=f.is_rate),
            change=change_text(f),
            direction=direction(f),
            sparkline=sparkline(f),
        )
        for f in figures
    ]
