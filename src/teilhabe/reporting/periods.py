"""The period grid of everything published statewide: calendar year, half-year, quarter.

Free start and end dates let a reader subtract two reports (same start, ends a day apart)
and read off a suppressed cell. Statewide figures are therefore only published for the
periods of this grid, and `tables.state_tables` suppresses all periods of a year with one
mask, so no difference of grid periods (a year minus a half, a half minus a quarter)
recovers a hidden cell either. Periods never span two years: years share no equation.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

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


def year_so_far(today: dt.date) -> Period:
    """1 January up to today: an alliance dashboard's default period."""
    return dt.date(today.year, 1, 1), today


def is_year_so_far(start: dt.date, end: dt.date) -> bool:
    """From 1 January to a day of the same year (the year, its first half and quarter too)."""
    return (start.month, start.day) == (1, 1) and end.year == start.year


# ---- the periods a period is compared with (key figures) --------------------------------


def _month_start(day: dt.date, months: int) -> dt.date:
    """The first day of the month `months` after (negative: before) the month of `day`."""
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def _whole_months(start: dt.date, end: dt.date) -> int:
    """How many whole calendar months the period is, 0 when it is not whole months."""
    after = end + dt.timedelta(days=1)
    if start.day != 1 or after.day != 1:
        return 0
    return (after.year - start.year) * 12 + after.month - start.month


def _a_year_before(day: dt.date) -> dt.date:
    if day.month == 2 and day.day == 29:
        return dt.date(day.year - 1, 2, 28)
    return day.replace(year=day.year - 1)


def previous(start: dt.date, end: dt.date) -> Period:
    """The period a period is compared with: as many whole months just before it (a year
    → the year before, a quarter → the quarter before); a year so far (1 January up to a
    day) → the same days a year earlier; any other period → as many days just before."""
    months = _whole_months(start, end)
    if months:
        return _month_start(start, -months), start - dt.timedelta(days=1)
    if (start.month, start.day) == (1, 1) and end.year == start.year:
        return _a_year_before(start), _a_year_before(end)
    days = end - start + dt.timedelta(days=1)
    return start - days, start - dt.timedelta(days=1)


def trend(start: dt.date, end: dt.date, length: int) -> list[Period]:
    """The period and the `length - 1` periods before it (`previous`), oldest first."""
    found = [(start, end)]
    while len(found) < length:
        found.append(previous(*found[-1]))
    return found[::-1]


def label(start: dt.date, end: dt.date) -> str:
    """A period as people name it: "2025", "1. Halbjahr 2025", "3. Quartal 2025", else its
    dates ("01.01.–04.12.2025")."""
    year = start.year
    kinds = year_periods(year)
    if (start, end) == kinds[0]:
        return str(year)
    if (start, end) in kinds[1:3]:
        return _("%(number)s. half of %(year)s") % {
            "number": kinds.index((start, end)),
            "year": year,
        }
    if (start, end) in kinds[3:]:
        return _("Q%(number)s %(year)s") % {"number": kinds.index((start, end)) - 2, "year": year}
    if end.year == year:
        return f"{start:%d.%m.}–{end:%d.%m.%Y}"
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
