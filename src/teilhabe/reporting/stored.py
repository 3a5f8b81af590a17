"""Stored indicator figures of the grid periods, so that no page recomputes the world.

Statewide, one grid period (`periods`) costs about 2 s of queries at full-state scale
(nrw profile, docs/performance.md), and the statewide view computes all seven periods of
its year (one suppression mask). So the task worker computes the indicators of every grid
period of this year and the last that has begun, for every alliance at once — nightly,
after an early-warning run and after an import (`reporting.receivers`) — and stores them as
a new version (`IndicatorSnapshot`). Every reader of statewide or alliance-wide figures
(pages, exports, API, report files) goes through `period_indicators`: the newest stored
version where there is one, live figures otherwise (an organisation's own figures, a
period off the grid, a period nobody has stored yet); the page names the time of the
stored version ("Stand der Zahlen"). Publication and suppression are applied afterwards,
at read time, exactly as to live figures.

An alliance dashboard opens on the year so far (1 January up to today), which is no grid
period. The worker stores it too, with its trend, for the day of the refresh; the versions
of earlier days go (`stale_periods`). For the year so far it also stores the figures of
each organisation with case managers (`organisations`), whose dashboard shows only its
own cases. A coordinator and a case manager therefore read last night's figures as well,
and the page names their time.

The key figures above the tables compare a period with the periods before it (a year with
the five years before). So each version also holds the key figures' counts per alliance
(`totals`, read by `period_totals`), and the worker stores those counts, without the
indicators (`has_indicators` False), for the older periods of these trends as well.

`DEFINITION` names what the stored figures mean: raise it when an indicator's definition
changes, and snapshots of the old definition are no longer read (the next refresh replaces
them).
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import replace
from typing import Any

from django.db.models import Q, QuerySet

from teilhabe.reporting import periods
from teilhabe.reporting.models import IndicatorSnapshot
from teilhabe.reporting.selectors import Filters, Indicator, indicators

DEFINITION = 1
KEEP = 3  # versions kept per period: the newest and two before it, to compare


def begun_periods(years: Iterable[int], today: dt.date) -> list[periods.Period]:
    """The grid periods of these years that have begun by `today`."""
    return [p for year in years for p in periods.year_periods(year) if p[0] <= today]


def storable(f: Filters) -> bool:
    """Stored figures exist for whole alliances in grid periods, and for alliances and
    organisations in the year so far of the day of the newest refresh (with its trend)."""
    on_grid = periods.on_grid(f.start, f.end)
    if f.organisation_id is None:
        return on_grid or periods.is_year_so_far(f.start, f.end)
    # An organisation's: the year so far, which on 31 December is the whole year.
    whole_year = (f.start, f.end) == periods.year_periods(f.start.year)[0]
    return periods.is_year_so_far(f.start, f.end) and (whole_year or not on_grid)


def todays_periods(today: dt.date, length: int) -> list[periods.Period]:
    """The year so far of `today` (a dashboard's default) and the periods of its trend of
    `length` before it. Off the grid they are stored for that day only; on 31 December
    they are the grid's years."""
    own = periods.year_so_far(today)
    return [own, *trend_periods([own], length)]


def stale_periods(today: dt.date, length: int) -> QuerySet[IndicatorSnapshot]:
    """The versions of periods off the grid other than `today`'s (`todays_periods`): a year
    so far of an earlier day, which nobody reads again."""
    kept = set(todays_periods(today, length))
    spans = IndicatorSnapshot.objects.order_by().values_list("start", "end").distinct()
    stale = [s for s in spans if not periods.on_grid(*s) and s not in kept]
    if not stale:
        return IndicatorSnapshot.objects.none()
    return IndicatorSnapshot.objects.filter(
        functools.reduce(operator.or_, (Q(start=s, end=e) for s, e in stale))
    )


def encode(inds: Sequence[Indicator]) -> dict[str, Any]:
    return {
        ind.key: {
            "counts": {str(a): dict(cells) for a, cells in ind.counts.items()},
            "allocation": {str(a): dict(cells) for a, cells in ind.allocation.items()},
        }
        for ind in inds
    }


@functools.cache
def _shapes() -> tuple[Indicator, ...]:
    """Every indicator's key, titles and categories (lazy translations), without counts:
    computed for no alliance, where every query is empty, once per process."""
    day = dt.date(2000, 1, 1)
    return tuple(indicators([], Filters(day, day)))


def decode(data: dict[str, Any], ids: Sequence[Any]) -> list[Indicator]:
    """The stored counts of these alliances as indicators, in the order of the live ones."""
    wanted = {str(a): a for a in ids}

    def pick(cells: dict[str, dict[str, int]]) -> dict[Any, dict[str, int]]:
        return {wanted[a]: dict(c) for a, c in cells.items() if a in wanted}

    out = []
    for shape in _shapes():
        stored = data.get(shape.key, {})
        out.append(
            replace(
                shape,
                counts=pick(stored.get("counts", {})),
                allocation=pick(stored.get("allocation", {})),
            )
        )
    return out


def trend_periods(recorded: Iterable[periods.Period], length: int) -> list[periods.Period]:
    """The periods before these in their trends of `length` (`periods.trend`) that are not
    among them: stored with the key figures' counts only."""
    own = list(recorded)
    before = {p for start, end in own for p in periods.trend(start, end, length)}
    return sorted(before - set(own))


def versions(start: dt.date, end: dt.date) -> QuerySet[IndicatorSnapshot]:
    """The stored versions of a period, newest first."""
    return IndicatorSnapshot.objects.filter(start=start, end=end, definition=DEFINITION).order_by(
        "-version"
    )


def newest(start: dt.date, end: dt.date) -> IndicatorSnapshot | None:
    """The newest version of the period if it holds the indicators (the newest decides: a
    period that left the stored years keeps only its counts and is computed live again)."""
    snapshot = versions(start, end).defer("totals", "organisations").first()
    return snapshot if snapshot is not None and snapshot.has_indicators else None


def _organisation_part(f: Filters, part: str) -> Any:
    """The organisation's stored `part` ("data" or "totals") of the newest version of the
    period, None where that version has none. One query, reading only that part."""
    row = (
        versions(f.start, f.end)
        .values_list("has_indicators", f"organisations__{f.organisation_id}__{part}")
        .first()
    )
    if row is None or (part == "data" and not row[0]):
        return None
    return row[1] or None


def period_indicators(ids: Sequence[uuid.UUID], f: Filters) -> list[Indicator]:
    """The indicators of these alliances in the period: stored where they are, else live."""
    if storable(f) and f.organisation_id is not None:
        data = _organisation_part(f, "data")
        if data is not None:
            return decode(data, ids)
    elif storable(f):
        snapshot = newest(f.start, f.end)
        if snapshot is not None:
            return decode(snapshot.data, ids)
    return indicators(ids, f)


def period_totals(
    ids: Sequence[uuid.UUID], spans: Sequence[Filters]
) -> list[dict[str, int] | None]:
    """Per period the key figures' counts (`key_figures.COUNTS`) of these alliances added
    up, from the newest stored version; None for a period without stored counts. One query."""
    wanted = {(f.start, f.end) for f in spans if storable(f)}
    if not wanted:
        return [None] * len(spans)
    # The spans of one call share their organisation filter (`key_figures`).
    organisation = spans[0].organisation_id
    column = f"organisations__{organisation}__totals" if organisation else "totals"
    rows = (
        IndicatorSnapshot.objects.filter(
            functools.reduce(operator.or_, (Q(start=s, end=e) for s, e in wanted)),
            definition=DEFINITION,
        )
        .order_by("start", "end", "-version")
        .values_list("start", "end", column)
    )
    newest_totals: dict[periods.Period, Any] = {}
    for start, end, totals in rows:
        newest_totals.setdefault((start, end), totals)
    if organisation:
        return [newest_totals.get((f.start, f.end)) or None for f in spans]
    keys = [str(a) for a in ids]
    out: list[dict[str, int] | None] = []
    for f in spans:
        totals = newest_totals.get((f.start, f.end)) if storable(f) else None
        if not totals:  # not stored, or stored before the counts were
            out.append(None)
            continue
        summed: dict[str, int] = {}
        for counts in (totals[a] for a in keys if a in totals):
            for name, n in counts.items():
                summed[name] = summed.get(name, 0) + n
        out.append(summed)
    return out


def stored_at(f: Filters) -> dt.datetime | None:
    """When the figures of this period shown now were computed (None: just now, live)."""
    if not storable(f):
        return None
    # An organisation's counts and figures are stored together: its counts stand for both.
    own = f"organisations__{f.organisation_id}__totals" if f.organisation_id else "has_indicators"
    row = versions(f.start, f.end).values_list("created_at", "has_indicators", own).first()
    return row[0] if row is not None and row[1] and row[2] else None
