"""The period grid of everything published statewide: calendar year, half-year, quarter.

Free start and end dates let a reader subtract two reports (same start, ends a day apart)
and read off a suppressed cell. Statewide figures are therefore only published for the
periods of this grid, and `tables.state_tables` suppresses all periods of a year with one
mask, so no difference of grid periods (a year minus a half, a half minus a quarter)
recovers a hidden cell either. Periods never span two years: years share no equation.
"""

from __future__ import annotations

import datetime as dt

Period = tuple[dt.date, dt.date]


def _span(year: int, first_month: int, months: int) -> Period:
    last = first_month + months
    end = dt.date(year + 1, 1, 1) if last > 12 else dt.date(year, last, 1)
    return dt.date(year, first_month, 1), end - dt.timedelta(days=1)


def quarter(year: int, number: int) -> Period:
    return _span(year, 3 * number - 2, 3)


def year_periods(year: int) -> list[Period]:
    """The grid periods of a year, largest first: the year, its halves, its quarters."""
    return [
        _span(year, 1, 12),
        _span(year, 1, 6),
        _span(year, 7, 6),
        *(quarter(year, n) for n in (1, 2, 3, 4)),
    ]


def on_grid(start: dt.date, end: dt.date) -> bool:
    return (start, end) in year_periods(start.year)


def default(today: dt.date) -> Period:
    """The current calendar year."""
    return year_periods(today.year)[0]
