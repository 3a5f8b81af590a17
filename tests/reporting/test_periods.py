"""Statewide figures are published for grid periods only (calendar year, half-year,
quarter), and no difference of two published periods recovers a suppressed cell."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from typing import Any

import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from teilhabe.casework.models import Case, ClosureReason
from teilhabe.core.suppression import MARK
from teilhabe.reporting import periods
from teilhabe.reporting.selectors import Filters
from teilhabe.reporting.tables import state_tables
from tests import factories as f
from tests.conftest import World

pytestmark = pytest.mark.django_db
YEARS = (2024, 2025, 2026)
# Counted by the date of the event, these add up over periods: a year is its halves.
FLOWS = ("closures",)
REASONS = [r.value for r in ClosureReason]


def _closures(world: World, seed: int = 3) -> None:
    """Few closures per alliance, reason and quarter: many small cells to suppress."""
    rng = random.Random(seed)
    with scopes_disabled():
        for side in (world.a, world.b):
            for year in YEARS:
                for number in (1, 2, 3, 4):
                    start, end = periods.quarter(year, number)
                    for _ in range(rng.randint(2, 9)):
                        person = f.PersonFactory(owner=side.tm_office)
                        case = f.CaseFactory(person=person, opened_on=dt.date(2023, 1, 1))
                        day = start + dt.timedelta(days=rng.randint(0, (end - start).days))
                        Case.objects.filter(pk=case.pk).update(
                            status="closed",
                            closed_on=day,
                            closure_reason=rng.choice(REASONS[:3]),
                        )


def _published(world: World) -> dict[periods.Period, dict[str, list[list[Any]]]]:
    alliances = [world.a.alliance, world.b.alliance]
    out = {}
    for year in YEARS:
        for start, end in periods.year_periods(year):
            tables = state_tables(alliances, Filters(start, end))
            out[(start, end)] = {t.key: [r.cells for r in t.rows] for t in tables}
    return out


def _rest(whole: periods.Period, part: periods.Period) -> periods.Period | None:
    """whole minus part when that is one period (the part at the start or at the end)."""
    (ws, we), (ps, pe) = whole, part
    if (ws, pe) == (ps, pe) and pe < we:
        return pe + dt.timedelta(days=1), we
    if pe == we and ws < ps:
        return ws, ps - dt.timedelta(days=1)
    return None


def test_no_difference_of_two_published_periods_recovers_a_suppressed_cell(
    world: World,
) -> None:
    _closures(world)
    published = _published(world)
    grid = list(published)
    pairs = recovered = hidden = 0
    for whole, part in itertools.permutations(grid, 2):
        pairs += 1
        rest = _rest(whole, part)
        if rest is None or rest not in published:
            continue
        for key in FLOWS:
            for w_row, p_row, r_row in zip(
                published[whole][key], published[part][key], published[rest][key], strict=True
            ):
                for w, p, r in zip(w_row, p_row, r_row, strict=True):
                    if r == MARK:
                        hidden += 1
                        recovered += isinstance(w, int) and isinstance(p, int)
                    else:  # the figures do add up: a difference would be the cell
                        assert MARK in (w, p) or w - p == r
    print(
        f"differencing attack: {len(grid)} periods, {pairs} ordered pairs, "
        f"{hidden} hidden cells tried, {recovered} recovered"
    )
    assert hidden > 0
    assert recovered == 0


@pytest.mark.parametrize(
    ("start", "end"),
    [("2015-01-01", "2026-12-02"), ("2025-01-01", "2026-12-31"), ("2026-02-01", "2026-04-30")],
)
def test_the_statewide_figures_refuse_a_period_off_the_grid(
    world: World, login: Any, start: str, end: str
) -> None:
    client = login("state")
    query = f"?start={start}&end={end}"
    page = client.get(reverse("reporting_state:monitoring") + query)
    assert "Kalenderjahr, ein Halbjahr oder ein Quartal" in page.content.decode()
    assert page.context["period"] != f"{start}–{end}"
    csv = client.get(reverse("reporting_state:monitoring") + query + "&format=csv")
    assert csv["Content-Type"].startswith("text/html")  # the page with the reason, no file
    assert "Quartal" in csv.content.decode()
    api = client.get("/api/v1/land/auswertung" + query)
    assert api.status_code == 422
    assert "Quartal" in str(api.json())


@pytest.mark.parametrize("period", periods.year_periods(2025))
def test_every_period_of_the_grid_is_published(
    world: World, login: Any, period: periods.Period
) -> None:
    query = f"?start={period[0]:%Y-%m-%d}&end={period[1]:%Y-%m-%d}"
    client = login("state")
    page = client.get(reverse("reporting_state:monitoring") + query)
    assert page.context["period"] == f"{period[0]:%d.%m.%Y}–{period[1]:%d.%m.%Y}"
    assert 'data-testid="period-error"' not in page.content.decode()
    assert client.get("/api/v1/land/auswertung" + query).json()["start"] == f"{period[0]}"


def test_a_cell_hidden_in_one_period_of_a_year_is_hidden_in_every_period_of_it(
    world: World,
) -> None:
    _closures(world)
    published = _published(world)
    for year in YEARS:
        masks = [
            {
                (key, r, c)
                for key, rows in published[period].items()
                for r, row in enumerate(rows)
                for c, v in enumerate(row)
                if v == MARK
            }
            for period in periods.year_periods(year)
        ]
        assert masks[0] and all(m == masks[0] for m in masks)


def _span(text: str) -> periods.Period:
    start, end = text.split(" ")
    return dt.date.fromisoformat(start), dt.date.fromisoformat(end)


@pytest.mark.parametrize(
    ("period", "before", "label"),
    [
        ("2026-01-01 2026-12-31", "2025-01-01 2025-12-31", "2026"),
        ("2026-01-01 2026-06-30", "2025-07-01 2025-12-31", "1. Halbjahr 2026"),
        ("2026-04-01 2026-06-30", "2026-01-01 2026-03-31", "2. Quartal 2026"),
        ("2026-01-01 2026-12-04", "2025-01-01 2025-12-04", "01.01.–04.12.2026"),
        ("2028-01-01 2028-02-29", "2027-11-01 2027-12-31", "01.01.–29.02.2028"),
        ("2028-01-01 2028-02-28", "2027-01-01 2027-02-28", "01.01.–28.02.2028"),
        ("2026-03-10 2026-03-19", "2026-02-28 2026-03-09", "10.03.–19.03.2026"),
        ("2025-12-10 2026-01-09", "2025-11-09 2025-12-09", "10.12.2025–09.01.2026"),
    ],
)
def test_a_period_is_compared_with_the_period_of_its_kind_before_it(
    period: str, before: str, label: str
) -> None:
    assert periods.previous(*_span(period)) == _span(before)
    assert periods.label(*_span(period)) == label
    assert periods.trend(*_span(period), 3)[1:] == [_span(before), _span(period)]
