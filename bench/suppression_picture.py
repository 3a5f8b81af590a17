"""Issue 18 acceptance: how much of the statewide person tables suppression hides, before
(smallest-cell complements, no collapsing: the rule of commit b46bbee) and after
(`reporting.publication` + cost-based complements), on a generated statewide table shaped
like the nrw profile (73 alliances, ~70,000 persons; "divers" at 1–2 in most alliances).

    uv run --frozen python -m bench.suppression_picture [--seed N] [--minimum 3|5]

No database: the counts are drawn per alliance, so the figure is the rule's, not the seed's.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BEFORE = "b46bbee"  # the last commit with the old rule
STATUS = ["gestattung", "duldung", "aufenthaltserlaubnis", "settlement", "other", "unknown"]
STATUS_W = [11, 4.3, 70, 10, 2.5, 2.2]  # NRW 12531-0043 shares, rounded
AGE = ["under_18", "18_20", "21_23", "24_27", "over_27"]
AGE_W = [1, 30, 35, 32, 2]
SEX = ["female", "male", "diverse", "unspecified"]


def _setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
    import django

    django.setup()


def _old_suppression() -> Any:
    source = subprocess.run(
        ["git", "show", f"{BEFORE}:src/teilhabe/core/suppression.py"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    path = Path(tempfile.mkdtemp()) / "old_suppression.py"
    path.write_text(source)
    spec = importlib.util.spec_from_file_location("old_suppression", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["old_suppression"] = module
    spec.loader.exec_module(module)
    return module


def _counts(rng: random.Random, n: int, keys: list[str], weights: list[float]) -> dict[str, int]:
    out = dict.fromkeys(keys, 0)
    for key in rng.choices(keys, weights, k=n):
        out[key] += 1
    return out


def generate(seed: int) -> tuple[list[int], dict[str, Any]]:
    """73 alliances, sizes skewed like the nrw profile (a few cities of several thousand,
    many towns of 100–400); divers 1–2 in most of them, "ohne Angabe" now and then."""
    from teilhabe.reporting.selectors import (
        AGE_GROUPS,
        STATUS_GROUPS,
        Indicator,
    )

    rng = random.Random(seed)
    sizes = [max(25, int(rng.lognormvariate(6.4, 0.85))) for _ in range(73)]
    scale = 70_000 / sum(sizes)
    sizes = [max(20, round(s * scale)) for s in sizes]
    ids = list(range(73))
    sex: dict[Any, dict[str, int]] = {}
    allocation: dict[Any, dict[str, int]] = {}
    status: dict[Any, dict[str, int]] = {}
    age: dict[Any, dict[str, int]] = {}
    for a, n in zip(ids, sizes, strict=True):
        diverse = rng.choice([0, 1, 1, 2, 2]) if n < 2000 else rng.randint(1, 6)
        unspecified = 1 if rng.random() < 0.2 else 0
        female = round((n - diverse - unspecified) * 0.29)
        sex[a] = {
            "female": female,
            "male": n - diverse - unspecified - female,
            "diverse": diverse,
            "unspecified": unspecified,
        }
        even = sum(rng.random() < 0.5 for _ in range(diverse + unspecified))
        allocation[a] = {"female": even, "male": diverse + unspecified - even}
        status[a] = _counts(rng, n, STATUS, STATUS_W)
        age[a] = _counts(rng, n, AGE, AGE_W)
    inds = {
        "sex": Indicator(
            "sex", "sex", "persons", [(k, k) for k in SEX], sex, link="persons",
            allocation=allocation,
        ),
        "status": Indicator("status", "status", "persons", list(STATUS_GROUPS), status,
                            link="persons"),
        "age": Indicator("age", "age", "persons", [(k, lbl) for k, lbl, _a, _b in AGE_GROUPS],
                         age, link="persons"),
    }  # fmt: skip
    return sizes, inds


def before(inds: dict[str, Any], ids: list[int], old: Any) -> dict[str, tuple[Any, set]]:
    """The old rule: no collapsing, smallest complements, totals linked across tables."""
    grids = {k: old.Grid.build([i.row(a) for a in ids]) for k, i in inds.items()}
    forced: dict[str, set] = {k: set() for k in inds}
    while True:
        masks = {k: old.suppress(grids[k], forced=forced[k]) for k in inds}
        hidden = {r for k in inds for (r, c) in masks[k] if c == grids[k].cols}
        for k in inds:
            masks[k] |= {(r, grids[k].cols) for r in hidden}
        if masks == forced:
            return {k: (grids[k], masks[k]) for k in inds}
        forced = masks


def after(inds: dict[str, Any], ids: list[int]) -> dict[str, tuple[Any, set]]:
    from teilhabe.core.suppression import threshold
    from teilhabe.reporting import publication, tables

    prepared = [publication.prepare(i, threshold()) for i in inds.values()]
    allocated = sum(len(p.allocated) for p in prepared)
    print(f"  cells allocated (“x”, divers/ohne Angabe counted under weiblich/männlich): "
          f"{allocated}")  # fmt: skip
    grids, masks = tables._suppressed([[p.indicator for p in prepared]], ids)
    return {k: (grids[0][k], masks[k]) for k in inds}


def report(name: str, result: dict[str, tuple[Any, set]], sizes: list[int]) -> None:
    sys.path.insert(0, str(ROOT))
    from tests.core.test_suppression import recomputable

    cells = hidden = 0
    for key, (grid, mask) in result.items():
        n = len(grid.all_cells())
        cells, hidden = cells + n, hidden + len(mask)
        exposed = {c for c in recomputable(grid, mask) if grid.value(c) != 0}
        share = 100 * len(mask) / n
        print(f"  {key:7s}: {len(mask):4d} of {n:4d} cells suppressed ({share:5.1f} %), "
              f"recoverable from the margins: {len(exposed)}")  # fmt: skip
    for key in ("sex", "status"):
        grid, mask = result[key]
        per_column = [sum(1 for r, c in mask if c == col) for col in range(grid.cols + 1)]
        print(f"  {key} hidden per column (categories…, total): {per_column}")
    grid, mask = result["sex"]
    big = [r for r, s in enumerate(sizes) if s >= 20] + [grid.rows]  # + NRW
    lost = [r for r in big if (r, 0) in mask or (r, 1) in mask]
    print(f"  all person tables: {hidden} of {cells} cells ({100 * hidden / cells:.1f} %)")
    print(f"  weiblich or männlich hidden in {len(lost)} of {len(big)} rows "
          f"(alliances with ≥ 20 persons and NRW)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--minimum", type=int, default=3)
    args = parser.parse_args()
    os.environ["TEILHABE_SUPPRESSION_MINIMUM"] = str(args.minimum)
    _setup()
    from django.utils import translation

    translation.activate("de")
    old = _old_suppression()
    sizes, inds = generate(args.seed)
    ids = list(range(len(sizes)))
    small = sum(1 for a in ids if 0 < inds["sex"].counts[a]["diverse"] < 3)
    print(f"generated: {len(ids)} alliances, {sum(sizes):,} persons, sizes "
          f"{min(sizes)}–{max(sizes)}, divers 1–2 in {small} alliances, "
          f"threshold {args.minimum}")  # fmt: skip
    if args.minimum == 3:  # the old rule knew no other threshold
        print("before (b46bbee):")
        report("before", before(inds, ids, old), sizes)
    print("after:")
    report("after", after(inds, ids), sizes)


if __name__ == "__main__":
    main()
