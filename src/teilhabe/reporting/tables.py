"""Indicators as published tables: per alliance and statewide (rows = alliances + NRW).
Every count that leaves an alliance's case management is published (`publication`: rare
categories collapsed) and suppressed (`core.suppression`): the statewide tables and the
alliance dashboard seen by its coordinators; only a case manager's view of the own
organisation's figures is unsuppressed.

Person indicators share their row totals (persons in casework per alliance), as do the two
referral indicators: a total suppressed in one of them is suppressed in all of them, so a
figure hidden in one table cannot be read off another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.utils.translation import gettext as _

from teilhabe.core.models import Alliance
from teilhabe.core.suppression import (
    MARK,
    Cell,
    Grid,
    Value,
    percent,
    publish,
    published_rate,
    suppress,
    threshold,
)
from teilhabe.core.suppression import note as suppression_note
from teilhabe.reporting import periods, population, publication
from teilhabe.reporting.selectors import Filters, Indicator
from teilhabe.reporting.stored import period_indicators


@dataclass
class Row:
    label: str
    cells: list[Value]
    total: bool = False


@dataclass
class Table:
    key: str
    title: str
    unit: str
    header: list[str]  # column headings after the row heading
    row_heading: str
    rows: list[Row] = field(default_factory=list)
    note: str = ""
    chart: list[dict[str, Any]] = field(default_factory=list)  # category/value (published)
    chart_title: str = ""  # what the chart plots, where it is not the table's title
    chart_unit: str = ""  # its axis where not `unit` (a rate: "Erreichungsquote in %")

    def plain_rows(self) -> list[list[Any]]:
        return [[r.label, *r.cells] for r in self.rows]


# ---- inside one alliance ---------------------------------------------------------------


def alliance_tables(alliance: Alliance, f: Filters, *, suppressed: bool = False) -> list[Table]:
    """The alliance's tables; `suppressed` for everyone outside its case management (its
    coordinators, its reports): one row, suppressed as the statewide tables are."""
    inds = period_indicators([alliance.pk], f)
    shown: dict[str, list[Value]]
    if suppressed:
        minimum = threshold()
        prepared = [publication.prepare(ind, minimum) for ind in inds]
        inds = [p.indicator for p in prepared]
        grids, masks = _suppressed([inds], [alliance.pk], col_totals=False)
        shown = {
            ind.key: _published_row(grids[0][ind.key], masks[ind.key], p, alliance.pk)
            for ind, p in zip(inds, prepared, strict=True)
        }
    else:
        rows = {ind.key: ind.row(alliance.pk) for ind in inds}
        shown = {key: [*row, sum(row)] for key, row in rows.items()}
    tables = [_alliance_table(ind, shown[ind.key]) for ind in inds if ind.table]
    by_key = {ind.key: ind for ind in inds}
    tables.insert(0, reach_alliance(alliance, f, by_key["reach"], shown["reach"]))
    tables.append(_careers_rate_alliance(shown["careers"]))
    return tables


def _published_row(
    grid: Grid, mask: set[Cell], prepared: publication.Prepared, alliance_id: Any
) -> list[Value]:
    keys = [key for key, _l in prepared.indicator.categories]
    marks = {(0, i): publication.ALLOCATED for i, key in enumerate(keys)
             if (alliance_id, key) in prepared.allocated}  # fmt: skip
    row: list[Value] = list(publish(grid, mask, marks)[0])
    return row if grid.row_totals else [*row, MARK]


def _alliance_table(ind: Indicator, shown: list[Value]) -> Table:
    """`shown`: the published cells and, last, the total."""
    values, total = shown[:-1], shown[-1]
    rows = [
        Row(str(label), [n, _share(n, total)] if ind.additive else [n])
        for (_key, label), n in zip(ind.categories, values, strict=True)
    ]
    if ind.additive:
        rows.append(Row(_("Total"), [total, _share(total, total)], total=True))
    header = (
        [str(ind.unit).capitalize(), _("Share")] if ind.additive else [str(ind.unit).capitalize()]
    )
    chart = [
        {"category": str(label), "value": n}
        for (_k, label), n in zip(ind.categories, values, strict=True)
    ]
    note = " ".join(filter(None, [_suppressed_note() if MARK in shown else "",
                                  publication.allocation_note(ind)]))  # fmt: skip
    return Table(
        ind.key, str(ind.title), str(ind.unit), header, _("Category"), rows, note=note, chart=chart
    )


def _share(part: Value, whole: Value) -> str:
    """A share as published: "–" without a whole, "." when either figure is hidden."""
    return "–" if whole is None else published_rate(part, whole)


def _suppressed_note() -> str:
    return suppression_note()


def reach_alliance(alliance: Alliance, f: Filters, reach: Indicator, shown: list[Value]) -> Table:
    """Persons aged 18–27 per target status group (as published) against the estimate of
    the same group: like with like."""
    est = population.estimates([alliance], f.end).get(alliance.pk)
    col = {key: i for i, (key, _l) in enumerate(reach.categories)}
    rows = []
    for key in population.GROUP_KEYS:
        persons = shown[col[key]]
        target = est.target(key) if est else None
        rows.append(
            Row(
                str(population.GROUPS[key]["label"]),
                [persons, target if target is not None else "–", _share(persons, target)],
            )
        )
    parts = [shown[col[key]] for key in population.GROUP_KEYS]
    persons_total: Value = sum(p for p in parts if isinstance(p, int))
    if not all(isinstance(p, int) for p in parts):
        persons_total = MARK  # the sum would give a hidden part away
    target_total = est.target() if est else None
    rows.append(
        Row(
            _("Target group (three status groups)"),
            [
                persons_total,
                target_total if target_total is not None else "–",
                _share(persons_total, target_total),
            ],
            total=True,
        )
    )
    chart = [{"category": r.label, "value": r.cells[2]} for r in rows[:-1]]
    return Table(
        "reach",
        _("Reach: persons in casework / estimated target group (18–27)"),
        _("persons"),
        [_("Persons aged 18–27 in casework"), _("Estimated target group"), _("Reach rate")],
        _("Status group"),
        rows,
        note=population.estimate_note(est) + " " + population.SeekerImport.current_source_line(),
        chart=chart,
        **_reach_chart(),
    )


def _reach_chart() -> dict[str, str]:
    """The reach charts plot the rate their title names, not the head counts."""
    return {"chart_title": _("Reach rate per status group"), "chart_unit": _("reach rate in %")}


def _careers_rate_alliance(shown: list[Value]) -> Table:
    flagged, clear, total = shown
    rows = [Row(_("Maßnahme-Karriere rate"), [flagged, total, _share(flagged, total)])]
    return Table(
        "careers_rate",
        _("Maßnahme-Karriere rate"),
        _("persons"),
        [_("Persons with a finding"), _("Persons with a case"), _("Rate")],
        "",
        rows,
        chart=[
            {"category": _("with a finding"), "value": flagged},
            {"category": _("without a finding"), "value": clear},
        ],
        chart_title=_("Persons with and without a finding"),
    )


# ---- statewide (leaves the alliances: suppressed) --------------------------------------


def state_tables(alliances: Sequence[Alliance], f: Filters) -> list[Table]:
    """The statewide tables of a grid period (`periods`); every period of its year is
    computed as well and all of them are suppressed with one mask (see `_suppressed`)."""
    if f.organisation_id is not None or not periods.on_grid(f.start, f.end):
        raise ValueError("statewide figures are published for grid periods only")
    ids = [a.pk for a in alliances]
    year = periods.year_periods(f.start.year)
    minimum = threshold()
    prepared = [
        [publication.prepare(ind, minimum) for ind in period_indicators(ids, Filters(start, end))]
        for start, end in year
    ]
    per_period = [[p.indicator for p in inds] for inds in prepared]
    all_grids, masks = _suppressed(per_period, ids)
    at = year.index((f.start, f.end))
    inds, grids = per_period[at], all_grids[at]
    names = [a.name for a in alliances]
    tables = []
    for ind, p in zip(inds, prepared[at], strict=True):
        if not ind.table:
            continue
        keys = [key for key, _l in ind.categories]
        marks = {(r, c): publication.ALLOCATED for r, a in enumerate(ids)
                 for c, key in enumerate(keys) if (a, key) in p.allocated}  # fmt: skip
        tables.append(_state_table(ind, names, grids[ind.key], masks[ind.key], marks))
    by_key = {ind.key: ind for ind in inds}
    tables.insert(0, reach_state(alliances, f, grids["reach"], masks["reach"], by_key["reach"]))
    tables.append(_careers_rate_state(names, grids["careers"], masks["careers"]))
    return tables


def _suppressed(
    per_period: Sequence[Sequence[Indicator]], ids: Sequence[Any], *, col_totals: bool = True
) -> tuple[list[dict[str, Grid]], dict[str, set[Cell]]]:
    """Suppress every indicator grid of several periods with one mask per indicator.

    Counts by event date (referrals, closures) add up over periods: a year is its halves,
    a half its quarters. A cell hidden in one period but published in the others would
    be their difference; with the same cells hidden in every period of a year, and each
    period's table closed under the rule, no difference recovers one. Linked indicators
    share their suppressed row totals, as one table would."""
    grids = [
        {
            ind.key: Grid.build(
                [ind.row(a) for a in ids] or [[0] * len(ind.categories)],
                row_totals=ind.additive,
                col_totals=col_totals,
            )
            for ind in inds
        }
        for inds in per_period
    ]
    inds = per_period[0]
    weights = {ind.key: publication.importance(ind) for ind in inds}
    forced: dict[str, set[Cell]] = {ind.key: set() for ind in inds}
    while True:
        masks = {
            ind.key: set().union(
                *(
                    suppress(g[ind.key], forced=forced[ind.key], importance=weights[ind.key])
                    for g in grids
                )
            )
            for ind in inds
        }
        for link in {ind.link for ind in inds if ind.link and ind.additive}:
            members = [ind for ind in inds if ind.link == link and ind.additive]
            hidden_rows = {
                r for ind in members for (r, c) in masks[ind.key] if c == grids[0][ind.key].cols
            }
            for ind in members:
                masks[ind.key] |= {(r, grids[0][ind.key].cols) for r in hidden_rows}
        _guard_reach(inds, grids, masks, threshold())
        if masks == forced:  # every period's own suppression keeps exactly this mask
            return grids, masks
        forced = masks


def _guard_reach(
    inds: Sequence[Indicator],
    grids: list[dict[str, Grid]],
    masks: dict[str, set[Cell]],
    limit: int,
) -> None:
    """A status group's persons of all ages (status table) minus those aged 18–27 (reach)
    is a count of its own: where it is small, the reach cell is hidden as well."""
    by_key = {ind.key: ind for ind in inds}
    if "reach" not in by_key or "status" not in by_key:
        return
    status_col = {key: i for i, (key, _l) in enumerate(by_key["status"].categories)}
    for g in grids:
        status, reach = g["status"], g["reach"]
        for c, (key, _l) in enumerate(by_key["reach"].categories):
            if key not in status_col:
                continue
            for r in range(len(reach.values)):
                cell, other = (r, c), (r, status_col[key])
                if cell in masks["reach"] or other in masks["status"]:
                    continue
                if 0 < status.value(other) - reach.value(cell) < limit:
                    masks["reach"].add(cell)


def _state_table(
    ind: Indicator, names: list[str], grid: Grid, mask: set[Cell], marks: dict[Cell, str]
) -> Table:
    published = publish(grid, mask, marks)
    labels = [*names, _("NRW")]
    rows = [
        Row(label, list(values), total=(i == len(names)))
        for i, (label, values) in enumerate(zip(labels, published, strict=False))
    ]
    header = [str(label) for _k, label in ind.categories]
    if ind.additive:
        header.append(_("Total"))
    nrw = published[-1]
    # Every category keeps its place in the chart: a hidden figure is a marked gap.
    chart = [
        {"category": str(label), "value": v}
        for (_k, label), v in zip(ind.categories, nrw, strict=False)
    ]
    return Table(
        ind.key,
        str(ind.title),
        str(ind.unit),
        header,
        _("Alliance"),
        rows,
        note=" ".join(filter(None, [_suppressed_note(), publication.allocation_note(ind)])),
        chart=chart,
    )


def reach_state(
    alliances: Sequence[Alliance], f: Filters, grid: Grid, mask: set[Cell], reach: Indicator
) -> Table:
    est = population.estimates(list(alliances), f.end)
    published = publish(grid, mask)
    col = {key: i for i, (key, _l) in enumerate(reach.categories)}
    rows: list[Row] = []
    totals_target: dict[str, int] = {}
    for r, alliance in enumerate([*alliances, None]):
        cells: list[Value] = []
        for key in population.GROUP_KEYS:
            persons = published[r][col[key]]
            if alliance is not None:
                target = est[alliance.pk].target(key)
                totals_target[key] = totals_target.get(key, 0) + (target or 0)
            else:
                target = totals_target.get(key)
            rate = percent(persons, target) if isinstance(persons, int) else MARK
            cells += [persons, target if target is not None else "–", rate]
        rows.append(
            Row(
                alliance.name if alliance else _("NRW (participating alliances)"),
                cells,
                total=alliance is None,
            )
        )
    header = []
    for key in population.GROUP_KEYS:
        label = str(population.GROUPS[key]["label"])
        header += [
            f"{label}: " + _("persons"),
            f"{label}: " + _("target group"),
            f"{label}: " + _("reach"),
        ]
    any_est = next(iter(est.values()), None)
    chart = [
        {"category": str(population.GROUPS[k]["label"]), "value": rows[-1].cells[3 * i + 2]}
        for i, k in enumerate(population.GROUP_KEYS)
    ]
    return Table(
        "reach",
        _("Reach: persons in casework / estimated target group (18–27)"),
        _("persons"),
        header,
        _("Alliance"),
        rows,
        note=population.estimate_note(any_est)
        + " "
        + population.SeekerImport.current_source_line(),
        chart=chart,
        **_reach_chart(),
    )


def _careers_rate_state(names: list[str], grid: Grid, mask: set[Cell]) -> Table:
    published = publish(grid, mask)
    rows = []
    for i, label in enumerate([*names, _("NRW")]):
        flagged, total = published[i][0], published[i][2]
        rows.append(
            Row(label, [flagged, total, published_rate(flagged, total)], total=i == len(names))
        )
    return Table(
        "careers_rate",
        _("Maßnahme-Karriere rate"),
        _("persons"),
        [_("Persons with a finding"), _("Persons with a case"), _("Rate")],
        _("Alliance"),
        rows,
    )


def period_label(start: date, end: date) -> str:
    return f"{start:%d.%m.%Y}–{end:%d.%m.%Y}"
