"""Properties of small-cell suppression: nothing 1–2 is published, and no suppressed cell
can be recomputed from the published cells and margins (checked by an independent rank
test: a cell is recomputable exactly when adding "this cell alone" to the margin equations
does not raise their rank)."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from teilhabe.core.suppression import (
    MARK,
    Grid,
    Importance,
    determined,
    publish,
    suppress,
    threshold,
)

counts = st.integers(min_value=0, max_value=40) | st.integers(min_value=0, max_value=3)
tables = st.integers(1, 6).flatmap(
    lambda cols: st.lists(st.lists(counts, min_size=cols, max_size=cols), min_size=1, max_size=6)
)


def _rank(rows: list[list[Fraction]]) -> int:
    m = [r[:] for r in rows]
    rank = 0
    width = len(m[0]) if m else 0
    for col in range(width):
        pivot = next((i for i in range(rank, len(m)) if m[i][col] != 0), None)
        if pivot is None:
            continue
        m[rank], m[pivot] = m[pivot], m[rank]
        for i in range(len(m)):
            if i != rank and m[i][col] != 0:
                f = m[i][col] / m[rank][col]
                m[i] = [a - f * b for a, b in zip(m[i], m[rank], strict=True)]
        rank += 1
    return rank


def recomputable(grid: Grid, mask: set[tuple[int, int]]) -> set[tuple[int, int]]:
    unknowns = sorted(mask)
    idx = {c: i for i, c in enumerate(unknowns)}
    rows = []
    for cells, signs in grid.equations():
        row = [Fraction(0)] * len(unknowns)
        for cell, sign in zip(cells, signs, strict=True):
            if cell in idx:
                row[idx[cell]] += sign
        rows.append(row)
    base = _rank(rows)
    found = set()
    for cell, i in idx.items():
        unit = [Fraction(0)] * len(unknowns)
        unit[i] = Fraction(1)
        if _rank([*rows, unit]) == base:
            found.add(cell)
    return found


@settings(max_examples=600, deadline=None)
@given(tables, st.booleans(), st.booleans())
def test_no_published_cell_is_one_or_two(cells: list[list[int]], rt: bool, ct: bool) -> None:
    grid = Grid.build(cells, row_totals=rt, col_totals=ct)
    published = publish(grid, suppress(grid))
    assert not [v for row in published for v in row if v in (1, 2)]


@settings(max_examples=600, deadline=None)
@given(tables, st.booleans(), st.booleans())
def test_no_suppressed_cell_can_be_recomputed_from_the_margins(
    cells: list[list[int]], rt: bool, ct: bool
) -> None:
    grid = Grid.build(cells, row_totals=rt, col_totals=ct)
    mask = suppress(grid)
    exposed = {c for c in recomputable(grid, mask) if grid.value(c) != 0}
    assert exposed == set()


@settings(max_examples=200, deadline=None)
@given(tables)
def test_no_margin_equation_holds_exactly_one_suppressed_cell(cells: list[list[int]]) -> None:
    grid = Grid.build(cells)
    mask = suppress(grid)
    for eq_cells, _signs in grid.equations():
        assert sum(1 for c in eq_cells if c in mask) != 1


def test_a_single_small_cell_takes_its_neighbours_with_it() -> None:
    grid = Grid.build([[1, 10], [20, 30]])
    published = publish(grid, suppress(grid))
    assert published[0][0] == MARK
    assert sum(1 for row in published for v in row if v == MARK) >= 4
    assert published[2][2] == 61  # the grand total stays


def test_a_table_without_small_cells_is_published_unchanged() -> None:
    grid = Grid.build([[5, 10], [20, 30]])
    assert publish(grid, suppress(grid)) == [[5, 10, 15], [20, 30, 50], [25, 40, 65]]


@settings(max_examples=400, deadline=None)
@given(tables, st.booleans(), st.booleans(), st.randoms(use_true_random=False))
def test_the_fast_bridge_check_finds_exactly_the_cells_linear_algebra_finds(
    cells: list[list[int]], rt: bool, ct: bool, rnd: Any
) -> None:
    grid = Grid.build(cells, row_totals=rt, col_totals=ct)
    mask = {c for c in grid.all_cells() if rnd.random() < 0.4}
    assert determined(grid, mask) == recomputable(grid, mask)


def test_the_complement_is_taken_from_a_less_important_column() -> None:
    # Column 1 is a core category: the row's 2 takes the 10 of column 2 with it, not the
    # smaller 6 of the core column, and the core column stays published in every row.
    grid = Grid.build([[2, 6, 10], [40, 50, 30]])
    published = publish(grid, suppress(grid, importance=Importance(columns={1: 4})))
    assert published[0][0] == MARK and published[0][2] == MARK
    assert [row[1] for row in published] == [6, 50, 56]
    assert not recomputable(grid, suppress(grid, importance=Importance(columns={1: 4})))


def test_the_threshold_follows_the_setting(settings: Any) -> None:
    grid = Grid.build([[4, 30], [20, 30]])
    assert suppress(grid) == set()
    settings.TEILHABE = {**settings.TEILHABE, "SUPPRESSION_MINIMUM": 5}
    assert threshold() == 5 and (0, 0) in suppress(grid)
    settings.TEILHABE = {**settings.TEILHABE, "SUPPRESSION_MINIMUM": 1}
    assert threshold() == 3  # never below the default
