"""Indicators as published tables: per alliance (inside it, unsuppressed) and statewide
(rows = alliances + NRW, small-cell suppression applied to every cell, rate and chart).

Person indicators share their row totals (persons in casework per alliance), as do the two
referral indicators: a total suppressed in one of them is suppressed in all of them, so a
figure hidden in one table cannot be read off another.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
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
)
from teilhabe.reporting import periods, population
from teilhabe.reporting.selectors import Filters, Indicator, indicators


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

    def plain_rows(self) -> list[list[Any]]:
        return [[r.label, *r.cells] for r in self.rows]


# ---- inside one alliance ---------------------------------------------------------------


def alliance_tables(alliance: Alliance, f: Filters) -> list[Table]:
    inds = indicators([alliance.pk], f)
    tables = [_alliance_table(ind, alliance.pk) for ind in inds]
    by_key = {ind.key: ind for ind in inds}
    tables.insert(0, reach_alliance(alliance, f, by_key["status"]))
    tables.append(_careers_rate_alliance(by_key["careers"], alliance.pk))
    return tables


def _alliance_table(ind: Indicator, alliance_id: Any) -> Table:
    values = ind.row(alliance_id)
    total = sum(values)
    rows = [
        Row(str(label), [n, percent(n, total)] if ind.additive else [n])
        for (_key, label), n in zip(ind.categories, values, strict=True)
    ]
    if ind.additive:
        rows.append(Row(_("Total"), [total, percent(total, total)], total=True))
    header = (
        [str(ind.unit).capitalize(), _("Share")] if ind.additive else [str(ind.unit).capitalize()]
    )
    chart = [
        {"category": str(label), "value": n}
        for (_k, label), n in zip(ind.categories, values, strict=True)
    ]
    return Table(ind.key, str(ind.title), str(ind.unit), header, _("Category"), rows, chart=chart)


def _estimate_note(est: population.Estimate | None) -> str:
    if est is None or est.age_share is None:
        return _("No age share has been set: the target group cannot be estimated yet.")
    text = _(
        "Estimated target group = protection seekers (Destatis, %(date)s) × age share "
        "%(share)s %% (%(basis)s, valid from %(from)s)."
    ) % {
        "date": est.stichtag.strftime("%d.%m.%Y") if est.stichtag else "–",
        "share": str(est.age_share.percent).replace(".", ","),
        "basis": est.age_share.basis,
        "from": est.age_share.valid_from.strftime("%d.%m.%Y"),
    }
    if est.area_share != 1:
        share = str((est.area_share * 100).quantize(Decimal("0.1"))).replace(".", ",")
        text += " " + _(
            "The municipality's figures are its district's × its population share of %(share)s %%."
        ) % {"share": share}
    return text


def reach_alliance(alliance: Alliance, f: Filters, status: Indicator) -> Table:
    est = population.estimates([alliance], f.end).get(alliance.pk)
    counts = status.counts.get(alliance.pk, {})
    rows = []
    for key in population.GROUP_KEYS:
        persons = counts.get(key, 0)
        target = est.target(key) if est else None
        rows.append(
            Row(
                str(population.GROUPS[key]["label"]),
                [persons, target if target is not None else "–", percent(persons, target)],
            )
        )
    persons_total = sum(counts.values())
    target_total = est.target() if est else None
    rows.append(
        Row(
            _("All protection seekers"),
            [
                persons_total,
                target_total if target_total is not None else "–",
                percent(persons_total, target_total),
            ],
            total=True,
        )
    )
    chart = [{"category": r.label, "value": r.cells[0]} for r in rows[:-1]]
    return Table(
        "reach",
        _("Reach: persons in casework / estimated target group (18–27)"),
        _("persons"),
        [_("Persons in casework"), _("Estimated target group"), _("Reach rate")],
        _("Status group"),
        rows,
        note=_estimate_note(est) + " " + population.SeekerImport.current_source_line(),
        chart=chart,
    )


def _careers_rate_alliance(ind: Indicator, alliance_id: Any) -> Table:
    flagged, clear = ind.row(alliance_id)
    rows = [
        Row(
            _("Maßnahme-Karriere rate"),
            [flagged, flagged + clear, percent(flagged, flagged + clear)],
        )
    ]
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
    )


# ---- statewide (leaves the alliances: suppressed) --------------------------------------


def state_tables(alliances: Sequence[Alliance], f: Filters) -> list[Table]:
    """The statewide tables of a grid period (`periods`); every period of its year is
    computed as well and all of them are suppressed with one mask (see `suppressed`)."""
    if f.organisation_id is not None or not periods.on_grid(f.start, f.end):
        raise ValueError("statewide figures are published for grid periods only")
    ids = [a.pk for a in alliances]
    year = periods.year_periods(f.start.year)
    per_period = [indicators(ids, Filters(start, end)) for start, end in year]
    all_grids, masks = suppressed(per_period, ids)
    at = year.index((f.start, f.end))
    inds, grids = per_period[at], all_grids[at]
    names = [a.name for a in alliances]
    tables = [_state_table(ind, names, grids[ind.key], masks[ind.key]) for ind in inds]
    by_key = {ind.key: ind for ind in inds}
    tables.insert(0, reach_state(alliances, f, grids["status"], masks["status"], by_key["status"]))
    tables.append(_careers_rate_state(names, grids["careers"], masks["careers"]))
    return tables


def suppressed(
    per_period: Sequence[Sequence[Indicator]], ids: Sequence[Any]
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
                col_totals=True,
            )
            for ind in inds
        }
        for inds in per_period
    ]
    inds = per_period[0]
    forced: dict[str, set[Cell]] = {ind.key: set() for ind in inds}
    while True:
        masks = {
            ind.key: set().union(*(suppress(g[ind.key], forced=forced[ind.key]) for g in grids))
            for ind in inds
        }
        for link in {ind.link for ind in inds if ind.link and ind.additive}:
            members = [ind for ind in inds if ind.link == link and ind.additive]
            hidden_rows = {
                r for ind in members for (r, c) in masks[ind.key] if c == grids[0][ind.key].cols
            }
            for ind in members:
                masks[ind.key] |= {(r, grids[0][ind.key].cols) for r in hidden_rows}
        if masks == forced:  # every period's own suppression keeps exactly this mask
            return grids, masks
        forced = masks


def _state_table(ind: Indicator, names: list[str], grid: Grid, mask: set[Cell]) -> Table:
    published = publish(grid, mask)
    labels = [*names, _("NRW")]
    rows = [
        Row(label, list(values), total=(i == len(names)))
        for i, (label, values) in enumerate(zip(labels, published, strict=False))
    ]
    header = [str(label) for _k, label in ind.categories]
    if ind.additive:
        header.append(_("Total"))
    nrw = published[-1]
    chart = [
        {"category": str(label), "value": v}
        for (_k, label), v in zip(ind.categories, nrw, strict=False)
        if isinstance(v, int)
    ]
    return Table(
        ind.key,
        str(ind.title),
        str(ind.unit),
        header,
        _("Alliance"),
        rows,
        note=_("Figures 1–2 and figures from which they could be recomputed are shown as “.”."),
        chart=chart,
    )


def reach_state(
    alliances: Sequence[Alliance], f: Filters, grid: Grid, mask: set[Cell], status: Indicator
) -> Table:
    est = population.estimates(list(alliances), f.end)
    published = publish(grid, mask)
    col = {key: i for i, (key, _l) in enumerate(status.categories)}
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
        {"category": str(population.GROUPS[k]["label"]), "value": rows[-1].cells[3 * i]}
        for i, k in enumerate(population.GROUP_KEYS)
        if isinstance(rows[-1].cells[3 * i], int)
    ]
    return Table(
        "reach",
        _("Reach: persons in casework / estimated target group (18–27)"),
        _("persons"),
        header,
        _("Alliance"),
        rows,
        note=_estimate_note(any_est) + " " + population.SeekerImport.current_source_line(),
        chart=chart,
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
