"""The report's summary page: the key figures of `key_figures` (computed there, never here)
for the report's period, the period before and the change, as the PDF prints them and as
the workbook's first sheet holds them (counts and rates typed as numbers)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from teilhabe.core import tabular
from teilhabe.core.suppression import MARK
from teilhabe.reporting.key_figures import KeyFigure, key_figures
from teilhabe.reporting.models import Report
from teilhabe.reporting.selectors import Filters


@dataclass(frozen=True)
class Summary:
    period: str  # "2026", "1. Quartal 2026"
    previous: str
    figures: list[KeyFigure]

    def rows(self) -> list[tuple[str, str, str, str]]:
        """(label, value, previous, change) as printed: "1.234", "12,5 %", "+3",
        "−1,2 Prozentpunkte"; "." where a figure is not published."""
        return [
            (f.label, _shown(f.value, f.is_rate), _shown(f.previous, f.is_rate), _change(f))
            for f in self.figures
        ]

    def table(self) -> tabular.Table:
        """The workbook's sheet: numbers and rates typed, a hidden figure as "."."""
        header = [_("Key figure"), self.period, self.previous, pgettext("key figure", "Change")]
        rows = [
            [f.label, _cell(f.value, f.is_rate), _cell(f.previous, f.is_rate), _cell_change(f)]
            for f in self.figures
        ]
        return tabular.Table(title=_("Summary"), header=header, rows=rows)


def summary(report: Report) -> Summary:
    figures = key_figures(report.alliance, Filters(start=report.start, end=report.end))
    current = figures[0].trend[-1][0] if figures and figures[0].trend else ""
    before = figures[0].previous_label if figures else ""
    return Summary(period=current, previous=before, figures=figures)


def _shown(value: float | None, is_rate: bool) -> str:
    if value is None:
        return MARK
    if is_rate:
        return f"{number_format(value, 1)} %"
    return number_format(value, 0, force_grouping=True)


def _change(figure: KeyFigure) -> str:
    change = figure.change
    if change is None:
        return "–"
    sign = "+" if change > 0 else ("−" if change < 0 else "±")
    if figure.is_rate:
        return f"{sign}{number_format(abs(change), 1)} " + _("percentage points")
    return f"{sign}{number_format(abs(change), 0, force_grouping=True)}"


def _cell(value: float | None, is_rate: bool) -> Any:
    if value is None:
        return MARK
    if is_rate:
        return tabular.Percent(Decimal(str(value)) / 100)
    return int(value)


def _cell_change(figure: KeyFigure) -> Any:
    """A count's change as a number, a rate's in percentage points as a decimal."""
    change = figure.change
    if change is None:
        return "–"
    return Decimal(str(change)) if figure.is_rate else int(change)
