"""Small-cell suppression for every aggregate that leaves an alliance (the statewide
monitoring, the Maßnahme-Karriere rates, reports), and rates published from it. Pure Python.

A table is an R × C grid of counts, optionally with a total column (row sums) and a total
row (column sums); the totals are published too and are cells like the others.

1. Primary: every cell (totals included) from 1 to `threshold() - 1` is suppressed (shown
   as "."); the threshold is the setting TEILHABE["SUPPRESSION_MINIMUM"], 3 by default (5
   for a stricter publication).
2. Secondary: in any row or column equation (a row's cells and its total, a column's cells
   and its total) with exactly one suppressed cell, the cheapest other cell is suppressed
   as well; repeated until stable. The cost of a cell (`Importance`) puts a cell that would
   hide the last published cell of its category (column) last, then non-zero before zero
   cells (a hidden 0 protects little), then the value weighted by the importance of its
   category (totals and core categories such as "weiblich" or "Duldung" weigh more), so
   the information lost is small and a whole category never goes when another choice
   exists.
3. Closure: step 2 only protects against one equation at a time. Combining equations can
   still pin a cell down (e.g. a suppressed cell that is the only link between two groups
   of suppressed cells). `determined` finds every cell the whole system of published
   margins fixes exactly (see there); such a cell gets a further neighbour suppressed and
   steps 2–3 repeat. This terminates: with everything suppressed no non-zero cell is
   determined (the true table is a non-zero solution of the homogeneous system).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from teilhabe.core.tabular import Percent

Cell = tuple[int, int]
MINIMUM = 3  # the default threshold: counts below it (but above 0) are never published
MARK = "."
Value = int | str | None  # a count, "." (suppressed) or a formatted rate


@dataclass
class Grid:
    """The extended grid: interior cells plus the total column/row when present."""

    values: list[list[int]]
    rows: int  # interior rows
    cols: int  # interior columns
    row_totals: bool
    col_totals: bool

    @classmethod
    def build(
        cls, cells: Sequence[Sequence[int]], *, row_totals: bool = True, col_totals: bool = True
    ) -> Grid:
        rows = len(cells)
        cols = len(cells[0]) if rows else 0
        values = [list(r) + ([sum(r)] if row_totals else []) for r in cells]
        if col_totals:
            width = cols + (1 if row_totals else 0)
            values.append([sum(values[r][c] for r in range(rows)) for c in range(width)])
        return cls(values, rows, cols, row_totals, col_totals)

    def value(self, cell: Cell) -> int:
        return self.values[cell[0]][cell[1]]

    def all_cells(self) -> list[Cell]:
        return [(r, c) for r in range(len(self.values)) for c in range(len(self.values[r]))]

    def equations(self) -> list[tuple[list[Cell], list[int]]]:
        """Each margin relation as (cells, signs): sum(sign × value) = 0."""
        eqs: list[tuple[list[Cell], list[int]]] = []
        height = len(self.values)
        width = self.cols + (1 if self.row_totals else 0)
        if self.row_totals:
            for r in range(height):
                cells = [(r, c) for c in range(self.cols)] + [(r, self.cols)]
                eqs.append((cells, [1] * self.cols + [-1]))
        if self.col_totals:
            for c in range(width):
                cells = [(r, c) for r in range(self.rows)] + [(self.rows, c)]
                eqs.append((cells, [1] * self.rows + [-1]))
        return eqs


def threshold() -> int:
    """The smallest count published (setting TEILHABE["SUPPRESSION_MINIMUM"], at least 3)."""
    from django.conf import settings

    configured = getattr(settings, "TEILHABE", {}).get("SUPPRESSION_MINIMUM", MINIMUM)
    return max(MINIMUM, int(configured))


def note() -> str:
    """The explanation every page and export with suppressed figures shows."""
    from django.utils.translation import gettext as _

    return _(
        "Figures from 1 to %(below)s and figures from which they could be recomputed are "
        "shown as “.”."
    ) % {"below": threshold() - 1}


@dataclass(frozen=True)
class Importance:
    """How much publishing a cell is worth, as a weight on its value: per interior column
    (the categories), and for the totals (the total column and the total row)."""

    columns: dict[int, int] = field(default_factory=dict)
    total: int = 4
    default: int = 1

    def weight(self, grid: Grid, cell: Cell) -> int:
        r, c = cell
        column = self.total if c >= grid.cols else self.columns.get(c, self.default)
        return column * (self.total if r >= grid.rows else 1)


def suppress(
    grid: Grid,
    *,
    forced: Collection[Cell] = (),
    minimum: int | None = None,
    importance: Importance | None = None,
) -> set[Cell]:
    """The cells to publish as "." (coordinates in the extended grid)."""
    limit = threshold() if minimum is None else minimum
    mask = {cell for cell in grid.all_cells() if 0 < grid.value(cell) < limit}
    mask |= set(forced)
    equations = [cells for cells, _signs in grid.equations()]
    cost = _Cost(grid, importance or Importance(), mask)
    while True:
        _secondary(grid, mask, equations, cost)
        exposed = [c for c in sorted(determined(grid, mask)) if grid.value(c) != 0]
        if not exposed:
            return mask
        cell = exposed[0]
        candidates = {
            other for cells in equations if cell in cells for other in cells if other not in mask
        }
        if not candidates:  # pragma: no cover - impossible: a determined cell has neighbours
            mask.update(grid.all_cells())
            return mask
        mask.add(cost.cheapest(candidates))


class _Cost:
    """Chooses complements: see the module's step 2 for the order."""

    def __init__(self, grid: Grid, importance: Importance, mask: set[Cell]) -> None:
        self.grid, self.importance, self.mask = grid, importance, mask
        self.column_cells: dict[int, list[Cell]] = {}
        for cell in grid.all_cells():
            self.column_cells.setdefault(cell[1], []).append(cell)

    def key(self, cell: Cell) -> tuple[bool, bool, int, int, Cell]:
        value = self.grid.value(cell)
        column = self.column_cells[cell[1]]
        last = all(other in self.mask for other in column if other != cell)
        weighted = value * self.importance.weight(self.grid, cell)
        return (last and len(column) > 1, value == 0, weighted, value, cell)

    def cheapest(self, cells: Iterable[Cell]) -> Cell:
        return min(cells, key=self.key)


