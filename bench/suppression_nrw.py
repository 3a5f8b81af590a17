"""Issue 18 acceptance on the seeded nrw profile: `seed_demo --profile nrw --only reporting`
(foundation: 73 alliances, ~70,000 persons with cases and statuses) on a private
PostgreSQL, then the statewide person tables of a grid period suppressed with the rule of
b46bbee ("before") and with the current one ("after"), as `bench.suppression_picture`.

    uv run --frozen python -m bench.suppression_nrw [YEAR] [QUARTER]
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def measure(year: int, quarter: int) -> None:
    from django_scopes import scopes_disabled

    from bench.suppression_picture import _old_suppression, after, before, report
    from teilhabe.core.models import Alliance
    from teilhabe.reporting import periods
    from teilhabe.reporting.selectors import Filters, indicators

    start, end = periods.quarter(year, quarter) if quarter else periods.year_periods(year)[0]
    with scopes_disabled():
        alliances = list(Alliance.objects.order_by("name"))
        ids = [a.pk for a in alliances]
        inds = {i.key: i for i in indicators(ids, Filters(start, end))}
    person = {k: inds[k] for k in ("sex", "status", "age")}
    sizes = [sum(inds["sex"].row(a)) for a in ids]
    small = sum(1 for a in ids if 0 < inds["sex"].counts.get(a, {}).get("diverse", 0) < 3)
    print(f"nrw profile, {start:%d.%m.%Y}–{end:%d.%m.%Y}: {len(ids)} alliances, "
          f"{sum(sizes):,} persons in casework, sizes {min(sizes)}–{max(sizes)}, "
          f"divers 1–2 in {small} alliances")  # fmt: skip
    print("before (b46bbee):")
    report("before", before(person, ids, _old_suppression()), sizes)
    print("after:")
    report("after", after(person, ids), sizes)


def main() -> None:
    year = int(sys.argv[1]) if len(sys.argv) > 1 else 2026
    quarter = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    if os.environ.get("SUPPRESSION_NRW_CHILD"):
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "teilhabe.settings")
        import django

        django.setup()
        from django.utils import translation

        translation.activate("de")
        measure(year, quarter)
        return
    from tests.pgserver import PgServer

    server = PgServer.start(fsync=False)
    env = {**os.environ, "DATABASE_URL": server.url}
    try:
        started = time.perf_counter()
        run = ["uv", "run", "--frozen", "teilhabe"]
        subprocess.run([*run, "migrate", "-v0"], env=env, check=True)
        subprocess.run([*run, "load_reference"], env=env, check=True)
        subprocess.run(
            [*run, "seed_demo", "--profile", "nrw", "--only", "reporting", "--quiet-logins"],
            env=env,
            check=True,
        )
        print(f"seeded in {time.perf_counter() - started:.0f} s")
        child = {**env, "SUPPRESSION_NRW_CHILD": "1"}
        subprocess.run(
            ["uv", "run", "--frozen", "python", "-m", "bench.suppression_nrw", *sys.argv[1:]],
            env=child,
            check=True,
        )
    finally:
        server.stop()


if __name__ == "__main__":
    main()