def _secondary(grid: Grid, mask: set[Cell], equations: list[list[Cell]], cost: _Cost) -> None:
    changed = True
    while changed:
        changed = False
        for cells in equations:
            hidden = [c for c in cells if c in mask]
            if len(hidden) == 1:
                others = [c for c in cells if c not in mask]
                if others:
                    mask.add(cost.cheapest(others))
                    changed = True


def determined(grid: Grid, mask: Collection[Cell]) -> set[Cell]:
    """Suppressed cells whose value follows exactly from the published cells and margins.

    Every margin relation is "a line's cells minus its total = 0"; flipping the sign of the
    total cells turns them into "each row and each column sums to 0", i.e. a bipartite
    graph (row and column lines as vertices, unknown cells as edges; a line without a
    published total is unconstrained, all of them merge into one free vertex). The
    unknowns' freedom is exactly the cycle space of that graph, so a cell is recomputable
    exactly when its edge lies on no cycle: when it is a bridge. Linear in the table size.
    """
    if not grid.row_totals and not grid.col_totals:
        return set()
    edges: list[tuple[object, object, Cell]] = []
    for r, c in mask:
        u = ("r", r) if grid.row_totals else "free"
        v = ("c", c) if grid.col_totals else "free"
        edges.append((u, v, (r, c)))
    return {edges[i][2] for i in _bridges(edges)}


def _bridges(edges: list[tuple[object, object, Cell]]) -> set[int]:
    """Indexes of the bridge edges (Tarjan, iterative; parallel edges are no bridges)."""
    adjacent: dict[object, list[tuple[object, int]]] = {}
    for i, (u, v, _cell) in enumerate(edges):
        adjacent.setdefault(u, []).append((v, i))
        adjacent.setdefault(v, []).append((u, i))
    order: dict[object, int] = {}
    low: dict[object, int] = {}
    found: set[int] = set()
    for root in adjacent:
        if root in order:
            continue
        order[root] = low[root] = len(order)
        stack: list[tuple[object, int, int]] = [(root, -1, 0)]
        while stack:
            node, via, pos = stack[-1]
            if pos < len(adjacent[node]):
                stack[-1] = (node, via, pos + 1)
                nxt, edge = adjacent[node][pos]
                if edge == via:
                    continue
                if nxt in order:
                    low[node] = min(low[node], order[nxt])
                else:
                    order[nxt] = low[nxt] = len(order)
                    stack.append((nxt, edge, 0))
            else:
                stack.pop()
                if stack:
                    parent = stack[-1][0]
                    low[parent] = min(low[parent], low[node])
                    if low[node] > order[parent]:
                        found.add(via)
    return found


def publish(
    grid: Grid, mask: Collection[Cell], marks: dict[Cell, str] | None = None
) -> list[list[int | str]]:
    """The extended grid as published: "." for every suppressed cell, and the given mark
    for a cell not published for another reason (e.g. allocated, see reporting)."""
    other = marks or {}
    return [
        [MARK if (r, c) in mask else other.get((r, c), v) for c, v in enumerate(row)]
        for r, row in enumerate(grid.values)
    ]


def percent(part: int, whole: int | None) -> str:
    """A rate such as "1,5 %" (a `Percent`: a number in Excel), or "–" without a whole."""
    if not whole:
        return "–"
    return Percent(Decimal(part) / Decimal(whole))


def published_rate(part: Value, whole: Value) -> str:
    """A rate as published: only from two published counts, else "." (with one of them
    hidden, the rate would give it away)."""
    if isinstance(part, int) and isinstance(whole, int):
        return percent(part, whole)
    return MARK


def published_rates(
    counts: Sequence[tuple[int, int]], *, with_total: bool
) -> list[tuple[Value, Value, str]]:
    """(part, whole) per row → (part, whole, rate) as published by the one suppression rule.

    The grid is part | whole − part with the wholes as row totals; `with_total` when the rows
    split one population (alliances of NRW): the column sums are then published as a last
    row, and suppression keeps every hidden cell from being recomputed from them."""
    grid = Grid.build(
        [[part, whole - part] for part, whole in counts] or [[0, 0]],
        row_totals=True,
        col_totals=with_total,
    )
    published = publish(grid, suppress(grid))
    return [(row[0], row[2], published_rate(row[0], row[2])) for row in published]
